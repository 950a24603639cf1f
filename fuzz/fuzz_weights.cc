// Fuzzes the weights file reader (core/weights.h), and checks that what it
// accepts round-trips through format_milli / parse_milli.
#include <cstdlib>

#include "core/error.h"
#include "core/weights.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    govmap::Weights w = govmap::parse_weights("fuzz.csv", text);
    for (int k = 0; k <= static_cast<int>(govmap::RelKind::kSucceededBy); ++k)
      for (govmap::Layer l : {govmap::Layer::kStatutory, govmap::Layer::kShadow})
        if (auto m = w.of(static_cast<govmap::RelKind>(k), l))
          if (govmap::parse_milli(govmap::format_milli(*m)) != m) std::abort();
  } catch (const govmap::Error& e) {
    (void)e.format();
  }
  if (auto m = govmap::parse_milli(text))
    if (govmap::parse_milli(govmap::format_milli(*m)) != m) std::abort();
  return 0;
}
