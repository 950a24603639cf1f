// Fuzzes the curated map importer end to end: the input is split into
// sources.csv, organisations.csv and relationships.csv, then imported into an
// in-memory database. Anything but a clean govmap::Error is a finding.
#include "core/error.h"
#include "core/store.h"
#include "fuzz/fuzz_util.h"
#include "importers/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parts = govmap::fuzz::split_parts(data, size, 3);
  std::string dir = govmap::fuzz::scratch_dir() + "/map";
  std::filesystem::create_directories(dir);
  govmap::fuzz::write(dir + "/sources.csv", parts[0]);
  govmap::fuzz::write(dir + "/organisations.csv", parts[1]);
  govmap::fuzz::write(dir + "/relationships.csv", parts[2]);
  try {
    govmap::Store store(":memory:", govmap::Database::Mode::kReadWrite);
    govmap::import_paths(store, {dir}, {});
    (void)store.organisations();
    (void)store.relationships();
  } catch (const govmap::Error& e) {
    (void)e.format();
  }
  return 0;
}
