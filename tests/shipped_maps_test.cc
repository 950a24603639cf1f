// The shipped maps, with the numbers councillors will quote written down.
// If a map edit changes one of these, the test says so; update the number
// only when the new one is right.
#include <doctest/doctest.h>

#include "core/accountability.h"
#include "core/compare.h"
#include "core/gaps.h"
#include "core/snapshot.h"
#include "core/store.h"
#include "importers/import.h"
#include "test_util.h"

using namespace govmap;

namespace {

// Imported once for all the cases below.
const Store& shipped() {
  static test::TempDir dir;
  static Store store(dir.file("maps.db"), Database::Mode::kReadWrite);
  static bool imported = [] {
    std::string maps = std::string(GOVMAP_SOURCE_DIR) + "/maps/";
    import_paths(store,
                 {maps + "england-national", maps + "south-yorkshire-bassetlaw", maps + "frimley",
                  maps + "greater-manchester"},
                 {});
    return true;
  }();
  (void)imported;
  return store;
}

Snapshot at(const char* date) {
  SnapshotOptions o;
  o.at = *Date::parse(date);
  return build_snapshot(shipped(), o);
}

// "from kind to (layer)" for each step of id's chosen route.
std::vector<std::string> route_of(const Snapshot& snap, const std::string& id, Route& route) {
  ShortestPaths paths = accountability_distances(snap, Weights());
  auto v = snap.find(id);
  REQUIRE(v);
  auto r = paths.route(*v);
  REQUIRE(r);
  route = *r;
  std::vector<std::string> steps;
  for (const PathStep& s : r->steps)
    steps.push_back(s.rel.from + " " + name_of(s.rel.kind) + " " + s.rel.to + " (" +
                    name_of(s.rel.layer) + ")");
  return steps;
}

}  // namespace

TEST_CASE("SYB Collaborative Partnership Board on 2018-08-08: distance 3, through ratification") {
  Snapshot snap = at("2018-08-08");
  Route route;
  auto steps = route_of(snap, "syb-cpb", route);
  CHECK(route.weight == 3 * kMilli);  // shadow ratified_by (1 + 1) then elected_by (1)
  CHECK(route.hops == 2);
  CHECK(route.shadow_hops == 1);
  CHECK(steps ==
        std::vector<std::string>{"syb-cpb ratified_by la-barnsley (shadow)",
                                 "la-barnsley elected_by electorate-barnsley (statutory)"});
}

TEST_CASE("NHS South Yorkshire ICB on 2022-07-01: distance 4, all statutory") {
  Snapshot snap = at("2022-07-01");
  auto v = snap.find("QF7");
  REQUIRE(v);
  CHECK(snap[*v].period.kind == OrgKind::kIcb);
  CHECK(snap[*v].period.name == "NHS South Yorkshire Integrated Care Board");
  Route route;
  auto steps = route_of(snap, "QF7", route);
  CHECK(route.weight == 4 * kMilli);  // scrutiny (2), committee (1), election (1)
  CHECK(route.hops == 3);
  CHECK(route.shadow_hops == 0);
  CHECK(steps ==
        std::vector<std::string>{"QF7 scrutinised_by jhosc-syb (statutory)",
                                 "jhosc-syb committee_of la-barnsley (statutory)",
                                 "la-barnsley elected_by electorate-barnsley (statutory)"});
  // The same code as the shadow ICS on 2018-08-08 stood further away, via the shadow layer.
  Snapshot before = at("2018-08-08");
  Route shadow;
  route_of(before, "QF7", shadow);
  CHECK(shadow.weight == 5 * kMilli);
  CHECK(shadow.shadow_hops == 1);
}

TEST_CASE("compare 2018-08-08 -> 2022-07-01: the CCGs go, the ICB and ICP arrive") {
  Snapshot a = at("2018-08-08"), b = at("2022-07-01");
  Comparison c = compare_snapshots(a, b, Weights());
  CHECK_FALSE(c.same_graph());
  std::set<std::string> removed, added;
  const OrgComparison* qf7 = nullptr;
  for (const OrgComparison& o : c.organisations) {
    if (o.change == DistanceChange::kRemoved) removed.insert(o.id);
    if (o.change == DistanceChange::kAdded) added.insert(o.id);
    if (o.id == "QF7") qf7 = &o;
  }
  for (const char* ccg : {"02P", "02X", "03L", "03N", "02Q"}) CHECK(removed.count(ccg) == 1);
  CHECK(added.count("icp-sy") == 1);  // South Yorkshire Integrated Care Partnership
  CHECK(added.count("QT1") == 1);     // NHS Nottingham and Nottinghamshire ICB (Bassetlaw's)
  // ODS kept the code QF7 for the ICB: one organisation whose kind changed
  // from shadow ICS to statutory ICB, and which moved closer to the voters.
  REQUIRE(qf7 != nullptr);
  CHECK(qf7->period_changed);
  CHECK(qf7->before->kind == OrgKind::kIcs);
  CHECK(qf7->after->kind == OrgKind::kIcb);
  CHECK(qf7->change == DistanceChange::kCloser);
  CHECK(qf7->delta == -1 * kMilli);
}

TEST_CASE("gaps on 2018-08-08: the shadow partnership board and the bodies that ratify it") {
  Snapshot snap = at("2018-08-08");
  std::set<std::string> ratifiers;
  for (const Gap& g : find_gaps(snap, Weights()))
    if (g.kind == GapKind::kDoubleRunning && g.id == "syb-cpb") ratifiers.insert(g.related);
  CHECK(ratifiers ==
        std::set<std::string>{"02P",          "02Q",      "02X",          "03L",
                              "03N",          "RCU",      "RFF",          "RFR",
                              "RFS",          "RHQ",      "RP5",          "RX8",
                              "RX9",          "RXE",      "la-barnsley",  "la-bassetlaw",
                              "la-doncaster", "la-notts", "la-rotherham", "la-sheffield"});
}

namespace {

// The name in force on a date, or "" when the body does not exist then.
std::string name_at(const char* id, const char* date) {
  Snapshot snap = at(date);
  auto v = snap.find(id);
  return v ? snap[*v].period.name : std::string();
}

std::set<std::string> regions_at(const char* date) {
  Snapshot snap = at(date);
  std::set<std::string> ids;
  for (Vertex v : boost::make_iterator_range(boost::vertices(snap.graph)))
    if (snap[v].period.kind == OrgKind::kNhseRegion) ids.insert(snap[v].id);
  return ids;
}

const Relationship* edge(const Snapshot& snap, const std::string& from, const std::string& to,
                         RelKind kind) {
  for (Edge e : boost::make_iterator_range(boost::edges(snap.graph))) {
    const Relationship& r = *snap.graph[e].rel;
    if (r.from == from && r.to == to && r.kind == kind) return &r;
  }
  return nullptr;
}

}  // namespace

// Facts a review found wrong (issue 18), each written down with the date that tells.
TEST_CASE("renamed bodies carry the name in force on the day") {
  struct Case {
    const char* id;
    const char* date;
    const char* name;
  };
  const Case cases[] = {
      {"RP5", "2004-04-01", "Doncaster and Bassetlaw Hospitals NHS Foundation Trust"},
      {"RP5", "2016-12-31", "Doncaster and Bassetlaw Hospitals NHS Foundation Trust"},
      {"RP5", "2017-01-01", "Doncaster and Bassetlaw Teaching Hospitals NHS Foundation Trust"},
      {"RP5-cog", "2010-06-01",
       "Doncaster and Bassetlaw Hospitals NHS Foundation Trust Council of Governors"},
      {"RXE", "2007-08-01",
       "Rotherham Doncaster and South Humber Mental Health NHS Foundation Trust"},
      {"RXE", "2018-08-08", "Rotherham Doncaster and South Humber NHS Foundation Trust"},
      {"la-bracknell-forest", "1974-04-01", "Bracknell District Council"},
      {"la-bracknell-forest", "1988-04-30", "Bracknell District Council"},
      {"la-bracknell-forest", "1988-05-01", "Bracknell Forest Borough Council"},
      {"la-bracknell-forest", "2018-08-08", "Bracknell Forest Council"},
      {"X24", "2012-10-01", "NHS Commissioning Board"},
      {"X24", "2018-08-08", "NHS England (operating name of the NHS Commissioning Board)"},
      {"X24", "2022-07-01", "NHS England"},
      {"cqc", "2008-09-30", ""},
      {"cqc", "2008-10-01", "Care Quality Commission (shadowing its three predecessors)"},
      {"cqc", "2009-04-01", "Care Quality Commission"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.id);
    CAPTURE(c.date);
    CHECK(name_at(c.id, c.date) == c.name);
  }
}

TEST_CASE("NHS England regions: four from 2013, five from 2018, seven from 2019") {
  CHECK(regions_at("2013-03-31").empty());
  CHECK(regions_at("2013-04-01") == std::set<std::string>{"Y54", "Y55", "Y56", "nhser-south"});
  CHECK(regions_at("2018-03-31") == std::set<std::string>{"Y54", "Y55", "Y56", "nhser-south"});
  CHECK(regions_at("2018-04-01") == std::set<std::string>{"Y54", "Y55", "Y56", "Y58", "Y59"});
  CHECK(regions_at("2019-04-01") ==
        std::set<std::string>{"Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"});
  CHECK(name_at("Y54", "2018-08-08") == "NHS England North of England region");
  CHECK(name_at("Y55", "2015-01-01") == "NHS England Midlands and East of England region");
}

TEST_CASE("the CQC answers to the Secretary of State from its first day") {
  Snapshot snap = at("2008-10-01");
  const Relationship* r = edge(snap, "cqc", "sos-health", RelKind::kAccountableTo);
  REQUIRE(r != nullptr);
  CHECK(r->layer == Layer::kStatutory);
  CHECK(edge(snap, "cqc", "sos-health", RelKind::kAppointedBy) != nullptr);
}

TEST_CASE("regions are NHS England's internal structure: shadow part_of, no legal basis") {
  for (const char* date : {"2015-01-01", "2018-08-08", "2023-04-01"}) {
    Snapshot snap = at(date);
    for (Vertex v : boost::make_iterator_range(boost::vertices(snap.graph))) {
      if (snap[v].period.kind != OrgKind::kNhseRegion) continue;
      CAPTURE(snap[v].id);
      const Relationship* r = edge(snap, snap[v].id, "X24", RelKind::kPartOf);
      REQUIRE(r != nullptr);
      CHECK(r->layer == Layer::kShadow);
      CHECK(r->cited().legal_basis.empty());
    }
  }
}

TEST_CASE("footprints sit in a region before 2018 too, and regions hand over their areas") {
  Snapshot s2017 = at("2017-06-01");
  CHECK(edge(s2017, "QF7", "Y54", RelKind::kPartOf) != nullptr);
  CHECK(edge(s2017, "QNQ", "nhser-south", RelKind::kPartOf) != nullptr);
  // A succession ends on the predecessor's last day, when its successors do not
  // exist yet, so it is read from the store rather than from a day's graph.
  std::set<std::string> successions;
  for (const Relationship& r : shipped().relationships())
    if (r.kind == RelKind::kSucceededBy && r.layer == Layer::kShadow && r.valid.to)
      successions.insert(r.from + ">" + r.to + "@" + r.valid.to->str());
  for (const char* s :
       {"nhser-south>Y58@2018-03-31", "nhser-south>Y59@2018-03-31", "Y54>Y62@2019-03-31",
        "Y54>Y63@2019-03-31", "Y55>Y60@2019-03-31", "Y55>Y61@2019-03-31"}) {
    CAPTURE(s);
    CHECK(successions.count(s) == 1);
  }
}

// Greater Manchester: devolution (2016), the Manchester Local Care Organisation (2018), the ICB
// (2022).
TEST_CASE("Greater Manchester on 2018-08-08: the partnership board stands 3 from the voters") {
  Snapshot snap = at("2018-08-08");
  Route route;
  auto steps = route_of(snap, "gm-spb", route);
  CHECK(route.weight == 3 * kMilli);  // shadow ratified_by (1 + 1) then elected_by (1)
  CHECK(route.shadow_hops == 1);
  CHECK(steps == std::vector<std::string>{"gm-spb ratified_by la-bolton (shadow)",
                                          "la-bolton elected_by electorate-bolton (statutory)"});
  // The partnership itself answered only by agreement to NHS England.
  Route qop;
  steps = route_of(snap, "QOP", qop);
  CHECK(qop.weight == 5 * kMilli);
  CHECK(steps.front() == "QOP performance_managed_by X24 (shadow)");
  // The combined authority: its members are appointed by the ten councils.
  Route gmca;
  steps = route_of(snap, "gm-gmca", gmca);
  CHECK(gmca.weight == 2 * kMilli);
  CHECK(steps.front() == "gm-gmca appointed_by la-bolton (statutory)");
}

TEST_CASE("the Joint Commissioning Board has no sourced route to the voters") {
  Snapshot snap = at("2018-08-08");
  ShortestPaths paths = accountability_distances(snap, Weights());
  auto v = snap.find("gm-jcb");
  REQUIRE(v);
  CHECK_FALSE(paths.route(*v));
}

TEST_CASE("Manchester Local Care Organisation: 3 from the voters, through the city council") {
  for (const char* date : {"2018-08-08", "2022-07-01"}) {
    CAPTURE(date);
    Snapshot snap = at(date);
    Route route;
    auto steps = route_of(snap, "gm-mlco", route);
    CHECK(route.weight == 3 * kMilli);  // shadow accountable_to (1 + 1) then elected_by (1)
    CHECK(steps ==
          std::vector<std::string>{"gm-mlco accountable_to la-manchester (shadow)",
                                   "la-manchester elected_by electorate-manchester (statutory)"});
  }
  CHECK(name_at("gm-mlco", "2018-03-31").empty());
}

TEST_CASE("NHS Greater Manchester ICB on 2022-07-01: distance 4, all statutory, one closer") {
  Snapshot a = at("2018-08-08"), b = at("2022-07-01");
  Route route;
  auto steps = route_of(b, "QOP", route);
  CHECK(route.weight == 4 * kMilli);  // scrutiny (2), committee (1), election (1)
  CHECK(route.shadow_hops == 0);
  CHECK(steps.front() == "QOP scrutinised_by osc-bolton (statutory)");
  Comparison c = compare_snapshots(a, b, Weights());
  const OrgComparison* qop = nullptr;
  std::set<std::string> removed, added;
  for (const OrgComparison& o : c.organisations) {
    if (o.id == "QOP") qop = &o;
    if (o.change == DistanceChange::kRemoved) removed.insert(o.id);
    if (o.change == DistanceChange::kAdded) added.insert(o.id);
  }
  REQUIRE(qop != nullptr);
  CHECK(qop->change == DistanceChange::kCloser);
  CHECK(qop->delta == -1 * kMilli);
  for (const char* gone : {"00T", "14L", "02H", "gm-spb", "gm-jcb"}) CHECK(removed.count(gone));
  CHECK(added.count("icp-gm") == 1);
}

TEST_CASE("Manchester's three CCGs became one on 2017-04-01") {
  CHECK(name_at("00W", "2017-03-31") == "NHS Central Manchester CCG");
  CHECK(name_at("00W", "2017-04-01").empty());
  CHECK(name_at("14L", "2017-04-01") == "NHS Manchester CCG");
  CHECK(name_at("R0A", "2017-10-01") == "Manchester University NHS Foundation Trust");
}

TEST_CASE("greater-manchester imports with england-national alone, in either order") {
  std::string maps = std::string(GOVMAP_SOURCE_DIR) + "/maps/";
  std::vector<std::string> a = {maps + "england-national", maps + "greater-manchester"};
  std::vector<std::string> b = {a[1], a[0]};
  for (const auto& order : {a, b}) {
    test::TempDir dir;
    Store store(dir.file("gm.db"), Database::Mode::kReadWrite);
    CHECK_NOTHROW(import_paths(store, order, {}));
    CHECK(store.organisations({}).size() > 70);
  }
}
