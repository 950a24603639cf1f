// The part of the store a question about a few bodies needs, read by indexed
// lookups instead of whole-table scans (issue 14: a command's cost should
// grow with what it prints, not with the map).
//
// Each reader returns organisations and relationships in force on one date
// that, handed to build_snapshot() with the options the whole-map snapshot
// would have used, give exactly the bodies and edges that snapshot gives for
// the question asked: the reads are a superset, closed under the steps the
// question takes, and build_snapshot() itself still decides what is kept.
// Every reader gives up (std::nullopt) once it has visited more than `limit`
// bodies; the caller then reads the whole map, which answers the same.
#ifndef GOVMAP_CORE_NEIGHBOURHOOD_H_
#define GOVMAP_CORE_NEIGHBOURHOOD_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/snapshot.h"

namespace govmap {

class Store;

struct Neighbourhood {
  std::vector<Organisation> organisations;  // sorted by id; ids the store lacks are left out
  std::vector<Relationship> relationships;  // in force on the date, sorted
};

// Bodies visited before a reader gives up: one indexed query per body, so
// beyond this a whole-map read is cheaper.
constexpr size_t kNeighbourhoodLimit = 5000;

// The given bodies and every relationship in force on `at` leaving one of
// them. Enough for a snapshot restricted to ids (SnapshotOptions::only).
Neighbourhood read_bodies(const Store& store, const std::set<std::string>& ids, Date at);

// Everything reachable from starts along relationships in force on `at`
// (every kind and layer), and every relationship leaving it. The set is
// closed under outgoing edges, so each of its bodies has in the snapshot
// built from it every route it has in the whole map's: shortest paths from
// it, and their tie-breaks, are the same.
std::optional<Neighbourhood> read_reachable(const Store& store,
                                            const std::vector<std::string>& starts, Date at,
                                            size_t limit = kNeighbourhoodLimit);

// What build_snapshot() reads for options.area (with options.area_upward):
// the bodies within options.area_hops part_of / member_of / committee_of steps
// below the area, the bodies those are member_of (or the area is part_of),
// everything reachable from them along accountability relationships, and
// every relationship leaving one of these.
std::optional<Neighbourhood> read_area(const Store& store, const SnapshotOptions& options,
                                       size_t limit = kNeighbourhoodLimit);

// The bodies of ids with every period, and every relationship between two of
// them at any date (not only one in force on a date, unlike the readers
// above): what area_timeline() (core/area_timeline.h) needs for those bodies.
// std::nullopt when ids holds more than `limit` bodies.
std::optional<Neighbourhood> read_histories(const Store& store, const std::set<std::string>& ids,
                                            size_t limit = kNeighbourhoodLimit);

}  // namespace govmap

#endif  // GOVMAP_CORE_NEIGHBOURHOOD_H_
