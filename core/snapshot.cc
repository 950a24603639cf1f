#include "core/snapshot.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string_view>
#include <unordered_set>

#include "core/store.h"

namespace govmap {

std::optional<Vertex> Snapshot::find(const std::string& id) const {
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

namespace {

bool is_area_kind(RelKind k) {
  return k == RelKind::kPartOf || k == RelKind::kMemberOf || k == RelKind::kCommitteeOf;
}

// Ids of start and what lies within hops part_of / member_of / committee_of
// steps inside it.
std::set<std::string> area_members(const std::string& start, int hops,
                                   const std::vector<Relationship*>& rels) {
  // Downwards only: `from part_of to` puts from inside to. Walking upwards too
  // would take a region to NHS England and from there to every other region.
  std::map<std::string, std::vector<std::string>> inside;
  for (const Relationship* r : rels)
    if (is_area_kind(r->kind)) inside[r->to].push_back(r->from);
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
  return build_snapshot(store.organisations(), store.relationships(filter), options);
}

Snapshot build_snapshot(const std::vector<Organisation>& orgs, std::vector<Relationship> rels,
                        const SnapshotOptions& options) {
  Snapshot snap;
  snap.at = options.at;

  std::vector<const Organisation*> live;
  for (const Organisation& o : orgs)
    if (o.period_at(options.at)) live.push_back(&o);
  // The store hands both lists over already in order: check (linear) before
  // sorting (n log n string comparisons, a quarter of a whole distance run).
  auto by_id = [](const Organisation* a, const Organisation* b) { return a->id < b->id; };
  if (!std::is_sorted(live.begin(), live.end(), by_id)) std::sort(live.begin(), live.end(), by_id);
  // Membership only (never iterated): views of the ids orgs holds.
  std::unordered_set<std::string_view> live_ids;
  live_ids.reserve(live.size());
  for (const Organisation* o : live) live_ids.insert(o->id);

  std::vector<Relationship*> in_force;
  for (Relationship& r : rels)
    if (r.valid.contains(options.at) && live_ids.count(r.from) && live_ids.count(r.to))
      in_force.push_back(&r);
  auto by_key = [](const Relationship* a, const Relationship* b) { return *a < *b; };
  if (!std::is_sorted(in_force.begin(), in_force.end(), by_key))
    std::sort(in_force.begin(), in_force.end(), by_key);

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
    for (const Relationship* r : in_force) {
      if (!area->count(r->from)) continue;
      if (r->kind == RelKind::kMemberOf ||
          (r->kind == RelKind::kPartOf && r->from == *options.area))
        partners.insert(r->to);
    }
    area->insert(partners.begin(), partners.end());
    std::map<std::string, std::vector<std::string>> up;
    for (const Relationship* r : in_force)
      if (is_accountability(r->kind) && (!options.layer || r->layer == *options.layer))
        up[r->from].push_back(r->to);
    std::vector<std::string> stack(area->begin(), area->end());
    while (!stack.empty()) {  // visited set: terminates on cycles
      std::string id = stack.back();
      stack.pop_back();
      for (const std::string& next : up[id])
        if (area->insert(next).second) stack.push_back(next);
    }
  }

  std::vector<const Organisation*> kept_orgs;
  kept_orgs.reserve(live.size());
  for (const Organisation* o : live) {
    if (area && !area->count(o->id)) continue;
    if (options.only && !options.only->count(o->id)) continue;
    if (options.country && o->country() != *options.country && !options.named.count(o->id))
      continue;
    kept_orgs.push_back(o);
  }
  // Every vertex made at once: add_vertex one by one regrows (and moves) the
  // vertex vector about log n times. Swapped in: adjacency_list has no move
  // assignment, and its copy assignment would copy the new graph.
  {
    Graph sized(kept_orgs.size());
    snap.graph.swap(sized);
  }
  snap.index_.reserve(kept_orgs.size());
  for (Vertex v = 0; v < kept_orgs.size(); ++v) {
    const Organisation* o = kept_orgs[v];
    snap.graph[v].id = o->id;
    snap.graph[v].period = *o->period_at(options.at);
    snap.graph[v].identifiers = o->identifiers;
    snap.index_[o->id] = v;
  }
  // The edges, in relationship order; then the relationships they use are
  // kept (moved down over the others, in place) for the edges to point at.
  std::vector<std::pair<size_t, std::pair<Vertex, Vertex>>> edges;  // position in rels, ends
  edges.reserve(in_force.size());
  for (Relationship* r : in_force) {
    if (options.layer && r->layer != *options.layer) continue;
    if (!options.kinds.empty() && !options.kinds.count(r->kind)) continue;
    auto f = snap.index_.find(r->from);
    auto t = snap.index_.find(r->to);
    if (f == snap.index_.end() || t == snap.index_.end()) continue;
    edges.push_back({static_cast<size_t>(r - rels.data()), {f->second, t->second}});
  }
  std::vector<size_t> slot(rels.size(), SIZE_MAX);  // old position -> kept position
  for (const auto& e : edges) slot[e.first] = 0;
  size_t kept = 0;
  for (size_t i = 0; i < rels.size(); ++i) {
    if (slot[i] == SIZE_MAX) continue;
    if (kept != i) rels[kept] = std::move(rels[i]);
    slot[i] = kept++;
  }
  rels.resize(kept);
  // A list read for a wide question (every date, every kind) keeps no slack.
  if (kept < rels.capacity() / 2) rels.shrink_to_fit();
  snap.rels_ = std::move(rels);
  for (const auto& [at, ends] : edges) {
    auto [e, added] = boost::add_edge(ends.first, ends.second, snap.graph);
    (void)added;
    snap.graph[e].rel = &snap.rels_[slot[at]];
  }
  return snap;
}

}  // namespace govmap
