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
                 {maps + "england-national", maps + "south-yorkshire-bassetlaw", maps + "frimley"},
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
