#include "core/snapshot.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string_view>
#include <type_traits>
#include <unordered_set>

#include "core/error.h"
#include "core/store.h"

namespace govmap {

void swap_graphs(Graph& a, Graph& b) noexcept {
  a.m_vertices.swap(b.m_vertices);
  a.m_edges.swap(b.m_edges);
  a.m_property.swap(b.m_property);
}

Snapshot::Snapshot(Snapshot&& other) noexcept
    : at(other.at), index_(std::move(other.index_)), rels_(std::move(other.rels_)) {
  swap_graphs(graph, other.graph);
}

Snapshot& Snapshot::operator=(Snapshot&& other) noexcept {
  // Everything is exchanged: each side's edges still point into its own
  // relationships, and other takes what this held away to its destructor.
  std::swap(at, other.at);
  index_.swap(other.index_);
  rels_.swap(other.rels_);
  swap_graphs(graph, other.graph);
  return *this;
}

std::optional<Vertex> Snapshot::find(const std::string& id) const {
  auto it = index_.find(std::string_view(id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

namespace {

// No position: an id not in force, a body not kept. At namespace scope so the
// lambdas below use it without a capture (clang odr-uses a local constexpr
// in a conditional expression).
constexpr size_t kAbsent = SIZE_MAX;

bool is_area_kind(RelKind k) {
  return k == RelKind::kPartOf || k == RelKind::kMemberOf || k == RelKind::kCommitteeOf;
}

// Ids of start and what lies within hops part_of / member_of / committee_of
// steps inside it.
template <typename InForce>
std::set<std::string> area_members(const std::string& start, int hops,
                                   const std::vector<InForce>& rels) {
  // Downwards only: `from part_of to` puts from inside to. Walking upwards too
  // would take a region to NHS England and from there to every other region.
  std::map<std::string, std::vector<std::string>> inside;
  for (const InForce& f : rels)
    if (is_area_kind(f.rel->kind)) inside[f.rel->to].push_back(f.rel->from);
  std::set<std::string> seen = {start};
  std::deque<std::pair<std::string, int>> queue = {{start, 0}};
  // Breadth-first with a visited set: terminates on cycles, bounded by hops.
  while (!queue.empty()) {
    auto [id, depth] = queue.front();
    queue.pop_front();
    if (depth == hops) continue;
    for (const std::string& next : inside[id])
      if (seen.insert(next).second) queue.emplace_back(next, depth + 1);
  }
  return seen;
}

}  // namespace

Snapshot build_snapshot(const Store& store, const SnapshotOptions& options) {
  RelationshipFilter filter;
  filter.at = options.at;
  filter.citations = options.citations;
  return build_snapshot(store.organisations({}, options.citations), store.relationships(filter),
                        options);
}

// Orgs is const (a vertex copies what it takes) or not (it moves it out).
template <typename Orgs>
Snapshot make_snapshot(Orgs& orgs, std::vector<Relationship> rels,
                       const SnapshotOptions& options) {
  using OrgPtr = std::conditional_t<std::is_const_v<Orgs>, const Organisation*, Organisation*>;
  Snapshot snap;
  snap.at = options.at;

  // Without an area, the bodies kept depend on no relationship: they are
  // chosen first and made vertices at once, and the vertices' own index finds
  // each relationship's ends (one table of a million ids, not two). An area
  // is found over every body and relationship in force, so with one the
  // vertices are made once it is known.
  const bool vertices_first = !options.area;
  auto passes_filters = [&options](const Organisation& o) {
    if (options.only && !options.only->count(o.id)) return false;
    return !options.country || o.country() == *options.country || options.named.count(o.id);
  };
  std::vector<OrgPtr> live;
  for (auto& o : orgs)
    if (o.period_at(options.at) && (!vertices_first || passes_filters(o))) live.push_back(&o);
  // The store hands both lists over already in order: check (linear) before
  // sorting (n log n string comparisons, a quarter of a whole distance run).
  auto by_id = [](OrgPtr a, OrgPtr b) { return a->id < b->id; };
  if (!std::is_sorted(live.begin(), live.end(), by_id)) std::sort(live.begin(), live.end(), by_id);

  // Every vertex made at once: add_vertex one by one regrows (and moves) the
  // vertex vector about log n times. Swapped in without a copy (swap_graphs).
  // The index holds views of the vertices' ids (the vertex vector is never
  // resized again, and a move of the snapshot keeps its buffer).
  auto make_vertices = [&snap, &options](const std::vector<OrgPtr>& kept) {
    {
      Graph sized(kept.size());
      swap_graphs(snap.graph, sized);
    }
    snap.index_.reserve(kept.size());
    for (Vertex v = 0; v < kept.size(); ++v) {
      OrgPtr o = kept[v];
      VertexData& d = snap.graph[v];
      d.id = o->id;
      if constexpr (std::is_const_v<Orgs>) {
        d.period = *o->period_at(options.at);
        d.identifiers = o->identifiers;
      } else {
        d.period = std::move(*const_cast<OrgPeriod*>(o->period_at(options.at)));
        d.identifiers = std::move(o->identifiers);
      }
      snap.index_.emplace(d.id, v);
    }
  };
  // Organisations handed over have given their vertices all they had: freed
  // then, their memory is there for the edges (reused, not faulted in anew).
  auto release_orgs = [&orgs, &live]() {
    if constexpr (!std::is_const_v<Orgs>) Orgs().swap(orgs);
    decltype(live)().swap(live);
  };

  // Position in live of each id (looked up, never iterated): the vertex index
  // itself, or (with an area) views of the ids orgs holds. Each
  // relationship's ends are looked up once, and the edges below take their
  // vertices from the positions; from runs in relationship order, so a run
  // of one body's relationships looks it up once.
  std::unordered_map<std::string_view, size_t> live_at;
  if (vertices_first) {
    make_vertices(live);
    release_orgs();
  } else {
    live_at.reserve(live.size());
    for (size_t i = 0; i < live.size(); ++i) live_at.emplace(live[i]->id, i);
  }
  const std::unordered_map<std::string_view, size_t>& ids = vertices_first ? snap.index_ : live_at;
  auto position = [&ids](const std::string& id) {
    auto it = ids.find(id);
    return it == ids.end() ? kAbsent : it->second;
  };
  const size_t n_positions = vertices_first ? snap.vertex_count() : live.size();

  // 16 bytes a relationship in force: positions fit 32 bits (checked below).
  struct InForce {
    Relationship* rel;
    uint32_t from, to;  // positions in live; later, vertices
  };
  if (n_positions >= UINT32_MAX)
    throw Error(Error::Kind::kInput, "more than 2^32 bodies in force on " + options.at.str() +
                                         ": more than a snapshot holds");
  // At most one per relationship: reserved, so the list is not regrown (each
  // doubling touches fresh memory, slow to fault in at 10^6 bodies).
  std::vector<InForce> in_force;
  in_force.reserve(rels.size());
  const std::string* last_from = nullptr;
  size_t from_at = kAbsent;
  for (Relationship& r : rels) {
    if (!r.valid.contains(options.at)) continue;
    if (!last_from || *last_from != r.from) {
      last_from = &r.from;
      from_at = position(r.from);
    }
    if (from_at == kAbsent) continue;
    size_t to_at = position(r.to);
    if (to_at != kAbsent)
      in_force.push_back({&r, static_cast<uint32_t>(from_at), static_cast<uint32_t>(to_at)});
  }
  auto by_key = [](const InForce& a, const InForce& b) { return *a.rel < *b.rel; };
  if (!std::is_sorted(in_force.begin(), in_force.end(), by_key))
    std::sort(in_force.begin(), in_force.end(), by_key);
  // The ends are positions now: the id table is done with (a node per body).
  decltype(live_at)().swap(live_at);

  // The area is found over all relationships in force, before layer and kind
  // filters, so "--area X --layer shadow" means the shadow part of area X.
  std::optional<std::set<std::string>> area;
  if (options.area) area = area_members(*options.area, options.area_hops, in_force);
  if (area && options.area_upward) {
    // A picture of an area also shows where it sits and what its bodies sit
    // on: the bodies the area itself is part_of (its region), and the
    // partnerships and boards a body of the area is member_of (health and
    // wellbeing boards, an ICP). After 2022 an ICB's footprint is linked to it
    // this way, not by part_of / member_of edges pointing into it.
    std::set<std::string> partners;
    for (const InForce& f : in_force) {
      const Relationship* r = f.rel;
      if (!area->count(r->from)) continue;
      if (r->kind == RelKind::kMemberOf ||
          (r->kind == RelKind::kPartOf && r->from == *options.area))
        partners.insert(r->to);
    }
    area->insert(partners.begin(), partners.end());
    std::map<std::string, std::vector<std::string>> up;
    for (const InForce& f : in_force)
      if (is_accountability(f.rel->kind) && (!options.layer || f.rel->layer == *options.layer))
        up[f.rel->from].push_back(f.rel->to);
    std::vector<std::string> stack(area->begin(), area->end());
    while (!stack.empty()) {  // visited set: terminates on cycles
      std::string id = stack.back();
      stack.pop_back();
      for (const std::string& next : up[id])
        if (area->insert(next).second) stack.push_back(next);
    }
  }

  // Position in live -> vertex: the same without an area; with one, the
  // bodies inside it that pass the filters, made vertices now.
  std::vector<Vertex> vertex_of(n_positions, kAbsent);
  if (vertices_first) {
    for (Vertex v = 0; v < n_positions; ++v) vertex_of[v] = v;
  } else {
    std::vector<OrgPtr> kept_orgs;
    kept_orgs.reserve(live.size());
    for (size_t i = 0; i < live.size(); ++i) {
      OrgPtr o = live[i];
      if (!area->count(o->id) || !passes_filters(*o)) continue;
      vertex_of[i] = kept_orgs.size();
      kept_orgs.push_back(o);
    }
    make_vertices(kept_orgs);
    release_orgs();
  }
  // The edges, in relationship order, in place of the list in force: each
  // keeps its relationship's position in rels and its two vertices.
  size_t n_edges = 0;
  for (const InForce& f : in_force) {
    const Relationship* r = f.rel;
    if (options.layer && r->layer != *options.layer) continue;
    if (!options.kinds.empty() && !options.kinds.count(r->kind)) continue;
    Vertex from = vertex_of[f.from], to = vertex_of[f.to];
    if (from == kAbsent || to == kAbsent) continue;
    in_force[n_edges++] = {f.rel, static_cast<uint32_t>(from), static_cast<uint32_t>(to)};
  }
  in_force.resize(n_edges);
  decltype(vertex_of)().swap(vertex_of);
  // The relationships the edges use are kept (moved down over the others, in
  // place) for the edges to point at: each edge's position among the kept.
  std::vector<size_t> kept_at(in_force.size());
  {
    std::vector<size_t> slot(rels.size(), SIZE_MAX);  // old position -> kept position
    for (const InForce& e : in_force) slot[static_cast<size_t>(e.rel - rels.data())] = 0;
    size_t kept = 0;
    for (size_t i = 0; i < rels.size(); ++i)
      if (slot[i] != SIZE_MAX) slot[i] = kept++;
    for (size_t i = 0; i < in_force.size(); ++i)
      kept_at[i] = slot[static_cast<size_t>(in_force[i].rel - rels.data())];
    for (size_t i = 0; i < rels.size(); ++i)
      if (slot[i] != SIZE_MAX && slot[i] != i) rels[slot[i]] = std::move(rels[i]);
    rels.resize(kept);
  }
  const size_t kept = rels.size();
  // A list read for a wide question (every date, every kind) keeps no slack.
  if (kept < rels.capacity() / 2) rels.shrink_to_fit();
  // Each vertex's out- and in-edge lists sized once: add_edge alone regrows
  // them by doubling (copies, and a quarter of their memory left unused).
  {
    std::vector<uint32_t> out_degree(snap.graph.m_vertices.size()),
        in_degree(snap.graph.m_vertices.size());
    for (const InForce& e : in_force) {
      ++out_degree[e.from];
      ++in_degree[e.to];
    }
    for (Vertex v = 0; v < snap.graph.m_vertices.size(); ++v) {
      snap.graph.m_vertices[v].m_out_edges.reserve(out_degree[v]);
      snap.graph.m_vertices[v].m_in_edges.reserve(in_degree[v]);
    }
  }
  snap.rels_ = std::move(rels);
  for (size_t i = 0; i < in_force.size(); ++i) {
    auto [edge, added] = boost::add_edge(in_force[i].from, in_force[i].to, snap.graph);
    (void)added;
    snap.graph[edge].rel = &snap.rels_[kept_at[i]];
  }
  return snap;
}

Snapshot build_snapshot(const std::vector<Organisation>& orgs, std::vector<Relationship> rels,
                        const SnapshotOptions& options) {
  return make_snapshot(orgs, std::move(rels), options);
}

Snapshot build_snapshot(std::vector<Organisation>&& orgs, std::vector<Relationship> rels,
                        const SnapshotOptions& options) {
  return make_snapshot(orgs, std::move(rels), options);
}

}  // namespace govmap
