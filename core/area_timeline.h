// An area's timeline: every date, after one day and up to another, on which
// something about a set of bodies changed (a body opened, closed, was renamed
// or changed kind; a relationship between two of them began or ended), each
// with what changed, in date order.
//
// The set of bodies is the caller's (the report passes every body drawn on
// either of its dates), so the timeline says what happened to what the
// pictures show. Computed from values in memory, so the answer is the same
// whatever the import order.
#ifndef GOVMAP_CORE_AREA_TIMELINE_H_
#define GOVMAP_CORE_AREA_TIMELINE_H_

#include <set>
#include <string>
#include <vector>

#include "core/model.h"

namespace govmap {

struct AreaChange {
  enum class What { kOpened, kChanged, kClosed, kBegan, kEnded };
  Date date;
  What what = What::kOpened;
  std::string text;  // in words, naming the bodies as they were on the day
};

struct AreaDay {
  Date date;
  std::vector<AreaChange> changes;  // opened, changed, closed, began, ended; then by text
};

// The days in (from, to] on which something about bodies (ids) changed, in
// ascending order. Relationships count when both ends are in bodies.
std::vector<AreaDay> area_timeline(const std::vector<Organisation>& orgs,
                                   const std::vector<Relationship>& rels,
                                   const std::set<std::string>& bodies, Date from, Date to);

}  // namespace govmap

#endif  // GOVMAP_CORE_AREA_TIMELINE_H_
