#include "render/systems_view.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/kinds.h"
#include "core/weights.h"
#include "render/dot_text.h"
#include "render/style.h"

namespace govmap {
namespace {

bool points_into(RelKind k) {
  return k == RelKind::kPartOf || k == RelKind::kMemberOf || k == RelKind::kCommitteeOf;
}

// How a count of bodies of one kind is written on a system's label: the
// families a councillor asks about first, in a fixed order; those from
// kCountedFamilies on are counted together as "N more".
struct CountWords {
  int order;
  const char* one;
  const char* many;
};

constexpr int kCountedFamilies = 8;

CountWords count_words(OrgKind k) {
  switch (k) {
    case OrgKind::kStp:
      return {0, "STP", "STPs"};
    case OrgKind::kIcs:
      return {1, "ICS", "ICSs"};
    case OrgKind::kIcb:
      return {2, "ICB", "ICBs"};
    case OrgKind::kCcg:
      return {3, "CCG", "CCGs"};
    case OrgKind::kSubIcbLocation:
      return {4, "sub-ICB location", "sub-ICB locations"};
    case OrgKind::kNhsTrust:
    case OrgKind::kFoundationTrust:
      return {5, "trust", "trusts"};
    case OrgKind::kLocalAuthority:
      return {6, "council", "councils"};
    case OrgKind::kIcp:
    case OrgKind::kPlacePartnership:
    case OrgKind::kProviderCollaborative:
    case OrgKind::kJointCommittee:
    case OrgKind::kAco:
      return {7, "partnership", "partnerships"};
    default:
      return {8, "", ""};
  }
}

std::string distance_range(const std::vector<std::string>& members, const Distances& dist) {
  std::optional<Milli> lo, hi;
  size_t none = 0;
  for (const std::string& id : members) {
    auto it = dist.find(id);
    if (it == dist.end()) continue;
    if (!it->second) {
      ++none;
      continue;
    }
    Milli d = *it->second;
    if (!lo || d < *lo) lo = d;
    if (!hi || d > *hi) hi = d;
  }
  std::string out;
  if (lo)
    out = "inside " + format_milli(*lo) + (*hi != *lo ? "\xE2\x80\x93" + format_milli(*hi) : "") +
          " from the voters";
  if (none) out += (out.empty() ? "inside: " : "; ") + std::to_string(none) + " with no route";
  return out;
}

}  // namespace

std::optional<FoldLevel> parse_fold_level(std::string_view name) {
  if (name == "systems") return FoldLevel::kSystems;
  if (name == "regions") return FoldLevel::kRegions;
  return std::nullopt;
}

bool is_system_kind(OrgKind kind) {
  return kind == OrgKind::kStp || kind == OrgKind::kIcs || kind == OrgKind::kIcb;
}

SystemsView systems_view(const Snapshot& snap, const Distances& dist, FoldLevel level) {
  const Graph& g = snap.graph;
  std::map<std::string, const VertexData*> body;
  for (auto [v, vend] = boost::vertices(g); v != vend; ++v) body[g[*v].id] = &g[*v];
  std::vector<const Relationship*> rels;
  for (auto [e, eend] = boost::edges(g); e != eend; ++e) rels.push_back(g[*e].rel);

  // The hosts, and the bodies never drawn inside one: hosts, national
  // bodies, and in the systems view regional ones too (a region that is
  // member_of a partnership would otherwise take with it every trust that is
  // part_of the region).
  auto is_host = [level](OrgKind k) {
    return level == FoldLevel::kSystems ? is_system_kind(k) : k == OrgKind::kNhseRegion;
  };
  const std::string host_word = level == FoldLevel::kSystems ? "system" : "region";
  auto never_inside = [&](const VertexData& b) {
    Tier t = tier_of(family_of(b.period.kind));
    return is_host(b.period.kind) || t == Tier::kNational ||
           (level == FoldLevel::kSystems && t == Tier::kRegional);
  };
  // The systems each body is in: those it is part_of / member_of /
  // committee_of directly, else those of the nearest bodies it reaches by
  // such steps (a CCG's member councils, a council's committees), never
  // through a body that is never inside one. Nearest, not every: a CCG that
  // sits on a council's health and wellbeing board is in its own system, not
  // in every system the council sits on.
  std::map<std::string, std::vector<const Relationship*>> pointing_in;  // by `to`
  for (const Relationship* r : rels)
    if (points_into(r->kind) && r->from != r->to) pointing_in[r->to].push_back(r);
  std::map<std::string, std::set<std::string>> hosts_of;
  std::map<std::string, int> depth;
  std::vector<std::string> front;
  for (const auto& [id, b] : body)
    if (is_host(b->period.kind)) front.push_back(id);
  for (int d = 1; !front.empty(); ++d) {
    std::vector<std::string> next;
    for (const std::string& at : front) {
      const bool host = is_host(body.at(at)->period.kind);
      for (const Relationship* r : pointing_in[at]) {
        auto from = body.find(r->from);
        if (from == body.end() || never_inside(*from->second)) continue;
        auto [it, fresh] = depth.emplace(r->from, d);
        if (it->second != d) continue;  // reached nearer already
        if (fresh) next.push_back(r->from);
        if (host)
          hosts_of[r->from].insert(at);
        else
          hosts_of[r->from].insert(hosts_of[at].begin(), hosts_of[at].end());
      }
    }
    std::sort(next.begin(), next.end());
    front = std::move(next);
  }
  SystemsView view;
  for (const auto& [id, systems] : hosts_of)
    if (systems.size() == 1) view.inside[id] = *systems.begin();

  // Then the bodies tied only to the bodies of one system (a council's
  // electorate, a trust's council of governors and its members): each group
  // of bodies tied to one another and to nothing drawn but one system's
  // bodies goes inside that system. The national and regional bodies are
  // always drawn: a picture of one system still shows whom it answers to.
  std::map<std::string, std::set<std::string>> ties;
  for (const Relationship* r : rels) {
    ties[r->from].insert(r->to);
    ties[r->to].insert(r->from);
  }
  auto always_drawn = [&](const VertexData& b) { return never_inside(b) || hosts_of.count(b.id); };
  std::set<std::string> grouped;
  for (const auto& [id, b] : body) {
    if (view.inside.count(id) || always_drawn(*b) || grouped.count(id)) continue;
    std::vector<std::string> group, stack = {id};
    grouped.insert(id);
    std::set<std::string> hosts;  // "" = something drawn outside every system
    bool to_member = false;       // tied to a body inside, not only to the system
    while (!stack.empty()) {
      std::string at = stack.back();
      stack.pop_back();
      group.push_back(at);
      for (const std::string& t : ties[at]) {
        auto tb = body.find(t);
        if (tb == body.end()) continue;
        if (auto in = view.inside.find(t); in != view.inside.end()) {
          hosts.insert(in->second);
          to_member = true;
        } else if (is_host(tb->second->period.kind)) {
          hosts.insert(t);
        } else if (always_drawn(*tb->second)) {
          hosts.insert("");
        } else if (grouped.insert(t).second) {
          stack.push_back(t);
        }
      }
    }
    if (hosts.size() == 1 && !hosts.begin()->empty() && to_member)
      for (const std::string& m : group) view.inside[m] = *hosts.begin();
  }
  auto host_of = [&](const std::string& id) {
    auto it = view.inside.find(id);
    return it == view.inside.end() ? id : it->second;
  };

  // The relationships of the picture: those between drawn bodies as they
  // are; those of bodies inside a system, one per (from, to, kind, layer).
  using Key = std::tuple<std::string, std::string, int, int>;
  std::map<Key, std::vector<const Relationship*>> merged;
  std::vector<Key> order;
  for (const Relationship* r : rels) {
    std::string f = host_of(r->from), t = host_of(r->to);
    if (f == t && (f != r->from || t != r->to)) continue;  // inside one system
    Key k{f, t, static_cast<int>(r->kind), static_cast<int>(r->layer)};
    auto [it, fresh] = merged.emplace(k, std::vector<const Relationship*>());
    if (fresh) order.push_back(k);
    it->second.push_back(r);
  }
  std::vector<Relationship> out_rels;
  for (const Key& k : order) {
    const std::vector<const Relationship*>& group = merged[k];
    const Relationship& first = *group.front();
    if (group.size() == 1 && first.from == std::get<0>(k) && first.to == std::get<1>(k)) {
      out_rels.push_back(first);
      continue;
    }
    Relationship r = first;
    r.from = std::get<0>(k);
    r.to = std::get<1>(k);
    Citation& c = r.cite();
    c.source_lines.clear();
    std::set<std::string> sources, bases, ends;
    for (const Relationship* m : group) {
      sources.insert(m->cited().sources.begin(), m->cited().sources.end());
      bases.insert(m->cited().legal_basis);
      if (m->valid.from > r.valid.from) r.valid.from = m->valid.from;
      if (m->valid.to && (!r.valid.to || *m->valid.to < *r.valid.to)) r.valid.to = m->valid.to;
      const std::string& end = m->from != r.from ? m->from : m->to;
      ends.insert(name_in(snap, end));
    }
    c.sources.assign(sources.begin(), sources.end());
    c.legal_basis = bases.size() == 1 ? *bases.begin() : "";
    std::vector<std::string> names(ends.begin(), ends.end());
    c.note = "stands for " + std::to_string(group.size()) + " relationship" +
             (group.size() == 1 ? "" : "s") + " of bodies inside the " + host_word + ": " +
             join(names, "; ");
    r.share.reset();
    out_rels.push_back(std::move(r));
  }

  // The system's lines: the families a councillor asks about first counted
  // by kind, the rest in one number; then the range of distances inside
  // (electorates left out: they are the voters themselves).
  std::map<std::string, std::vector<std::string>> members;
  for (const auto& [id, host] : view.inside) members[host].push_back(id);
  for (auto& [host, ids] : members) {
    std::map<std::tuple<int, std::string, std::string>, size_t> counts;
    std::vector<std::string> names, ranged;
    size_t more = 0;
    for (const std::string& id : ids) {
      const VertexData& b = *body.at(id);
      CountWords w = count_words(b.period.kind);
      if (w.order < kCountedFamilies)
        ++counts[{w.order, w.one, w.many}];
      else
        ++more;
      if (b.period.kind != OrgKind::kElectorate) ranged.push_back(id);
      names.push_back(b.period.name + ", " + kind_label(b.period.kind, b.period.tier));
    }
    std::vector<std::string> parts;
    for (const auto& [w, n] : counts)
      parts.push_back(std::to_string(n) + " " + (n == 1 ? std::get<1>(w) : std::get<2>(w)));
    if (more) parts.push_back((parts.empty() ? "" : "and ") + std::to_string(more) + " more");
    std::vector<std::string>& lines = view.lines[host];
    lines.push_back(join(parts, ", "));
    if (std::string range = distance_range(ranged, dist); !range.empty()) lines.push_back(range);
    std::sort(names.begin(), names.end());
    view.tooltips[host] = "drawn inside this " + host_word + " (" + std::to_string(ids.size()) +
                          "):\n" + join(names, "\n");
  }

  std::vector<Organisation> orgs;
  for (const auto& [id, b] : body) {
    if (view.inside.count(id)) continue;
    Organisation o;
    o.id = id;
    o.identifiers = b->identifiers;
    o.periods = {b->period};
    orgs.push_back(std::move(o));
  }
  SnapshotOptions options;
  options.at = snap.at;
  view.snapshot = build_snapshot(orgs, std::move(out_rels), options);
  return view;
}

}  // namespace govmap
