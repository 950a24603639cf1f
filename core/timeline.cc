#include "core/timeline.h"

#include <algorithm>
#include <utility>

#include "core/error.h"
#include "core/kinds.h"
#include "core/snapshot.h"
#include "core/suggest.h"

namespace govmap {
namespace {

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

void add_interval(std::set<Date>& out, const Interval& iv) {
  out.insert(iv.from);
  if (iv.to) out.insert(iv.to->next_day());
}

bool is_key(RelKind k) {
  return is_accountability(k) || k == RelKind::kPartOf || k == RelKind::kMemberOf;
}

bool same_route(const std::optional<Route>& a, const std::optional<Route>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  if (a->weight != b->weight || a->hops != b->hops || a->shadow_hops != b->shadow_hops)
    return false;
  if (a->steps.empty() || b->steps.empty()) return a->steps.empty() == b->steps.empty();
  return a->steps.front().rel.key() == b->steps.front().rel.key();
}

}  // namespace

TimelineStep timeline_step_or_throw(const std::string& text, const std::string& option) {
  static const std::vector<std::string> kNames = {"change", "year", "month"};
  for (size_t i = 0; i < kNames.size(); ++i)
    if (text == kNames[i]) return static_cast<TimelineStep>(i);
  throw Error(Error::Kind::kUsage, option + ": unknown step '" + text + "'" +
                                       did_you_mean(text, kNames) + " (valid: " + join(kNames) +
                                       ")");
}

Date add_months(Date d, int n) {
  const std::string s = d.str();  // YYYY-MM-DD
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8));
  int total = y * 12 + (m - 1) + n;
  y = total / 12;
  m = total % 12 + 1;
  return Date::from_ymd(y, m, std::min(day, days_in_month(y, m)));
}

std::vector<Date> timeline_dates(Date from, Date to, TimelineStep step,
                                 const std::set<Date>& changes) {
  std::vector<Date> dates;
  if (to < from) return dates;
  if (step == TimelineStep::kChange) {
    dates.push_back(from);
    for (auto it = changes.upper_bound(from); it != changes.end() && *it <= to; ++it)
      dates.push_back(*it);
    return dates;
  }
  const int months = step == TimelineStep::kYear ? 12 : 1;
  // Count from the start each time, so that 31 January steps to 28 February
  // and then to 31 March, not to 28 March.
  for (int k = 0;; ++k) {
    Date d = add_months(from, k * months);
    if (d > to) break;
    dates.push_back(d);
  }
  return dates;
}

std::set<Date> change_dates(const std::vector<Organisation>& orgs) {
  std::set<Date> out;
  for (const Organisation& o : orgs)
    for (const OrgPeriod& p : o.periods) add_interval(out, p.valid);
  return out;
}

std::set<Date> change_dates(const std::vector<Relationship>& rels) {
  std::set<Date> out;
  for (const Relationship& r : rels) add_interval(out, r.valid);
  return out;
}

std::vector<KindCounts> count_by_kind(const std::vector<Organisation>& orgs,
                                      const std::vector<OrgKind>& kinds,
                                      const std::vector<Date>& dates, bool drop_repeats) {
  std::vector<KindCounts> rows;
  for (Date d : dates) {
    KindCounts row{d, std::vector<int>(kinds.size(), 0)};
    for (const Organisation& o : orgs) {
      const OrgPeriod* p = o.period_at(d);
      if (!p) continue;
      auto it = std::find(kinds.begin(), kinds.end(), p->kind);
      if (it != kinds.end()) ++row.counts[static_cast<size_t>(it - kinds.begin())];
    }
    if (drop_repeats && !rows.empty() && rows.back().counts == row.counts) continue;
    rows.push_back(std::move(row));
  }
  return rows;
}

bool OrgMoment::same_as(const OrgMoment& other) const {
  if ((period == nullptr) != (other.period == nullptr)) return false;
  if (period && (period->name != other.period->name || period->kind != other.period->kind ||
                 period->tier != other.period->tier))
    return false;
  if (key_relationships.size() != other.key_relationships.size()) return false;
  for (size_t i = 0; i < key_relationships.size(); ++i)
    if (key_relationships[i].key() != other.key_relationships[i].key()) return false;
  return same_route(route, other.route);
}

std::vector<OrgMoment> org_timeline(const Organisation& org, const std::vector<Organisation>& orgs,
                                    const std::vector<Relationship>& rels,
                                    const std::vector<Date>& dates, const Weights& weights,
                                    std::optional<Layer> layer, bool drop_repeats) {
  std::vector<OrgMoment> out;
  for (Date d : dates) {
    OrgMoment m;
    m.date = d;
    m.period = org.period_at(d);
    if (m.period) {
      std::vector<Relationship> in_force;
      for (const Relationship& r : rels)
        if (r.valid.contains(d) && (!layer || r.layer == *layer)) in_force.push_back(r);
      for (const Relationship& r : in_force)
        if (r.from == org.id && is_key(r.kind)) m.key_relationships.push_back(r);
      SnapshotOptions options;
      options.at = d;
      options.layer = layer;
      Snapshot snap = build_snapshot(orgs, std::move(in_force), options);
      ShortestPaths paths = accountability_distances(snap, weights, layer);
      if (auto v = snap.find(org.id)) m.route = paths.route(*v);
    }
    if (drop_repeats && !out.empty() && out.back().same_as(m)) continue;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace govmap
