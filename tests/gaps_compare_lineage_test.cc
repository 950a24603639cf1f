// Gaps, compare and lineage on hand-computed graphs.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/compare.h"
#include "core/gaps.h"
#include "core/lineage.h"
#include "tests/accountability_fixtures.h"

namespace govmap {
namespace {

using namespace govmap::testing;
using Ids = std::vector<std::string>;

// Two electorates and councils; osc1 a committee of la1. Then, between
// 2020-01-01 (D1) and 2021-01-01 (D2):
//  - trust loses accountable_to la2 on 2020-06-30 and falls back on scrutiny;
//  - ics (shadow, performance managed by la2 in the shadow layer) becomes an
//    icb accountable_to la2 on 2020-07-01 (a kind change and a rename);
//  - old-ccg closes 2020-06-30, succeeded by new-ccg (no accountability edges);
//  - kc is `other` until 2020-06-30, then an electorate: dep, accountable_to
//    kc, becomes accountable;
//  - forum ratified_by la1 (shadow) is re-recorded from 2020-07-01 with a new
//    legal basis: a changed relationship;
//  - osc1 committee_of la1 cites no legal basis.
struct World {
  std::vector<Organisation> orgs;
  std::vector<Relationship> rels;
  World() {
    for (const char* e : {"e1", "e2"}) orgs.push_back(org(e, OrgKind::kElectorate));
    orgs.push_back(org("la1", OrgKind::kLocalAuthority));
    orgs.push_back(org("la2", OrgKind::kLocalAuthority));
    orgs.push_back(org("osc1", OrgKind::kOsc));
    orgs.push_back(org("trust", OrgKind::kFoundationTrust));
    orgs.push_back(org("forum"));
    Organisation ics = org("ics", OrgKind::kIcs, "2000-01-01", "2020-06-30");
    add_period(ics, OrgKind::kIcb, "2020-07-01", nullptr, "Test ICB");
    orgs.push_back(ics);
    orgs.push_back(org("island"));
    orgs.push_back(org("old-ccg", OrgKind::kCcg, "2000-01-01", "2020-06-30"));
    orgs.push_back(org("new-ccg", OrgKind::kCcg, "2020-07-01"));
    Organisation kc = org("kc", OrgKind::kOther, "2000-01-01", "2020-06-30");
    add_period(kc, OrgKind::kElectorate, "2020-07-01");
    orgs.push_back(kc);
    orgs.push_back(org("dep"));

    rels.push_back(rel("la1", RelKind::kElectedBy, "e1"));
    rels.push_back(rel("la2", RelKind::kElectedBy, "e2"));
    Relationship osc = rel("osc1", RelKind::kCommitteeOf, "la1");
    osc.cite().legal_basis = "";
    rels.push_back(osc);
    rels.push_back(rel("trust", RelKind::kScrutinisedBy, "osc1"));
    rels.push_back(rel("trust", RelKind::kAccountableTo, "la2", Layer::kStatutory, "2000-01-01",
                       "2020-06-30"));
    rels.push_back(
        rel("forum", RelKind::kRatifiedBy, "la1", Layer::kShadow, "2000-01-01", "2020-06-30"));
    Relationship forum2 = rel("forum", RelKind::kRatifiedBy, "la1", Layer::kShadow, "2020-07-01");
    forum2.cite().legal_basis = "Partnership agreement 2020";
    rels.push_back(forum2);
    rels.push_back(rel("forum", RelKind::kPartOf, "ics", Layer::kShadow));
    rels.push_back(rel("ics", RelKind::kPerformanceManagedBy, "la2", Layer::kShadow, "2000-01-01",
                       "2020-06-30"));
    rels.push_back(rel("ics", RelKind::kAccountableTo, "la2", Layer::kStatutory, "2020-07-01"));
    rels.push_back(rel("old-ccg", RelKind::kAccountableTo, "la1", Layer::kStatutory, "2000-01-01",
                       "2020-06-30"));
    rels.push_back(rel("old-ccg", RelKind::kSucceededBy, "new-ccg", Layer::kStatutory, "2020-06-30",
                       "2020-06-30"));
    rels.push_back(rel("dep", RelKind::kAccountableTo, "kc"));
  }
};

std::vector<std::string> gap_list(const std::vector<Gap>& gaps, GapKind kind) {
  std::vector<std::string> out;
  for (const Gap& g : gaps)
    if (g.kind == kind) out.push_back(g.related.empty() ? g.id : g.id + ">" + g.related);
  return out;
}

TEST_CASE("gaps on D1: each kind of gap, hand-computed") {
  World w;
  Snapshot snap = snapshot_at(w.orgs, w.rels, "2020-01-01");
  std::vector<Gap> gaps = find_gaps(snap, Weights());
  CHECK(gap_list(gaps, GapKind::kUnaccountable) == Ids{"dep", "island", "kc"});
  CHECK(gap_list(gaps, GapKind::kShadowOnly) == Ids{"forum", "ics"});
  // forum's relationships are all shadow: a shadow body ratified by la1. ics
  // likewise, and nothing ratifies it.
  CHECK(gap_list(gaps, GapKind::kDoubleRunning) == Ids{"forum>la1", "ics"});
  // In scrutiny scope: trust (scrutinised), ics, old-ccg.
  CHECK(gap_list(gaps, GapKind::kUnscrutinised) == Ids{"ics", "old-ccg"});
  CHECK(gap_list(gaps, GapKind::kNoLegalBasis) == Ids{"osc1>la1"});
  // Ordered by gap kind, then id.
  CHECK(gaps.front().kind == GapKind::kUnaccountable);
  CHECK(gaps.back().kind == GapKind::kNoLegalBasis);
}

TEST_CASE("gaps on D2, and limited to some organisations") {
  World w;
  Snapshot snap = snapshot_at(w.orgs, w.rels, "2021-01-01");
  std::vector<Gap> gaps = find_gaps(snap, Weights());
  CHECK(gap_list(gaps, GapKind::kUnaccountable) == Ids{"island", "new-ccg"});
  CHECK(gap_list(gaps, GapKind::kShadowOnly) == Ids{"forum"});
  CHECK(gap_list(gaps, GapKind::kDoubleRunning) == Ids{"forum>la1"});  // ics is statutory now
  CHECK(gap_list(gaps, GapKind::kUnscrutinised) == Ids{"ics", "new-ccg"});

  std::vector<Gap> some = find_gaps(snap, Weights(), std::set<std::string>{"forum", "osc1"});
  for (const Gap& g : some) CHECK((g.id == "forum" || g.id == "osc1"));
  CHECK(gap_list(some, GapKind::kShadowOnly) == Ids{"forum"});
}

TEST_CASE("is_shadow_body: every relationship touching it is shadow, and there is one") {
  World w;
  Snapshot snap = snapshot_at(w.orgs, w.rels, "2020-01-01");
  CHECK(is_shadow_body(snap, *snap.find("forum")));
  CHECK(is_shadow_body(snap, *snap.find("ics")));
  CHECK_FALSE(is_shadow_body(snap, *snap.find("island")));  // no relationships
  CHECK_FALSE(is_shadow_body(snap, *snap.find("la1")));
}

const OrgComparison& find_org(const Comparison& c, const std::string& id) {
  auto it = std::find_if(c.organisations.begin(), c.organisations.end(),
                         [&](const OrgComparison& o) { return o.id == id; });
  REQUIRE(it != c.organisations.end());
  return *it;
}

TEST_CASE("compare two dates: distances before and after, and what changed") {
  World w;
  Snapshot d1 = snapshot_at(w.orgs, w.rels, "2020-01-01");
  Snapshot d2 = snapshot_at(w.orgs, w.rels, "2021-01-01");
  Comparison c = compare_snapshots(d1, d2, Weights());
  CHECK_FALSE(c.same_graph());

  const OrgComparison& trust = find_org(c, "trust");
  CHECK(trust.before->route->weight == 2000);
  CHECK(trust.after->route->weight == 4000);
  CHECK(trust.after->route->hops == 3);
  CHECK(trust.delta == 2000);
  CHECK(trust.change == DistanceChange::kFurther);

  const OrgComparison& ics = find_org(c, "ics");
  CHECK(ics.before->route->weight == 3000);
  CHECK(ics.before->route->shadow_hops == 1);
  CHECK(ics.after->route->weight == 2000);
  CHECK(ics.after->route->shadow_hops == 0);
  CHECK(ics.change == DistanceChange::kCloser);
  CHECK(ics.period_changed);
  CHECK(ics.before->kind == OrgKind::kIcs);
  CHECK(ics.after->kind == OrgKind::kIcb);
  CHECK(ics.after->name == "Test ICB");

  CHECK(find_org(c, "kc").change == DistanceChange::kBecameAccountable);
  CHECK(find_org(c, "kc").period_changed);
  CHECK(find_org(c, "dep").change == DistanceChange::kBecameAccountable);
  CHECK(find_org(c, "old-ccg").change == DistanceChange::kRemoved);
  CHECK(find_org(c, "new-ccg").change == DistanceChange::kAdded);
  CHECK_FALSE(find_org(c, "new-ccg").after->route.has_value());
  CHECK(find_org(c, "island").change == DistanceChange::kSame);
  CHECK(find_org(c, "forum").change == DistanceChange::kSame);

  const auto& s = c.summary;
  CHECK(s.organisations_before == 12);
  CHECK(s.organisations_after == 12);
  CHECK(s.organisations_added == 1);
  CHECK(s.organisations_removed == 1);
  CHECK(s.organisations_changed == 2);  // ics, kc
  CHECK(s.closer == 1);
  CHECK(s.further == 1);
  CHECK(s.became_accountable == 2);
  CHECK(s.became_unaccountable == 0);
  CHECK(s.same == 7);
  CHECK(s.added_unaccountable == 1);

  REQUIRE(c.relationships_added.size() == 1);
  CHECK(c.relationships_added[0].after->from == "ics");
  CHECK(c.relationships_added[0].after->kind == RelKind::kAccountableTo);
  REQUIRE(c.relationships_removed.size() == 3);  // ics perf, old-ccg, trust -> la2
  CHECK(c.relationships_removed[0].before->from == "ics");
  CHECK(c.relationships_removed[1].before->from == "old-ccg");
  CHECK(c.relationships_removed[2].before->from == "trust");
  REQUIRE(c.relationships_changed.size() == 1);
  CHECK(c.relationships_changed[0].before->cited().legal_basis == "Test Act s1");
  CHECK(c.relationships_changed[0].after->cited().legal_basis == "Partnership agreement 2020");
}

TEST_CASE("compare: the same graph on two dates, and a body that became unaccountable") {
  World w;
  Comparison same = compare_snapshots(snapshot_at(w.orgs, w.rels, "2019-01-01"),
                                      snapshot_at(w.orgs, w.rels, "2020-01-01"), Weights());
  CHECK(same.same_graph());
  CHECK(same.summary.same == 12);

  // Run the other way: trust is still reachable, dep loses its root.
  Comparison back = compare_snapshots(snapshot_at(w.orgs, w.rels, "2021-01-01"),
                                      snapshot_at(w.orgs, w.rels, "2020-01-01"), Weights());
  CHECK(find_org(back, "dep").change == DistanceChange::kBecameUnaccountable);
  CHECK(back.summary.became_unaccountable == 2);  // dep and kc
}

TEST_CASE("compare limited to some organisations") {
  World w;
  Comparison c = compare_snapshots(snapshot_at(w.orgs, w.rels, "2020-01-01"),
                                   snapshot_at(w.orgs, w.rels, "2021-01-01"), Weights(),
                                   std::set<std::string>{"trust", "la2"});
  REQUIRE(c.organisations.size() == 2);
  CHECK(c.relationships_added.empty());
  REQUIRE(c.relationships_removed.size() == 1);  // trust -> la2 only: from a listed body
  CHECK(c.relationships_removed[0].before->from == "trust");
  // Distances still come from the whole graph.
  CHECK(find_org(c, "trust").after->route->weight == 4000);
}

// The same comparison, field by field, whether made from two live snapshots or
// from the first date's side taken (and its snapshot freed) before the second.
void check_same_comparison(const Comparison& x, const Comparison& y) {
  REQUIRE(x.organisations.size() == y.organisations.size());
  for (size_t i = 0; i < x.organisations.size(); ++i) {
    const OrgComparison& a = x.organisations[i];
    const OrgComparison& b = y.organisations[i];
    CHECK(a.id == b.id);
    CHECK(a.change == b.change);
    CHECK(a.delta == b.delta);
    CHECK(a.period_changed == b.period_changed);
    CHECK(a.before.has_value() == b.before.has_value());
    CHECK(a.after.has_value() == b.after.has_value());
    if (a.before && b.before) CHECK(a.before->name == b.before->name);
    if (a.after && b.after) CHECK(a.after->name == b.after->name);
  }
  auto keys = [](const std::vector<RelChange>& changes) {
    std::vector<std::string> out;
    for (const RelChange& ch : changes) {
      const Relationship& r = ch.after ? *ch.after : *ch.before;
      out.push_back(r.key() + " " + r.valid.str() + " " + r.cited().legal_basis);
    }
    return out;
  };
  CHECK(keys(x.relationships_added) == keys(y.relationships_added));
  CHECK(keys(x.relationships_removed) == keys(y.relationships_removed));
  CHECK(keys(x.relationships_changed) == keys(y.relationships_changed));
  CHECK(x.same_graph() == y.same_graph());
  CHECK(x.summary.same == y.summary.same);
  CHECK(x.summary.organisations_changed == y.summary.organisations_changed);
}

TEST_CASE("compare from date sides equals compare of two snapshots, whole and limited") {
  World w;
  for (auto [from, to] : {std::pair{"2020-01-01", "2021-01-01"},
                          {"2021-01-01", "2020-01-01"},
                          {"2019-01-01", "2020-01-01"}}) {
    CAPTURE(from);
    CAPTURE(to);
    for (const std::optional<std::set<std::string>>& only :
         {std::optional<std::set<std::string>>(),
          std::optional(std::set<std::string>{"trust", "la2", "ics"})}) {
      Comparison whole = compare_snapshots(snapshot_at(w.orgs, w.rels, from),
                                           snapshot_at(w.orgs, w.rels, to), Weights(), only);
      DateSide before = date_side(snapshot_at(w.orgs, w.rels, from), Weights(), only);
      DateSide after = date_side(snapshot_at(w.orgs, w.rels, to), Weights(), only);
      Comparison sides = compare_sides(std::move(before), std::move(after));
      CHECK(sides.from == whole.from);
      CHECK(sides.to == whole.to);
      check_same_comparison(whole, sides);
    }
  }
  // Not vacuous: the first pair differs in every list.
  Comparison c = compare_sides(date_side(snapshot_at(w.orgs, w.rels, "2020-01-01"), Weights()),
                               date_side(snapshot_at(w.orgs, w.rels, "2021-01-01"), Weights()));
  CHECK(c.relationships_added.size() == 1);
  CHECK(c.relationships_removed.size() == 3);
  CHECK(c.relationships_changed.size() == 1);
  CHECK(c.summary.organisations_added == 1);
}

TEST_CASE("a comparison holds the records its changes point at, after its snapshots are gone") {
  World w;
  // Snapshots made and freed inside the call (temporaries), then the result
  // moved twice: every change still reads its records (ASan checks the reads).
  Comparison from_snapshots =
      compare_snapshots(snapshot_at(w.orgs, w.rels, "2020-01-01"),
                        snapshot_at(w.orgs, w.rels, "2021-01-01"), Weights());
  Comparison from_sides =
      compare_sides(date_side(snapshot_at(w.orgs, w.rels, "2020-01-01"), Weights()),
                    date_side(snapshot_at(w.orgs, w.rels, "2021-01-01"), Weights()));
  for (Comparison* original : {&from_snapshots, &from_sides}) {
    Comparison moved = std::move(*original);
    Comparison c;
    c = std::move(moved);
    REQUIRE(c.relationships_added.size() == 1);
    CHECK(c.relationships_added[0].before == nullptr);
    CHECK(c.relationships_added[0].after->from == "ics");
    CHECK(c.relationships_added[0].after->kind == RelKind::kAccountableTo);
    REQUIRE(c.relationships_removed.size() == 3);
    CHECK(c.relationships_removed[0].after == nullptr);
    CHECK(c.relationships_removed[1].before->from == "old-ccg");
    REQUIRE(c.relationships_changed.size() == 1);
    const RelChange& ch = c.relationships_changed[0];
    CHECK(ch.before->from == ch.after->from);
    CHECK(ch.before->to == ch.after->to);
    CHECK(ch.before != ch.after);
  }
  // Held once: copies of the changed records only (snapshots), or the two
  // sides' lists (sides).
  Comparison c = compare_snapshots(snapshot_at(w.orgs, w.rels, "2020-01-01"),
                                   snapshot_at(w.orgs, w.rels, "2021-01-01"), Weights());
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].size() == 1 + 3 + 2);
}

// Lineage: a and b merge into ab; ab splits into x and y; x and y merge into
// final. Plus an unrelated chain, and a shadow succession.
std::vector<Relationship> lineage_rels() {
  return {
      rel("a", RelKind::kSucceededBy, "ab", Layer::kStatutory, "2010-12-31", "2010-12-31"),
      rel("b", RelKind::kSucceededBy, "ab", Layer::kStatutory, "2010-12-31", "2010-12-31"),
      rel("ab", RelKind::kSucceededBy, "x", Layer::kStatutory, "2015-12-31", "2015-12-31"),
      rel("ab", RelKind::kSucceededBy, "y", Layer::kStatutory, "2015-12-31", "2015-12-31"),
      rel("x", RelKind::kSucceededBy, "final", Layer::kStatutory, "2018-12-31", "2018-12-31"),
      rel("y", RelKind::kSucceededBy, "final", Layer::kStatutory, "2018-12-31", "2018-12-31"),
      rel("final", RelKind::kSucceededBy, "later", Layer::kShadow, "2022-12-31", "2022-12-31"),
      rel("p", RelKind::kSucceededBy, "q", Layer::kStatutory, "2010-12-31", "2010-12-31"),
      rel("a", RelKind::kAccountableTo, "q"),  // not a succession
  };
}

std::vector<std::pair<std::string, int>> bodies(const Lineage& l) {
  std::vector<std::pair<std::string, int>> out;
  for (const LineageBody& b : l.bodies) out.emplace_back(b.id, b.generation);
  return out;
}

using Gens = std::vector<std::pair<std::string, int>>;

TEST_CASE("lineage through multi-step, many-to-many chains") {
  auto rels = lineage_rels();
  Lineage a = lineage_of("a", rels);
  CHECK(bodies(a) == Gens{{"a", 0}, {"ab", 1}, {"x", 2}, {"y", 2}, {"final", 3}, {"later", 4}});
  CHECK(a.steps.size() == 6);  // not b -> ab: b is a co-predecessor, not in a's lineage

  Lineage fin = lineage_of("final", rels);
  CHECK(bodies(fin) ==
        Gens{{"a", -3}, {"b", -3}, {"ab", -2}, {"x", -1}, {"y", -1}, {"final", 0}, {"later", 1}});
  CHECK(fin.steps.size() == 7);

  Lineage x = lineage_of("x", rels);
  CHECK(bodies(x) == Gens{{"a", -2}, {"b", -2}, {"ab", -1}, {"x", 0}, {"final", 1}, {"later", 2}});
  const LineageBody& ab = x.bodies[2];
  CHECK(ab.id == "ab");
  REQUIRE(ab.to.size() == 2);    // preceded by a and b
  REQUIRE(ab.from.size() == 1);  // succeeded by x only: y is not in x's lineage
  CHECK(ab.from[0].to == "x");

  CHECK(bodies(lineage_of("q", rels)) == Gens{{"p", -1}, {"q", 0}});
  CHECK(bodies(lineage_of("nobody", rels)) == Gens{{"nobody", 0}});
}

TEST_CASE("lineage options: successions up to a date, one layer") {
  auto rels = lineage_rels();
  LineageOptions until;
  until.until = day("2016-01-01");
  CHECK(bodies(lineage_of("a", rels, until)) == Gens{{"a", 0}, {"ab", 1}, {"x", 2}, {"y", 2}});
  LineageOptions statutory;
  statutory.layer = Layer::kStatutory;
  CHECK(bodies(lineage_of("final", rels, statutory)).back() ==
        std::make_pair(std::string("final"), 0));
}

TEST_CASE("lineage ends on a cycle") {
  std::vector<Relationship> rels = {
      rel("m", RelKind::kSucceededBy, "n", Layer::kStatutory, "2010-12-31", "2010-12-31"),
      rel("n", RelKind::kSucceededBy, "m", Layer::kStatutory, "2012-12-31", "2012-12-31"),
  };
  CHECK(bodies(lineage_of("m", rels)) == Gens{{"n", -1}, {"m", 0}});
}

}  // namespace
}  // namespace govmap
