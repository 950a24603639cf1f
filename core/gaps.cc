#include "core/gaps.h"

#include <algorithm>
#include <tuple>

#include "core/accountability.h"

namespace govmap {
namespace {

const std::vector<std::string> kGapNames = {"unaccountable", "shadow_only", "double_running",
                                            "unscrutinised", "no_legal_basis"};

std::string describe(const Relationship& r) {
  return r.from + " " + name_of(r.kind) + " " + r.to + " (" + name_of(r.layer) + ", from " +
         r.valid.from.str() + ")";
}

}  // namespace

const std::string& name_of(GapKind k) {
  return kGapNames[static_cast<size_t>(k)];
}

const std::vector<GapKind>& all_gap_kinds() {
  static const std::vector<GapKind> kinds = {GapKind::kUnaccountable, GapKind::kShadowOnly,
                                             GapKind::kDoubleRunning, GapKind::kUnscrutinised,
                                             GapKind::kNoLegalBasis};
  return kinds;
}

const std::set<OrgKind>& scrutiny_scope() {
  // Local NHS commissioners and providers, and the partnerships that stood in
  // for them (NHS Act 2006 s244; SI 2013/218 Part 4). The national tier answers
  // to Parliament instead and is left out.
  static const std::set<OrgKind> kinds = {OrgKind::kCcg,
                                          OrgKind::kSubIcbLocation,
                                          OrgKind::kJointCommittee,
                                          OrgKind::kStp,
                                          OrgKind::kIcs,
                                          OrgKind::kIcb,
                                          OrgKind::kAco,
                                          OrgKind::kNhsTrust,
                                          OrgKind::kFoundationTrust,
                                          OrgKind::kPlacePartnership,
                                          OrgKind::kProviderCollaborative};
  return kinds;
}

bool is_shadow_body(const Snapshot& snap, Vertex v) {
  const Graph& g = snap.graph;
  size_t seen = 0;
  for (auto [ei, ee] = boost::out_edges(v, g); ei != ee; ++ei, ++seen)
    if (g[*ei].rel.layer != Layer::kShadow) return false;
  for (auto [ei, ee] = boost::in_edges(v, g); ei != ee; ++ei, ++seen)
    if (g[*ei].rel.layer != Layer::kShadow) return false;
  return seen > 0;
}

std::vector<Gap> find_gaps(const Snapshot& snap, const Weights& weights,
                           const std::optional<std::set<std::string>>& only) {
  const Graph& g = snap.graph;
  const size_t n = snap.vertex_count();
  const std::string date = snap.at.str();
  auto wanted = [&](Vertex v) { return !only || only->count(g[v].id) > 0; };
  std::vector<Gap> gaps;

  ShortestPaths all = accountability_distances(snap, weights);
  ShortestPaths statutory = accountability_distances(snap, weights, Layer::kStatutory);
  for (Vertex v = 0; v < n; ++v) {
    if (!wanted(v)) continue;
    if (!all.reachable(v)) {
      gaps.push_back({GapKind::kUnaccountable, g[v].id, "",
                      "no route to any electorate along the accountability kinds on " + date,
                      std::nullopt});
    } else if (!statutory.reachable(v)) {
      auto r = all.route(v);
      gaps.push_back({GapKind::kShadowOnly, g[v].id, "",
                      "every route to voters passes through the shadow layer (best: distance " +
                          format_milli(r->weight) + ", " + std::to_string(r->shadow_hops) + " of " +
                          std::to_string(r->hops) + " hops in the shadow layer)",
                      std::nullopt});
    }
  }

  std::vector<bool> shadow(n);
  for (Vertex v = 0; v < n; ++v) shadow[v] = is_shadow_body(snap, v);
  for (Vertex v = 0; v < n; ++v) {
    if (!shadow[v] || !wanted(v)) continue;
    std::vector<Gap> mine;
    for (auto [ei, ee] = boost::out_edges(v, g); ei != ee; ++ei) {
      const Relationship& r = g[*ei].rel;
      Vertex t = boost::target(*ei, g);
      if (r.kind != RelKind::kRatifiedBy || shadow[t]) continue;
      mine.push_back({GapKind::kDoubleRunning, g[v].id, g[t].id,
                      "decisions agreed here are ratified by " + g[t].id + " (" + g[t].period.name +
                          "), which holds the statutory powers",
                      r});
    }
    if (mine.empty())
      mine.push_back({GapKind::kDoubleRunning, g[v].id, "",
                      "shadow body that no statutory body ratifies", std::nullopt});
    gaps.insert(gaps.end(), mine.begin(), mine.end());
  }

  for (Vertex v = 0; v < n; ++v) {
    if (!wanted(v) || !scrutiny_scope().count(g[v].period.kind)) continue;
    bool scrutinised = false;
    for (auto [ei, ee] = boost::out_edges(v, g); ei != ee; ++ei) {
      OrgKind by = g[boost::target(*ei, g)].period.kind;
      if (g[*ei].rel.kind == RelKind::kScrutinisedBy &&
          (by == OrgKind::kOsc || by == OrgKind::kJhosc))
        scrutinised = true;
    }
    if (!scrutinised)
      gaps.push_back({GapKind::kUnscrutinised, g[v].id, "",
                      name_of(g[v].period.kind) + " that no OSC or JHOSC scrutinises on " + date,
                      std::nullopt});
  }

  for (auto [ei, ee] = boost::edges(g); ei != ee; ++ei) {
    const Relationship& r = g[*ei].rel;
    if (r.layer != Layer::kStatutory || !r.legal_basis.empty()) continue;
    if (!wanted(boost::source(*ei, g))) continue;
    gaps.push_back({GapKind::kNoLegalBasis, r.from, r.to,
                    "statutory relationship " + describe(r) + " cites no legal basis", r});
  }

  std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) {
    return std::tie(a.kind, a.id, a.related) < std::tie(b.kind, b.id, b.related);
  });
  return gaps;
}

}  // namespace govmap
