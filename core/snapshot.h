// The governance graph as it stood on one day.
//
// build_snapshot() is the one place a Boost.Graph is made from the store:
// organisations in force at the date become vertices (carrying the period in
// force), relationships in force become edges (pointing at the relationship,
// which the snapshot owns). Algorithms and renderers take their graph from
// here and nowhere else.
//
// Determinism: vertices are added in id order and edges in relationship order
// (from, to, kind, layer, valid_from), so vertex and edge indexes, and anything
// iterated from them, do not depend on the order data was imported.
#ifndef GOVMAP_CORE_SNAPSHOT_H_
#define GOVMAP_CORE_SNAPSHOT_H_

#include <boost/graph/adjacency_list.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.h"

namespace govmap {

class Store;

struct VertexData {
  std::string id;
  OrgPeriod period;                     // the period in force at the snapshot date
  std::vector<Identifier> identifiers;  // sorted
};

// An edge points at its relationship, held by the snapshot that made the
// graph (Snapshot::relationships): a small graph node per edge instead of a
// copy of every attribute, and no move of each relationship into one. Valid
// while that snapshot lives (moving the snapshot keeps it valid).
struct EdgeData {
  const Relationship* rel = nullptr;
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexData, EdgeData>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Exchanges two graphs in O(1), keeping every vertex, edge and descriptor.
// Boost 1.74's adjacency_list has no move constructor or move assignment, and
// its swap() copies both graphs (a temporary, then two assignments: an eighth
// of a 10^6-body `distance`, and two transient copies of its vertices). Its
// containers are public members (Boost marks them "would be protected"): the
// vertex vector, the edge list (std::list::swap keeps the iterators the
// out- and in-edge lists hold valid) and the graph property.
void swap_graphs(Graph& a, Graph& b) noexcept;

struct SnapshotOptions {
  Date at;
  std::optional<Layer> layer;  // unset = both layers
  std::set<RelKind> kinds;     // empty = every kind
  // Keep only `area` and what lies inside it: the bodies within area_hops
  // part_of / member_of / committee_of steps that point to it (a region's STPs
  // and their CCGs; a council's committees). An organisation id.
  std::optional<std::string> area;
  int area_hops = 2;
  // With area: also keep every body reachable from the area's bodies along
  // accountability relationships (towards the voters), so that a picture of an
  // area shows whom it answers to: NHS England, Parliament, the electorates;
  // and, before that, the bodies the area is part_of and those its bodies are
  // member_of (its region, health and wellbeing boards, partnerships).
  bool area_upward = false;
  // Keep only these organisations (applied after area). Two-date pictures use
  // the union of both dates' areas, so a body that merely left the area is not
  // shown as gone.
  std::optional<std::set<std::string>> only;
  // Keep only bodies of this country (Organisation::country(); unset = every
  // body), except those in `named`: a body asked for by id is always there.
  // Applied with area and only, so pictures and tables count the same bodies.
  std::optional<Country> country;
  std::set<std::string> named;
  // False: read without citations (Store RelationshipFilter::citations): the
  // periods' and relationships' sources and source lines, the relationships'
  // legal basis and note are empty. For commands that print none of them.
  // Only build_snapshot(store, ...) reads; values in memory are taken as given.
  bool citations = true;
};

// Move-only: its edges point into its own relationships.
class Snapshot {
 public:
  Snapshot() = default;
  // Moves take the graph over with swap_graphs: the defaulted ones would copy
  // it (adjacency_list has only a copy constructor).
  Snapshot(Snapshot&& other) noexcept;
  Snapshot& operator=(Snapshot&& other) noexcept;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  Graph graph;
  Date at;

  std::optional<Vertex> find(const std::string& id) const;
  const VertexData& operator[](Vertex v) const { return graph[v]; }
  size_t vertex_count() const { return boost::num_vertices(graph); }
  size_t edge_count() const { return boost::num_edges(graph); }
  // The relationships the edges point at: exactly one per edge, in no
  // particular order (iterate the graph's edges for the deterministic one).
  const std::vector<Relationship>& relationships() const { return rels_; }
  // Hands those relationships over, without a copy, to a caller done with
  // the graph: its edges then point at nothing, so only an expiring snapshot
  // gives them (std::move(snap).release_relationships()).
  std::vector<Relationship> release_relationships() && { return std::move(rels_); }

 private:
  template <typename Orgs>
  friend Snapshot make_snapshot(Orgs&, std::vector<Relationship>, const SnapshotOptions&);
  // Views of the vertices' ids (graph's vertex vector is sized once and its
  // buffer survives a move): looked up, never iterated.
  std::unordered_map<std::string_view, Vertex> index_;
  std::vector<Relationship> rels_;                 // what the edges point at
};

// From the store: reads what is in force at options.at (the organisations
// read are handed over as a temporary, so each vertex takes its period
// without a copy).
Snapshot build_snapshot(const Store& store, const SnapshotOptions& options);
// From values already in memory (tests, benchmarks, importers' dry runs).
// The relationships are taken by value and kept by the snapshot for its
// edges to point at (those that make no edge are dropped): hand over a list
// read for this snapshot with std::move (or as a temporary) and none is
// copied; pass one kept for other snapshots and it is copied once here.
// Organisations likewise: a vertex copies the period in force and the
// identifiers of a list kept for other snapshots, and moves them out of one
// handed over, which is then emptied (freed once the vertices are made, so
// the edges reuse its memory).
Snapshot build_snapshot(const std::vector<Organisation>& orgs, std::vector<Relationship> rels,
                        const SnapshotOptions& options);
Snapshot build_snapshot(std::vector<Organisation>&& orgs, std::vector<Relationship> rels,
                        const SnapshotOptions& options);

}  // namespace govmap

#endif  // GOVMAP_CORE_SNAPSHOT_H_
