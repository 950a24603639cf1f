// Comparing the governance graph, and accountability distances, on two dates.
//
// Organisations are identified by id and compared by the name, kind and tier of
// the period in force. Relationships are identified by (from, to, kind, layer),
// which is unique on any one date, and compared by every attribute (dates,
// legal basis, note, share, sources): the same record in force on both dates is
// unchanged; a different record with the same identity is "changed". The two
// dates give the same graph when nothing was added, removed or changed.
#ifndef GOVMAP_CORE_COMPARE_H_
#define GOVMAP_CORE_COMPARE_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/accountability.h"
#include "core/snapshot.h"

namespace govmap {

// An organisation as it stood on one date.
struct OrgState {
  std::string name;
  OrgKind kind = OrgKind::kOther;
  std::string tier;
  std::optional<Route> route;  // its cost only (steps left empty); nullopt = unaccountable
};

enum class DistanceChange {
  kSame,                 // distance unchanged (possibly unaccountable on both dates)
  kCloser,               // distance fell
  kFurther,              // distance rose
  kBecameUnaccountable,  // a route before, none after
  kBecameAccountable,    // no route before, one after
  kAdded,                // in force on the second date only
  kRemoved,              // in force on the first date only
};
const std::string& name_of(DistanceChange c);

struct OrgComparison {
  std::string id;
  std::optional<OrgState> before, after;
  DistanceChange change = DistanceChange::kSame;
  // after.weight - before.weight, when both dates have a route.
  std::optional<Milli> delta;
  // Present on both dates with a different name, kind or tier.
  bool period_changed = false;
};

// The relationship on each date, pointing at records the Comparison holds
// (valid while it lives): added has no before, removed no after.
struct RelChange {
  const Relationship* before = nullptr;
  const Relationship* after = nullptr;
};

// Move-only: its changes point into the records it holds.
struct Comparison {
  Comparison() = default;
  Comparison(Comparison&&) = default;
  Comparison& operator=(Comparison&&) = default;
  Comparison(const Comparison&) = delete;
  Comparison& operator=(const Comparison&) = delete;

  Date from, to;
  std::vector<OrgComparison> organisations;  // by id: every organisation present on either date
  std::vector<RelChange> relationships_added, relationships_removed, relationships_changed;
  // The records the changes point at: each side's list as compared
  // (compare_sides), or copies of the records that changed
  // (compare_snapshots). A change is two pointers, where a copy of each
  // record (two optional relationships a change) was most of compare's peak.
  std::vector<std::vector<Relationship>> records;

  struct Summary {
    int organisations_before = 0, organisations_after = 0;
    int organisations_added = 0, organisations_removed = 0, organisations_changed = 0;
    int closer = 0, further = 0, same = 0;
    int became_unaccountable = 0, became_accountable = 0;
    int added_unaccountable = 0;  // added on the second date with no route to voters
    int relationships_added = 0, relationships_removed = 0, relationships_changed = 0;
  } summary;

  // True when the two dates give the same graph.
  bool same_graph() const;
};

// Compares two snapshots (built from the same store, at different dates) with
// the same weights. When `only` is given, the comparison is limited to those
// organisations and to the relationships from them; distances are still
// computed on the whole snapshots.
Comparison compare_snapshots(const Snapshot& before, const Snapshot& after, const Weights& weights,
                             const std::optional<std::set<std::string>>& only = std::nullopt);

// One date's half of a comparison, without its graph: what compare_snapshots
// reads from a snapshot (each body's state, the relationships of its edges).
// A command comparing a whole map takes the first date's side, frees that
// snapshot and only then builds the second, so the two graphs (and the
// distances on them) are never in memory together.
struct DateSide {
  Date at;
  std::vector<std::pair<std::string, OrgState>> states;  // by id
  std::vector<Relationship> relationships;               // the snapshot's edges, unordered
};
// Consumes the snapshot (freed on return).
DateSide date_side(Snapshot snap, const Weights& weights,
                   const std::optional<std::set<std::string>>& only = std::nullopt);
// The same comparison as compare_snapshots of the two snapshots the sides
// were taken from (with the same weights and `only`).
Comparison compare_sides(DateSide before, DateSide after);

}  // namespace govmap

#endif  // GOVMAP_CORE_COMPARE_H_
