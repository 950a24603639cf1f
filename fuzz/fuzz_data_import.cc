// Fuzzes format detection and the ODS and ONS importers: the input is written
// as a file, detected, read and merged into an in-memory database, as
// `govmap import --as-of 2020-04-01 FILE` would.
#include "core/error.h"
#include "core/store.h"
#include "fuzz/fuzz_util.h"
#include "importers/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = govmap::fuzz::scratch_dir() + "/data.csv";
  govmap::fuzz::write(path, std::string(reinterpret_cast<const char*>(data), size));
  try {
    govmap::Store store(":memory:", govmap::Database::Mode::kReadWrite);
    govmap::ImportOptions options;
    options.as_of = govmap::Date::parse("2020-04-01");
    govmap::import_paths(store, {path}, options);
    (void)store.organisations();
    (void)store.relationships();
  } catch (const govmap::Error& e) {
    (void)e.format();
  }
  return 0;
}
