#include "render/tier_rows.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace govmap {

size_t bodies_per_row(size_t bodies, double factor) {
  return std::max<size_t>(4, static_cast<size_t>(std::ceil(std::sqrt(bodies * factor))));
}

std::vector<std::vector<std::string>> tier_rows(const std::vector<std::string>& nodes,
                                                const std::vector<FlatEdge>& edges,
                                                size_t per_row) {
  // A tier that fits on one row stays on one row, its relationships sideways.
  if (nodes.size() <= per_row) return {nodes};
  std::map<std::string, std::vector<std::string>> up;
  std::set<std::string> in(nodes.begin(), nodes.end());
  for (const auto& [lower, upper] : edges)
    if (lower != upper && in.count(lower) && in.count(upper)) up[lower].push_back(upper);
  // Depth-first walk: 1 = on the current path, 2 = done.
  std::map<std::string, int> state;
  std::map<std::string, std::vector<std::string>> kept;
  std::vector<std::pair<std::string, size_t>> stack;
  for (const std::string& start : nodes) {
    if (state.count(start)) continue;
    state[start] = 1;
    stack.push_back({start, 0});
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      const std::vector<std::string>& out = up[v];
      if (next == out.size()) {
        state[v] = 2;
        stack.pop_back();
        continue;
      }
      const std::string w = out[next++];
      auto st = state.find(w);
      if (st != state.end() && st->second == 1) continue;  // closes a cycle: cut
      kept[v].push_back(w);
      if (st == state.end()) {
        state[w] = 1;
        stack.push_back({w, 0});
      }
    }
  }
  // Level: the longest kept chain upwards (kept edges form no cycle).
  std::map<std::string, size_t> level;
  std::function<size_t(const std::string&)> level_of = [&](const std::string& v) -> size_t {
    auto it = level.find(v);
    if (it != level.end()) return it->second;
    size_t l = 0;
    for (const std::string& w : kept[v]) l = std::max(l, level_of(w) + 1);
    return level[v] = l;
  };
  std::map<size_t, std::vector<std::string>> by_level;
  for (const std::string& n : nodes) by_level[level_of(n)].push_back(n);
  std::vector<std::vector<std::string>> rows;
  for (const auto& [l, members] : by_level) {
    size_t count = (members.size() + per_row - 1) / per_row;
    size_t each = (members.size() + count - 1) / count;
    for (size_t i = 0; i < members.size(); i += each)
      rows.emplace_back(members.begin() + i, members.begin() + std::min(members.size(), i + each));
  }
  if (rows.empty()) rows.emplace_back();
  return rows;
}

}  // namespace govmap
