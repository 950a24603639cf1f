// Fuzzes map.toml reading (toml++ plus govmap's checks).
#include "core/error.h"
#include "fuzz/fuzz_util.h"
#include "importers/map_definition.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string dir = govmap::fuzz::scratch_dir() + "/def";
  std::filesystem::create_directories(dir);
  govmap::fuzz::write(dir + "/map.toml", std::string(reinterpret_cast<const char*>(data), size));
  try {
    govmap::MapDefinition def = govmap::read_map_definition(dir);
    for (const auto& o : def.outputs) (void)o.canonical();
  } catch (const govmap::Error& e) {
    (void)e.format();
  }
  return 0;
}
