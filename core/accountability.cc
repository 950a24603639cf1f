#include "core/accountability.h"

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <functional>
#include <limits>
#include <map>
#include <tuple>

#include "core/error.h"

namespace govmap {
namespace {

const Cost kUnreached{std::numeric_limits<Milli>::max(), std::numeric_limits<int>::max()};

struct CostLess {
  bool operator()(const Cost& a, const Cost& b) const { return a < b; }
};

// Adds two costs; anything plus "unreached" stays unreached.
struct CostPlus {
  Cost operator()(const Cost& a, const Cost& b) const {
    if (a == kUnreached || b == kUnreached) return kUnreached;
    return Cost{a.weight + b.weight, a.hops + b.hops};
  }
};

// Edge predicate for boost::filtered_graph: keeps the edges a selection follows.
// Default-constructible, as filtered_graph requires.
struct Followed {
  const Graph* graph = nullptr;
  const Weights* weights = nullptr;
  const EdgeSelection* selection = nullptr;
  bool operator()(const Edge& e) const { return selection->follows(*(*graph)[e].rel, *weights); }
};

Cost edge_cost(const Relationship& r, const Weights& w) {
  return Cost{*w.of(r.kind, r.layer), 1};
}

}  // namespace

const std::set<RelKind>& accountability_kinds() {
  static const std::set<RelKind> kinds = [] {
    std::set<RelKind> s;
    for (const std::string& name : all_rel_kind_names()) {
      RelKind k = *parse_rel_kind(name);
      if (is_accountability(k)) s.insert(k);
    }
    return s;
  }();
  return kinds;
}

const std::set<RelKind>& all_rel_kinds() {
  static const std::set<RelKind> kinds = [] {
    std::set<RelKind> s;
    for (const std::string& name : all_rel_kind_names()) s.insert(*parse_rel_kind(name));
    return s;
  }();
  return kinds;
}

bool EdgeSelection::follows(const Relationship& r, const Weights& w) const {
  if (layer && r.layer != *layer) return false;
  if (!kinds.count(r.kind)) return false;
  return w.of(r.kind, r.layer).has_value();
}

ShortestPaths shortest_paths_to(const Snapshot& snap, const std::vector<Vertex>& targets,
                                const Weights& weights, const EdgeSelection& selection) {
  const Graph& g = snap.graph;
  const size_t n = boost::num_vertices(g);

  using Filtered = boost::filtered_graph<Graph, Followed>;
  using Reversed = boost::reverse_graph<Filtered>;
  using RevEdge = boost::graph_traits<Reversed>::edge_descriptor;
  Filtered filtered(g, Followed{&g, &weights, &selection});
  Reversed reversed(filtered);

  std::vector<Cost> dist(n, kUnreached);
  auto index = boost::get(boost::vertex_index, reversed);
  auto dist_map = boost::make_iterator_property_map(dist.begin(), index);
  auto weight_map = boost::make_function_property_map<RevEdge, Cost>(
      // The reversed edge wraps the snapshot's own edge descriptor.
      [&](const RevEdge& e) { return edge_cost(*g[e.underlying_descx].rel, weights); });
  // One multi-source run: every target starts at cost zero, so each vertex ends
  // with its cost to the nearest target.
  boost::dijkstra_shortest_paths(
      reversed, targets.begin(), targets.end(), boost::dummy_property_map(), dist_map, weight_map,
      index, CostLess(), CostPlus(), kUnreached, Cost{0, 0}, boost::default_dijkstra_visitor());

  ShortestPaths out;
  out.cost_.assign(n, std::nullopt);
  out.next_.assign(n, std::nullopt);
  for (Vertex v = 0; v < n; ++v)
    if (dist[v] != kUnreached) out.cost_[v] = dist[v];

  // The chosen first step of each vertex: among the edges that realise its
  // cost, the one to the smallest id; between parallel edges, statutory before
  // shadow, then the kind first by name.
  for (Vertex v = 0; v < n; ++v) {
    if (dist[v] == kUnreached || dist[v] == Cost{0, 0}) continue;
    std::optional<Edge> best;
    auto key = [&](const Edge& e) {
      const Relationship& r = *g[e].rel;
      return std::make_tuple(std::cref(g[boost::target(e, g)].id), static_cast<int>(r.layer),
                             std::cref(name_of(r.kind)));
    };
    for (auto [ei, ee] = boost::out_edges(v, g); ei != ee; ++ei) {
      const Relationship& r = *g[*ei].rel;
      if (!selection.follows(r, weights)) continue;
      Vertex u = boost::target(*ei, g);
      if (CostPlus()(dist[u], edge_cost(r, weights)) != dist[v]) continue;
      if (!best || key(*ei) < key(*best)) best = *ei;
    }
    if (!best)  // cannot happen: Dijkstra's cost is always realised by some edge
      throw Error(Error::Kind::kInput, "internal error: no optimal step from '" + g[v].id + "'");
    const Relationship& r = *g[*best].rel;
    out.next_[v] = ShortestPaths::Next{boost::target(*best, g), &r, *weights.of(r.kind, r.layer)};
  }
  return out;
}

std::optional<Route> ShortestPaths::route(Vertex v, bool with_steps) const {
  if (!cost_[v]) return std::nullopt;
  Route r;
  r.weight = cost_[v]->weight;
  r.hops = cost_[v]->hops;
  if (with_steps) r.steps.reserve(static_cast<size_t>(r.hops));
  // Each step lowers the hop count by one, so this ends at a target.
  for (Vertex at = v; next_[at]; at = next_[at]->to) {
    if (next_[at]->rel->layer == Layer::kShadow) ++r.shadow_hops;
    if (with_steps) r.steps.push_back(PathStep{*next_[at]->rel, next_[at]->weight});
  }
  return r;
}

std::vector<int> ShortestPaths::routes_through() const {
  std::vector<int> count(cost_.size(), 0);
  for (Vertex v = 0; v < cost_.size(); ++v)
    for (Vertex at = v; next_[at];) {
      at = next_[at]->to;
      ++count[at];
    }
  return count;
}

std::vector<Vertex> electorate_roots(const Snapshot& snap) {
  std::vector<Vertex> roots;
  for (Vertex v = 0; v < snap.vertex_count(); ++v)
    if (snap[v].period.kind == OrgKind::kElectorate) roots.push_back(v);
  return roots;
}

ShortestPaths accountability_distances(const Snapshot& snap, const Weights& weights,
                                       std::optional<Layer> layer) {
  EdgeSelection selection;
  selection.layer = layer;
  return shortest_paths_to(snap, electorate_roots(snap), weights, selection);
}

std::vector<double> betweenness(const Snapshot& snap, const Weights& weights,
                                const EdgeSelection& selection) {
  using Simple =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                            boost::property<boost::edge_weight_t, Milli>>;
  const Graph& g = snap.graph;
  const size_t n = boost::num_vertices(g);
  std::map<std::pair<Vertex, Vertex>, Milli> least;  // ordered: deterministic edge order
  for (auto [ei, ee] = boost::edges(g); ei != ee; ++ei) {
    const Relationship& r = *g[*ei].rel;
    if (!selection.follows(r, weights)) continue;
    Vertex s = boost::source(*ei, g), t = boost::target(*ei, g);
    if (s == t) continue;
    Milli w = *weights.of(r.kind, r.layer);
    auto [it, inserted] = least.emplace(std::make_pair(s, t), w);
    if (!inserted && w < it->second) it->second = w;
  }
  Simple simple(n);
  for (const auto& [ends, w] : least) boost::add_edge(ends.first, ends.second, w, simple);
  std::vector<double> centrality(n, 0.0);
  boost::brandes_betweenness_centrality(
      simple,
      boost::centrality_map(boost::make_iterator_property_map(
                                centrality.begin(), boost::get(boost::vertex_index, simple)))
          .weight_map(boost::get(boost::edge_weight, simple)));
  return centrality;
}

}  // namespace govmap
