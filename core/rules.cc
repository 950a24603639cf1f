#include "core/rules.h"
#include "core/path.h"

#include <algorithm>
#include <tuple>

#include "core/precedence.h"
#include "core/rules_geography.h"

namespace govmap {
namespace {

const char* const kDerivedPrefix = "derived by rule ";

// The rules file as a note names it: "<map>/<file name>" (e.g.
// "england-national/rules.toml"), the same whatever path it was imported from,
// so outputs do not change with the working folder or an absolute path.
std::string rules_file_label(const RuleSet& set) {
  std::string map = set.dataset.compare(0, 6, "rules:") == 0 ? set.dataset.substr(6) : set.dataset;
  return map + "/" + base_name(set.file);
}

std::string fill(const std::string& tmpl, const std::string& id, const std::string& name) {
  std::string out;
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl.compare(i, 4, "{id}") == 0) {
      out += id;
      i += 4;
    } else if (tmpl.compare(i, 6, "{name}") == 0) {
      out += name;
      i += 6;
    } else {
      out += tmpl[i++];
    }
  }
  return out;
}

// The parts of iv no interval in taken covers.
std::vector<Interval> uncovered(const Interval& iv, std::vector<Interval> taken) {
  std::sort(taken.begin(), taken.end(),
            [](const Interval& a, const Interval& b) { return a.from < b.from; });
  std::vector<Interval> out;
  Date start = iv.from;
  for (const Interval& t : taken) {
    if (!t.overlaps(Interval{start, iv.to})) continue;
    if (t.from > start) out.push_back({start, t.from.prev_day()});
    if (!t.to || (iv.to && *t.to >= *iv.to)) return out;
    if (*t.to >= start) start = t.to->next_day();
  }
  out.push_back({start, iv.to});
  return out;
}

// A derived body standing on one day: which type, whose, and whether the law's
// body is an existing one (found) or made by the rules.
struct Standing {
  std::string id;
  bool derived = false;
};

// Where a fact came from, kept as pointers until its note is written.
struct Why {
  std::string org;  // the subject, whose period is the basis when no rel/change
  Date day;
  Basis basis;
};

using FactKey =
    std::tuple<std::string, std::string, RelKind, Layer, size_t>;  // from, to, ..., rule

struct Run {
  Date start;
  size_t last_epoch = 0;
  Why why;
};

struct BodyRun {
  Date start;
  size_t last_epoch = 0;
  OrgPeriod period;
};

bool matches(const RuleSubjects& s, const OrgPeriod& p) {
  if (!s.kinds.count(p.kind)) return false;
  return s.tiers.empty() || s.tiers.count(p.tier);
}

class Engine {
 public:
  Engine(const RuleSet& set, const std::vector<Organisation>& orgs,
         const std::vector<Relationship>& rels, const RowLocator& locator)
      : set_(set), orgs_(orgs), locator_(locator), geo_(orgs, rels, set.boundaries) {
    for (const Relationship& r : rels) {
      out_[r.from].push_back(&r);
      in_[r.to].push_back(&r);
      if (dataset_rank(r.dataset) == 0) curated_[{r.from, r.kind, r.layer}].push_back(r.valid);
    }
  }

  Derivation run() {
    std::set<Date> dates = geo_.boundaries();
    Date earliest = Date::from_ymd(9999, 12, 31);
    for (const Rule& r : set_.rules) earliest = std::min(earliest, r.valid.from);
    for (const DerivedBodyType& b : set_.bodies) earliest = std::min(earliest, b.valid.from);
    auto add_interval = [&dates](const Interval& iv) {
      dates.insert(iv.from);
      if (iv.to) dates.insert(iv.to->next_day());
    };
    for (const Rule& r : set_.rules) add_interval(r.valid);
    for (const DerivedBodyType& b : set_.bodies) add_interval(b.valid);
    std::vector<Date> epochs;
    for (Date d : dates)
      if (d >= earliest) epochs.push_back(d);
    for (size_t e = 0; e < epochs.size(); ++e) evaluate(e, epochs[e]);
    // Close every run still open: it runs to the end of the last epoch, open-ended.
    for (auto& [key, run] : runs_) emit_fact(key, run, std::nullopt);
    for (auto& [id, run] : body_runs_) emit_body(id, run, std::nullopt);
    std::sort(result_.relationships.begin(), result_.relationships.end());
    std::sort(result_.periods.begin(), result_.periods.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first, a.second.valid.from) < std::tie(b.first, b.second.valid.from);
    });
    std::set<std::string> ids;
    for (const auto& [id, p] : result_.periods) ids.insert(id);
    result_.organisations.assign(ids.begin(), ids.end());
    return std::move(result_);
  }

 private:
  // ---- one day ----
  void evaluate(size_t epoch, Date d) {
    day_ = d;
    epoch_ = epoch;
    by_kind_.clear();
    standing_.clear();
    owner_of_.clear();
    derived_today_.clear();
    members_.clear();
    system_councils_.clear();
    for (const Organisation& o : orgs_)
      if (const OrgPeriod* p = o.period_at(d))
        if (geo_.in_england(o.id)) by_kind_[p->kind].push_back({o.id, p});
    for (const DerivedBodyType& b : set_.bodies) stand_bodies(b);
    members_ = geo_.all_members(d);
    std::map<FactKey, Why> facts;
    for (size_t i = 0; i < set_.rules.size(); ++i) {
      const Rule& rule = set_.rules[i];
      if (!rule.valid.contains(d)) continue;
      for (const auto& [subject, period] : subjects(rule.subjects)) {
        for (const auto& [target, why] : targets(rule.target, subject, *period)) {
          if (target == subject) continue;
          facts.emplace(FactKey{subject, target, rule.kind, rule.layer, i}, why);
        }
      }
    }
    // Runs not continued today end yesterday; new ones start today.
    for (auto it = runs_.begin(); it != runs_.end();) {
      if (!facts.count(it->first)) {
        emit_fact(it->first, it->second, d.prev_day());
        it = runs_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& [key, why] : facts) {
      auto it = runs_.find(key);
      if (it == runs_.end())
        runs_.emplace(key, Run{d, epoch, why});
      else
        it->second.last_epoch = epoch;
    }
    for (auto it = body_runs_.begin(); it != body_runs_.end();) {
      auto today = derived_today_.find(it->first);
      bool same = today != derived_today_.end() && today->second.name == it->second.period.name &&
                  today->second.kind == it->second.period.kind;
      if (!same) {
        emit_body(it->first, it->second, d.prev_day());
        it = body_runs_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& [id, period] : derived_today_)
      if (!body_runs_.count(id)) body_runs_.emplace(id, BodyRun{d, epoch, period});
  }

  using Subject = std::pair<std::string, const OrgPeriod*>;

  std::vector<Subject> subjects(const RuleSubjects& s) const {
    std::vector<Subject> out;
    if (!s.body_type.empty()) {
      auto it = standing_.find(s.body_type);
      if (it == standing_.end()) return out;
      for (const auto& [owner, body] : it->second)
        if (const OrgPeriod* p = period_today(body.id)) out.push_back({body.id, p});
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    }
    for (OrgKind k : s.kinds) {
      auto it = by_kind_.find(k);
      if (it == by_kind_.end()) continue;
      for (const Subject& sub : it->second)
        if (matches(s, *sub.second)) out.push_back(sub);
    }
    return out;
  }

  const OrgPeriod* period_today(const std::string& id) const {
    auto it = derived_today_.find(id);
    if (it != derived_today_.end()) return &it->second;
    return geo_.in_england(id) || !geo_.org(id) ? geo_.period_at(id, day_) : nullptr;
  }

  // The derived bodies of one type standing today, for each owner in force.
  void stand_bodies(const DerivedBodyType& b) {
    if (!b.valid.contains(day_)) return;
    std::map<std::string, Standing>& standing = standing_[b.type];
    for (const auto& [owner, period] : subjects(b.owners)) {
      std::string found = existing(b, owner);
      if (!found.empty()) {
        standing[owner] = {found, false};
      } else {
        std::string id = fill(b.id_template, owner, period->name);
        OrgPeriod p;
        p.valid = {day_, std::nullopt};
        p.name = fill(b.name_template, owner, period->name);
        p.kind = b.kind;
        p.sources = b.sources;
        p.dataset = set_.dataset;
        p.country = period->country;  // a body the law gives its owner, in its owner's country
        derived_today_[id] = p;
        standing[owner] = {id, true};
      }
      owner_of_[standing[owner].id] = owner;
    }
  }

  // An existing body of b's kind linked to owner today, the smallest id.
  std::string existing(const DerivedBodyType& b, const std::string& owner) const {
    if (!b.existing_link) return "";
    const auto& index = b.existing_from_owner ? out_ : in_;
    auto it = index.find(owner);
    if (it == index.end()) return "";
    std::string best;
    for (const Relationship* r : it->second) {
      if (r->kind != *b.existing_link || !r->valid.contains(day_)) continue;
      const std::string& other = b.existing_from_owner ? r->to : r->from;
      const OrgPeriod* p = geo_.period_at(other, day_);
      if (p && p->kind == b.kind && (best.empty() || other < best)) best = other;
    }
    return best;
  }

  std::string body_of(const std::string& type, const std::string& owner) const {
    auto it = standing_.find(type);
    if (it == standing_.end()) return "";
    auto b = it->second.find(owner);
    return b == it->second.end() ? "" : b->second.id;
  }

  const std::map<std::string, Basis>& councils_of_system(const std::string& system) {
    auto memo = system_councils_.find(system);
    if (memo != system_councils_.end()) return memo->second;
    std::map<std::string, Basis> out;
    auto m = members_.find(system);
    if (m != members_.end())
      for (const auto& [member, why] : m->second)
        if (geo_.is_commissioner(member))
          for (auto& [council, b] : geo_.commissioner_councils(member, day_))
            out.emplace(council, b);
    return system_councils_[system] = std::move(out);
  }

  // The councils of a system on another day (memoised: few trusts need it).
  const std::set<std::string>& councils_on(const std::string& system, Date when) {
    auto key = std::make_pair(system, when);
    auto memo = councils_on_.find(key);
    if (memo != councils_on_.end()) return memo->second;
    auto members = members_on_.find(when);
    if (members == members_on_.end())
      members = members_on_.emplace(when, geo_.all_members(when)).first;
    std::set<std::string> out;
    auto m = members->second.find(system);
    if (m != members->second.end())
      for (const auto& [member, why] : m->second)
        if (geo_.is_commissioner(member))
          for (const auto& [council, b] : geo_.commissioner_councils(member, when))
            out.insert(council);
    return councils_on_[key] = std::move(out);
  }

  // The upper-tier councils whose area the subject serves today.
  std::map<std::string, Basis> councils_of(const std::string& id, const OrgPeriod& p) {
    switch (p.kind) {
      case OrgKind::kCcg:
      case OrgKind::kSubIcbLocation:
        return geo_.commissioner_councils(id, day_);
      case OrgKind::kStp:
      case OrgKind::kIcs:
      case OrgKind::kIcb:
        return councils_of_system(id);
      case OrgKind::kNhsTrust:
      case OrgKind::kFoundationTrust: {
        Basis via;
        std::string system = geo_.system_of(id, day_, &via);
        std::map<std::string, Basis> out;
        if (!system.empty()) {
          for (const auto& [council, b] : councils_of_system(system)) out.emplace(council, via);
          return out;
        }
        // No system in force today (its code starts later): the councils of
        // the nearest system the trust is listed in, on that system's first
        // day, that are in force today.
        Date when;
        system = geo_.nearest_system(id, day_, &when, &via);
        if (system.empty()) return out;
        for (const std::string& council : councils_on(system, when)) {
          const OrgPeriod* cp = geo_.period_at(council, day_);
          if (cp && Geography::upper_tier(*cp)) out.emplace(council, via);
        }
        return out;
      }
      case OrgKind::kLocalAuthority:
        return geo_.area_councils(id, day_);
      default:
        return {};
    }
  }

  std::vector<std::pair<std::string, Why>> targets(const RuleTarget& t, const std::string& subject,
                                                   const OrgPeriod& period) {
    std::map<std::string, Basis> set;
    switch (t.set) {
      case TargetSet::kFixed: {
        std::string id = geo_.resolve_id(t.fixed_id);
        if (!id.empty()) set.emplace(id, Basis{});
        break;
      }
      case TargetSet::kSelf:
        set.emplace(subject, Basis{});
        break;
      case TargetSet::kOwner:
      case TargetSet::kOwnerCouncils: {
        auto it = owner_of_.find(subject);
        if (it == owner_of_.end()) break;
        if (t.set == TargetSet::kOwner) {
          set.emplace(it->second, Basis{});
        } else if (const OrgPeriod* op = period_today(it->second)) {
          set = councils_of(it->second, *op);
        }
        break;
      }
      case TargetSet::kCouncils:
        set = councils_of(subject, period);
        break;
      case TargetSet::kSystem: {
        Basis b;
        std::string s = geo_.system_of(subject, day_, &b);
        if (!s.empty()) set.emplace(s, b);
        break;
      }
      case TargetSet::kSystems:
        for (const auto& [system, members] : members_)
          for (const auto& [council, b] : councils_of_system(system))
            if (council == subject) set.emplace(system, b);
        break;
      case TargetSet::kMembers: {
        auto m = members_.find(subject);
        if (m != members_.end()) set.insert(m->second.begin(), m->second.end());
        for (const auto& [council, b] : councils_of_system(subject)) set.emplace(council, b);
        break;
      }
    }
    // A derived subject's row is its owner's: the council whose committee it is.
    std::string row = subject;
    for (int depth = 0; derived_today_.count(row) && depth < 4; ++depth) {
      auto owner = owner_of_.find(row);
      if (owner == owner_of_.end()) break;
      row = owner->second;
    }
    std::vector<std::pair<std::string, Why>> out;
    for (const auto& [id, basis] : set) {
      std::string target = t.body_type.empty() ? id : body_of(t.body_type, id);
      if (target.empty() || !period_today(target)) continue;
      out.push_back({target, Why{row, day_, basis}});
    }
    return out;
  }

  // ---- output ----
  std::string describe(const Why& why) const {
    if (why.basis.change)
      return set_.file + ":" + std::to_string(why.basis.change->line) + " (boundary change " +
             why.basis.change->id + ")";
    if (why.basis.rel) return locator_.locate(*why.basis.rel);
    const OrgPeriod* p = geo_.period_at(why.org, why.day);
    if (!p) return "the derived body " + why.org;
    return locator_.locate(why.org, *p);
  }

  void emit_fact(const FactKey& key, const Run& run, std::optional<Date> to) {
    const Rule& rule = set_.rules[std::get<4>(key)];
    Interval whole{run.start, to};
    auto cur = curated_.find({std::get<0>(key), std::get<2>(key), std::get<3>(key)});
    std::vector<Interval> pieces =
        cur == curated_.end() ? std::vector<Interval>{whole} : uncovered(whole, cur->second);
    if (pieces.empty()) return;
    std::string basis = describe(run.why);
    for (const Interval& piece : pieces) {
      Relationship r;
      r.from = std::get<0>(key);
      r.to = std::get<1>(key);
      r.kind = rule.kind;
      r.layer = rule.layer;
      r.valid = piece;
      Citation& c = r.cite();
      c.legal_basis = rule.legal_basis;
      c.note = derived_note(rule, rules_file_label(set_), basis);
      c.sources = rule.sources;
      if (run.why.basis.rel)
        for (const std::string& s : run.why.basis.rel->cited().sources) c.sources.push_back(s);
      if (run.why.basis.change)
        for (const std::string& s : run.why.basis.change->sources) c.sources.push_back(s);
      if (!run.why.basis.rel && !run.why.basis.change)
        if (const OrgPeriod* p = geo_.period_at(run.why.org, run.why.day))
          for (const std::string& s : p->sources) c.sources.push_back(s);
      std::sort(c.sources.begin(), c.sources.end());
      c.sources.erase(std::unique(c.sources.begin(), c.sources.end()), c.sources.end());
      r.dataset = set_.dataset;
      result_.relationships.push_back(std::move(r));
    }
  }

  void emit_body(const std::string& id, const BodyRun& run, std::optional<Date> to) {
    OrgPeriod p = run.period;
    p.valid = {run.start, to};
    result_.periods.push_back({id, std::move(p)});
  }

  const RuleSet& set_;
  const std::vector<Organisation>& orgs_;
  const RowLocator& locator_;
  Geography geo_;
  std::map<std::string, std::vector<const Relationship*>> out_, in_;
  std::map<std::tuple<std::string, RelKind, Layer>, std::vector<Interval>> curated_;

  // Today's state.
  Date day_;
  size_t epoch_ = 0;
  std::map<OrgKind, std::vector<Subject>> by_kind_;
  std::map<std::string, std::map<std::string, Standing>> standing_;  // type -> owner -> body
  std::map<std::string, std::string> owner_of_;                      // body -> owner
  std::map<std::string, OrgPeriod> derived_today_;                   // derived body -> period
  std::map<std::string, std::map<std::string, Basis>> members_;
  std::map<std::string, std::map<std::string, Basis>> system_councils_;

  std::map<std::pair<std::string, Date>, std::set<std::string>> councils_on_;
  std::map<Date, std::map<std::string, std::map<std::string, Basis>>> members_on_;

  std::map<FactKey, Run> runs_;
  std::map<std::string, BodyRun> body_runs_;
  Derivation result_;
};

}  // namespace

std::string RowLocator::locate(const std::string& org_id, const OrgPeriod& period) const {
  return "the " + period.dataset + " period of " + org_id + " from " + period.valid.from.str();
}

std::string RowLocator::locate(const Relationship& rel) const {
  return rel.dataset + " (" + rel.from + " " + name_of(rel.kind) + " " + rel.to + " from " +
         rel.valid.from.str() + ")";
}

Derivation derive(const RuleSet& set, const std::vector<Organisation>& orgs,
                  const std::vector<Relationship>& rels, const RowLocator& locator) {
  return Engine(set, orgs, rels, locator).run();
}

std::string derived_note(const Rule& rule, const std::string& rules_file,
                         const std::string& basis) {
  return kDerivedPrefix + rule.id + " (" + rules_file + ":" + std::to_string(rule.line) +
         ") from " + basis;
}

std::string derived_rule_id(const Relationship& rel) {
  if (!is_rules_dataset(rel.dataset)) return "";
  const std::string prefix = kDerivedPrefix;
  const std::string& note = rel.cited().note;
  if (note.compare(0, prefix.size(), prefix) != 0) return "";
  size_t end = note.find(' ', prefix.size());
  return note.substr(prefix.size(), end == std::string::npos ? end : end - prefix.size());
}

bool is_rules_dataset(const std::string& dataset) {
  return dataset.compare(0, 6, "rules:") == 0;
}

}  // namespace govmap
