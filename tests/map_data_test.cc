// map.toml `depends` and `data`: a map brings the maps it depends on and files
// of the data folder beside the maps folder, checked against its manifest.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/build.h"
#include "core/hash.h"
#include "importers/data_manifest.h"
#include "importers/map_definition.h"
#include "importers/map_inputs.h"
#include "test_util.h"

using namespace govmap;

namespace {

DataFile record(const std::string& dir, const std::string& name, const std::string& format,
                const char* snapshot) {
  DataFile f;
  f.name = name;
  f.format = format;
  f.title = name;
  f.publisher = "P";
  f.page = "https://example.org/";
  f.licence = "Open Government Licence v3.0";
  f.attribution = "Source: somebody";
  f.snapshot = test::day(snapshot);
  f.copy_of_repository = "o/r";
  f.copy_of_path = name;
  f.copy_of_commit = "0";
  std::string path = dir + "/" + name;
  f.bytes = test::read_bytes(path).size();
  f.rows = count_data_rows(path, format);
  f.sha256 = sha256_file(path);
  return f;
}

// project/maps/{base,nat}, project/data/{etr.csv,nhser.csv,MANIFEST.toml}.
struct Project {
  test::TempDir dir;
  std::string maps = dir.file("maps"), data = dir.file("data");
  Project() {
    test::write_map(dir, "maps/base", test::kSources, test::kOrgs, test::kRels);
    test::write_text(maps + "/base/map.toml", "title = \"Base\"\n");
    test::write_text(maps + "/nat/map.toml",
                     "title = \"National\"\n"
                     "depends = [\"base\"]\n"
                     "data = [\"etr.csv\", \"nhser.csv\"]\n"
                     "[[output]]\n"
                     "name = \"distance\"\n"
                     "kind = \"distance\"\n"
                     "at = 2023-07-01\n");
    test::write_text(data + "/etr.csv",
                     test::read_bytes(test::ods_fixture("etr-standard-27-fields.csv")));
    test::write_text(data + "/nhser.csv",
                     test::read_bytes(test::ons_fixture("names-nhser-2019.csv")));
    DataManifest m;
    m.dir = data;
    m.files = {record(data, "etr.csv", "ods-etr", "2023-07-01"),
               record(data, "nhser.csv", "ons", "2019-04-01")};
    test::write_text(data + "/MANIFEST.toml", data_manifest_text(m));
  }
};

std::vector<Diagnostic> build_problems(const Project& p) {
  BuildOptions o;
  o.maps_dir = p.maps;
  o.out_dir = p.dir.file("out");
  std::ostringstream out, err;
  try {
    run_build(o, out, err);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace

TEST_CASE("depends and data read back with where each name is written") {
  test::TempDir dir;
  test::write_text(dir.file("m/map.toml"),
                   "depends = [\"england-national\"]\n"
                   "data = [\n  \"a.csv\",\n  \"b.csv\",\n]\n");
  MapDefinition def = read_map_definition(dir.file("m"));
  REQUIRE(def.depends.size() == 1);
  CHECK(def.depends[0].name == "england-national");
  CHECK(def.depends[0].where.line == 1);
  CHECK(def.depends[0].where.column == 12);
  REQUIRE(def.data.size() == 2);
  CHECK(def.data[1].name == "b.csv");
  CHECK(def.data[1].where.line == 4);
  CHECK(def.data[1].where.source_line == "  \"b.csv\",");
}

TEST_CASE("bad depends and data entries are errors at the entry") {
  struct Case {
    const char* toml;
    const char* message;
  };
  for (Case c : std::vector<Case>{
           {"data = \"a.csv\"\n", "'data' must be a list of names"},
           {"data = [1]\n", "'data' must hold strings"},
           {"data = [\"../a.csv\"]\n", "a plain file or folder name, not '../a.csv'"},
           {"data = [\"a.csv\", \"a.csv\"]\n", "'a.csv' is listed twice in 'data'"},
           {"depends = [\"x/y\"]\n", "a plain file or folder name"},
           {"dependz = [\"x\"]\n", "did you mean 'depends'?"},
       }) {
    CAPTURE(c.toml);
    test::TempDir dir;
    test::write_text(dir.file("m/map.toml"), c.toml);
    try {
      read_map_definition(dir.file("m"));
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.diagnostics()[0].message.find(c.message) != std::string::npos);
      CHECK(e.diagnostics()[0].line == 1);
    }
  }
}

TEST_CASE("importing a map folder brings the maps it depends on and its data files") {
  Project p;
  ResolvedInputs in = resolve_import_inputs({p.maps + "/nat"});
  // nat has no organisations.csv: it contributes only what it names.
  CHECK(in.paths ==
        std::vector<std::string>{p.maps + "/base", p.data + "/etr.csv", p.data + "/nhser.csv"});
  REQUIRE(in.snapshot_dates.count(p.data + "/etr.csv") == 1);
  CHECK(in.snapshot_dates.at(p.data + "/etr.csv").str() == "2023-07-01");
  CHECK(in.snapshot_dates.count(p.data + "/nhser.csv") == 0);  // ONS files date themselves
  // Given twice, in two spellings, each is imported once.
  CHECK(resolve_import_inputs({p.maps + "/nat", p.maps + "/./base"}).paths.size() == 3);

  test::TempDb db;
  ImportOptions o;
  o.snapshot_dates = in.snapshot_dates;
  import_paths(db.store(), in.paths, o);
  CHECK(db.store().organisation("RAA"));  // from the ODS extract
  CHECK(db.store().organisation("Y63"));  // from the ONS file
  CHECK(db.store().organisation("03N"));  // from the curated map it depends on
}

TEST_CASE("a build draws a map with data from a database of its own") {
  Project p;
  BuildOptions o;
  o.maps_dir = p.maps;
  o.out_dir = p.dir.file("out");
  std::ostringstream out, err;
  BuildResult r = run_build(o, out, err);
  CHECK(r.built.size() == 2);  // the table and the licence notice beside it
  std::string notice = test::read_bytes(o.out_dir + "/nat/NOTICE.txt");
  CHECK(notice.find("- P: Source: somebody\n") != std::string::npos);
  CHECK(notice.find("- etr.csv: etr.csv, P, snapshot 2023-07-01") != std::string::npos);
  CHECK(!test::exists(o.out_dir + "/base/NOTICE.txt"));
  {
    Store with(o.out_dir + "/govmap-nat.db", Database::Mode::kReadOnly);
    CHECK(with.organisation("RAA"));
    CHECK(with.organisation("03N"));
    Store without(o.out_dir + "/govmap.db", Database::Mode::kReadOnly);
    CHECK(!without.organisation("RAA"));
    CHECK(without.organisation("03N"));
  }
  CHECK(test::read_bytes(o.out_dir + "/nat/distance.csv").find("RAA") != std::string::npos);
  // Up to date until a data file changes through the manifest.
  o.check = true;
  CHECK(run_build(o, out, err).stale.empty());
  DataManifest m = read_data_manifest(p.data);
  test::write_text(p.data + "/etr.csv",
                   test::read_bytes(test::ods_fixture("etr-later-snapshot.csv")));
  *m.find("etr.csv") = record(p.data, "etr.csv", "ods-etr", "2024-01-01");
  test::write_text(p.data + "/MANIFEST.toml", data_manifest_text(m));
  CHECK(run_build(o, out, err).stale.size() == 2);
}

TEST_CASE("a data file the manifest does not list, or whose bytes changed, is an error") {
  {
    Project p;
    test::write_text(p.maps + "/nat/map.toml", "data = [\"etr.cvs\"]\n");
    std::vector<Diagnostic> d = build_problems(p);
    REQUIRE(d.size() == 1);
    CHECK(d[0].file == p.maps + "/nat/map.toml");
    CHECK(d[0].line == 1);
    CHECK(d[0].column == 9);
    CHECK(d[0].message.find("did you mean 'etr.csv'?") != std::string::npos);
  }
  {
    Project p;
    test::write_text(p.data + "/nhser.csv", "FID,NHSER19CD,NHSER19CDH,NHSER19NM\n");
    std::vector<Diagnostic> d = build_problems(p);
    REQUIRE(d.size() == 1);
    CHECK(d[0].line == 3);
    CHECK(d[0].message.find("nhser.csv: not the file") != std::string::npos);
    CHECK_THROWS_WITH(resolve_import_inputs({p.maps + "/nat"}), doctest::Contains("not the file"));
  }
  {
    Project p;
    test::write_text(p.maps + "/nat/map.toml", "depends = [\"bsae\"]\n");
    std::vector<Diagnostic> d = build_problems(p);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find("'bsae' named in 'depends'") != std::string::npos);
    CHECK_THROWS_WITH(resolve_import_inputs({p.maps + "/nat"}), doctest::Contains("'bsae'"));
  }
}
