#include "core/compare.h"

#include <map>
#include <utility>

namespace govmap {
namespace {

const std::vector<std::string> kChangeNames = {
    "same", "closer", "further", "became_unaccountable", "became_accountable", "added", "removed"};

std::string identity(const Relationship& r) {
  return r.from + "\x1f" + r.to + "\x1f" + name_of(r.kind) + "\x1f" + name_of(r.layer);
}

bool same_record(const Relationship& a, const Relationship& b) {
  return a.valid.from == b.valid.from && a.valid.to == b.valid.to &&
         a.legal_basis == b.legal_basis && a.note == b.note && a.share == b.share &&
         a.sources == b.sources;
}

std::map<std::string, OrgState> states(const Snapshot& snap, const Weights& weights,
                                       const std::optional<std::set<std::string>>& only) {
  ShortestPaths paths = accountability_distances(snap, weights);
  std::map<std::string, OrgState> out;
  for (Vertex v = 0; v < snap.vertex_count(); ++v) {
    const VertexData& d = snap[v];
    if (only && !only->count(d.id)) continue;
    // Only the route's cost is compared and printed: its steps (a copy of
    // each relationship on it) would hold a map's worth of copies.
    std::optional<Route> route = paths.route_totals(v);
    out[d.id] = OrgState{d.period.name, d.period.kind, d.period.tier, std::move(route)};
  }
  return out;
}

// By identity, pointing into the snapshot's edges: a copy of every
// relationship of both dates was most of compare's peak memory.
std::map<std::string, const Relationship*> relationships(
    const Snapshot& snap, const std::optional<std::set<std::string>>& only) {
  std::map<std::string, const Relationship*> out;
  const Graph& g = snap.graph;
  for (auto [ei, ee] = boost::edges(g); ei != ee; ++ei) {
    const Relationship& r = *g[*ei].rel;
    if (only && !only->count(r.from)) continue;
    out.emplace(identity(r), &r);
  }
  return out;
}

}  // namespace

const std::string& name_of(DistanceChange c) {
  return kChangeNames[static_cast<size_t>(c)];
}

bool Comparison::same_graph() const {
  return summary.organisations_added == 0 && summary.organisations_removed == 0 &&
         summary.organisations_changed == 0 && relationships_added.empty() &&
         relationships_removed.empty() && relationships_changed.empty();
}

Comparison compare_snapshots(const Snapshot& before, const Snapshot& after, const Weights& weights,
                             const std::optional<std::set<std::string>>& only) {
  Comparison c;
  c.from = before.at;
  c.to = after.at;
  auto& s = c.summary;

  std::map<std::string, OrgState> a = states(before, weights, only);
  std::map<std::string, OrgState> b = states(after, weights, only);
  s.organisations_before = static_cast<int>(a.size());
  s.organisations_after = static_cast<int>(b.size());
  std::set<std::string> ids;
  for (const auto& [id, st] : a) ids.insert(id);
  for (const auto& [id, st] : b) ids.insert(id);
  for (const std::string& id : ids) {
    OrgComparison o;
    o.id = id;
    if (auto it = a.find(id); it != a.end()) o.before = it->second;
    if (auto it = b.find(id); it != b.end()) o.after = it->second;
    if (!o.before) {
      o.change = DistanceChange::kAdded;
      ++s.organisations_added;
      if (!o.after->route) ++s.added_unaccountable;
    } else if (!o.after) {
      o.change = DistanceChange::kRemoved;
      ++s.organisations_removed;
    } else {
      o.period_changed = o.before->name != o.after->name || o.before->kind != o.after->kind ||
                         o.before->tier != o.after->tier;
      if (o.period_changed) ++s.organisations_changed;
      const auto& rb = o.before->route;
      const auto& ra = o.after->route;
      if (rb && ra) {
        o.delta = ra->weight - rb->weight;
        o.change = *o.delta < 0   ? DistanceChange::kCloser
                   : *o.delta > 0 ? DistanceChange::kFurther
                                  : DistanceChange::kSame;
      } else if (rb) {
        o.change = DistanceChange::kBecameUnaccountable;
      } else if (ra) {
        o.change = DistanceChange::kBecameAccountable;
      } else {
        o.change = DistanceChange::kSame;
      }
      switch (o.change) {
        case DistanceChange::kCloser:
          ++s.closer;
          break;
        case DistanceChange::kFurther:
          ++s.further;
          break;
        case DistanceChange::kBecameUnaccountable:
          ++s.became_unaccountable;
          break;
        case DistanceChange::kBecameAccountable:
          ++s.became_accountable;
          break;
        default:
          ++s.same;
      }
    }
    c.organisations.push_back(std::move(o));
  }

  std::map<std::string, const Relationship*> ra = relationships(before, only);
  std::map<std::string, const Relationship*> rb = relationships(after, only);
  // Counted first, so each list is allocated once at its size (doubling a
  // vector of copies was a third of compare's peak memory).
  size_t added = 0, changed = 0, removed = 0;
  for (const auto& [key, r] : rb) {
    auto it = ra.find(key);
    if (it == ra.end())
      ++added;
    else if (!same_record(*it->second, *r))
      ++changed;
  }
  for (const auto& [key, r] : ra)
    if (!rb.count(key)) ++removed;
  c.relationships_added.reserve(added);
  c.relationships_changed.reserve(changed);
  c.relationships_removed.reserve(removed);
  for (const auto& [key, r] : rb) {
    auto it = ra.find(key);
    if (it == ra.end())
      c.relationships_added.push_back({std::nullopt, *r});
    else if (!same_record(*it->second, *r))
      c.relationships_changed.push_back({*it->second, *r});
  }
  for (const auto& [key, r] : ra)
    if (!rb.count(key)) c.relationships_removed.push_back({*r, std::nullopt});
  s.relationships_added = static_cast<int>(c.relationships_added.size());
  s.relationships_removed = static_cast<int>(c.relationships_removed.size());
  s.relationships_changed = static_cast<int>(c.relationships_changed.size());
  return c;
}

}  // namespace govmap
