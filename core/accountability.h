// Accountability distance, shortest paths and centrality (docs/accountability.md).
//
// Roots are the organisations whose kind at the snapshot date is `electorate`.
// The accountability distance of X is the least total weight of a directed path
// from X to any root along the accountability kinds (accountable_to, elected_by,
// committee_of, ratified_by, scrutinised_by, regulated_by,
// performance_managed_by, appointed_by), weighted by Weights. Where no path
// exists, X is unaccountable.
//
// The tie rule makes every answer unique: least weight, then fewest hops, then
// the lexicographically smallest sequence of organisation ids along the path
// (X, then each body stepped to). Where two bodies are joined by several edges
// that would serve equally, the statutory one is taken before the shadow one,
// then the kind that sorts first by name.
//
// How it is computed: one Boost.Graph multi-source Dijkstra, from every target
// over the reversed (and filtered) snapshot graph, with the cost a pair
// (weight, hops) compared lexicographically. That gives every organisation's
// least (weight, hops) in one pass. Then, for each organisation, the edges that
// realise its cost are its optimal first steps; the one to the smallest id is
// chosen. Taking the smallest id at each step gives the lexicographically
// smallest id sequence: all optimal paths from X have the same length, so the
// first differing id decides; and the rest of any optimal path through a step
// is itself optimal from that step, so choosing greedily loses nothing.
#ifndef GOVMAP_CORE_ACCOUNTABILITY_H_
#define GOVMAP_CORE_ACCOUNTABILITY_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/snapshot.h"
#include "core/weights.h"

namespace govmap {

// The eight kinds followed when measuring distance to voters.
const std::set<RelKind>& accountability_kinds();
// Every relationship kind.
const std::set<RelKind>& all_rel_kinds();

// Which edges of a snapshot are followed.
struct EdgeSelection {
  std::set<RelKind> kinds = accountability_kinds();
  std::optional<Layer> layer;  // unset = both layers
  bool follows(const Relationship& r, const Weights& w) const;
};

// The cost of a path: total weight, then hops, compared in that order.
struct Cost {
  Milli weight = 0;
  int hops = 0;
  friend bool operator<(const Cost& a, const Cost& b) {
    return a.weight != b.weight ? a.weight < b.weight : a.hops < b.hops;
  }
  friend bool operator==(const Cost& a, const Cost& b) {
    return a.weight == b.weight && a.hops == b.hops;
  }
  friend bool operator!=(const Cost& a, const Cost& b) { return !(a == b); }
};

struct PathStep {
  Relationship rel;  // from, kind, layer, to, legal basis, sources, ...
  Milli weight = 0;
};

struct Route {
  Milli weight = 0;
  int hops = 0;
  int shadow_hops = 0;  // steps on the path that are in the shadow layer
  std::vector<PathStep> steps;
};

// Least-cost paths from every organisation of a snapshot to a set of targets.
// Indexed by the snapshot's vertices. Each vertex's first step points at the
// snapshot's relationship (a copy per vertex was a whole map's worth of
// relationships): valid while the snapshot it was computed from lives; the
// weights may go away. Routes (route()) are copies and outlive both.
class ShortestPaths {
 public:
  size_t size() const { return cost_.size(); }
  bool reachable(Vertex v) const { return cost_[v].has_value(); }
  std::optional<Cost> cost(Vertex v) const { return cost_[v]; }
  // The chosen route from v to its nearest target; nullopt when none. A target
  // has a route of weight 0 and no steps.
  std::optional<Route> route(Vertex v) const { return route(v, true); }
  // The same without its steps (weight, hops, shadow hops only): no copy of
  // each relationship on the route, for listings that print only the totals.
  std::optional<Route> route_totals(Vertex v) const { return route(v, false); }
  // The relationship of the first step of v's chosen route (the snapshot's
  // own) and where it leads; nullptr / nullopt for targets and unreachable v.
  const Relationship* next_relationship(Vertex v) const {
    return next_[v] ? next_[v]->rel : nullptr;
  }
  std::optional<Vertex> next_vertex(Vertex v) const {
    return next_[v] ? std::optional<Vertex>(next_[v]->to) : std::nullopt;
  }
  // How many other organisations' chosen routes pass through v (v excluded;
  // the target at the end of a route counts).
  std::vector<int> routes_through() const;

 private:
  friend ShortestPaths shortest_paths_to(const Snapshot&, const std::vector<Vertex>&,
                                         const Weights&, const EdgeSelection&);
  std::optional<Route> route(Vertex v, bool with_steps) const;
  struct Next {
    Vertex to;
    const Relationship* rel;  // the snapshot's
    Milli weight;
  };
  std::vector<std::optional<Cost>> cost_;
  std::vector<std::optional<Next>> next_;
};

// Shortest paths from every vertex to the nearest of targets, along the
// selected edges in their own direction, with the tie rule above.
ShortestPaths shortest_paths_to(const Snapshot& snap, const std::vector<Vertex>& targets,
                                const Weights& weights, const EdgeSelection& selection);

// The roots: vertices whose kind at the snapshot date is electorate.
std::vector<Vertex> electorate_roots(const Snapshot& snap);

// Accountability distance of every organisation in the snapshot.
ShortestPaths accountability_distances(const Snapshot& snap, const Weights& weights,
                                       std::optional<Layer> layer = std::nullopt);

// Betweenness centrality (Boost.Graph brandes_betweenness_centrality) on the
// selected edges, weighted. Parallel edges are merged first (keeping the least
// weight), so two relationships between the same bodies do not count a path
// twice. Indexed by vertex; for a directed graph, the sum over ordered pairs
// (s, t), s != v != t, of the share of least-weight s-t paths through v.
std::vector<double> betweenness(const Snapshot& snap, const Weights& weights,
                                const EdgeSelection& selection);

}  // namespace govmap

#endif  // GOVMAP_CORE_ACCOUNTABILITY_H_
