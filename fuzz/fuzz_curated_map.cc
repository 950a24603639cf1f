// Fuzzes the curated map importer end to end: the input is split into
// sources.csv, organisations.csv and relationships.csv, then imported into an
// in-memory database. Anything but a clean govmap::Error is a finding.
#include "core/error.h"
#include "core/store.h"
#include "fuzz/fuzz_util.h"
#include "importers/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string dir = govmap::fuzz::write_map_from(data, size, "map");
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
