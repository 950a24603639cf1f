#include "importers/ods_merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/country.h"

namespace govmap {
namespace {

const std::vector<std::string> kTitles = {
    "ODS etr extract: NHS trusts",
    "ODS eccg extract: CCGs, sub-ICB locations and commissioning hubs",
    "ODS ect extract: care trusts", "ODS succ extract: successor organisations"};
const char* const kPublisher = "NHS England (Organisation Data Service)";
const char* const kUrl = "https://digital.nhs.uk/services/organisation-data-service/data-downloads";

const char* const kRegionNote =
    "ODS field 3 (national grouping: NHS England region) as at the extract date";
const char* const kGeographyNote =
    "ODS field 4 (high level health geography: STP/ICB) as at the extract date";
const char* const kSuccessionNote = "ODS successor organisation file";

struct Snapshot {
  std::string source;
  Date date;
};

struct Observation {
  std::string source;
  Date date;
  std::string name;
  OrgKind kind;  // base kind
  int line = 0;  // of the row in the source's file; 0 when not known
};

// What the dataset knows of one organisation.
struct OrgState {
  std::string code;  // its ODS code (the id, unless a map keys it otherwise)
  std::vector<Observation> observations;
  bool has_interval = false;
  Interval interval;           // from the newest snapshot listing it
  std::optional<Date> newest;  // date of that snapshot
  std::string newest_source;
  Country country = Country::kUnknown;  // from the newest row whose geography says
  std::optional<Date> country_date;     // that row's snapshot date
};

// Makes an organisation's periods from its observations (sorted by date).
void build_periods(const std::string& id, const OrgState& st, DatasetContent& out) {
  struct Segment {
    Date start;
    std::string name;
    OrgKind kind;
    std::vector<std::string> sources;
  };
  std::vector<Segment> segs;
  SourceLines lines;
  for (const Observation& o : st.observations)
    if (o.line > 0) lines.emplace(o.source, o.line);
  const Interval& iv = st.interval;
  for (const Observation& o : st.observations) {
    if (segs.empty()) {
      segs.push_back({iv.from, o.name, o.kind, {o.source}});
      continue;
    }
    Segment& cur = segs.back();
    Date start = std::max(o.date, iv.from);
    if ((o.name == cur.name && o.kind == cur.kind) || (iv.to && start > *iv.to)) {
      // Same name, or a change seen only after the organisation closed: the
      // snapshot confirms the period in force.
      cur.sources.push_back(o.source);
    } else if (start == cur.start) {
      cur.name = o.name;
      cur.kind = o.kind;
      cur.sources.push_back(o.source);
    } else {
      segs.push_back({start, o.name, o.kind, {o.source}});
    }
  }
  for (size_t i = 0; i < segs.size(); ++i) {
    Interval piece{segs[i].start,
                   i + 1 < segs.size() ? std::optional<Date>(segs[i + 1].start.prev_day()) : iv.to};
    append_periods(out, id, piece, segs[i].name, segs[i].kind, "", segs[i].sources, lines);
  }
}

// Recreates each organisation's observations from the periods that cite them.
std::map<std::string, OrgState> decompose_orgs(const DatasetContent& before,
                                               const std::map<std::string, Date>& snapshot_dates,
                                               const std::string& dropped_source) {
  std::map<std::string, OrgState> orgs;
  for (const auto& [id, p] : before.periods) {
    if (p.placeholder) continue;  // placeholders are derived, not observed
    OrgState& st = orgs[id];
    if (st.code.empty()) st.code = id;
    if (p.country != Country::kUnknown) st.country = p.country;
    if (!st.has_interval) {
      st.interval = p.valid;
      st.has_interval = true;
    }
    st.interval.from = std::min(st.interval.from, p.valid.from);
    if (!p.valid.to)
      st.interval.to.reset();
    else if (st.interval.to && *p.valid.to > *st.interval.to)
      st.interval.to = p.valid.to;
    for (const std::string& s : p.sources) {
      if (s == dropped_source) continue;
      auto d = snapshot_dates.find(s);
      if (d == snapshot_dates.end()) continue;
      bool known = false;
      for (const Observation& o : st.observations) known = known || o.source == s;
      auto line = p.source_lines.find(s);
      if (!known)
        st.observations.push_back({s, d->second, p.name, base_kind(p.kind),
                                   line == p.source_lines.end() ? 0 : line->second});
    }
  }
  for (const auto& [id, i] : before.identifiers) {
    auto it = orgs.find(id);
    if (i.scheme == "ods" && it != orgs.end()) it->second.code = i.value;
  }
  for (auto& [id, st] : orgs) {
    for (const Observation& o : st.observations) {
      if (!st.newest || o.date > *st.newest ||
          (o.date == *st.newest && o.source > st.newest_source)) {
        st.newest = o.date;
        st.newest_source = o.source;
      }
    }
  }
  return orgs;
}

// The day from which snapshot k of a series speaks for STP/ICB membership: its
// date, or 1 July 2022 (when ICBs and sub-ICB locations came into being) for
// the first snapshot after that day.
Date snapshot_effective(const std::vector<Snapshot>& snapshots, size_t k) {
  Date d = snapshots[k].date;
  if (d > icb_day() && (k == 0 || snapshots[k - 1].date < icb_day())) return icb_day();
  return d;
}

// The kind of a body an extract names only in field 3 or 4, by the rule of
// the ODS layout: field 3 (national grouping) is an NHS England region; field
// 4 (high level health geography) names the STP a body belonged to, which
// became an ICB with the same code on 1 July 2022 (an ICS designation was a
// status of an STP, not another body). The base kind stp is split on that day
// (append_periods). A code named in both fields says nothing: unknown.
OrgKind placeholder_kind(const std::set<int>& fields) {
  if (fields.size() != 1) return OrgKind::kUnknown;
  return *fields.begin() == 3 ? OrgKind::kNhseRegion : OrgKind::kStp;
}

// "an STP (an ICB from 2022-07-01)", for the warning about a placeholder.
std::string placeholder_what(OrgKind base, const Interval& need) {
  if (base == OrgKind::kNhseRegion) return "an NHS England region";
  if (base != OrgKind::kStp) return "an organisation of kind unknown";
  if (need.from >= icb_day()) return "an ICB";
  if (need.to && *need.to < icb_day()) return "an STP";
  return "an STP (an ICB from " + icb_day().str() + ")";
}

// One organisation's parent in one field, per snapshot, and the line of the
// row that said so.
struct ParentSeen {
  std::string parent;
  int line = 0;
};
using ParentObs = std::map<std::string, ParentSeen>;  // source -> what it said

}  // namespace

SuccessionDates succession_dates(const std::vector<const OdsFile*>& succ_files) {
  SuccessionDates out;
  for (const OdsFile* f : succ_files)
    for (const OdsSuccession& s : f->successions) out[s.from].insert(s.effective);
  return out;
}

DatasetContent merge_ods(const DatasetContent& before, const OdsFile& file,
                         std::optional<Date> as_of, const OrgIndex& index,
                         const SuccessionDates& successions, Warnings& warnings) {
  const std::string& dataset = ods_dataset(file.format);
  if (ods_needs_as_of(file.format) && !as_of)
    throw Error(Error::Kind::kUsage,
                file.path + ": an ODS " + ods_format_name(file.format).substr(4) +
                    " extract does not say on which date it was taken; give that date with --as-of "
                    "YYYY-MM-DD (it dates the part_of relationships from fields 3 and 4 and closes "
                    "codes missing from the extract)");
  const std::string src_id = ods_source_id(file.format, file.sha256);

  DatasetContent out;
  out.dataset = dataset;
  // Sources: every snapshot so far, this one replacing an earlier import of the same file.
  std::map<std::string, Date> snapshot_dates = carry_snapshot_sources(before, src_id, out);
  Source src;
  src.id = src_id;
  src.title = kTitles[static_cast<size_t>(file.format)] + " (" +
              (file.fields == 24  ? "legacy 24-field layout"
               : file.fields == 5 ? "5-field layout"
                                  : "27-field layout") +
              ")";
  src.publisher = kPublisher;
  src.url = kUrl;
  src.date = as_of ? as_of->str() : "";
  src.dataset = dataset;
  out.sources.push_back(src);
  std::sort(out.sources.begin(), out.sources.end(),
            [](const Source& a, const Source& b) { return a.id < b.id; });

  if (file.format == OdsFormat::kSucc) {
    // Successions accumulate: every row of every succ file imported, once.
    std::map<std::string, Relationship> rels;
    for (const Relationship& r : before.relationships) {
      Relationship q = r;
      Citation& c = q.cite();
      c.sources.erase(std::remove(c.sources.begin(), c.sources.end(), src_id), c.sources.end());
      c.source_lines.erase(src_id);
      if (!c.sources.empty()) rels.emplace(q.key(), std::move(q));
    }
    std::set<std::string> row_orgs;  // orgs this dataset refers to
    size_t skipped = 0;
    std::vector<std::string> unknown_examples;
    std::set<std::string> unknown_codes;
    for (const OdsSuccession& s : file.successions) {
      auto from = index.find_ods(s.from);
      auto to = index.find_ods(s.to);
      bool from_known = from && index.defined_outside(*from, dataset);
      bool to_known = to && index.defined_outside(*to, dataset);
      if (!from_known && !to_known) {
        ++skipped;
        continue;
      }
      for (const auto& [known, code] : {std::pair{from_known, s.from}, std::pair{to_known, s.to}})
        if (!known && unknown_codes.insert(code).second) unknown_examples.push_back(code);
      Relationship r;
      r.from = from ? *from : s.from;
      r.to = to ? *to : s.to;
      if (r.from == r.to) continue;
      r.kind = RelKind::kSucceededBy;
      r.layer = Layer::kStatutory;
      Date last = s.effective.prev_day();
      r.valid = {last, last};
      r.cite().note = kSuccessionNote;
      r.dataset = dataset;
      auto [it, fresh] = rels.emplace(r.key(), r);
      Citation& c = it->second.cite();
      c.sources.push_back(src_id);
      normalise_sources(c.sources);
      c.source_lines.emplace(src_id, s.rec.line);  // the first row, if repeated
    }
    // Ends no other dataset defines become placeholders living exactly as
    // long as the successions need.
    std::map<std::string, std::pair<Date, Date>> needed;  // id -> [first, last] day
    std::map<std::string, std::vector<std::string>> needed_sources;
    for (const auto& [key, r] : rels) {
      out.relationships.push_back(r);
      for (const auto& [id, day] :
           {std::pair{r.from, r.valid.from}, std::pair{r.to, r.valid.from.next_day()}}) {
        if (index.defined_outside(id, dataset)) continue;
        auto [it, fresh] = needed.emplace(id, std::pair{day, day});
        it->second.first = std::min(it->second.first, day);
        it->second.second = std::max(it->second.second, day);
        auto& srcs = needed_sources[id];
        srcs.insert(srcs.end(), r.cited().sources.begin(), r.cited().sources.end());
      }
    }
    for (auto& [id, span] : needed) {
      OrgPeriod p;
      p.valid = {span.first, span.second};
      p.name = id;
      p.kind = OrgKind::kUnknown;  // a succession may join bodies of any kind
      p.placeholder = true;
      p.sources = needed_sources[id];
      normalise_sources(p.sources);
      p.dataset = dataset;
      out.periods.emplace_back(id, std::move(p));
      out.organisations.push_back(id);
    }
    if (!unknown_examples.empty()) {
      std::vector<std::string> lines;
      for (const std::string& c : unknown_examples)
        lines.push_back("code '" + c +
                        "' in a succession names no organisation govmap knows; "
                        "recorded as an organisation of kind unknown");
      warnings.add_list(lines);
    }
    if (skipped)
      warnings.add(std::to_string(skipped) + " of " + std::to_string(file.successions.size()) +
                   " successions link two codes no imported dataset defines (GP practices, sites, "
                   "older bodies); they were skipped. Import the ODS extracts first to keep more.");
    std::sort(out.periods.begin(), out.periods.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::sort(out.organisations.begin(), out.organisations.end());
    return out;
  }

  // ---- etr, eccg, ect ----
  const Date snap = *as_of;
  snapshot_dates[src_id] = snap;
  std::vector<Snapshot> snapshots;
  for (const auto& [id, d] : snapshot_dates) snapshots.push_back({id, d});
  std::sort(snapshots.begin(), snapshots.end(), [](const Snapshot& a, const Snapshot& b) {
    return a.date != b.date ? a.date < b.date : a.source < b.source;
  });

  std::map<std::string, OrgState> orgs;
  // An organisation stored under its code moves when a curated map has since
  // given that code to an organisation of its own.
  std::map<std::string, std::string> moved;  // stored id -> id now
  for (auto& [id, st] : decompose_orgs(before, snapshot_dates, src_id)) {
    std::string now = index.find_ods(st.code).value_or(id);
    if (now != id) moved[id] = now;
    OrgState& target = orgs[now];
    if (target.observations.empty() && !target.has_interval) {
      target = std::move(st);
      continue;
    }
    target.observations.insert(target.observations.end(), st.observations.begin(),
                               st.observations.end());
    if (st.newest && (!target.newest || *st.newest > *target.newest)) {
      target.newest = st.newest;
      target.newest_source = st.newest_source;
      target.interval = st.interval;
    }
  }
  auto now_id = [&](const std::string& id) {
    auto it = moved.find(id);
    return it == moved.end() ? id : it->second;
  };
  // Relationships: per organisation and field, the parent each snapshot gave.
  std::map<std::string, std::map<int, ParentObs>> parents;
  for (const Relationship& r : before.relationships) {
    int field = r.cited().note == kRegionNote ? 3 : r.cited().note == kGeographyNote ? 4 : 0;
    if (!field) continue;
    for (const std::string& s : r.cited().sources) {
      if (s == src_id || !snapshot_dates.count(s)) continue;
      auto line = r.cited().source_lines.find(s);
      parents[now_id(r.from)][field][s] = {now_id(r.to),
                                           line == r.cited().source_lines.end() ? 0 : line->second};
    }
  }

  // The new snapshot.
  std::set<std::string> referenced_now;             // parent ids the new file names
  std::map<std::string, std::string> parent_field;  // parent id -> "field 3 (...)"
  for (const OdsRow& row : file.rows) {
    std::string id = index.find_ods(row.code).value_or(row.code);
    OrgState& st = orgs[id];
    st.code = row.code;
    OrgKind kind = ods_row_kind(file.format, row);
    st.observations.erase(std::remove_if(st.observations.begin(), st.observations.end(),
                                         [&](const Observation& o) { return o.source == src_id; }),
                          st.observations.end());
    st.observations.push_back({src_id, snap, row.name, kind, row.rec.line});
    Country country = country_of_ods_geography(row.gor, row.region, row.geography);
    if (country != Country::kUnknown && (!st.country_date || snap >= *st.country_date)) {
      st.country = country;
      st.country_date = snap;
    }
    if (!st.newest || snap > *st.newest || (snap == *st.newest && src_id >= st.newest_source)) {
      st.newest = snap;
      st.newest_source = src_id;
      st.interval = {row.open, row.close};
      st.has_interval = true;
    }
    bool in_force = !row.close || *row.close >= snap;
    bool hub = ods_row_is_hub(file.format, row);
    if (!in_force || hub) continue;
    for (const auto& [field, code] : {std::pair{3, row.region}, std::pair{4, row.geography}}) {
      if (is_placeholder_code(code)) continue;
      std::string parent = index.find_ods(code).value_or(code);
      if (parent == id) continue;
      parents[id][field][src_id] = {parent, row.rec.line};
      referenced_now.insert(parent);
      parent_field.emplace(parent,
                           field == 3 ? "field 3 (NHS England region)" : "field 4 (STP/ICB)");
    }
  }

  // Organisations and their periods.
  for (auto& [id, st] : orgs) {
    if (st.observations.empty()) continue;
    std::sort(st.observations.begin(), st.observations.end(),
              [](const Observation& a, const Observation& b) {
                return a.date != b.date ? a.date < b.date : a.source < b.source;
              });
    // Missing from a later snapshot: closed the day before it, or the day
    // before its succession took effect when the register dates one between
    // the last snapshot listing it and that one (an extract of current
    // records only says that a body has gone, not when). A planned
    // organisation that had not opened by then keeps its dates.
    for (const Snapshot& later : snapshots) {
      if (later.date <= *st.newest) continue;
      Date end = later.date;
      if (auto succ = successions.find(st.code); succ != successions.end()) {
        auto e = succ->second.upper_bound(*st.newest);
        if (e != succ->second.end() && *e < end && st.interval.from < *e) end = *e;
      }
      if ((!st.interval.to || *st.interval.to >= end) && st.interval.from < end)
        st.interval.to = end.prev_day();
      break;
    }
    size_t first = out.periods.size();
    build_periods(id, st, out);
    for (size_t i = first; i < out.periods.size(); ++i) out.periods[i].second.country = st.country;
    out.organisations.push_back(id);
  }

  // part_of relationships: runs of snapshots giving the same parent.
  std::map<std::string, std::set<std::string>>
      parent_sources;  // parent -> sources, for placeholders
  std::map<std::string, Interval> parent_needed;
  std::map<std::string, std::set<int>> parent_fields;  // parent -> fields naming it
  for (const auto& [id, fields] : parents) {
    auto st = orgs.find(id);
    if (st == orgs.end() || st->second.observations.empty()) continue;
    const Interval& life = st->second.interval;
    for (const auto& [field, by_source] : fields) {
      size_t i = 0;
      while (i < snapshots.size()) {
        auto it = by_source.find(snapshots[i].source);
        if (it == by_source.end()) {
          ++i;
          continue;
        }
        const std::string& parent = it->second.parent;
        std::vector<std::string> sources;
        SourceLines lines;
        size_t j = i;
        while (j < snapshots.size()) {
          auto jt = by_source.find(snapshots[j].source);
          if (jt == by_source.end() || jt->second.parent != parent) break;
          sources.push_back(snapshots[j].source);
          if (jt->second.line > 0) lines[snapshots[j].source] = jt->second.line;
          ++j;
        }
        // Field 4 names STPs, then ICBs: the ICB areas began on 1 July 2022
        // by law, so the first snapshot after that day speaks back to it.
        // (A copy of the binding: lambdas may not capture structured bindings in C++17.)
        const bool icb_field = field == 4;
        auto start = [&](size_t k) {
          return icb_field ? snapshot_effective(snapshots, k) : snapshots[k].date;
        };
        Interval valid{std::max(start(i), life.from), j < snapshots.size()
                                                          ? std::optional<Date>(start(j).prev_day())
                                                          : std::nullopt};
        if (life.to && (!valid.to || *life.to < *valid.to)) valid.to = life.to;
        if (!valid.to || *valid.to >= valid.from) {
          Relationship r = statutory_part_of(id, parent, valid, sources, lines, dataset);
          r.cite().note = field == 3 ? kRegionNote : kGeographyNote;
          out.relationships.push_back(std::move(r));
          auto& need = parent_needed.try_emplace(parent, valid).first->second;
          need.from = std::min(need.from, valid.from);
          if (!valid.to)
            need.to.reset();
          else if (need.to && *valid.to > *need.to)
            need.to = valid.to;
          parent_sources[parent].insert(sources.begin(), sources.end());
          parent_fields[parent].insert(field);
        }
        i = j;
      }
    }
  }

  // Parents no dataset defines: placeholders, of the kind their field names.
  std::set<std::string> own;
  for (const std::string& id : out.organisations) own.insert(id);
  std::vector<std::string> placeholder_warnings;
  for (const auto& [parent, need] : parent_needed) {
    if (own.count(parent) || index.defined_outside(parent, dataset)) continue;
    OrgPeriod p;
    OrgKind base = placeholder_kind(parent_fields[parent]);
    std::vector<std::string> sources(parent_sources[parent].begin(), parent_sources[parent].end());
    size_t first = out.periods.size();
    append_periods(out, parent, need, parent, base, "", sources);
    Country country =
        country_of_ods_geography("", parent.size() == 3 && parent[0] != 'Q' ? parent : "",
                                 parent.size() == 3 && parent[0] == 'Q' ? parent : "");
    for (size_t i = first; i < out.periods.size(); ++i) {
      out.periods[i].second.placeholder = true;
      out.periods[i].second.country = country;
    }
    out.organisations.push_back(parent);
    if (referenced_now.count(parent))
      placeholder_warnings.push_back("code '" + parent + "' in " + parent_field[parent] +
                                     " names no organisation govmap knows; recorded as " +
                                     placeholder_what(base, need) +
                                     " named by its code until a dataset defines it");
  }
  warnings.add_list(placeholder_warnings);

  // Identifiers: ods:CODE for every organisation a row describes, unless
  // another dataset gives that code to another organisation.
  for (const auto& [id, st] : orgs) {
    if (st.observations.empty()) continue;
    Identifier ident{"ods", st.code.empty() ? id : st.code};
    if (auto other = index.identifier_conflict(ident, id, dataset)) {
      warnings.add("identifier ods:" + ident.value + " already belongs to '" + *other +
                   "' in another dataset; not added to '" + id + "'");
      continue;
    }
    out.identifiers.emplace_back(id, ident);
  }

  std::sort(out.periods.begin(), out.periods.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.valid.from < b.second.valid.from;
  });
  std::sort(out.organisations.begin(), out.organisations.end());
  out.organisations.erase(std::unique(out.organisations.begin(), out.organisations.end()),
                          out.organisations.end());
  std::sort(out.identifiers.begin(), out.identifiers.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second) < std::tie(b.first, b.second);
  });
  std::sort(out.relationships.begin(), out.relationships.end());
  return out;
}

}  // namespace govmap
