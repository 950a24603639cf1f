// An interrupted `govmap fetch`: killed after it began replacing files, the
// next fetch finishes the job; killed before, the old files stand.
#include <doctest/doctest.h>

#include "core/hash.h"
#include "importers/data_manifest.h"
#include "importers/fetch.h"
#include "test_util.h"

using namespace govmap;

namespace {

std::string fixture(const std::string& name) {
  return std::string(GOVMAP_TEST_DATA) + "/fetch/" + name;
}

void copy_data(const test::TempDir& dir) {
  for (const char* f : {"MANIFEST.toml", "etr.csv", "succ.csv", "nhser.csv"})
    test::write_text(dir.file(f), test::read_bytes(fixture(std::string("data/") + f)));
}

}  // namespace

TEST_CASE("a fetch killed while replacing files is finished by the next one") {
  test::TempDir dir;
  copy_data(dir);
  std::string next = test::read_bytes(fixture("new-release/etr.csv"));
  DataManifest m = read_data_manifest(dir.path());
  DataFile& etr = *m.find("etr.csv");
  etr.bytes = next.size();
  etr.sha256 = sha256_text(next);
  etr.rows = 7;
  // The new manifest and file were written; no rename happened yet.
  test::write_text(dir.file(".etr.csv.fetch-new"), next);
  test::write_text(dir.file(".MANIFEST.toml.fetch-new"), data_manifest_text(m));
  recover_fetch(dir.path());
  CHECK(test::read_bytes(dir.file("etr.csv")) == next);
  DataManifest after = read_data_manifest(dir.path());
  for (const DataFile& f : after.files) CHECK_NOTHROW(verify_data_file(after, f));
  CHECK(!test::exists(dir.file(".etr.csv.fetch-new")));
  CHECK(!test::exists(dir.file(".MANIFEST.toml.fetch-new")));
}

TEST_CASE("a fetch killed while downloading leaves the old files, and its partial files go") {
  test::TempDir dir;
  copy_data(dir);
  std::string before = test::read_bytes(dir.file("etr.csv"));
  test::write_text(dir.file(".etr.csv.fetch-new"), "\"RAA\",\"ALPHA HOSP");
  test::write_text(dir.file(".succ.csv.fetch-new"), "");
  recover_fetch(dir.path());
  CHECK(test::read_bytes(dir.file("etr.csv")) == before);
  CHECK(!test::exists(dir.file(".etr.csv.fetch-new")));
  CHECK(!test::exists(dir.file(".succ.csv.fetch-new")));
  DataManifest m = read_data_manifest(dir.path());
  for (const DataFile& f : m.files) CHECK_NOTHROW(verify_data_file(m, f));
}
