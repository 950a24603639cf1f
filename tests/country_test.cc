// Each body's country (core/country.h, docs/importers.md "Countries"): the
// rules of the formats, the schema 3 -> 4 upgrade, and England by default in
// what the store gives the commands. Fixtures in tests/data/country/; the real
// shared files at the end.
#include <doctest/doctest.h>

#include <map>

#include "core/country.h"
#include "core/snapshot.h"
#include "test_util.h"

using namespace govmap;

namespace {

std::string fixture(const std::string& name) {
  return std::string(GOVMAP_TEST_DATA) + "/country/" + name;
}

std::map<std::string, Country> countries(const Store& store) {
  std::map<std::string, Country> out;
  for (const Organisation& o : store.organisations()) out[o.id] = o.country();
  return out;
}

void import_fixtures(Store& store) {
  test::import(store, {fixture("etr-welsh-trusts.csv"), fixture("lad-uk-councils-2023.csv")},
               "2023-06-01");
}

}  // namespace

TEST_CASE("GSS codes name their country by their first letter") {
  struct Case {
    const char* code;
    std::optional<Country> want;
  };
  for (const Case& c : std::vector<Case>{{"E06000001", Country::kEngland},
                                         {"W06000015", Country::kWales},
                                         {"S12000049", Country::kScotland},
                                         {"N09000003", Country::kNorthernIreland},
                                         {"E38000008", Country::kEngland},
                                         {"K04000001", std::nullopt},
                                         {"E0600000", std::nullopt},
                                         {"QF7", std::nullopt},
                                         {"W0600001X", std::nullopt}}) {
    CAPTURE(c.code);
    CHECK(country_of_gss(c.code) == c.want);
  }
}

TEST_CASE("ODS geography fields give the country: region letter, then grouping, then HLHG") {
  struct Case {
    const char *gor, *grouping, *hlhg;
    Country want;
  };
  for (const Case& c :
       std::vector<Case>{{"W", "W00", "Q99", Country::kWales},  // a Welsh trust, 2020-2023 extracts
                         {"W", "", "", Country::kWales},        // a Welsh trust, 2025 extract
                         {"", "W00", "Q99", Country::kWales},   // no region letter
                         {"A", "Y63", "QHM", Country::kEngland},  // an English trust
                         {"", "Y63", "QWO", Country::kEngland},   // a CCG row (eccg has no letter)
                         {"", "", "QF7", Country::kEngland},      // only the STP/ICB code
                         {"", "", "Q99", Country::kUnknown},      // the placeholder says nothing
                         {"", "Y99", "", Country::kUnknown},      // nor does Y99
                         {"", "", "", Country::kUnknown}}) {
    CAPTURE(c.gor);
    CAPTURE(c.grouping);
    CAPTURE(c.hlhg);
    CHECK(country_of_ods_geography(c.gor, c.grouping, c.hlhg) == c.want);
  }
}

TEST_CASE("--country values: a country, all, or an error with a suggestion") {
  CHECK(country_filter_or_throw("wales", "--country") == Country::kWales);
  CHECK(country_filter_or_throw("northern-ireland", "--country") == Country::kNorthernIreland);
  CHECK(!country_filter_or_throw("all", "--country"));
  try {
    country_filter_or_throw("scotlnd", "--country");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.format().find("did you mean 'scotland'") != std::string::npos);
  }
}

TEST_CASE("welsh, scottish and northern irish councils and welsh trusts get their country") {
  test::TempDb db;
  import_fixtures(db.store());
  auto c = countries(db.store());
  CHECK(c.at("E06000001") == Country::kEngland);
  CHECK(c.at("W06000015") == Country::kWales);
  CHECK(c.at("S12000049") == Country::kScotland);
  CHECK(c.at("N09000003") == Country::kNorthernIreland);
  CHECK(c.at("R0B") == Country::kEngland);
  CHECK(c.at("RXX") == Country::kEngland);  // closed: its row still says where it was
  CHECK(c.at("RQF") == Country::kWales);    // W00 / Q99 / W
  CHECK(c.at("RT4") == Country::kWales);    // empty fields 3 and 4, region letter W
  // The STP/ICB and region codes of the English rows: NHS England's.
  CHECK(c.at("QHM") == Country::kEngland);
  CHECK(c.at("Y63") == Country::kEngland);
}

TEST_CASE("a snapshot keeps one country's bodies, and the bodies named whatever their country") {
  test::TempDb db;
  import_fixtures(db.store());
  SnapshotOptions o;
  o.at = test::day("2023-07-01");
  o.country = Country::kEngland;
  Snapshot england = build_snapshot(db.store(), o);
  CHECK(england.find("E06000001"));
  CHECK(england.find("R0B"));
  CHECK(!england.find("W06000015"));
  CHECK(!england.find("RQF"));
  o.named = {"RQF"};
  CHECK(build_snapshot(db.store(), o).find("RQF"));
  o.country = Country::kWales;
  o.named.clear();
  Snapshot wales = build_snapshot(db.store(), o);
  CHECK(wales.vertex_count() == 3);  // Cardiff, RQF, RT4
  o.country.reset();
  CHECK(build_snapshot(db.store(), o).vertex_count() == england.vertex_count() + 5);
}

TEST_CASE("a schema 3 database is upgraded to 5 and its bodies get their countries") {
  test::TempDir dir;
  std::string path = dir.file("v3.db");
  {
    Store s(path, Database::Mode::kReadWrite);
    import_fixtures(s);
    // Back to schema 3: the table as it was, without the column.
    auto txn = s.begin();
    s.db().exec("ALTER TABLE org_period DROP COLUMN country");
    test::drop_schema_5_columns(s);
    s.db().exec("PRAGMA user_version = 3");
    txn->commit();
  }
  try {
    Store ro(path, Database::Mode::kReadOnly);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.format().find("has schema version 3") != std::string::npos);
    CHECK(e.format().find("importing into it once") != std::string::npos);
  }
  Store s(path, Database::Mode::kReadWrite);
  CHECK(s.upgraded());
  // The GSS codes are filled by the migration itself.
  CHECK(countries(s).at("W06000015") == Country::kWales);
  // An import of a file already there changes no file, yet recomputes the
  // data datasets once, which gives the ODS rows their countries.
  test::import(s, {fixture("etr-welsh-trusts.csv")}, "2023-06-01");
  auto c = countries(s);
  CHECK(c.at("RQF") == Country::kWales);
  CHECK(c.at("R0B") == Country::kEngland);
  auto version = s.db().prepare("PRAGMA user_version");
  version.step();
  CHECK(version.integer(0) == 5);
  Store again(path, Database::Mode::kReadOnly);
  CHECK(!again.upgraded());
  CHECK(countries(again).at("RT4") == Country::kWales);
}

TEST_CASE("shared data: the non-English councils and the Welsh trusts are outside England") {
  if (!test::shared_data_available()) {
    MESSAGE("SKIPPED: ../shared/data is not beside this checkout; countries not checked on it");
    return;
  }
  const Store& store = test::shared_db().db->store();
  std::map<Country, int> councils;
  for (const Organisation& o : store.organisations()) {
    const OrgPeriod* p = o.period_at(test::day("2023-12-31"));
    if (p && p->kind == OrgKind::kLocalAuthority) ++councils[o.country()];
  }
  // The December 2023 LAD file: 22 Welsh, 32 Scottish and 11 NI councils.
  CHECK(councils[Country::kWales] == 22);
  CHECK(councils[Country::kScotland] == 32);
  CHECK(councils[Country::kNorthernIreland] == 11);
  for (const char* id : {"RQF", "RT4", "RYT"}) {
    auto o = store.organisation(id);
    REQUIRE(o);
    CHECK(o->country() == Country::kWales);
  }
  int unknown_trusts = 0;
  for (const Organisation& o : store.organisations())
    for (const OrgPeriod& p : o.periods)
      if ((p.kind == OrgKind::kNhsTrust || p.kind == OrgKind::kFoundationTrust) &&
          o.country() == Country::kUnknown) {
        ++unknown_trusts;
        break;
      }
  CHECK(unknown_trusts == 0);
}
