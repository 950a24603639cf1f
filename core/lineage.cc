#include "core/lineage.h"

#include <algorithm>
#include <deque>
#include <map>
#include <tuple>

#include "core/kinds.h"

namespace govmap {

Lineage lineage_of(const std::string& id, const std::vector<Relationship>& rels,
                   const LineageOptions& options) {
  std::vector<Relationship> steps;
  for (const Relationship& r : rels) {
    if (r.kind != RelKind::kSucceededBy) continue;
    if (options.layer && r.layer != *options.layer) continue;
    if (options.until && r.valid.from > *options.until) continue;
    steps.push_back(r);
  }
  std::sort(steps.begin(), steps.end());
  std::map<std::string, std::vector<const Relationship*>> forward, backward;
  for (const Relationship& r : steps) {
    forward[r.from].push_back(&r);
    backward[r.to].push_back(&r);
  }

  // Breadth-first each way: the first visit gives the fewest steps.
  std::map<std::string, int> generation = {{id, 0}};
  auto walk = [&](const std::map<std::string, std::vector<const Relationship*>>& adjacent, int sign,
                  bool to_side) {
    std::deque<std::string> queue = {id};
    while (!queue.empty()) {
      std::string at = queue.front();
      queue.pop_front();
      auto it = adjacent.find(at);
      if (it == adjacent.end()) continue;
      for (const Relationship* r : it->second) {
        const std::string& next = to_side ? r->to : r->from;
        if (generation.emplace(next, generation[at] + sign).second) queue.push_back(next);
      }
    }
  };
  walk(backward, -1, false);
  walk(forward, +1, true);

  Lineage out;
  out.id = id;
  std::map<std::string, LineageBody> bodies;
  for (const auto& [body, gen] : generation) bodies[body] = LineageBody{body, gen, {}, {}};
  for (const Relationship& r : steps) {
    if (!generation.count(r.from) || !generation.count(r.to)) continue;
    out.steps.push_back(r);
    bodies[r.from].from.push_back(r);
    bodies[r.to].to.push_back(r);
  }
  for (auto& [body, b] : bodies) out.bodies.push_back(std::move(b));
  std::stable_sort(out.bodies.begin(), out.bodies.end(),
                   [](const LineageBody& a, const LineageBody& b) {
                     return std::tie(a.generation, a.id) < std::tie(b.generation, b.id);
                   });
  return out;
}

}  // namespace govmap
