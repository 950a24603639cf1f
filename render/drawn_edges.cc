#include "render/drawn_edges.h"

#include <set>
#include <tuple>

namespace govmap {

std::vector<std::vector<size_t>> parallel_runs(const std::vector<Relationship>& rels,
                                               const std::vector<int>& tag) {
  std::vector<std::vector<size_t>> runs;
  std::map<std::tuple<std::string, std::string, int, int>, size_t> run_of;
  for (size_t i = 0; i < rels.size(); ++i) {
    auto key = std::make_tuple(rels[i].from, rels[i].to, static_cast<int>(rels[i].layer),
                               tag.empty() ? 0 : tag[i]);
    auto [it, fresh] = run_of.emplace(key, runs.size());
    if (fresh) runs.emplace_back();
    runs[it->second].push_back(i);
  }
  return runs;
}

std::vector<std::vector<size_t>> joined_runs(const std::vector<Relationship>& rels,
                                             const std::vector<std::vector<size_t>>& runs,
                                             const std::map<std::string, int>& tier_of_body,
                                             const std::vector<bool>& points_up,
                                             const std::vector<int>& tag) {
  // (to, layer, tag, kinds, tier of from) -> runs
  using Key = std::tuple<std::string, int, int, std::vector<int>, int>;
  std::map<Key, std::vector<size_t>> groups;
  std::vector<Key> order;
  for (size_t r = 0; r < runs.size(); ++r) {
    const Relationship& first = rels[runs[r].front()];
    auto tier = tier_of_body.find(first.from);
    if (tier == tier_of_body.end() || first.from == first.to) continue;
    auto upper = tier_of_body.find(first.to);
    if (upper != tier_of_body.end() && upper->second >= tier->second) continue;
    std::set<int> kinds;
    bool up = true;
    for (size_t i : runs[r]) {
      kinds.insert(static_cast<int>(rels[i].kind));
      up = up && points_up[i];
    }
    if (!up) continue;
    Key key{first.to, static_cast<int>(first.layer), tag.empty() ? 0 : tag[runs[r].front()],
            std::vector<int>(kinds.begin(), kinds.end()), tier->second};
    auto [it, fresh] = groups.emplace(key, std::vector<size_t>());
    if (fresh) order.push_back(key);
    it->second.push_back(r);
  }
  std::vector<std::vector<size_t>> out;
  for (const Key& k : order)
    if (groups[k].size() >= kMinJoined) out.push_back(groups[k]);
  return out;
}

std::map<std::string, std::string> governor_folds(const Snapshot& snap) {
  const Graph& g = snap.graph;
  // Every body each body is tied to, either way.
  std::map<std::string, std::set<std::string>> ties;
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const Relationship& r = *g[*e].rel;
    ties[r.from].insert(r.to);
    ties[r.to].insert(r.from);
  }
  auto only_among = [&](const std::string& id, const std::set<std::string>& group) {
    for (const std::string& t : ties[id])
      if (!group.count(t)) return false;
    return true;
  };
  std::map<std::string, std::string> out;
  for (auto [v, vend] = boost::vertices(g); v != vend; ++v) {
    const VertexData& cog = g[*v];
    if (cog.period.kind != OrgKind::kCouncilOfGovernors) continue;
    std::string host;
    std::set<std::string> electors;
    for (auto [e, eend] = boost::out_edges(*v, g); e != eend; ++e) {
      const Relationship& r = *g[*e].rel;
      const VertexData& to = g[boost::target(*e, g)];
      if (r.kind == RelKind::kPartOf && to.period.kind == OrgKind::kFoundationTrust) {
        if (!host.empty() && host != to.id)
          host = "\x1f";  // part of two trusts: not folded
        else
          host = to.id;
      }
      if (r.kind == RelKind::kElectedBy) electors.insert(to.id);
    }
    if (host.empty() || host == "\x1f") continue;
    // The electors that are tied to nothing but this council (its members).
    std::set<std::string> members;
    for (const std::string& e : electors)
      if (e != host && only_among(e, {cog.id})) members.insert(e);
    std::set<std::string> group = members;
    group.insert(host);
    group.insert(cog.id);
    if (!only_among(cog.id, group)) continue;
    out[cog.id] = host;
    for (const std::string& m : members) out[m] = host;
  }
  return out;
}

}  // namespace govmap
