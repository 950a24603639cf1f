// Unit tests for render/drawn_edges.h: merged, joined and folded lines.
#include "render/drawn_edges.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/render_test_support.h"

namespace govmap {
namespace {

using test::make_org;
using test::make_rel;
using test::snapshot_at;

std::vector<Relationship> regulated(const std::vector<std::string>& from, const std::string& to) {
  std::vector<Relationship> out;
  for (const std::string& f : from)
    out.push_back(make_rel(f, to, RelKind::kRegulatedBy, "2010-01-01"));
  return out;
}

TEST_CASE("drawn edges: parallel relationships share a run, one per layer and tag") {
  std::vector<Relationship> rels = {
      make_rel("a", "b", RelKind::kAccountableTo, "2010-01-01"),
      make_rel("a", "b", RelKind::kAppointedBy, "2010-01-01"),
      make_rel("a", "b", RelKind::kMemberOf, "2010-01-01", nullptr, Layer::kShadow),
      make_rel("a", "c", RelKind::kAccountableTo, "2010-01-01")};
  CHECK(parallel_runs(rels) == std::vector<std::vector<size_t>>{{0, 1}, {2}, {3}});
  CHECK(parallel_runs(rels, {0, 1, 0, 0}) == std::vector<std::vector<size_t>>{{0}, {1}, {2}, {3}});
}

TEST_CASE("drawn edges: three lines of one kind from one tier to one body join") {
  std::vector<Relationship> rels = regulated({"t1", "t2", "t3"}, "cqc");
  std::vector<std::vector<size_t>> runs = parallel_runs(rels);
  std::map<std::string, int> tiers = {{"t1", 5}, {"t2", 5}, {"t3", 5}, {"cqc", 1}};
  std::vector<bool> up(rels.size(), true);
  CHECK(joined_runs(rels, runs, tiers, up) == std::vector<std::vector<size_t>>{{0, 1, 2}});
  // Two are not enough.
  std::vector<Relationship> two = regulated({"t1", "t2"}, "cqc");
  CHECK(joined_runs(two, parallel_runs(two), tiers, {true, true}).empty());
  // Lower ends in different tiers do not join.
  std::map<std::string, int> mixed = {{"t1", 5}, {"t2", 5}, {"t3", 4}, {"cqc", 1}};
  CHECK(joined_runs(rels, runs, mixed, up).empty());
  // A line along its tier, or downwards, does not join: it would pull the
  // junction, and the tiers, out of order.
  std::map<std::string, int> flat = {{"t1", 5}, {"t2", 5}, {"t3", 5}, {"cqc", 5}};
  CHECK(joined_runs(rels, runs, flat, up).empty());
  CHECK(joined_runs(rels, runs, tiers, {true, false, true}).empty());
  // An upper end of no tier joins; a lower end of no tier does not.
  CHECK(joined_runs(rels, runs, {{"t1", 5}, {"t2", 5}, {"t3", 5}}, up).size() == 1);
  CHECK(joined_runs(rels, runs, {{"cqc", 1}}, up).empty());
  // Different tags (the diff's change) make different trunks.
  CHECK(joined_runs(rels, runs, tiers, up, {0, 1, 0}).empty());
}

TEST_CASE("drawn edges: a runs' kinds must match to join") {
  std::vector<Relationship> rels = regulated({"t1", "t2", "t3"}, "cqc");
  rels.push_back(make_rel("t3", "cqc", RelKind::kAccountableTo, "2010-01-01"));
  std::sort(rels.begin(), rels.end());
  std::vector<std::vector<size_t>> runs = parallel_runs(rels);
  REQUIRE(runs.size() == 3);
  std::map<std::string, int> tiers = {{"t1", 5}, {"t2", 5}, {"t3", 5}, {"cqc", 1}};
  CHECK(joined_runs(rels, runs, tiers, std::vector<bool>(rels.size(), true)).empty());
}

struct Trust {
  std::vector<Organisation> orgs = {
      make_org("ft", "A Foundation Trust", OrgKind::kFoundationTrust, "2005-01-01"),
      make_org("ft-cog", "A Foundation Trust Council of Governors", OrgKind::kCouncilOfGovernors,
               "2005-01-01"),
      make_org("ft-members", "A Foundation Trust members", OrgKind::kOther, "2005-01-01"),
      make_org("cqc", "Care Quality Commission", OrgKind::kRegulator, "2009-04-01")};
  std::vector<Relationship> rels = {
      make_rel("ft-cog", "ft", RelKind::kPartOf, "2005-01-01"),
      make_rel("ft", "ft-cog", RelKind::kAccountableTo, "2012-10-01"),
      make_rel("ft-cog", "ft-members", RelKind::kElectedBy, "2005-01-01"),
      make_rel("ft", "cqc", RelKind::kRegulatedBy, "2010-04-01")};
};

TEST_CASE("drawn edges: a council of governors and its members fold into their trust") {
  Trust t;
  std::map<std::string, std::string> want = {{"ft-cog", "ft"}, {"ft-members", "ft"}};
  CHECK(governor_folds(snapshot_at(t.orgs, t.rels, "2020-01-01")) == want);
}

TEST_CASE("drawn edges: a council or member tied to anything else is drawn as it is") {
  SUBCASE("the council is scrutinised by someone outside") {
    Trust t;
    t.rels.push_back(make_rel("ft-cog", "cqc", RelKind::kRegulatedBy, "2010-04-01"));
    CHECK(governor_folds(snapshot_at(t.orgs, t.rels, "2020-01-01")).empty());
  }
  SUBCASE("the members also elect someone else: the council folds, they do not") {
    Trust t;
    t.orgs.push_back(make_org("other-cog", "Another council", OrgKind::kOther, "2005-01-01"));
    t.rels.push_back(make_rel("other-cog", "ft-members", RelKind::kElectedBy, "2005-01-01"));
    // The council is tied to the members, which stay a node: it stays one too.
    CHECK(governor_folds(snapshot_at(t.orgs, t.rels, "2020-01-01")).empty());
  }
  SUBCASE("no trust to be part of") {
    Trust t;
    t.rels.erase(t.rels.begin());
    CHECK(governor_folds(snapshot_at(t.orgs, t.rels, "2020-01-01")).empty());
  }
}

}  // namespace
}  // namespace govmap
