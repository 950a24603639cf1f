// Fuzzes the CSV reader (libcsv plus line tracking, UTF-8 and NUL checks) and
// the header checks. Oracles beyond "no crash": every record that is read is
// valid UTF-8 without NUL bytes (the reader refuses anything else), and every
// formatted diagnostic is short (quoted lines are clipped) and free of NUL and
// control bytes other than tab and newline.
#include <cstdlib>

#include "core/csv.h"
#include "core/error.h"
#include "core/utf8.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void check_formatted(const std::string& text) {
  size_t line_start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      // "fuzz.csv:LINE:COLUMN: error: " + message; the quoted line at most 126
      // characters; messages quote at most one field, itself clipped by the
      // header checks' did-you-mean. Generous bound in bytes.
      require(i - line_start < 4 * 200 + (1 << 20) / 1024);
      line_start = i + 1;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    require(c >= 0x20 || c == '\t');
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  govmap::CsvReader reader("fuzz.csv", std::string(reinterpret_cast<const char*>(data), size));
  govmap::DiagnosticSink sink;
  try {
    govmap::CsvRecord rec;
    bool first = true;
    while (reader.next(rec)) {
      for (const std::string& f : rec.fields) {
        require(f.find('\0') == std::string::npos);
        require(!govmap::find_invalid_utf8(f).found());
      }
      if (first) {
        govmap::CsvHeader header(reader, rec, {"id", "name"}, {"kind"}, sink);
        first = false;
      }
      // Positions of the first fields only: formatting is linear in the line.
      for (size_t i = 0; i <= rec.fields.size() && i < 4; ++i)
        (void)reader.at(rec, i, "x").format();
    }
    sink.throw_if_any();
  } catch (const govmap::Error& e) {
    check_formatted(e.format());
  }
  return 0;
}
