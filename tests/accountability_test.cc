// Accountability distance: hand-computed cases for every level of the tie rule,
// the shadow penalty, unreachable bodies, cycles, weights, kind changes, and a
// brute-force check of the tie rule on random graphs.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <random>

#include "core/accountability.h"
#include "tests/accountability_fixtures.h"

namespace govmap {
namespace {

using namespace govmap::testing;
using Ids = std::vector<std::string>;

constexpr RelKind kAcc = RelKind::kAccountableTo;
constexpr Layer kStat = Layer::kStatutory;
constexpr Layer kShadow = Layer::kShadow;

// The shared hand-computed graph. Two electorates e1, e2; councils la1, la2
// elected by them; osc1 a committee of la1.
struct Fixture {
  std::vector<Organisation> orgs;
  std::vector<Relationship> rels;
  Fixture() {
    for (const char* e : {"e1", "e2"}) orgs.push_back(org(e, OrgKind::kElectorate));
    orgs.push_back(org("la1", OrgKind::kLocalAuthority));
    orgs.push_back(org("la2", OrgKind::kLocalAuthority));
    orgs.push_back(org("osc1", OrgKind::kOsc));
    rels.push_back(rel("la1", RelKind::kElectedBy, "e1"));
    rels.push_back(rel("la2", RelKind::kElectedBy, "e2"));
    rels.push_back(rel("osc1", RelKind::kCommitteeOf, "la1"));
  }
  void add(const std::string& id, OrgKind kind = OrgKind::kOther) { orgs.push_back(org(id, kind)); }
};

// A snapshot with its distances, kept together.
struct Solved {
  Snapshot snap;
  ShortestPaths paths;
};

Solved solve(const std::vector<Organisation>& orgs, const std::vector<Relationship>& rels,
             const Weights& w = Weights(), const char* at = "2020-01-01",
             std::optional<Layer> layer = std::nullopt) {
  Snapshot snap = snapshot_at(orgs, rels, at);
  ShortestPaths paths = accountability_distances(snap, w, layer);
  return Solved{std::move(snap), std::move(paths)};
}

Route route_of(const Solved& s, const std::string& id) {
  auto v = s.snap.find(id);
  REQUIRE(v.has_value());
  auto r = s.paths.route(*v);
  REQUIRE(r.has_value());
  return *r;
}

bool unaccountable(const Solved& s, const std::string& id) {
  auto v = s.snap.find(id);
  REQUIRE(v.has_value());
  return !s.paths.reachable(*v);
}

Ids route_ids(const Solved& s, const std::string& id) {
  return testing::route_ids(s.paths, s.snap, id);
}

TEST_CASE("roots are at distance 0 and councils one step from them") {
  Fixture f;
  Solved p = solve(f.orgs, f.rels);
  Route e1 = route_of(p, "e1");
  CHECK(e1.weight == 0);
  CHECK(e1.hops == 0);
  CHECK(e1.steps.empty());
  Route la1 = route_of(p, "la1");
  CHECK(la1.weight == 1 * kMilli);
  CHECK(la1.hops == 1);
  CHECK(la1.shadow_hops == 0);
  REQUIRE(la1.steps.size() == 1);
  CHECK(la1.steps[0].rel.kind == RelKind::kElectedBy);
  CHECK(la1.steps[0].rel.cited().legal_basis == "Test Act s1");
  CHECK(la1.steps[0].rel.cited().sources == std::vector<std::string>{"T1"});
  CHECK(route_ids(p, "osc1") == Ids{"osc1", "la1", "e1"});
  CHECK(route_of(p, "osc1").weight == 2 * kMilli);
}

TEST_CASE("tie rule, level 1: the least weight wins even with more hops") {
  Fixture f;
  // cheap: scrutinised_by osc1 (2) + 2 = 4 in 3 hops, or via a 3-hop chain of
  // weight 3: cheap -> c1 -> la2 -> e2.
  f.add("cheap");
  f.add("c1");
  f.rels.push_back(rel("cheap", RelKind::kScrutinisedBy, "osc1"));
  f.rels.push_back(rel("cheap", kAcc, "c1"));
  f.rels.push_back(rel("c1", kAcc, "la2"));
  Solved p = solve(f.orgs, f.rels);
  Route r = route_of(p, "cheap");
  CHECK(r.weight == 3 * kMilli);
  CHECK(r.hops == 3);
  CHECK(route_ids(p, "cheap") == Ids{"cheap", "c1", "la2", "e2"});
}

TEST_CASE("tie rule, level 2: equal weight, fewest hops wins") {
  Fixture f;
  // hopsy: scrutinised_by osc1 -> la1 -> e1 weighs 2+1+1 = 4 in 3 hops;
  // accountable_to n1 -> n2 -> la2 -> e2 weighs 4 in 4 hops. Ids would favour
  // the second ("n1" < "osc1"), so only the hop count can pick the first.
  f.add("hopsy", OrgKind::kCcg);
  f.add("n1");
  f.add("n2");
  f.rels.push_back(rel("hopsy", RelKind::kScrutinisedBy, "osc1"));
  f.rels.push_back(rel("hopsy", kAcc, "n1"));
  f.rels.push_back(rel("n1", kAcc, "n2"));
  f.rels.push_back(rel("n2", kAcc, "la2"));
  Solved p = solve(f.orgs, f.rels);
  Route r = route_of(p, "hopsy");
  CHECK(r.weight == 4 * kMilli);
  CHECK(r.hops == 3);
  CHECK(route_ids(p, "hopsy") == Ids{"hopsy", "osc1", "la1", "e1"});
}

TEST_CASE("tie rule, level 3: equal weight and hops, smallest id at the first step") {
  Fixture f;
  f.add("twin");
  f.rels.push_back(rel("twin", kAcc, "la2"));
  f.rels.push_back(rel("twin", kAcc, "la1"));
  Solved p = solve(f.orgs, f.rels);
  CHECK(route_ids(p, "twin") == Ids{"twin", "la1", "e1"});
}

TEST_CASE("tie rule, level 3: the whole id sequence decides, not the root reached") {
  Fixture f;
  // lex -> a-mid -> la2 -> e2 and lex -> b-mid -> la1 -> e1 tie on weight and
  // hops. The sequence (lex, a-mid, ...) is smaller, though it ends at the
  // larger root.
  f.add("lex");
  f.add("a-mid");
  f.add("b-mid");
  f.rels.push_back(rel("lex", kAcc, "b-mid"));
  f.rels.push_back(rel("lex", kAcc, "a-mid"));
  f.rels.push_back(rel("a-mid", kAcc, "la2"));
  f.rels.push_back(rel("b-mid", kAcc, "la1"));
  Solved p = solve(f.orgs, f.rels);
  CHECK(route_ids(p, "lex") == Ids{"lex", "a-mid", "la2", "e2"});
}

TEST_CASE("tie rule, level 3: a tie deep in the path is broken there") {
  Fixture f;
  // deep -> m, and m ties between la2 and la1: m's own choice (la1) is used.
  f.add("deep");
  f.add("m");
  f.rels.push_back(rel("deep", kAcc, "m"));
  f.rels.push_back(rel("m", kAcc, "la2"));
  f.rels.push_back(rel("m", kAcc, "la1"));
  Solved p = solve(f.orgs, f.rels);
  CHECK(route_ids(p, "deep") == Ids{"deep", "m", "la1", "e1"});
  CHECK(route_ids(p, "m") == Ids{"m", "la1", "e1"});
}

TEST_CASE("parallel edges: the kind first by name, and statutory before shadow") {
  Fixture f;
  f.add("par");
  f.rels.push_back(rel("par", RelKind::kAppointedBy, "la1"));
  f.rels.push_back(rel("par", kAcc, "la1"));
  Solved p = solve(f.orgs, f.rels);
  Route r = route_of(p, "par");
  REQUIRE(r.steps.size() == 2);
  CHECK(r.steps[0].rel.kind == kAcc);

  // With shadow weighing the same as statutory, the statutory edge is taken.
  f.add("par2");
  f.rels.push_back(rel("par2", kAcc, "la1", kShadow));
  f.rels.push_back(rel("par2", kAcc, "la1", kStat));
  Weights flat = parse_weights("flat.csv", "kind,layer,weight\naccountable_to,shadow,1\n");
  Solved q = solve(f.orgs, f.rels, flat);
  Route r2 = route_of(q, "par2");
  CHECK(r2.steps[0].rel.layer == kStat);
  CHECK(r2.shadow_hops == 0);
}

TEST_CASE("the shadow penalty: a shadow edge weighs one more") {
  Fixture f;
  f.add("forum");
  f.rels.push_back(rel("forum", RelKind::kRatifiedBy, "la1", kShadow));
  // mixed: shadow to la1 (2 + 1 = 3) or statutory to la2 (1 + 1 = 2).
  f.add("mixed");
  f.rels.push_back(rel("mixed", kAcc, "la1", kShadow));
  f.rels.push_back(rel("mixed", kAcc, "la2", kStat));
  // A shadow scrutiny edge: 2 + 1 = 3, then osc1 -> la1 -> e1 adds 2.
  f.add("watched");
  f.rels.push_back(rel("watched", RelKind::kScrutinisedBy, "osc1", kShadow));
  Solved p = solve(f.orgs, f.rels);
  Route forum = route_of(p, "forum");
  CHECK(forum.weight == 3 * kMilli);
  CHECK(forum.hops == 2);
  CHECK(forum.shadow_hops == 1);
  CHECK(forum.steps[0].weight == 2 * kMilli);
  CHECK(route_ids(p, "mixed") == Ids{"mixed", "la2", "e2"});
  CHECK(route_of(p, "mixed").shadow_hops == 0);
  CHECK(route_of(p, "watched").weight == 5 * kMilli);
  CHECK(route_of(p, "watched").shadow_hops == 1);
}

TEST_CASE("unreachable bodies and cycles") {
  Fixture f;
  f.add("island");
  f.add("member");
  f.rels.push_back(rel("member", RelKind::kMemberOf, "la1"));  // not an accountability kind
  f.add("funded");
  f.rels.push_back(rel("funded", RelKind::kFunds, "la1"));
  f.add("cyc1");
  f.add("cyc2");
  f.rels.push_back(rel("cyc1", kAcc, "cyc2"));
  f.rels.push_back(rel("cyc2", kAcc, "cyc1"));
  // A cycle with a way out: loop1 <-> loop2, loop2 -> la1.
  f.add("loop1");
  f.add("loop2");
  f.rels.push_back(rel("loop1", kAcc, "loop2"));
  f.rels.push_back(rel("loop2", kAcc, "loop1"));
  f.rels.push_back(rel("loop2", kAcc, "la1"));
  Solved p = solve(f.orgs, f.rels);
  for (const char* id : {"island", "member", "funded", "cyc1", "cyc2"}) {
    CAPTURE(id);
    CHECK(unaccountable(p, id));
    CHECK(route_ids(p, id).empty());
  }
  CHECK(route_ids(p, "loop2") == Ids{"loop2", "la1", "e1"});
  CHECK(route_ids(p, "loop1") == Ids{"loop1", "loop2", "la1", "e1"});
  CHECK(route_of(p, "loop1").weight == 3 * kMilli);
}

TEST_CASE("a root's own outgoing edges do not matter, and a path stops at the first root") {
  Fixture f;
  f.rels.push_back(rel("e1", kAcc, "la2"));
  f.add("x");
  f.rels.push_back(rel("x", kAcc, "la1"));
  Solved p = solve(f.orgs, f.rels);
  CHECK(route_of(p, "e1").hops == 0);
  CHECK(route_ids(p, "x") == Ids{"x", "la1", "e1"});
}

TEST_CASE("a weights file changes the answer; none stops a kind being followed") {
  Fixture f;
  f.add("hopsy", OrgKind::kCcg);
  f.add("n1");
  f.rels.push_back(rel("hopsy", RelKind::kScrutinisedBy, "osc1"));
  f.rels.push_back(rel("hopsy", kAcc, "n1"));
  f.rels.push_back(rel("n1", kAcc, "la2"));
  // Defaults: via n1, 3 in 3 hops (scrutiny would be 4).
  Solved d = solve(f.orgs, f.rels);
  CHECK(route_ids(d, "hopsy") == Ids{"hopsy", "n1", "la2", "e2"});
  // Scrutiny at 0.5: 0.5 + 1 + 1 = 2.5 beats 3.
  Weights cheap = parse_weights("w.csv", "kind,layer,weight\nscrutinised_by,*,0.5\n");
  Solved c = solve(f.orgs, f.rels, cheap);
  CHECK(route_ids(c, "hopsy") == Ids{"hopsy", "osc1", "la1", "e1"});
  CHECK(route_of(c, "hopsy").weight == 2500);
  // accountable_to not followed: only scrutiny is left.
  Weights none = parse_weights("w.csv", "kind,layer,weight\naccountable_to,statutory,none\n");
  Solved n = solve(f.orgs, f.rels, none);
  CHECK(route_ids(n, "hopsy") == Ids{"hopsy", "osc1", "la1", "e1"});
  CHECK(unaccountable(n, "n1"));
}

TEST_CASE("--layer: only relationships in that layer are followed") {
  Fixture f;
  f.add("forum");
  f.rels.push_back(rel("forum", RelKind::kRatifiedBy, "la1", kShadow));
  CHECK_FALSE(unaccountable(solve(f.orgs, f.rels), "forum"));
  Solved stat = solve(f.orgs, f.rels, Weights(), "2020-01-01", kStat);
  CHECK(unaccountable(stat, "forum"));
  CHECK_FALSE(unaccountable(stat, "la1"));
  Solved shadow = solve(f.orgs, f.rels, Weights(), "2020-01-01", kShadow);
  CHECK(unaccountable(shadow, "la1"));  // elected_by is statutory
  CHECK(route_of(shadow, "e1").weight == 0);
}

TEST_CASE("a body whose kind changes between dates: roots are electorates on the date") {
  Fixture f;
  Organisation kc = org("kc", OrgKind::kOther, "2000-01-01", "2020-06-30");
  add_period(kc, OrgKind::kElectorate, "2020-07-01");
  f.orgs.push_back(kc);
  f.add("dep");
  f.rels.push_back(rel("dep", kAcc, "kc"));
  Solved before = solve(f.orgs, f.rels, Weights(), "2020-01-01");
  CHECK(unaccountable(before, "kc"));
  CHECK(unaccountable(before, "dep"));
  Solved after = solve(f.orgs, f.rels, Weights(), "2021-01-01");
  CHECK(route_of(after, "kc").weight == 0);
  CHECK(route_ids(after, "dep") == Ids{"dep", "kc"});
}

TEST_CASE("same data, same answer, whatever the order it arrives in") {
  Fixture f;
  for (const char* id : {"lex", "a-mid", "b-mid", "twin", "hopsy", "n1", "n2", "forum"}) f.add(id);
  f.rels.push_back(rel("lex", kAcc, "b-mid"));
  f.rels.push_back(rel("lex", kAcc, "a-mid"));
  f.rels.push_back(rel("a-mid", kAcc, "la2"));
  f.rels.push_back(rel("b-mid", kAcc, "la1"));
  f.rels.push_back(rel("twin", kAcc, "la2"));
  f.rels.push_back(rel("twin", kAcc, "la1"));
  f.rels.push_back(rel("hopsy", RelKind::kScrutinisedBy, "osc1"));
  f.rels.push_back(rel("hopsy", kAcc, "n1"));
  f.rels.push_back(rel("n1", kAcc, "n2"));
  f.rels.push_back(rel("n2", kAcc, "la2"));
  f.rels.push_back(rel("forum", RelKind::kRatifiedBy, "la2", kShadow));
  f.rels.push_back(rel("forum", RelKind::kRatifiedBy, "la1", kShadow));

  auto all_routes = [](std::vector<Organisation> orgs, std::vector<Relationship> rels) {
    Solved p = solve(orgs, rels);
    std::map<std::string, Ids> out;
    for (const Organisation& o : orgs) out[o.id] = route_ids(p, o.id);
    return out;
  };
  auto expected = all_routes(f.orgs, f.rels);
  std::mt19937 rng(12345);
  for (int i = 0; i < 20; ++i) {
    std::vector<Organisation> orgs = f.orgs;
    std::vector<Relationship> rels = f.rels;
    std::shuffle(orgs.begin(), orgs.end(), rng);
    std::shuffle(rels.begin(), rels.end(), rng);
    CHECK(all_routes(orgs, rels) == expected);
  }
}

TEST_CASE("routes_through counts the bodies whose chosen route passes through each body") {
  Fixture f;
  f.add("a");
  f.add("b");
  f.rels.push_back(rel("a", kAcc, "osc1"));
  f.rels.push_back(rel("b", kAcc, "a"));
  Snapshot snap = snapshot_at(f.orgs, f.rels);
  std::vector<int> through = accountability_distances(snap, Weights()).routes_through();
  // Routes: osc1->la1->e1, a->osc1->la1->e1, b->a->osc1->la1->e1, la1->e1, la2->e2.
  CHECK(through[*snap.find("la1")] == 3);
  CHECK(through[*snap.find("e1")] == 4);
  CHECK(through[*snap.find("osc1")] == 2);
  CHECK(through[*snap.find("a")] == 1);
  CHECK(through[*snap.find("b")] == 0);
  CHECK(through[*snap.find("e2")] == 1);
}

TEST_CASE("shortest_paths_to one target over chosen kinds (govmap path)") {
  Fixture f;
  f.add("x");
  f.rels.push_back(rel("x", RelKind::kMemberOf, "la2"));
  f.rels.push_back(rel("x", kAcc, "la1"));
  Snapshot snap = snapshot_at(f.orgs, f.rels);
  Weights w;
  EdgeSelection all;
  all.kinds = all_rel_kinds();
  ShortestPaths to_e2 = shortest_paths_to(snap, {*snap.find("e2")}, w, all);
  CHECK(testing::route_ids(to_e2, snap, "x") == Ids{"x", "la2", "e2"});
  EdgeSelection acc;  // accountability kinds only: x cannot reach e2
  ShortestPaths acc_e2 = shortest_paths_to(snap, {*snap.find("e2")}, w, acc);
  CHECK(testing::route_ids(acc_e2, snap, "x").empty());
  // The target itself: a route of no steps.
  CHECK(testing::route_ids(to_e2, snap, "e2") == Ids{"e2"});
}

TEST_CASE("betweenness: Boost's Brandes on the accountability graph, parallel edges merged") {
  Fixture f;
  // a -> b -> la1 -> e1, with two relationships from a to b.
  f.add("a");
  f.add("b");
  f.rels.push_back(rel("a", kAcc, "b"));
  f.rels.push_back(rel("a", RelKind::kAppointedBy, "b"));
  f.rels.push_back(rel("b", kAcc, "la1"));
  f.rels.push_back(rel("a", RelKind::kMemberOf, "la2"));  // not followed
  Snapshot snap = snapshot_at(f.orgs, f.rels);
  std::vector<double> c = betweenness(snap, Weights(), EdgeSelection{});
  // Pairs through b: (a,la1), (a,e1) = 2. Through la1: (a,e1), (b,e1), (osc1,e1) = 3.
  CHECK(c[*snap.find("b")] == doctest::Approx(2.0));
  CHECK(c[*snap.find("la1")] == doctest::Approx(3.0));
  CHECK(c[*snap.find("a")] == doctest::Approx(0.0));
  CHECK(c[*snap.find("la2")] == doctest::Approx(0.0));
}

// ---- brute force: the tie rule against every simple path ----

struct Best {
  bool found = false;
  Milli weight = 0;
  int hops = 0;
  Ids ids;
};

// Exhaustive search over simple paths (weights are positive, so an optimal
// path never repeats a vertex) for the least (weight, hops, id sequence).
Best brute_force(const std::string& start, const std::vector<Relationship>& rels,
                 const std::set<std::string>& roots, const Weights& w) {
  Best best;
  Ids path = {start};
  std::function<void(const std::string&, Milli)> visit = [&](const std::string& at, Milli weight) {
    if (roots.count(at)) {
      int hops = static_cast<int>(path.size()) - 1;
      if (!best.found || std::tie(weight, hops, path) < std::tie(best.weight, best.hops, best.ids))
        best = {true, weight, hops, path};
      return;  // a path ends at the first root it reaches
    }
    for (const Relationship& r : rels) {
      if (r.from != at || !is_accountability(r.kind)) continue;
      if (std::find(path.begin(), path.end(), r.to) != path.end()) continue;
      path.push_back(r.to);
      visit(r.to, weight + *w.of(r.kind, r.layer));
      path.pop_back();
    }
  };
  visit(start, 0);
  return best;
}

TEST_CASE("brute force: Dijkstra plus the greedy id choice equals exhaustive search") {
  std::mt19937 rng(2024);
  const std::vector<RelKind> kinds = {kAcc, RelKind::kScrutinisedBy, RelKind::kRatifiedBy,
                                      RelKind::kRegulatedBy, RelKind::kMemberOf};
  Weights w;
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 3 + static_cast<int>(rng() % 6);
    std::vector<Organisation> orgs;
    std::set<std::string> roots;
    for (int i = 0; i < n; ++i) {
      std::string id = std::string(1, static_cast<char>('a' + i)) + std::to_string(rng() % 3);
      bool root = rng() % 4 == 0;
      orgs.push_back(org(id, root ? OrgKind::kElectorate : OrgKind::kOther));
      if (root) roots.insert(id);
    }
    std::vector<Relationship> rels;
    std::set<std::string> keys;
    const int m = static_cast<int>(rng() % static_cast<unsigned>(n * 3));
    for (int j = 0; j < m; ++j) {
      const std::string& a = orgs[rng() % static_cast<unsigned>(n)].id;
      const std::string& b = orgs[rng() % static_cast<unsigned>(n)].id;
      if (a == b) continue;
      Relationship r = rel(a, kinds[rng() % kinds.size()], b, rng() % 3 == 0 ? kShadow : kStat);
      if (!keys.insert(r.key()).second) continue;
      rels.push_back(r);
    }
    Snapshot snap = snapshot_at(orgs, rels);
    ShortestPaths p = accountability_distances(snap, w);
    for (const Organisation& o : orgs) {
      CAPTURE(trial);
      CAPTURE(o.id);
      Best b = brute_force(o.id, rels, roots, w);
      auto route = p.route(*snap.find(o.id));
      REQUIRE(route.has_value() == b.found);
      if (!b.found) continue;
      CHECK(route->weight == b.weight);
      CHECK(route->hops == b.hops);
      CHECK(testing::route_ids(p, snap, o.id) == b.ids);
    }
  }
}

TEST_CASE("a snapshot moved or move-assigned keeps its graph, and its edges their relationships") {
  std::vector<Organisation> orgs = {org("a", OrgKind::kIcb), org("b", OrgKind::kNhsEngland),
                                    org("c", OrgKind::kParliament)};
  std::vector<Relationship> rels = {rel("a", RelKind::kAccountableTo, "b"),
                                    rel("b", RelKind::kAccountableTo, "c")};
  auto check = [](const Snapshot& s) {
    REQUIRE(s.vertex_count() == 3);
    REQUIRE(s.edge_count() == 2);
    CHECK(s.find("b") == Vertex{1});
    for (auto [e, end] = boost::edges(s.graph); e != end; ++e) {
      const Relationship* r = s.graph[*e].rel;
      REQUIRE(r);
      // The pointer is into this snapshot's own relationships.
      CHECK(r >= s.relationships().data());
      CHECK(r < s.relationships().data() + s.relationships().size());
      CHECK(s[boost::source(*e, s.graph)].id == r->from);
      CHECK(s[boost::target(*e, s.graph)].id == r->to);
    }
  };
  SnapshotOptions options;
  options.at = day("2020-01-01");
  Snapshot first = build_snapshot(orgs, rels, options);
  check(first);
  Snapshot moved(std::move(first));
  check(moved);
  Snapshot assigned = build_snapshot(orgs, {rels.front()}, options);
  CHECK(assigned.edge_count() == 1);
  assigned = std::move(moved);
  check(assigned);
  // A graph swapped in without a copy is the same graph.
  Graph other(2);
  boost::add_edge(0, 1, other);
  swap_graphs(other, assigned.graph);
  CHECK(boost::num_vertices(other) == 3);
  CHECK(boost::num_edges(assigned.graph) == 1);
  swap_graphs(other, assigned.graph);
  check(assigned);
}

}  // namespace
}  // namespace govmap
