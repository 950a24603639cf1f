// ONS lookups and names-and-codes files: fixtures in tests/data/ons, then the
// real files in ../shared/data.
#include <doctest/doctest.h>

#include <algorithm>

#include "importers/dataset.h"
#include "importers/ons.h"
#include "tests/test_util.h"

namespace govmap {
namespace {

using test::contains;
using test::day;
using test::has_identifier;
using test::ids_of_kind_at;
using test::import;
using test::ons_fixture;
using test::periods_of;
using test::rels_from;

std::vector<Relationship> rels_to(const std::vector<Relationship>& rels, const std::string& to) {
  std::vector<Relationship> out;
  for (const Relationship& r : rels)
    if (r.to == to) out.push_back(r);
  return out;
}

}  // namespace

TEST_CASE("ONS files are recognised by their header") {
  for (const char* f :
       {"ccg-stp-lookup-2020.csv", "ccg-stp-nhser-lookup-2021.csv",
        "sicbl-icb-nhser-lookup-2023.csv", "lsoa-ccg-lad-lookup-2020.csv",
        "lad-cty-lookup-2020.csv", "ltla-utla-lookup-2019.csv", "names-nhser-2019.csv"})
    CHECK_MESSAGE(detect_format(ons_fixture(f)) == "ons", f);
  std::string msg;
  try {
    detect_format(ons_fixture("unused-columns-only.csv"));
  } catch (const Error& e) {
    msg = e.format();
  }
  CHECK(contains(msg, "matches no known input format"));
  CHECK(contains(msg, "RGN20"));
}

TEST_CASE("bad ONS rows are reported as file:line:column") {
  test::TempDb db;
  std::string msg;
  try {
    import(db.store(), {ons_fixture("bad-code.csv")});
  } catch (const Error& e) {
    msg = e.format();
  }
  CHECK(contains(msg, "bad-code.csv:3:3: error: malformed ONS code 'X380' in column CCG20CD"));
  CHECK(contains(msg, "bad-code.csv:4: error: expected 4 fields as in the header, found 3"));
  CHECK(db.store().organisations().empty());
}

TEST_CASE("one ONS lookup: organisations keyed by ODS code, ONS code as identifier") {
  test::TempDb db;
  Store& s = db.store();
  auto reports = import(s, {ons_fixture("ccg-stp-lookup-2020.csv")});
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].dataset == "ons:lookups");
  // Listed in 2020 and in no later lookup of CCGs: in force from 2020-04-01
  // on, a sub-ICB location from 1 July 2022.
  auto first = periods_of(s, "01A");
  REQUIRE(first.size() == 2);
  CHECK(first[0].name == "NHS First CCG");
  CHECK(first[0].kind == OrgKind::kCcg);
  CHECK(first[0].valid.str() == "2020-04-01..2022-06-30");
  CHECK(first[1].kind == OrgKind::kSubIcbLocation);
  CHECK(first[1].valid.str() == "2022-07-01..");
  CHECK(periods_of(s, "03C")[0].name == "NHS Third, Fourth and Fifth CCG");
  CHECK(has_identifier(s, "01A", "ons", "E38000001"));
  CHECK(has_identifier(s, "QF7", "ons", "E54000001"));
  CHECK_FALSE(s.has_organisation("E38000001"));
  auto qf7 = periods_of(s, "QF7");
  REQUIRE(qf7.size() == 2);  // stp, then icb from 1 July 2022
  CHECK(qf7[0].kind == OrgKind::kStp);
  CHECK(qf7[1].kind == OrgKind::kIcb);
  CHECK(qf7[1].valid.str() == "2022-07-01..");
  auto part = rels_from(s, "01A");
  REQUIRE(part.size() == 1);
  CHECK(part[0].to == "QF7");
  CHECK(part[0].valid.str() == "2020-04-01..");
  CHECK(s.sources()[0].date == "2020-04-01");
  CHECK(contains(s.sources()[0].title, "ONS lookup: CCG20 -> STP20 (2020)"));
}

TEST_CASE("consecutive years merge identical memberships and close what changed") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {ons_fixture("ccg-stp-lookup-2020.csv")});
  auto reports = import(s, {ons_fixture("ccg-stp-nhser-lookup-2021.csv")});
  CHECK(reports[0].diff.relationships.closed == 2);  // 02B's and 03C's memberships
  // Same membership both years: one period citing both files.
  auto first = rels_from(s, "01A");
  REQUIRE(first.size() == 1);
  CHECK(first[0].valid.str() == "2020-04-01..");
  CHECK(first[0].cited().sources.size() == 2);
  // 03C moved from QOP to QF7.
  auto third = rels_from(s, "03C");
  REQUIRE(third.size() == 2);
  CHECK(rels_to(third, "QOP")[0].valid.str() == "2020-04-01..2021-03-31");
  CHECK(rels_to(third, "QF7")[0].valid.str() == "2021-04-01..");
  // 02B is in the 2020 file only: its membership and its period end on 31 March 2021.
  CHECK(rels_from(s, "02B")[0].valid.str() == "2020-04-01..2021-03-31");
  CHECK(periods_of(s, "02B")[0].valid.str() == "2020-04-01..2021-03-31");
  // QOP is missing from 2021 too; QF7 now sits in a region.
  CHECK(periods_of(s, "QOP")[0].valid.to == day("2021-03-31"));
  CHECK(rels_from(s, "QF7")[0].to == "Y63");
  CHECK(periods_of(s, "Y63")[0].kind == OrgKind::kNhseRegion);

  // 2023: sub-ICB locations and ICBs, with new ONS codes for the same bodies.
  import(s, {ons_fixture("sicbl-icb-nhser-lookup-2023.csv")});
  // The first lookup after 1 July 2022 speaks from that day (ICB day).
  auto first_periods = periods_of(s, "01A");
  REQUIRE(first_periods.size() == 2);
  CHECK(first_periods[0].kind == OrgKind::kCcg);
  CHECK(first_periods[0].valid.to == day("2022-06-30"));
  CHECK(first_periods[1].kind == OrgKind::kSubIcbLocation);
  CHECK(first_periods[1].name == "NHS South Yorkshire ICB - 01A");
  CHECK(first_periods[1].valid.str() == "2022-07-01..");
  CHECK(has_identifier(s, "QF7", "ons", "E54000001"));
  CHECK(has_identifier(s, "QF7", "ons", "E54000061"));
  auto qf7_region = rels_from(s, "QF7");
  REQUIRE(qf7_region.size() == 1);
  CHECK(qf7_region[0].valid.str() == "2021-04-01..");
  CHECK(ids_of_kind_at(s, OrgKind::kIcb, day("2023-04-01")) == std::vector<std::string>{"QF7"});

  // Importing a file again changes nothing.
  auto again = import(s, {ons_fixture("ccg-stp-lookup-2020.csv")});
  CHECK(again[0].status == ImportReport::Status::kUnchanged);
}

TEST_CASE("ONS snapshots give the same result in any order") {
  test::TempDb a, b;
  import(a.store(), {ons_fixture("ccg-stp-lookup-2020.csv")});
  import(a.store(), {ons_fixture("ccg-stp-nhser-lookup-2021.csv")});
  import(a.store(), {ons_fixture("sicbl-icb-nhser-lookup-2023.csv")});
  import(b.store(), {ons_fixture("sicbl-icb-nhser-lookup-2023.csv")});
  import(b.store(), {ons_fixture("ccg-stp-nhser-lookup-2021.csv")});
  import(b.store(), {ons_fixture("ccg-stp-lookup-2020.csv")});
  CHECK(
      diff_datasets(load_dataset(a.store(), "ons:lookups"), load_dataset(b.store(), "ons:lookups"))
          .empty());
}

TEST_CASE("LSOA lookups: LAD to CCG overlaps carry the share of LSOAs") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {ons_fixture("lsoa-ccg-lad-lookup-2020.csv")});
  auto one = rels_from(s, "E08000001");
  REQUIRE(one.size() == 2);
  REQUIRE(rels_to(one, "01A").size() == 1);
  CHECK(rels_to(one, "01A")[0].share == doctest::Approx(0.75));
  CHECK(rels_to(one, "02B")[0].share == doctest::Approx(0.25));
  CHECK(contains(rels_to(one, "02B")[0].cited().note, "share"));
  auto two = rels_from(s, "E08000002");
  REQUIRE(two.size() == 1);
  CHECK(two[0].to == "02B");
  CHECK(two[0].share == doctest::Approx(1.0));
  CHECK(two[0].valid.str() == "2020-04-01..");
  auto lad = periods_of(s, "E08000001");
  REQUIRE(lad.size() == 1);
  CHECK(lad[0].kind == OrgKind::kLocalAuthority);
  CHECK(lad[0].tier == "metropolitan_borough");
  // LSOAs are counted, never organisations.
  CHECK_FALSE(s.has_organisation("E01000001"));
}

TEST_CASE("LAD to county and lower to upper tier") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {ons_fixture("ltla-utla-lookup-2019.csv"), ons_fixture("lad-cty-lookup-2020.csv")});
  auto north = rels_from(s, "E07000001");
  REQUIRE(north.size() == 1);  // both years: one period
  CHECK(north[0].to == "E10000001");
  CHECK(north[0].valid.str() == "2019-04-01..");
  CHECK(north[0].cited().sources.size() == 2);
  CHECK(periods_of(s, "E10000001")[0].tier == "county");
  CHECK(periods_of(s, "E07000001")[0].tier == "district");
  // Olddale is a district missing from the 2020 lookup of districts: closed.
  CHECK(periods_of(s, "E07000009")[0].valid.str() == "2019-04-01..2020-03-31");
  CHECK(rels_from(s, "E07000009")[0].valid.str() == "2019-04-01..2020-03-31");
  // A unitary is its own upper tier: no relationship. The 2020 county lookup
  // lists no unitaries and no Welsh councils, so it does not close them.
  CHECK(rels_from(s, "E06000001").empty());
  CHECK(periods_of(s, "E06000001")[0].valid.str() == "2019-04-01..");
  CHECK(periods_of(s, "W06000001")[0].name == "Ynys Môn");
  CHECK(periods_of(s, "W06000001")[0].tier == "unitary");
  // Metropolitan counties have no council.
  CHECK(periods_of(s, "E11000001")[0].kind == OrgKind::kOther);
  CHECK(rels_from(s, "E08000001")[0].to == "E11000001");
}

TEST_CASE("the ONS code and the ODS code of one body are one organisation") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {test::ods_fixture("eccg-field14-role.csv")}, "2025-01-01");
  import(s, {ons_fixture("ccg-stp-nhser-lookup-2021.csv")});
  CHECK(has_identifier(s, "03C", "ons", "E38000003"));
  CHECK_FALSE(s.has_organisation("E38000003"));
  // ODS owns the CCG's dates; its name is the 2025 extract's except over the
  // days the 2021 lookup saw another (docs/importers.md, the time model).
  auto p = periods_of(s, "03C");
  REQUIRE(p.size() == 3);
  for (const OrgPeriod& q : p) CHECK(q.dataset == "ods:commissioners");
  CHECK(p[0].name == "NHS SOUTH PLACE ICB - 03C");
  CHECK(p[1].valid.str() == "2021-04-01..2022-06-30");
  CHECK(p[1].name == "NHS Third, Fourth and Fifth CCG");
  CHECK(p[2].name == "NHS SOUTH PLACE ICB - 03C");
  CHECK(p[2].kind == OrgKind::kSubIcbLocation);
  // The ODS placeholder QF7 (no dataset defined it) yields to the ONS STP.
  CHECK(periods_of(s, "QF7")[0].kind == OrgKind::kStp);
}

// ---- the real files in ../shared/data ----

TEST_CASE("shared data: 42 STPs in 2020 and 2021, 42 ICBs in 2023") {
  if (!test::shared_data_available()) {
    MESSAGE("SKIPPED: " << test::shared_data_dir() << " is absent");
    return;
  }
  auto& shared = test::shared_db();
  MESSAGE("imported every file of " << test::shared_data_dir() << " in " << shared.seconds << " s");
  const Store& s = shared.db->store();
  CHECK(ids_of_kind_at(s, OrgKind::kStp, day("2020-04-01")).size() == 42);
  CHECK(ids_of_kind_at(s, OrgKind::kStp, day("2021-04-01")).size() == 42);
  CHECK(ids_of_kind_at(s, OrgKind::kIcb, day("2023-04-01")).size() == 42);
  CHECK(ids_of_kind_at(s, OrgKind::kIcb, day("2022-07-01")).size() == 42);
  CHECK(ids_of_kind_at(s, OrgKind::kNhseRegion, day("2021-04-01")).size() == 7);
  // Every CCG of 2021 and sub-ICB location of 2023 sits in exactly one STP / ICB.
  for (const char* when : {"2021-04-01", "2023-04-01"}) {
    Date d = day(when);
    RelationshipFilter f;
    f.at = d;
    f.kinds = {RelKind::kPartOf};
    std::map<std::string, std::set<std::string>> parents;
    std::set<std::string> areas;
    for (const std::string& id : ids_of_kind_at(s, OrgKind::kStp, d)) areas.insert(id);
    for (const std::string& id : ids_of_kind_at(s, OrgKind::kIcb, d)) areas.insert(id);
    for (const Relationship& r : s.relationships(f))
      if (areas.count(r.to)) parents[r.from].insert(r.to);
    auto ccgs = ids_of_kind_at(s, OrgKind::kCcg, d);
    auto sicbls = ids_of_kind_at(s, OrgKind::kSubIcbLocation, d);
    ccgs.insert(ccgs.end(), sicbls.begin(), sicbls.end());
    CHECK(ccgs.size() == 106);
    for (const std::string& c : ccgs)
      CHECK_MESSAGE(parents[c].size() == 1, c << " on " << std::string(when) << " sits in "
                                              << parents[c].size() << " STPs/ICBs");
  }
  // ONS and ODS codes of one body are one organisation.
  CHECK(has_identifier(s, "QF7", "ons", "E54000009"));
  CHECK(has_identifier(s, "QF7", "ons", "E54000061"));
  CHECK(has_identifier(s, "00L", "ons", "E38000130"));
  CHECK_FALSE(s.has_organisation("E38000130"));
}

}  // namespace govmap
