// The identity and time model (docs/importers.md, "The time model"): one body
// one id whatever the order, snapshot semantics, curated facts over snapshots,
// rules of law, past names, map dependencies, schema migration. Fixtures in
// tests/data/identity/, one per rule; the real shared files at the end.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>

#include "cli/command.h"
#include "cli_run.h"
#include "test_util.h"

using namespace govmap;
using test::day;
using test::periods_of;
using test::rels_from;

namespace {

std::string fixture(const std::string& name) {
  return std::string(GOVMAP_TEST_DATA) + "/identity/" + name;
}

using Result = test::CliResult;

// Runs the CLI in-process on db.
Result run(const std::string& db, std::vector<std::string> args) {
  return test::run_cli(db, std::move(args));
}

// One import step: paths with their --as-of ("" = none).
struct Step {
  std::string as_of;
  std::vector<std::string> paths;
};

// What users compare: orgs, rels, distance and export on a few dates.
std::string outputs(const std::string& db, const std::vector<std::string>& dates) {
  std::string all =
      run(db, {"orgs", "--format", "csv"}).out + run(db, {"rels", "--format", "csv"}).out;
  for (const std::string& d : dates) {
    all += run(db, {"distance", "--at", d, "--format", "csv"}).out;
    all += run(db, {"export", "--at", d, "--format", "json"}).out;
  }
  return all;
}

std::string import_in_order(const std::vector<Step>& steps, const std::vector<std::string>& dates) {
  test::TempDb db;
  for (const Step& s : steps) test::import(db.store(), s.paths, s.as_of);
  return outputs(db.path(), dates);
}

// A copy: the list is often a temporary.
std::optional<Relationship> find_rel(const std::vector<Relationship>& rels, const std::string& to) {
  for (const Relationship& r : rels)
    if (r.to == to) return r;
  return std::nullopt;
}

}  // namespace

TEST_CASE("one body, one id: a map's council and the ONS code it carries, in either order") {
  for (bool map_first : {true, false}) {
    CAPTURE(map_first);
    test::TempDb db;
    std::string map = fixture("council-reorganisation");
    std::string ons = fixture("lad-ccg-2019.csv");
    if (map_first) {
      test::import(db.store(), {map});
      test::import(db.store(), {ons});
    } else {
      test::import(db.store(), {ons});
      test::import(db.store(), {map});
    }
    CHECK_FALSE(db.store().has_organisation("E08000016"));
    CHECK(db.store().lookup("E08000016") == std::vector<std::string>{"la-barnsley"});
    // Barnsley's ONS link now starts from the map's body.
    CHECK(find_rel(rels_from(db.store(), "la-barnsley"), "02P"));
  }
}

TEST_CASE("successions imported before the extracts are kept once the extracts arrive") {
  test::TempDb db;
  test::import(db.store(), {test::ods_fixture("succ-successions.csv")});
  CHECK(db.store().relationships().empty());
  test::import(db.store(), {test::ods_fixture("eccg-field14-role.csv")}, "2025-01-01");
  auto first = rels_from(db.store(), "01A", RelKind::kSucceededBy);
  REQUIRE(find_rel(first, "03C"));
  CHECK(find_rel(first, "03C")->valid.str() == "2020-03-31..2020-03-31");
  // The same set of files the other way round gives the same database content.
  test::TempDb other;
  test::import(other.store(), {test::ods_fixture("eccg-field14-role.csv")}, "2025-01-01");
  test::import(other.store(), {test::ods_fixture("succ-successions.csv")});
  CHECK(outputs(db.path(), {"2020-01-01"}) == outputs(other.path(), {"2020-01-01"}));
}

TEST_CASE("ICB day: a lookup after 1 July 2022 speaks from that day; the earlier one ends then") {
  test::TempDb db;
  test::import(db.store(), {fixture("sicbl-icb-2023.csv"), fixture("ccg-stp-2021.csv")});
  auto links = rels_from(db.store(), "02Q");
  REQUIRE(find_rel(links, "QF7"));
  CHECK(find_rel(links, "QF7")->valid.str() == "2021-04-01..2022-06-30");
  REQUIRE(find_rel(links, "QT1"));
  CHECK(find_rel(links, "QT1")->valid.str() == "2022-07-01..");
}

TEST_CASE("a curated placement overrides snapshot placements in parents of the same kind") {
  test::TempDb db;
  test::import(db.store(), {fixture("ccg-stp-2021.csv"), fixture("placement")});
  auto links = rels_from(db.store(), "02Q");
  std::optional<Relationship> qf7 = find_rel(links, "QF7");
  REQUIRE(qf7);
  CHECK(qf7->valid.str() == "2021-04-01..2021-09-30");
  CHECK(qf7->cited().note.find("overridden 2021-10-01 to 2022-06-30 by map:placement") !=
        std::string::npos);
  // Imported the other way round: the same.
  test::TempDb other;
  test::import(other.store(), {fixture("placement")});
  test::import(other.store(), {fixture("ccg-stp-2021.csv")});
  CHECK(outputs(db.path(), {"2021-06-01", "2022-01-01"}) ==
        outputs(other.path(), {"2021-06-01", "2022-01-01"}));
}

TEST_CASE("law: NHS England's local offices end on 31 March 2019, and their links with them") {
  test::TempDb db;
  test::import(db.store(), {fixture("ccg-local-office-2018.csv")});
  auto office = periods_of(db.store(), "Q72");
  REQUIRE(office.size() == 1);
  CHECK(office[0].kind == OrgKind::kNhseLocalOffice);
  CHECK(office[0].valid.str() == "2018-04-01..2019-03-31");
  std::optional<Relationship> link = find_rel(rels_from(db.store(), "02Q"), "Q72");
  REQUIRE(link);
  CHECK(link->valid.str() == "2018-04-01..2019-03-31");
  CHECK(link->cited().note.find("when Q72 closes") != std::string::npos);
}

TEST_CASE("an ICS designation is a status of the STP of the same name, not another body") {
  test::TempDb db;
  test::import(db.store(), {fixture("ics-designations-2019.csv"), fixture("ccg-stp-2021.csv")});
  CHECK_FALSE(db.store().has_organisation("E59000008"));
  CHECK(db.store().lookup("E59000008") == std::vector<std::string>{"QF7"});
  // An early ICS that covered part of an STP stays a body, closed by the 2022 Act.
  auto early = periods_of(db.store(), "E59000001");
  REQUIRE(early.size() == 1);
  CHECK(early[0].valid.str() == "2019-04-01..2022-06-30");
}

TEST_CASE(
    "past names: an extract's current name yields to an earlier snapshot's; search finds it") {
  test::TempDb db;
  test::import(db.store(), {fixture("eccg-current-names-2025.csv")}, "2025-01-01");
  test::import(db.store(), {fixture("ccg-stp-2021.csv"), fixture("sicbl-icb-2023.csv")});
  const Organisation org = *db.store().organisation("11N");
  CHECK(org.period_at(day("2021-06-01"))->name == "NHS Kernow CCG");
  CHECK(org.period_at(day("2025-06-01"))->name == "NHS CORNWALL AND THE ISLES OF SCILLY ICB - 11N");
  Result r =
      run(db.path(), {"orgs", "--at", "2021-06-01", "--search", "kernow", "--format", "csv"});
  CHECK(r.out.find("11N,NHS Kernow CCG,ccg") != std::string::npos);
  // In 2025 the same search finds the body under the name it has then.
  r = run(db.path(), {"orgs", "--at", "2025-06-01", "--search", "kernow", "--format", "csv"});
  CHECK(r.out.find("11N,NHS CORNWALL AND THE ISLES OF SCILLY ICB - 11N") != std::string::npos);
}

TEST_CASE("reorganised councils: successions on the effective date, the new council's areas") {
  test::TempDb db;
  test::import(db.store(), {fixture("lad-ccg-2019.csv"), fixture("council-reorganisation")});
  // Dated on the effective day in the map, stored on the predecessor's last day.
  std::optional<Relationship> step =
      find_rel(rels_from(db.store(), "E07000004", RelKind::kSucceededBy), "E06000060");
  REQUIRE(step);
  CHECK(step->valid.str() == "2020-03-31..2020-03-31");
  // The district's 2019 CCG link ends with it; the unitary inherits the area.
  std::optional<Relationship> old_area = find_rel(rels_from(db.store(), "E07000004"), "14Y");
  REQUIRE(old_area);
  CHECK(old_area->valid.str() == "2019-04-01..2020-03-31");
  std::optional<Relationship> new_area = find_rel(rels_from(db.store(), "E06000060"), "14Y");
  REQUIRE(new_area);
  CHECK(new_area->valid.str() == "2020-04-01..");
  CHECK(new_area->cited().note.find("area of E07000004") != std::string::npos);
  Result r = run(db.path(), {"lineage", "E07000004", "--format", "csv"});
  CHECK(r.out.find("E06000060 from 2020-04-01") != std::string::npos);
}

TEST_CASE("a new council inherits the systems of its predecessors' commissioners") {
  // The 2019 lookups link Aylesbury Vale to CCG 14Y, and 14Y to STP QU9, but
  // the district to no STP: Buckinghamshire Council's system on its first day
  // is composed from the CCG's.
  test::TempDb db;
  test::import(db.store(), {fixture("lad-ccg-2019.csv"), fixture("ccg-stp-2019.csv"),
                            fixture("council-reorganisation")});
  CHECK_FALSE(find_rel(rels_from(db.store(), "E07000004"), "QU9"));
  std::optional<Relationship> system = find_rel(rels_from(db.store(), "E06000060"), "QU9");
  REQUIRE(system);
  CHECK(system->valid.str() == "2020-04-01..");
  CHECK(system->cited().note.find("area of E07000004") != std::string::npos);
  CHECK(system->cited().note.find("the system of 14Y") != std::string::npos);
  // Cited with the rows of both lookups.
  CHECK(system->cited().source_lines.size() == 2);
  // Without the CCG's system, nothing to compose.
  test::TempDb alone;
  test::import(alone.store(), {fixture("lad-ccg-2019.csv"), fixture("council-reorganisation")});
  CHECK_FALSE(find_rel(rels_from(alone.store(), "E06000060"), "QU9"));
}

TEST_CASE("any order of the same imports gives byte-identical outputs (fixtures)") {
  std::vector<Step> files = {
      {"", {fixture("ccg-local-office-2018.csv")}},
      {"", {fixture("ics-designations-2019.csv")}},
      {"", {fixture("lad-ccg-2019.csv")}},
      {"", {fixture("ccg-stp-2021.csv")}},
      {"", {fixture("sicbl-icb-2023.csv")}},
      {"2025-01-01", {fixture("eccg-current-names-2025.csv")}},
      {"", {fixture("council-reorganisation")}},
      {"", {fixture("placement")}},
  };
  std::vector<std::string> dates = {"2018-06-01", "2021-06-01", "2023-06-01"};
  std::string forward = import_in_order(files, dates);
  std::vector<Step> backward(files.rbegin(), files.rend());
  CHECK(import_in_order(backward, dates) == forward);
  std::vector<Step> shuffled = {files[6], files[3], files[0], files[7],
                                files[5], files[1], files[4], files[2]};
  CHECK(import_in_order(shuffled, dates) == forward);
}

TEST_CASE("map.toml depends: dependencies are imported with the map; a missing one is an error") {
  test::TempDir dir;
  test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string child =
      test::write_map(dir, "child", test::kSources,
                      "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
                      "hwb,Sheffield Health and Wellbeing Board,hwb,,2013-04-01,,,s1\n",
                      "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n"
                      "hwb,la,committee_of,statutory,2013-04-01,,HSCA 2012 s194,s1,\n");
  test::write_text(child + "/map.toml", "title = \"Child\"\ndepends = [\"base\"]\n");
  test::TempDb db;
  auto reports = test::import(db.store(), {child});
  REQUIRE(reports.size() == 2);
  CHECK(reports[0].dataset == "map:base");
  CHECK(reports[1].dataset == "map:child");
  CHECK(db.store().has_organisation("la"));

  test::write_text(child + "/map.toml", "title = \"Child\"\ndepends = [\"nowhere\"]\n");
  test::TempDb empty;
  try {
    test::import(empty.store(), {child});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.format().find("map 'child' depends on map 'nowhere'") != std::string::npos);
  }

  // Maps that depend on each other in a circle: an error at the name that
  // closes the circle, not an endless walk.
  test::write_text(child + "/map.toml", "title = \"Child\"\ndepends = [\"base\"]\n");
  test::write_text(dir.path() + "/base/map.toml", "title = \"Base\"\ndepends = [\"child\"]\n");
  test::TempDb circle;
  try {
    test::import(circle.store(), {child});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.format().find("map.toml:2:12: error: maps depend on each other in a circle: child -> "
                          "base -> child") != std::string::npos);
  }

  // A misspelt dependency gets a suggestion from the folders beside the map.
  test::write_text(child + "/map.toml", "title = \"Child\"\ndepends = [\"bsae\"]\n");
  test::write_text(dir.path() + "/base/map.toml", "title = \"Base\"\n");
  test::TempDb misspelt;
  CHECK_THROWS_WITH(test::import(misspelt.store(), {child}),
                    doctest::Contains("did you mean 'base'?"));
}

TEST_CASE("a schema 2 database is upgraded to 5 (through 3 and 4) when opened for writing") {
  test::TempDir dir;
  std::string path = dir.file("old.db");
  {
    // A new file's schema commits with the first transaction (store.h).
    Store s(path, Database::Mode::kReadWrite);
    auto txn = s.begin();
    s.db().exec("DROP TABLE input_file");
    s.db().exec("DROP TABLE rule_file");
    s.db().exec("ALTER TABLE org_period DROP COLUMN country");
    test::drop_schema_5_columns(s);
    s.db().exec("PRAGMA user_version = 2");
    txn->commit();
  }
  // Read-only, it lacks the countries every listing filters on: refused.
  CHECK_THROWS_WITH_AS(Store(path, Database::Mode::kReadOnly),
                       doctest::Contains("has schema version 2"), Error);
  Store s(path, Database::Mode::kReadWrite);
  CHECK(s.upgraded());
  CHECK(s.stored_inputs().empty());
  test::import(s, {fixture("ccg-stp-2021.csv")});
  CHECK(s.stored_inputs().size() == 1);
}

TEST_CASE("shared data: byte-identical orgs, rels, distance and export for three import orders") {
  if (!test::shared_data_available()) {
    MESSAGE(
        "SKIPPED: ../shared/data is not beside this checkout; import order is not tested on it");
    return;
  }
  auto data = [](const std::string& f) { return test::shared_data_dir() + "/" + f; };
  std::string maps = std::string(GOVMAP_SOURCE_DIR) + "/maps/";
  std::vector<Step> groups;
  for (const auto& [as_of, files] : test::shared_groups()) {
    Step s{as_of, {}};
    for (const std::string& f : files) s.paths.push_back(data(f));
    groups.push_back(s);
  }
  Step map_step{"", {maps + "south-yorkshire-bassetlaw", maps + "frimley"}};
  std::vector<std::string> dates = {"2018-08-08", "2021-06-01", "2023-07-01"};

  // 1: data files in the README's order, then the maps (which bring england-national).
  std::vector<Step> first = groups;
  first.push_back(map_step);
  // 2: maps first, then the data groups backwards (succ before the extracts).
  std::vector<Step> second = {map_step};
  second.insert(second.end(), groups.rbegin(), groups.rend());
  // 3: ODS first, the maps in the middle, ONS last.
  std::vector<Step> third(groups.begin() + 1, groups.end());
  third.push_back(map_step);
  third.push_back(groups.front());

  std::string a = import_in_order(first, dates);
  std::string b = import_in_order(second, dates);
  std::string c = import_in_order(third, dates);
  CHECK(a.size() > 100000);
  CHECK(a == b);
  CHECK(a == c);
}
