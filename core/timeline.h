// History over time: how many bodies of each kind were in force on each date,
// and how one body's name, kind, key relationships and accountability distance
// changed. Dates are either every date something changed in a range, or a
// regular step (every year, every month) from its start.
//
// Everything is computed from values in memory (organisations and
// relationships as the store combines them), one snapshot per date, so the
// answers are those `orgs --at`, `rels --at` and `distance --at` give for each
// date, and the same whatever the import order.
#ifndef GOVMAP_CORE_TIMELINE_H_
#define GOVMAP_CORE_TIMELINE_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/accountability.h"
#include "core/model.h"
#include "core/weights.h"

namespace govmap {

enum class TimelineStep { kChange, kYear, kMonth };
// "change", "year", "month"; Error(kUsage) with a did-you-mean otherwise.
TimelineStep timeline_step_or_throw(const std::string& text, const std::string& option);

// d plus n months, the day clamped to the month's length (31 Jan + 1 = 28/29 Feb).
Date add_months(Date d, int n);

// Dates from `from` to `to` inclusive: with a regular step, from, from + 1
// step, ... while <= to; with kChange, from and every later date on which one
// of `changes` happens (the day a period or relationship starts, and the day
// after one ends).
std::vector<Date> timeline_dates(Date from, Date to, TimelineStep step,
                                 const std::set<Date>& changes);

// The days on which something about orgs starts or stops being true.
std::set<Date> change_dates(const std::vector<Organisation>& orgs);
std::set<Date> change_dates(const std::vector<Relationship>& rels);

struct KindCounts {
  Date date;
  std::vector<int> counts;  // one per kind asked for, in that order
};

// How many of orgs had a period of each kind in force on each date. Rows that
// repeat the previous one are dropped when drop_repeats (the change-date view,
// where a date on which another kind changed says nothing new).
std::vector<KindCounts> count_by_kind(const std::vector<Organisation>& orgs,
                                      const std::vector<OrgKind>& kinds,
                                      const std::vector<Date>& dates, bool drop_repeats);

// One body on one date.
struct OrgMoment {
  Date date;
  const OrgPeriod* period = nullptr;  // null: not in force that day
  // Its relationships in force that day, out of it, of the accountability kinds
  // and part_of / member_of, sorted.
  std::vector<Relationship> key_relationships;
  std::optional<Route> route;  // to the electorate; nullopt = unaccountable
  // Same name, kind, relationships and route as other (the date aside).
  bool same_as(const OrgMoment& other) const;
};

// The body's moments on dates (its rows repeating the previous one dropped
// when drop_repeats). Distances use weights and, when given, one layer.
std::vector<OrgMoment> org_timeline(const Organisation& org, const std::vector<Organisation>& orgs,
                                    const std::vector<Relationship>& rels,
                                    const std::vector<Date>& dates, const Weights& weights,
                                    std::optional<Layer> layer, bool drop_repeats);

}  // namespace govmap

#endif  // GOVMAP_CORE_TIMELINE_H_
