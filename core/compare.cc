#include "core/compare.h"

#include <algorithm>
#include <utility>

namespace govmap {
namespace {

const std::vector<std::string> kChangeNames = {
    "same", "closer", "further", "became_unaccountable", "became_accountable", "added", "removed"};

using States = std::vector<std::pair<std::string, OrgState>>;
using RelList = std::vector<const Relationship*>;

// A relationship's identity, (from, to, kind, layer), kinds and layers by
// name: the order of the text key "from\x1fto\x1fkind\x1flayer" the lists
// were once kept in, without building that key for every relationship.
int compare_identity(const Relationship& a, const Relationship& b) {
  if (int c = a.from.compare(b.from)) return c;
  if (int c = a.to.compare(b.to)) return c;
  if (int c = name_of(a.kind).compare(name_of(b.kind))) return c;
  return name_of(a.layer).compare(name_of(b.layer));
}

bool same_record(const Relationship& a, const Relationship& b) {
  return a.valid.from == b.valid.from && a.valid.to == b.valid.to &&
         a.cited().legal_basis == b.cited().legal_basis && a.cited().note == b.cited().note &&
         a.share == b.share && a.cited().sources == b.cited().sources;
}

// By id (vertices are in id order), each body's state on the snapshot's date.
States states(const Snapshot& snap, const Weights& weights,
              const std::optional<std::set<std::string>>& only) {
  ShortestPaths paths = accountability_distances(snap, weights);
  States out;
  out.reserve(only ? std::min(only->size(), snap.vertex_count()) : snap.vertex_count());
  for (Vertex v = 0; v < snap.vertex_count(); ++v) {
    const VertexData& d = snap[v];
    if (only && !only->count(d.id)) continue;
    // Only the route's cost is compared and printed: its steps (a copy of
    // each relationship on it) would hold a map's worth of copies.
    out.emplace_back(d.id,
                     OrgState{d.period.name, d.period.kind, d.period.tier, paths.route_totals(v)});
  }
  return out;
}

// Ordered by identity, one per identity (the first in relationship order, as
// a map keyed by identity kept), pointing at relationships held elsewhere:
// a copy of every relationship of both dates was most of compare's memory.
RelList by_identity(RelList rels) {
  std::sort(rels.begin(), rels.end(),
            [](const Relationship* a, const Relationship* b) { return *a < *b; });
  rels.erase(std::unique(rels.begin(), rels.end(),
                         [](const Relationship* a, const Relationship* b) {
                           return compare_identity(*a, *b) == 0;
                         }),
             rels.end());
  return rels;
}

RelList edges_of(const Snapshot& snap, const std::optional<std::set<std::string>>& only) {
  RelList out;
  out.reserve(snap.edge_count());
  const Graph& g = snap.graph;
  for (auto [ei, ee] = boost::edges(g); ei != ee; ++ei) {
    const Relationship* r = g[*ei].rel;
    if (only && !only->count(r->from)) continue;
    out.push_back(r);
  }
  return by_identity(std::move(out));
}

Comparison compare(Date from, Date to, States a, States b, const RelList& ra, const RelList& rb);

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
  Comparison c =
      compare(before.at, after.at, states(before, weights, only), states(after, weights, only),
              edges_of(before, only), edges_of(after, only));
  // The changes point into the snapshots, which the caller keeps: copy the
  // records they use (one list, sized first, so the copies do not move).
  std::vector<RelChange>* lists[] = {&c.relationships_added, &c.relationships_removed,
                                     &c.relationships_changed};
  size_t n = 0;
  for (auto* list : lists)
    for (const RelChange& ch : *list) n += (ch.before != nullptr) + (ch.after != nullptr);
  std::vector<Relationship>& held = c.records.emplace_back();
  held.reserve(n);
  auto keep = [&held](const Relationship*& r) {
    if (!r) return;
    held.push_back(*r);
    r = &held.back();
  };
  for (auto* list : lists)
    for (RelChange& ch : *list) {
      keep(ch.before);
      keep(ch.after);
    }
  return c;
}

DateSide date_side(Snapshot snap, const Weights& weights,
                   const std::optional<std::set<std::string>>& only) {
  DateSide side;
  side.at = snap.at;
  side.states = states(snap, weights, only);
  // Taken from the snapshot, not copied: its graph goes at the end of this
  // call, and a copy beside the second date's snapshot was compare's peak.
  side.relationships = std::move(snap).release_relationships();
  if (only)
    side.relationships.erase(
        std::remove_if(side.relationships.begin(), side.relationships.end(),
                       [&](const Relationship& r) { return !only->count(r.from); }),
        side.relationships.end());
  return side;
}

Comparison compare_sides(DateSide before, DateSide after) {
  auto pointers = [](const std::vector<Relationship>& rels) {
    RelList out;
    out.reserve(rels.size());
    for (const Relationship& r : rels) out.push_back(&r);
    return by_identity(std::move(out));
  };
  Comparison c = compare(before.at, after.at, std::move(before.states), std::move(after.states),
                         pointers(before.relationships), pointers(after.relationships));
  // The changes point into the sides' lists: moved in whole (a vector's move
  // keeps its elements where they are), not copied.
  c.records.reserve(2);
  c.records.push_back(std::move(before.relationships));
  c.records.push_back(std::move(after.relationships));
  return c;
}

namespace {

Comparison compare(Date from, Date to, States a, States b, const RelList& ra, const RelList& rb) {
  Comparison c;
  c.from = from;
  c.to = to;
  auto& s = c.summary;
  s.organisations_before = static_cast<int>(a.size());
  s.organisations_after = static_cast<int>(b.size());
  // Both lists are by id: merged, every id present on either date once,
  // counted first so the list is allocated once at its size (a doubling
  // held the old and the new list at once, at compare's peak).
  size_t both_ids = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    int order = a[i].first.compare(b[j].first);
    both_ids += order == 0;
    i += order <= 0;
    j += order >= 0;
  }
  c.organisations.reserve(a.size() + b.size() - both_ids);
  for (size_t i = 0, j = 0; i < a.size() || j < b.size();) {
    OrgComparison o;
    int order = i == a.size() ? 1 : j == b.size() ? -1 : a[i].first.compare(b[j].first);
    if (order <= 0) {
      o.id = std::move(a[i].first);
      o.before = std::move(a[i++].second);
    }
    if (order >= 0) {
      if (order > 0) o.id = std::move(b[j].first);
      o.after = std::move(b[j++].second);
    }
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
      const auto& rb_ = o.before->route;
      const auto& ra_ = o.after->route;
      if (rb_ && ra_) {
        o.delta = ra_->weight - rb_->weight;
        o.change = *o.delta < 0   ? DistanceChange::kCloser
                   : *o.delta > 0 ? DistanceChange::kFurther
                                  : DistanceChange::kSame;
      } else if (rb_) {
        o.change = DistanceChange::kBecameUnaccountable;
      } else if (ra_) {
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
  a = {};
  b = {};

  // Both lists by identity: one merge finds what was added (after only),
  // removed (before only) and changed (both, a different record). Run twice:
  // counted first, so each list is allocated once at its size.
  auto merge = [&](auto&& added, auto&& removed, auto&& both) {
    for (size_t i = 0, j = 0; i < ra.size() || j < rb.size();) {
      int order = i == ra.size() ? 1 : j == rb.size() ? -1 : compare_identity(*ra[i], *rb[j]);
      if (order < 0)
        removed(*ra[i++]);
      else if (order > 0)
        added(*rb[j++]);
      else
        both(*ra[i++], *rb[j++]);
    }
  };
  size_t added = 0, changed = 0, removed = 0;
  merge([&](const Relationship&) { ++added; }, [&](const Relationship&) { ++removed; },
        [&](const Relationship& x, const Relationship& y) { changed += !same_record(x, y); });
  c.relationships_added.reserve(added);
  c.relationships_changed.reserve(changed);
  c.relationships_removed.reserve(removed);
  merge(
      [&](const Relationship& y) {
        c.relationships_added.push_back({nullptr, &y});
      },
      [&](const Relationship& x) {
        c.relationships_removed.push_back({&x, nullptr});
      },
      [&](const Relationship& x, const Relationship& y) {
        if (!same_record(x, y)) c.relationships_changed.push_back({&x, &y});
      });
  s.relationships_added = static_cast<int>(c.relationships_added.size());
  s.relationships_removed = static_cast<int>(c.relationships_removed.size());
  s.relationships_changed = static_cast<int>(c.relationships_changed.size());
  return c;
}

}  // namespace

}  // namespace govmap
