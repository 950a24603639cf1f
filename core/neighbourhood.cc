#include "core/neighbourhood.h"

#include <deque>
#include <map>

#include "core/kinds.h"
#include "core/store.h"

namespace govmap {
namespace {

// Relationships in force on one date, read per body and kept: each body's
// outgoing ones are read once however often the walks below meet it.
class EdgeReader {
 public:
  EdgeReader(const Store& store, Date at) : store_(store), at_(at) {}

  const std::vector<Relationship>& leaving(const std::string& id) {
    auto it = out_.find(id);
    if (it != out_.end()) return it->second;
    RelationshipFilter f;
    f.at = at_;
    f.from = id;
    return out_.emplace(id, store_.relationships(f)).first->second;
  }

  std::vector<Relationship> entering(const std::string& id, const std::set<RelKind>& kinds) const {
    RelationshipFilter f;
    f.at = at_;
    f.to = id;
    f.kinds = kinds;
    return store_.relationships(f);
  }

  // The bodies of ids and every relationship leaving them. Walking the ids in
  // order gives the relationships sorted: from is their first key.
  Neighbourhood finish(const std::set<std::string>& ids) {
    Neighbourhood n;
    n.organisations = store_.organisations_of(ids);
    for (const std::string& id : ids) {
      const std::vector<Relationship>& rels = leaving(id);
      n.relationships.insert(n.relationships.end(), rels.begin(), rels.end());
    }
    return n;
  }

 private:
  const Store& store_;
  Date at_;
  std::map<std::string, std::vector<Relationship>> out_;
};

}  // namespace

Neighbourhood read_bodies(const Store& store, const std::set<std::string>& ids, Date at) {
  EdgeReader reader(store, at);
  return reader.finish(ids);
}

std::optional<Neighbourhood> read_reachable(const Store& store,
                                            const std::vector<std::string>& starts, Date at,
                                            size_t limit) {
  EdgeReader reader(store, at);
  std::set<std::string> seen(starts.begin(), starts.end());
  std::vector<std::string> stack(seen.begin(), seen.end());
  while (!stack.empty()) {  // visited set: terminates on cycles
    std::string id = std::move(stack.back());
    stack.pop_back();
    for (const Relationship& r : reader.leaving(id))
      if (seen.insert(r.to).second) stack.push_back(r.to);
    if (seen.size() > limit) return std::nullopt;
  }
  return reader.finish(seen);
}

std::optional<Neighbourhood> read_area(const Store& store, const SnapshotOptions& options,
                                       size_t limit) {
  if (!options.area) return std::nullopt;
  const std::string& area = *options.area;
  EdgeReader reader(store, options.at);
  // Downwards, breadth first as build_snapshot walks: over edges whose ends
  // may not be in force (a superset of its walk), so a body's depth here is at
  // most its depth there and every body it expands is expanded here too.
  const std::set<RelKind> inside = {RelKind::kPartOf, RelKind::kMemberOf, RelKind::kCommitteeOf};
  std::map<std::string, int> depth = {{area, 0}};
  std::deque<std::string> queue = {area};
  while (!queue.empty()) {
    std::string id = queue.front();
    queue.pop_front();
    int d = depth.at(id);
    if (d == options.area_hops) continue;
    for (const Relationship& r : reader.entering(id, inside))
      if (depth.emplace(r.from, d + 1).second) queue.push_back(r.from);
    if (depth.size() > limit) return std::nullopt;
  }
  std::set<std::string> ids;
  for (const auto& [id, d] : depth) ids.insert(id);
  if (options.area_upward) {
    // Where the area sits and what its bodies sit on, then everything they
    // answer to in either layer (build_snapshot follows only --layer's).
    std::set<std::string> members = ids;
    for (const std::string& m : members)
      for (const Relationship& r : reader.leaving(m))
        if (r.kind == RelKind::kMemberOf || (r.kind == RelKind::kPartOf && r.from == area))
          ids.insert(r.to);
    std::vector<std::string> stack(ids.begin(), ids.end());
    while (!stack.empty()) {  // visited set: terminates on cycles
      std::string id = std::move(stack.back());
      stack.pop_back();
      for (const Relationship& r : reader.leaving(id))
        if (is_accountability(r.kind) && ids.insert(r.to).second) stack.push_back(r.to);
      if (ids.size() > limit) return std::nullopt;
    }
  }
  return reader.finish(ids);
}

std::optional<Neighbourhood> read_histories(const Store& store, const std::set<std::string>& ids,
                                            size_t limit) {
  if (ids.size() > limit) return std::nullopt;
  Neighbourhood n;
  n.organisations = store.organisations_of(ids);
  for (const std::string& id : ids) {  // in id order: the relationships come sorted
    RelationshipFilter f;
    f.from = id;
    for (Relationship& r : store.relationships(f))
      if (ids.count(r.to)) n.relationships.push_back(std::move(r));
  }
  return n;
}

}  // namespace govmap
