// Fuzzes the CSV reader (libcsv plus line tracking) and the header checks.
#include "core/csv.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  govmap::CsvReader reader("fuzz.csv", std::string(reinterpret_cast<const char*>(data), size));
  govmap::DiagnosticSink sink;
  try {
    govmap::CsvRecord rec;
    bool first = true;
    while (reader.next(rec)) {
      if (first) {
        govmap::CsvHeader header(reader, rec, {"id", "name"}, {"kind"}, sink);
        first = false;
      }
      // Positions of the first fields only: formatting is linear in the line.
      for (size_t i = 0; i <= rec.fields.size() && i < 4; ++i)
        (void)reader.at(rec, i, "x").format();
    }
  } catch (const govmap::Error& e) {
    (void)e.format();
  }
  return 0;
}
