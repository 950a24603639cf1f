#include "core/area_timeline.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/kinds.h"

namespace govmap {
namespace {

// The body's name on d, or on the day before (a body that closed on d is
// named as it was), or its latest name.
std::string name_on(const std::map<std::string, const Organisation*>& by_id,
                    const std::string& id, Date d) {
  auto it = by_id.find(id);
  if (it == by_id.end() || it->second->periods.empty()) return id;
  const Organisation& o = *it->second;
  if (const OrgPeriod* p = o.period_at(d)) return p->name;
  if (const OrgPeriod* p = o.period_at(d.prev_day())) return p->name;
  return o.periods.back().name;
}

std::string words(const std::string& name) {
  std::string s = name;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

bool in_range(Date d, Date from, Date to) {
  return from < d && d <= to;
}

}  // namespace

std::vector<AreaDay> area_timeline(const std::vector<Organisation>& orgs,
                                   const std::vector<Relationship>& rels,
                                   const std::set<std::string>& bodies, Date from, Date to) {
  std::map<std::string, const Organisation*> by_id;
  for (const Organisation& o : orgs)
    if (bodies.count(o.id)) by_id[o.id] = &o;
  std::vector<AreaChange> all;
  using What = AreaChange::What;
  for (const auto& [id, org] : by_id) {
    const std::vector<OrgPeriod>& ps = org->periods;
    for (size_t i = 0; i < ps.size(); ++i) {
      const OrgPeriod& p = ps[i];
      const OrgPeriod* before =
          i > 0 && ps[i - 1].valid.to && ps[i - 1].valid.to->next_day() == p.valid.from
              ? &ps[i - 1]
              : nullptr;
      if (in_range(p.valid.from, from, to)) {
        if (!before) {
          all.push_back({p.valid.from, What::kOpened,
                         p.name + " opened (" + words(name_of(p.kind)) + ")"});
        } else if (before->name != p.name || before->kind != p.kind) {
          std::string t = before->name;
          if (before->name != p.name) t += " was renamed " + p.name;
          if (before->kind != p.kind)
            t += std::string(before->name != p.name ? " and" : "") + " became " +
                 words(name_of(p.kind)) + " (was " + words(name_of(before->kind)) + ")";
          all.push_back({p.valid.from, What::kChanged, t});
        }
      }
      const bool continues =
          i + 1 < ps.size() && p.valid.to && p.valid.to->next_day() == ps[i + 1].valid.from;
      if (p.valid.to && !continues && in_range(p.valid.to->next_day(), from, to))
        all.push_back({p.valid.to->next_day(), What::kClosed,
                       p.name + " closed (" + words(name_of(p.kind)) + "; last day " +
                           p.valid.to->str() + ")"});
    }
  }
  // A relationship that ends the day before the same one begins again (a new
  // source, a new legal basis) did not change anything a reader sees.
  using Same = std::tuple<std::string, std::string, RelKind, Layer>;
  std::set<std::pair<Same, Date>> began, ended;
  for (const Relationship& r : rels) {
    if (!bodies.count(r.from) || !bodies.count(r.to)) continue;
    Same s{r.from, r.to, r.kind, r.layer};
    began.insert({s, r.valid.from});
    if (r.valid.to) ended.insert({s, r.valid.to->next_day()});
  }
  std::set<std::string> seen;  // one line per change, whatever the duplicates
  for (const Relationship& r : rels) {
    if (!bodies.count(r.from) || !bodies.count(r.to)) continue;
    Same s{r.from, r.to, r.kind, r.layer};
    auto text = [&](Date d) {
      return name_on(by_id, r.from, d) + " " + words(name_of(r.kind)) + " " +
             name_on(by_id, r.to, d) + (r.layer == Layer::kShadow ? " (shadow)" : "");
    };
    if (in_range(r.valid.from, from, to) && !ended.count({s, r.valid.from})) {
      std::string t = "began: " + text(r.valid.from);
      if (seen.insert(r.valid.from.str() + t).second)
        all.push_back({r.valid.from, What::kBegan, t});
    }
    if (r.valid.to) {
      Date d = r.valid.to->next_day();
      if (in_range(d, from, to) && !began.count({s, d})) {
        std::string t = "ended: " + text(d);
        if (seen.insert(d.str() + t).second) all.push_back({d, What::kEnded, t});
      }
    }
  }
  std::sort(all.begin(), all.end(), [](const AreaChange& a, const AreaChange& b) {
    return std::tie(a.date, a.what, a.text) < std::tie(b.date, b.what, b.text);
  });
  std::vector<AreaDay> days;
  for (AreaChange& c : all) {
    if (days.empty() || days.back().date != c.date) days.push_back({c.date, {}});
    days.back().changes.push_back(std::move(c));
  }
  return days;
}

}  // namespace govmap
