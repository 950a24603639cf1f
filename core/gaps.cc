#include "core/gaps.h"

#include <algorithm>
#include <tuple>

#include "core/accountability.h"
#include "core/precedence.h"
#include "core/rules.h"

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
  // Sub-ICB locations are left out: from July 2022 they are places for which
  // an ICB reports, not bodies, and the ICB is the one scrutinised.
  static const std::set<OrgKind> kinds = {OrgKind::kCcg,
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

namespace {

// A GSS code of Wales, Scotland or Northern Ireland (W06000015).
bool outside_england(const VertexData& d) {
  auto code = [](const std::string& c) {
    return c.size() == 9 && (c[0] == 'W' || c[0] == 'S' || c[0] == 'N') &&
           std::all_of(c.begin() + 1, c.end(), [](char x) { return x >= '0' && x <= '9'; });
  };
  if (code(d.id)) return true;
  for (const Identifier& i : d.identifiers)
    if (i.scheme == "ons" && code(i.value)) return true;
  return false;
}

}  // namespace

// Why a body has no route, where the reason is known: what it is, not a defect.
std::string unaccountable_reason(const Snapshot& snap, Vertex v) {
  const VertexData& d = snap[v];
  switch (d.period.kind) {
    case OrgKind::kSubIcbLocation:
    case OrgKind::kNhseRegion:
    case OrgKind::kNhseLocalOffice:
      return ": an internal unit with no legal personality; it answers through the body it is "
             "part_of";
    case OrgKind::kCouncilOfGovernors:
      return ": elected by the foundation trust's members, a membership and not a public "
             "electorate (docs/rules.md)";
    default:
      break;
  }
  for (auto [ei, ee] = boost::in_edges(v, snap.graph); ei != ee; ++ei)
    if (snap.graph[*ei].rel->kind == RelKind::kElectedBy &&
        snap[boost::source(*ei, snap.graph)].period.kind == OrgKind::kCouncilOfGovernors)
      return ": a foundation trust's members, who elect its governors: a membership, not a "
             "public electorate (docs/rules.md)";
  if (outside_england(d)) return ": outside England, where the English rules derive nothing";
  for (auto [ei, ee] = boost::out_edges(v, snap.graph); ei != ee; ++ei)
    if (is_rules_dataset(snap.graph[*ei].rel->dataset)) return "";
  if (d.period.kind == OrgKind::kNhsTrust || d.period.kind == OrgKind::kFoundationTrust)
    return ": no NHS England region or system in any extract (a trust outside England?)";
  return "";
}

bool is_shadow_body(const Snapshot& snap, Vertex v) {
  const Graph& g = snap.graph;
  size_t seen = 0;
  for (auto [ei, ee] = boost::out_edges(v, g); ei != ee; ++ei, ++seen)
    if (g[*ei].rel->layer != Layer::kShadow) return false;
  for (auto [ei, ee] = boost::in_edges(v, g); ei != ee; ++ei, ++seen)
    if (g[*ei].rel->layer != Layer::kShadow) return false;
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
                      "no route to any electorate along the accountability kinds on " + date +
                          unaccountable_reason(snap, v),
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
      const Relationship& r = *g[*ei].rel;
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
      if (g[*ei].rel->kind == RelKind::kScrutinisedBy &&
          (by == OrgKind::kOsc || by == OrgKind::kJhosc))
        scrutinised = true;
    }
    OrgKind kind = g[v].period.kind;
    if (!scrutinised)
      gaps.push_back({GapKind::kUnscrutinised, g[v].id, "",
                      name_of(kind) + " that no OSC or JHOSC scrutinises on " + date +
                          (kind == OrgKind::kStp || kind == OrgKind::kIcs
                               ? ": a non-statutory partnership, outside health scrutiny "
                                 "(NHS Act 2006 s244 reaches only its statutory members)"
                               : ""),
                      std::nullopt});
  }

  for (auto [ei, ee] = boost::edges(g); ei != ee; ++ei) {
    const Relationship& r = *g[*ei].rel;
    if (r.layer != Layer::kStatutory || !r.cited().legal_basis.empty()) continue;
    // Containment read from the ODS and ONS files is geography (where a body
    // lies), not a governance relationship: it needs no legal basis.
    if (r.kind == RelKind::kPartOf && dataset_rank(r.dataset) > 0 && !is_rules_dataset(r.dataset))
      continue;
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
