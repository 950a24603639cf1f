// The shipped national dataset (data/) against its manifest, and the manifest
// reader's checks.
#include <doctest/doctest.h>

#include <dirent.h>

#include <algorithm>
#include <set>

#include "core/hash.h"
#include "importers/data_manifest.h"
#include "importers/import.h"
#include "test_util.h"

using namespace govmap;

namespace {

std::string project_data_dir() {
  return std::string(GOVMAP_SOURCE_DIR) + "/data";
}

std::vector<std::string> csv_files_in(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  REQUIRE(d != nullptr);
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != ".." && n != "README.md" && n != "MANIFEST.toml") out.push_back(n);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

const std::string kOneFile =
    "[[file]]\n"
    "name = \"a.csv\"\n"
    "format = \"ons\"\n"
    "title = \"T\"\n"
    "publisher = \"P\"\n"
    "page = \"https://example.org/\"\n"
    "licence = \"Open Government Licence v3.0\"\n"
    "attribution = \"Source: somebody\"\n"
    "snapshot = 2021-04-01\n"
    "copy_of_repository = \"o/r\"\n"
    "copy_of_path = \"a.csv\"\n"
    "copy_of_commit = \"0123\"\n"
    "bytes = 12\n"
    "rows = 1\n"
    "sha256 = \"" +
    std::string(64, 'a') + "\"\n";

std::vector<Diagnostic> problems(const std::string& text) {
  try {
    parse_data_manifest("d", text);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace

TEST_CASE("every file in data/ is in the manifest, with its size, SHA-256 and row count") {
  DataManifest m = read_data_manifest(project_data_dir());
  std::vector<std::string> listed = m.names();
  std::sort(listed.begin(), listed.end());
  CHECK(listed == csv_files_in(project_data_dir()));
  for (const DataFile& f : m.files) {
    CAPTURE(f.name);
    std::string path = project_data_dir() + "/" + f.name;
    std::string bytes = test::read_bytes(path);
    CHECK(bytes.size() == f.bytes);
    CHECK(sha256_text(bytes) == f.sha256);
    CHECK_NOTHROW(verify_data_file(m, f));
    CHECK(count_data_rows(path, f.format) == f.rows);
    CHECK(detect_format(path) == f.format);
    CHECK(f.licence == "Open Government Licence v3.0");
    CHECK(!f.attribution.empty());
    // A copy states where it came from; the publisher's page is always given.
    CHECK((f.downloaded.empty() ? !f.copy_of_commit.empty() : true));
    CHECK(f.page.rfind("https://", 0) == 0);
  }
  CHECK(m.files.size() == 20);
}

TEST_CASE("shared data: the shipped files are the ../shared/data files, byte for byte") {
  if (!test::shared_data_available()) {
    MESSAGE("SKIPPED: ../shared/data is not beside this checkout");
    return;
  }
  DataManifest m = read_data_manifest(project_data_dir());
  for (const DataFile& f : m.files) {
    CAPTURE(f.name);
    if (!f.downloaded.empty()) continue;  // replaced by govmap fetch since
    CHECK(test::read_bytes(test::shared_data_dir() + "/" + f.name) ==
          test::read_bytes(project_data_dir() + "/" + f.name));
  }
}

TEST_CASE("the manifest is written back byte for byte as it was read") {
  std::string text = read_file(project_data_dir() + "/MANIFEST.toml");
  CHECK(data_manifest_text(parse_data_manifest(project_data_dir(), text)) == text);
  DataManifest one = parse_data_manifest("d", kOneFile);
  CHECK(parse_data_manifest("d", data_manifest_text(one)).files.size() == 1);
}

TEST_CASE("a modified or missing data file is refused, naming the file and what differs") {
  test::TempDir dir;
  test::write_text(dir.file("a.csv"), "X21CD,X21NM\n");  // 12 bytes
  DataManifest m = parse_data_manifest(dir.path(), kOneFile);
  try {
    verify_data_file(m, m.files[0]);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kInput);
    CHECK(std::string(e.what()).find(dir.file("a.csv")) != std::string::npos);
    CHECK(std::string(e.what()).find("SHA-256") != std::string::npos);
  }
  test::write_text(dir.file("a.csv"), "short\n");
  CHECK_THROWS_WITH(verify_data_file(m, m.files[0]), doctest::Contains("6 bytes"));
  std::remove(dir.file("a.csv").c_str());
  CHECK_THROWS_WITH(verify_data_file(m, m.files[0]), doctest::Contains("missing"));
}

TEST_CASE("manifest mistakes are reported at their line and column") {
  struct Case {
    const char* name;
    std::string text;
    const char* message;
    int line;
  };
  std::string one = kOneFile;
  std::vector<Case> cases = {
      {"unknown key", one + "sha265 = \"x\"\n",
       "unknown key 'sha265' in [[file]], did you mean 'sha256'?", 16},
      {"bad format", std::string(one).replace(one.find("\"ons\""), 5, "\"onz\""),
       "unknown format 'onz'", 3},
      {"bad sha", std::string(one).replace(one.find(std::string(64, 'a')), 64, "abc"),
       "'sha256' must be 64 lower-case hex digits", 15},
      {"no origin",
       std::string(one).erase(one.find("copy_of_repository"),
                              one.find("bytes =") - one.find("copy_of_repository")),
       "where it came from", 1},
      {"path in name", std::string(one).replace(one.find("\"a.csv\""), 7, "\"../a.csv\""),
       "plain file name", 2},
      {"twice", one + "\n" + one, "'a.csv' is already listed on line 1", 18},
      {"not toml", "[[file]\n", "invalid TOML", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::vector<Diagnostic> d = problems(c.text);
    REQUIRE(!d.empty());
    CHECK(d[0].message.find(c.message) != std::string::npos);
    CHECK(d[0].line == c.line);
    CHECK(d[0].file == "d/MANIFEST.toml");
  }
}

TEST_CASE("the data folder is the one beside the maps folder") {
  struct Case {
    const char* maps;
    const char* data;
  };
  for (Case c : std::vector<Case>{{"maps", "data"},
                                  {"maps/", "data"},
                                  {"./maps", "./data"},
                                  {"/x/y/maps", "/x/y/data"},
                                  {"/maps", "/data"},
                                  {".", "./../data"},
                                  {"a/..", "a/../../data"}}) {
    CAPTURE(c.maps);
    CHECK(data_dir_beside(c.maps) == c.data);
  }
}
