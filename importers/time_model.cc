#include "importers/time_model.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "core/precedence.h"
#include "importers/org_index.h"

namespace govmap {
namespace {

// Intervals as sorted, disjoint lists.
using Spans = std::vector<Interval>;

Spans intersect(const Interval& iv, const Spans& spans) {
  Spans out;
  for (const Interval& s : spans) {
    if (!s.overlaps(iv)) continue;
    Interval piece{std::max(s.from, iv.from), s.to};
    if (iv.to && (!piece.to || *iv.to < *piece.to)) piece.to = iv.to;
    out.push_back(piece);
  }
  return out;
}

Spans subtract(const Spans& spans, const Interval& cut) {
  Spans out;
  for (const Interval& s : spans) {
    if (!s.overlaps(cut)) {
      out.push_back(s);
      continue;
    }
    if (s.from < cut.from) out.push_back({s.from, cut.from.prev_day()});
    if (cut.to && (!s.to || *s.to > *cut.to)) out.push_back({cut.to->next_day(), s.to});
  }
  return out;
}

// Union of sorted periods as disjoint spans (touching periods join).
Spans life_of(const std::vector<OrgPeriod>& periods) {
  Spans out;
  for (const OrgPeriod& p : periods) {
    if (!out.empty() && out.back().to && (p.valid.from <= out.back().to->next_day())) {
      if (!p.valid.to)
        out.back().to.reset();
      else if (*p.valid.to > *out.back().to)
        out.back().to = p.valid.to;
      continue;
    }
    if (!out.empty() && !out.back().to) continue;
    out.push_back(p.valid);
  }
  return out;
}

const OrgPeriod* period_at(const std::vector<OrgPeriod>& periods, Date d) {
  for (const OrgPeriod& p : periods)
    if (p.valid.contains(d)) return &p;
  return nullptr;
}

std::string end_text(const std::optional<Date>& d) {
  return d ? d->str() : "open";
}

bool same(const Spans& a, const Spans& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].from != b[i].from || a[i].to != b[i].to) return false;
  return true;
}

bool alive(const Spans& life, Date d) {
  for (const Interval& s : life)
    if (s.contains(d)) return true;
  return false;
}

// Rule 4: a council that succeeds others by a curated succession covers their
// areas. Each snapshot part_of from a predecessor council to an NHS area, in
// force on its last day, continues from the successor's first day, until that
// area closes or a snapshot places the successor in another area of the same
// kind. The share is kept only where every predecessor lay wholly inside.
void inherit_areas(std::map<std::string, DatasetContent>& data,
                   const std::vector<Relationship>& curated,
                   const std::map<std::string, std::vector<OrgPeriod>>& view,
                   std::map<std::string, Spans>& life) {
  auto kind_at = [&](const std::string& id, Date d) -> std::optional<OrgKind> {
    auto it = view.find(id);
    if (it == view.end()) return std::nullopt;
    const OrgPeriod* p = period_at(it->second, d);
    return p ? std::optional<OrgKind>(base_kind(p->kind)) : std::nullopt;
  };
  // successor -> (step, predecessor's last day)
  std::map<std::string, std::vector<std::pair<const Relationship*, Date>>> successions;
  for (const Relationship& r : curated) {
    if (r.kind != RelKind::kSucceededBy || !r.valid.to) continue;
    // A map may date it on the effective day (curated_map.cc stores it on the
    // last day, but the maps of this import are read here before that).
    Date last = *r.valid.to;
    if (kind_at(r.from, last) != OrgKind::kLocalAuthority) last = last.prev_day();
    if (kind_at(r.from, last) != OrgKind::kLocalAuthority ||
        kind_at(r.to, last.next_day()) != OrgKind::kLocalAuthority)
      continue;
    successions[r.to].push_back({&r, last});
  }
  for (auto& [d, c] : data) {
    std::vector<Relationship> added;
    for (const auto& [successor, steps] : successions) {
      Date first = steps.front().second.next_day();
      // parent -> (shares, predecessors)
      std::map<std::string, std::pair<std::vector<std::optional<double>>, std::set<std::string>>>
          parents;
      std::vector<std::string> sources;
      // parent -> the lines of the predecessors' rows placing them in it
      std::map<std::string, SourceLines> lines;
      // parent -> the CCGs through which a predecessor lay in it (composed)
      std::map<std::string, std::set<std::string>> through;
      for (const auto& [step, last] : steps) {
        for (const Relationship& r : c.relationships) {
          if (r.kind != RelKind::kPartOf || r.from != step->from || !r.valid.contains(last))
            continue;
          auto pk = kind_at(r.to, last);
          if (!pk || *pk == OrgKind::kLocalAuthority || *pk == OrgKind::kOther) continue;
          parents[r.to].first.push_back(r.share);
          parents[r.to].second.insert(step->from);
          sources.insert(sources.end(), r.cited().sources.begin(), r.cited().sources.end());
          lines[r.to].insert(r.cited().source_lines.begin(), r.cited().source_lines.end());
        }
        // A council's system on its last day is also that of its
        // commissioners: the lookups link districts to CCGs in years that
        // link them to no STP (2020), and a CCG to its STP or ICB. Each
        // system the predecessor is not placed in directly is composed from
        // the CCGs covering it, its share the sum of theirs.
        std::map<std::string, std::optional<double>> composed;
        std::map<std::string, std::set<std::string>> via;
        for (const Relationship& r : c.relationships) {
          if (r.kind != RelKind::kPartOf || r.from != step->from || !r.valid.contains(last) ||
              kind_at(r.to, last) != OrgKind::kCcg)
            continue;
          for (const Relationship& up : c.relationships) {
            if (up.kind != RelKind::kPartOf || up.from != r.to || !up.valid.contains(last) ||
                kind_at(up.to, last) != OrgKind::kStp)
              continue;
            auto [it, fresh] = composed.emplace(up.to, r.share);
            if (!fresh)
              it->second = it->second && r.share
                               ? std::optional<double>(std::min(1.0, *it->second + *r.share))
                               : std::nullopt;
            via[up.to].insert(r.to);
            sources.insert(sources.end(), r.cited().sources.begin(), r.cited().sources.end());
            sources.insert(sources.end(), up.cited().sources.begin(), up.cited().sources.end());
            lines[up.to].insert(r.cited().source_lines.begin(), r.cited().source_lines.end());
            lines[up.to].insert(up.cited().source_lines.begin(), up.cited().source_lines.end());
          }
        }
        for (const auto& [system, share] : composed) {
          if (parents[system].second.count(step->from)) continue;  // placed there directly
          parents[system].first.push_back(share);
          parents[system].second.insert(step->from);
          through[system].insert(via[system].begin(), via[system].end());
        }
      }
      if (sources.empty()) continue;
      for (const auto& [parent, what] : parents) {
        Interval valid{first, std::nullopt};
        Spans spans;
        for (const Interval& s : intersect(valid, life[parent]))
          for (const Interval& t : intersect(s, life[successor])) spans.push_back(t);
        // The successor's own snapshot placements in areas of the same kind win.
        auto pk = kind_at(parent, spans.empty() ? first : spans.front().from);
        for (const Relationship& own : c.relationships)
          if (own.kind == RelKind::kPartOf && own.from == successor && own.to != parent &&
              kind_at(own.to, own.valid.from) == pk) {
            Spans kept;
            for (const Interval& s : spans)
              for (const Interval& k : subtract({s}, own.valid)) kept.push_back(k);
            spans = kept;
          }
        bool own_same = false;
        for (const Relationship& own : c.relationships)
          own_same = own_same ||
                     (own.kind == RelKind::kPartOf && own.from == successor && own.to == parent);
        if (own_same) continue;
        // Wholly inside only when every predecessor was: a successor of two
        // districts in different systems lies partly in each.
        std::set<std::string> predecessors;
        for (const auto& step : steps) predecessors.insert(step.first->from);
        bool whole = what.second.size() == predecessors.size();
        for (const auto& share : what.first) whole = whole && (!share || *share >= 1.0);
        std::vector<std::string> cited = sources;
        for (const auto& step : steps)
          cited.insert(cited.end(), step.first->cited().sources.begin(),
                       step.first->cited().sources.end());
        for (const Interval& s : spans) {
          Relationship r = statutory_part_of(successor, parent, s, cited, lines[parent], c.dataset);
          if (whole && what.first.front()) r.share = 1.0;
          r.cite().note =
              "area of " +
              join(std::vector<std::string>(what.second.begin(), what.second.end()), ", ") +
              ", which this council succeeded on " + first.str() + " (" +
              steps.front().first->dataset + ")" +
              (through.count(parent) ? "; the system of " +
                                           join(std::vector<std::string>(through[parent].begin(),
                                                                         through[parent].end()),
                                                ", ") +
                                           ", which covered them then"
                                     : "") +
              (whole ? "" : "; share not known: the predecessors lay partly elsewhere");
          added.push_back(std::move(r));
        }
      }
    }
    c.relationships.insert(c.relationships.end(), added.begin(), added.end());
    std::sort(c.relationships.begin(), c.relationships.end());
  }
}

// Rule 6 (law): every CCG in force on 30 June 2022 was abolished that day and
// its functions passed to the ICB of its area, established on 1 July 2022. The
// ICB is the one the body (now a sub-ICB location) is part_of on 1 July 2022,
// else the STP it was part_of on 30 June 2022 that became an ICB.
void ccgs_to_icbs(std::map<std::string, DatasetContent>& data,
                  const std::map<std::string, std::vector<OrgPeriod>>& view) {
  const Date last = icb_day().prev_day();
  auto kind_at = [&](const std::string& id, Date d) -> std::optional<OrgKind> {
    auto it = view.find(id);
    if (it == view.end()) return std::nullopt;
    const OrgPeriod* p = period_at(it->second, d);
    return p ? std::optional<OrgKind>(p->kind) : std::nullopt;
  };
  std::map<std::string, std::pair<int, const Relationship*>> icb_of;  // ccg -> (preference, link)
  for (const auto& [d, c] : data)
    for (const Relationship& r : c.relationships) {
      if (r.kind != RelKind::kPartOf || kind_at(r.from, last) != OrgKind::kCcg) continue;
      if (kind_at(r.to, icb_day()) != OrgKind::kIcb) continue;
      int preference = r.valid.contains(icb_day()) ? 0 : r.valid.contains(last) ? 1 : 2;
      if (preference == 2) continue;
      auto [it, fresh] = icb_of.emplace(r.from, std::pair{preference, &r});
      if (!fresh &&
          std::tie(preference, r.to, r.dataset) <
              std::tie(it->second.first, it->second.second->to, it->second.second->dataset))
        it->second = {preference, &r};
    }
  std::map<std::string, std::vector<Relationship>> added;
  for (const auto& [ccg, found] : icb_of) {
    const Relationship& link = *found.second;
    Relationship r;
    r.from = ccg;
    r.to = link.to;
    r.kind = RelKind::kSucceededBy;
    r.layer = Layer::kStatutory;
    r.valid = {last, last};
    Citation& c = r.cite();
    c.legal_basis =
        "Health and Care Act 2022 (CCGs abolished on 30 June 2022; their functions pass to the "
        "ICBs established on 1 July 2022 under NHS Act 2006 s14Z25)";
    c.note = "rule of law: every CCG was succeeded by the ICB of its area";
    c.sources = link.cited().sources;
    c.source_lines = link.cited().source_lines;
    r.dataset = link.dataset;
    added[link.dataset].push_back(std::move(r));
  }
  for (auto& [d, rels] : added) {
    DatasetContent& c = data[d];
    c.relationships.insert(c.relationships.end(), rels.begin(), rels.end());
    std::sort(c.relationships.begin(), c.relationships.end());
  }
}

}  // namespace

std::optional<Date> law_end(OrgKind kind) {
  if (kind == OrgKind::kNhseLocalOffice) return Date::from_ymd(2019, 3, 31);
  // Non-statutory ICS partnerships gave way to statutory ones (an ICB and an
  // ICP) on 1 July 2022, Health and Care Act 2022.
  if (kind == OrgKind::kIcs) return Date::from_ymd(2022, 6, 30);
  return std::nullopt;
}

namespace {

// The words of a partnership's name that say where it is.
std::set<std::string> place_words(const std::string& name) {
  static const std::set<std::string> filler = {
      "and", "the", "of",  "health", "care",       "social",         "partnership",
      "ics", "stp", "hcp", "system", "integrated", "sustainability", "transformation",
      "in",  "for", "nhs", "board",  "icb"};
  std::set<std::string> out;
  std::string word;
  for (size_t i = 0; i <= name.size(); ++i) {
    char c = i < name.size() ? name[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      if (!filler.count(word)) out.insert(word);
      word.clear();
    }
  }
  return out;
}

// An ICS designation names an STP when every word of the ICS's name is in the
// STP's and the STP's name says nothing more, bar a shorter form of one of the
// ICS's words ("Nottingham and Nottinghamshire" for "Nottinghamshire").
bool names_same_area(const std::set<std::string>& ics, const std::set<std::string>& stp) {
  if (ics.empty()) return false;
  for (const std::string& w : ics)
    if (!stp.count(w)) return false;
  for (const std::string& w : stp) {
    if (ics.count(w)) continue;
    bool shorter = false;
    for (const std::string& i : ics)
      shorter = shorter || (i.size() > w.size() && i.rfind(w, 0) == 0);
    if (!shorter) return false;
  }
  return true;
}

// Rule of identity: an ICS designation (ONS ICS19 codes E59...) is a status an
// STP held, not another body. A designation whose name is that of exactly one
// STP becomes that STP's identifier ons:E59...; its own periods go. One that
// names no STP (the early ICSs that covered part of an STP, such as Blackpool
// and Fylde Coast) stays a body, closed by law_end().
void merge_ics_designations(std::map<std::string, DatasetContent>& data) {
  // STP id -> place words of each of its names
  std::map<std::string, std::vector<std::set<std::string>>> stp_names;
  std::map<std::string, std::string> ics_names;  // ICS id -> its name
  for (const auto& [d, c] : data)
    for (const auto& [id, p] : c.periods) {
      if (base_kind(p.kind) == OrgKind::kStp) stp_names[id].push_back(place_words(p.name));
      if (p.kind == OrgKind::kIcs) ics_names[id] = p.name;
    }
  std::map<std::string, std::string> to_stp;
  for (const auto& [ics, name] : ics_names) {
    std::set<std::string> words = place_words(name);
    std::vector<std::string> matches;
    for (const auto& [stp, names] : stp_names) {
      bool same = false;
      for (const auto& n : names) same = same || names_same_area(words, n);
      if (stp != ics && same) matches.push_back(stp);
    }
    // An STP known by an ODS code wins over a 2018 ONS-only code of the same
    // partnership (E54000035 and QXU are both Surrey Heartlands).
    std::vector<std::string> coded;
    for (const std::string& m : matches)
      if (m.size() != 9) coded.push_back(m);
    if (coded.size() == 1)
      to_stp[ics] = coded.front();
    else if (coded.empty() && matches.size() == 1)
      to_stp[ics] = matches.front();
  }
  if (to_stp.empty()) return;
  for (auto& [d, c] : data) {
    std::vector<std::pair<std::string, OrgPeriod>> periods;
    for (auto& [id, p] : c.periods)
      if (!to_stp.count(id)) periods.emplace_back(id, std::move(p));
    c.periods = std::move(periods);
    std::vector<std::string> orgs;
    for (const std::string& id : c.organisations)
      if (!to_stp.count(id)) orgs.push_back(id);
    c.organisations = std::move(orgs);
    for (auto& [id, ident] : c.identifiers) {
      auto it = to_stp.find(id);
      if (it != to_stp.end()) id = it->second;
    }
    for (const auto& [ics, stp] : to_stp)
      if (ics.size() == 9 && d == "ons:lookups")
        c.identifiers.emplace_back(stp, Identifier{"ons", ics});
    std::sort(c.identifiers.begin(), c.identifiers.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first, a.second) < std::tie(b.first, b.second);
    });
    c.identifiers.erase(std::unique(c.identifiers.begin(), c.identifiers.end()),
                        c.identifiers.end());
    for (Relationship& r : c.relationships) {
      if (auto it = to_stp.find(r.from); it != to_stp.end()) r.from = it->second;
      if (auto it = to_stp.find(r.to); it != to_stp.end()) r.to = it->second;
    }
  }
}

}  // namespace

// Rule 5: a name holds from the snapshot that saw it. An ODS extract gives only
// each body's current name, stretched back to its open date; where an ONS
// snapshot saw another name over days before the first ODS snapshot naming the
// body, those days take the ONS name ("NHS Kernow CCG" for 11N in 2019, not
// the 2025 extract's "NHS CORNWALL AND THE ISLES OF SCILLY ICB - 11N").
void earlier_names(std::map<std::string, DatasetContent>& data) {
  auto ons = data.find("ons:lookups");
  if (ons == data.end()) return;
  std::map<std::string, Date> ons_seen;
  for (const Source& s : ons->second.sources)
    if (auto date = Date::parse(s.date)) ons_seen.emplace(s.id, *date);
  // Only ONS periods a snapshot saw: not the stretch of a CCG's name past
  // 30 June 2022 onto the sub-ICB location that the same code became.
  std::map<std::string, std::vector<const OrgPeriod*>> ons_periods;
  for (const auto& [id, p] : ons->second.periods) {
    bool seen = false;
    for (const std::string& src : p.sources)
      if (auto it = ons_seen.find(src); it != ons_seen.end() && p.valid.contains(it->second))
        seen = true;
    if (seen) ons_periods[id].push_back(&p);
  }
  for (auto& [d, c] : data) {
    if (d.rfind("ods:", 0) != 0) continue;
    std::map<std::string, Date> seen_on;
    for (const Source& s : c.sources)
      if (auto date = Date::parse(s.date)) seen_on.emplace(s.id, *date);
    std::vector<std::pair<std::string, OrgPeriod>> out;
    for (auto& [id, p] : c.periods) {
      std::optional<Date> first;
      for (const std::string& s : p.sources)
        if (auto it = seen_on.find(s); it != seen_on.end() && (!first || it->second < *first))
          first = it->second;
      auto theirs = ons_periods.find(id);
      if (!first || *first <= p.valid.from || theirs == ons_periods.end() || p.placeholder) {
        out.emplace_back(id, std::move(p));
        continue;
      }
      // Cut [from, first - 1] by the ONS periods there; keep the rest as it is.
      Interval unseen{p.valid.from,
                      p.valid.to && *p.valid.to < *first ? p.valid.to : first->prev_day()};
      Date at = p.valid.from;
      for (const OrgPeriod* q : theirs->second) {
        if (!q->valid.overlaps(unseen) || q->kind != p.kind || q->name == p.name) continue;
        Date from = std::max(q->valid.from, unseen.from);
        Date to = q->valid.to && *q->valid.to < *unseen.to ? *q->valid.to : *unseen.to;
        if (from < at) continue;
        if (at < from) {
          OrgPeriod before = p;
          before.valid = {at, from.prev_day()};
          out.emplace_back(id, std::move(before));
        }
        OrgPeriod named = p;
        named.valid = {from, to};
        named.name = q->name;
        named.sources = q->sources;
        named.source_lines = q->source_lines;
        out.emplace_back(id, std::move(named));
        at = to.next_day();
      }
      if (!p.valid.to || at <= *p.valid.to) {
        p.valid.from = at;
        out.emplace_back(id, std::move(p));
      }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.valid.from < b.second.valid.from;
    });
    c.periods = std::move(out);
  }
}

void settle_data(std::map<std::string, DatasetContent>& data,
                 const std::vector<std::pair<std::string, OrgPeriod>>& others,
                 std::vector<Relationship> curated) {
  // Whatever order the maps were read in.
  std::sort(curated.begin(), curated.end(), [](const Relationship& a, const Relationship& b) {
    return std::tie(a, a.dataset) < std::tie(b, b.dataset);
  });
  merge_ics_designations(data);
  earlier_names(data);
  // Rule 3 first: it changes the lifetimes rule 1 reads.
  for (auto& [d, c] : data) {
    std::vector<std::pair<std::string, OrgPeriod>> kept;
    for (auto& [id, p] : c.periods) {
      if (auto end = law_end(p.kind)) {
        if (p.valid.from > *end) continue;
        if (!p.valid.to || *p.valid.to > *end) p.valid.to = end;
      }
      kept.emplace_back(id, std::move(p));
    }
    c.periods = std::move(kept);
  }

  // The combined view of every organisation, as reads will show it.
  std::map<std::string, std::vector<OrgPeriod>> raw;
  for (const auto& [id, p] : others) raw[id].push_back(p);
  for (const auto& [d, c] : data)
    for (const auto& [id, p] : c.periods) raw[id].push_back(p);
  std::map<std::string, std::vector<OrgPeriod>> view;
  std::map<std::string, Spans> life;
  for (auto& [id, periods] : raw) {
    view[id] = effective_periods(std::move(periods));
    life[id] = life_of(view[id]);
  }
  auto kind_at = [&](const std::string& id, Date d) -> std::optional<OrgKind> {
    auto it = view.find(id);
    if (it == view.end()) return std::nullopt;
    const OrgPeriod* p = period_at(it->second, d);
    if (!p) return std::nullopt;
    return base_kind(p->kind);
  };

  // Curated placements: from -> (parent, days).
  std::map<std::string, std::vector<const Relationship*>> placed;
  for (const Relationship& r : curated)
    if (r.kind == RelKind::kPartOf) placed[r.from].push_back(&r);

  for (auto& [d, c] : data) {
    std::vector<Relationship> out;
    for (Relationship& r : c.relationships) {
      if (r.kind == RelKind::kSucceededBy) {
        out.push_back(std::move(r));
        continue;
      }
      // Rule 1: both ends in force.
      Spans spans = intersect(r.valid, life[r.from]);
      Spans both;
      for (const Interval& s : spans)
        for (const Interval& t : intersect(s, life[r.to])) both.push_back(t);
      std::vector<std::string> why;
      if (!both.empty() && both.back().to && both.back().to != r.valid.to) {
        Date next = both.back().to->next_day();
        why.push_back("ends " + both.back().to->str() + ", when " +
                      (alive(life[r.from], next) ? r.to : r.from) + " closes");
      }
      // Rule 2: a curated placement in another parent of the same kind.
      auto pl = placed.find(r.from);
      if (pl != placed.end()) {
        auto parent_kind = kind_at(r.to, r.valid.from);
        for (const Relationship* m : pl->second) {
          if (m->to == r.to || !parent_kind) continue;
          if (kind_at(m->to, m->valid.from) != parent_kind) continue;
          Spans before = both;
          both = subtract(both, m->valid);
          if (!same(before, both))
            why.push_back("overridden " + m->valid.from.str() + " to " + end_text(m->valid.to) +
                          " by " + m->dataset + ", which places " + r.from + " in " + m->to);
        }
      }
      for (const Interval& s : both) {
        Relationship q = r;
        q.valid = s;
        if (!why.empty()) {
          std::string& note = q.cite().note;
          note += (note.empty() ? "" : "; ") + join(why, "; ");
        }
        out.push_back(std::move(q));
      }
    }
    std::sort(out.begin(), out.end());
    c.relationships = std::move(out);
  }
  inherit_areas(data, curated, view, life);
  ccgs_to_icbs(data, view);
}

}  // namespace govmap
