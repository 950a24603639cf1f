// The area timeline (core/area_timeline.h): the days on which something about
// a set of bodies changed, in order, with what changed.
#include <doctest/doctest.h>

#include <algorithm>

#include "accountability_fixtures.h"
#include "core/area_timeline.h"

using namespace govmap;
using namespace govmap::testing;

namespace {

// A CCG that closes when the ICB opens, an STP renamed and made an ICS, a
// relationship recorded twice back to back, and a body outside the area.
struct Area {
  std::vector<Organisation> orgs;
  std::vector<Relationship> rels;
  std::set<std::string> bodies = {"nhse", "ccg", "icb", "stp"};
  Area() {
    orgs.push_back(org("nhse", OrgKind::kNhsEngland, "2012-10-01"));
    orgs.push_back(org("ccg", OrgKind::kCcg, "2013-04-01", "2022-06-30"));
    orgs.push_back(org("icb", OrgKind::kIcb, "2022-07-01"));
    Organisation stp = org("stp", OrgKind::kStp, "2016-03-01", "2020-03-31");
    add_period(stp, OrgKind::kIcs, "2020-04-01", nullptr, "Name of stp ICS");
    orgs.push_back(stp);
    orgs.push_back(org("elsewhere", OrgKind::kCcg, "2019-01-01"));
    rels.push_back(rel("ccg", RelKind::kAccountableTo, "nhse", Layer::kStatutory, "2013-04-01",
                       "2018-12-31"));
    rels.push_back(rel("ccg", RelKind::kAccountableTo, "nhse", Layer::kStatutory, "2019-01-01",
                       "2022-06-30"));
    rels.push_back(rel("icb", RelKind::kAccountableTo, "nhse", Layer::kStatutory, "2022-07-01"));
    rels.push_back(rel("ccg", RelKind::kMemberOf, "stp", Layer::kShadow, "2016-03-01",
                       "2022-06-30"));
    rels.push_back(rel("elsewhere", RelKind::kAccountableTo, "nhse", Layer::kStatutory,
                       "2019-01-01"));
  }
};

std::vector<std::string> dates_of(const std::vector<AreaDay>& days) {
  std::vector<std::string> out;
  for (const AreaDay& d : days) out.push_back(d.date.str());
  return out;
}

std::vector<std::string> texts_of(const AreaDay& day) {
  std::vector<std::string> out;
  for (const AreaChange& c : day.changes) out.push_back(c.text);
  return out;
}

}  // namespace

TEST_CASE("area timeline: the days after the first date up to the last, in order") {
  Area a;
  std::vector<AreaDay> days = area_timeline(a.orgs, a.rels, a.bodies, day("2016-03-01"),
                                            day("2023-01-01"));
  // 2016-03-01 is the first date (the picture shows it), so it is not a change;
  // 2019-01-01 only re-records a relationship; "elsewhere" is outside the area.
  CHECK(dates_of(days) == std::vector<std::string>{"2020-04-01", "2022-07-01"});
  CHECK(texts_of(days[0]) ==
        std::vector<std::string>{"Name of stp was renamed Name of stp ICS and became ics (was stp)"});
  CHECK(texts_of(days[1]) == std::vector<std::string>{
                                 "Name of icb opened (icb)",
                                 "Name of ccg closed (ccg; last day 2022-06-30)",
                                 "began: Name of icb accountable to Name of nhse",
                                 "ended: Name of ccg accountable to Name of nhse",
                                 "ended: Name of ccg member of Name of stp ICS (shadow)",
                             });
}

TEST_CASE("area timeline: the last date counts and the first does not") {
  Area a;
  CHECK(dates_of(area_timeline(a.orgs, a.rels, a.bodies, day("2020-04-01"), day("2022-07-01"))) ==
        std::vector<std::string>{"2022-07-01"});
  CHECK(area_timeline(a.orgs, a.rels, a.bodies, day("2020-04-02"), day("2022-06-30")).empty());
}

TEST_CASE("area timeline: the same whatever the order of the input") {
  Area a;
  std::vector<AreaDay> forward = area_timeline(a.orgs, a.rels, a.bodies, day("2010-01-01"),
                                               day("2023-01-01"));
  std::reverse(a.orgs.begin(), a.orgs.end());
  std::reverse(a.rels.begin(), a.rels.end());
  std::vector<AreaDay> backward = area_timeline(a.orgs, a.rels, a.bodies, day("2010-01-01"),
                                                day("2023-01-01"));
  REQUIRE(forward.size() == backward.size());
  for (size_t i = 0; i < forward.size(); ++i) CHECK(texts_of(forward[i]) == texts_of(backward[i]));
  CHECK(dates_of(forward) == std::vector<std::string>{"2012-10-01", "2013-04-01", "2016-03-01",
                                                      "2020-04-01", "2022-07-01"});
}
