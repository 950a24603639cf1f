// Reading CSV files: RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) as
// parsed by libcsv, with what diagnostics need on top.
//
// libcsv was chosen because it is a small, maintained C library in Debian that
// handles quoting, embedded newlines and CRLF exactly as RFC 4180 says, reports
// malformed quoting in strict mode, and is a streaming (push) parser: a 1 GB
// file is read in constant memory. It knows nothing of line numbers, so
// CsvReader feeds it one physical line at a time and records where each record
// starts. A UTF-8 byte-order mark is dropped; CR before LF is dropped. Every
// line must be UTF-8 without NUL bytes (core/utf8.h), and the bytes read count
// against max_input_bytes() whatever the file's reported size (a FIFO has none).
#ifndef GOVMAP_CORE_CSV_H_
#define GOVMAP_CORE_CSV_H_

#include <cstdint>
#include <deque>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

struct csv_parser;

namespace govmap {

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;          // physical line on which the record starts (1-based)
  std::string raw_line;  // that line's text, for diagnostics

  // 1-based character column where field i starts on raw_line, found by a
  // quote-aware scan; 0 when the field starts on a later physical line.
  int column_of(size_t i) const;
  // column_of() for every field, in one scan of raw_line.
  std::vector<int> columns() const;
};

class CsvReader {
 public:
  // Longest physical line accepted. A longer one is an error, not a memory
  // exhaustion: real governance files have lines of a few hundred bytes.
  static constexpr size_t kMaxLineBytes = 1 << 20;

  // Reads a file; throws Error(kIo) when it cannot be opened.
  explicit CsvReader(const std::string& path);
  // Reads text held in memory; name is used in diagnostics.
  CsvReader(std::string name, std::string text);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Next record into rec; false at the end. Throws Error(kInput) with
  // file:line:column for malformed quoting or an unterminated quoted field.
  bool next(CsvRecord& rec);
  const std::string& name() const { return name_; }
  // Diagnostic positioned at field i of rec (column 0 when i is past the end).
  Diagnostic at(const CsvRecord& rec, size_t field, std::string message) const;

 private:
  static void on_field(void* data, size_t len, void* self);
  static void on_record(int terminator, void* self);
  bool read_line(std::string& line);
  // Refuses a line holding a NUL byte or malformed UTF-8, with its position.
  void check_text(const std::string& line) const;
  [[noreturn]] void parse_error(int column);

  std::string name_;
  std::unique_ptr<std::istream> in_;
  std::string block_;  // bytes read but not yet split into lines
  size_t pos_ = 0;
  bool input_done_ = false;
  std::unique_ptr<csv_parser> parser_;
  std::vector<std::string> fields_;  // the first field_count_ are the record's so far
  size_t field_count_ = 0;
  CsvRecord spare_;           // a record handed back by next(), for its buffers
  std::string line_buffer_;   // the physical line being parsed
  std::deque<CsvRecord> ready_;
  int line_ = 0;
  int record_line_ = 0;
  std::string record_raw_;
  std::string current_raw_;
  bool eof_ = false;
  uint64_t bytes_read_ = 0;
};

// Maps a header row to column indexes and checks it: unknown columns (with a
// did-you-mean), duplicates and missing required columns become diagnostics;
// a semicolon-separated header is one diagnostic saying so.
class CsvHeader {
 public:
  CsvHeader(const CsvReader& reader, const CsvRecord& header,
            const std::vector<std::string>& required, const std::vector<std::string>& optional,
            DiagnosticSink& sink);
  bool ok() const { return ok_; }
  // Field of rec in the named column, "" when the column is absent or the row short.
  const std::string& get(const CsvRecord& rec, std::string_view column) const;
  // Index of the named column in rows, or npos.
  size_t index(std::string_view column) const;
  size_t width() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, size_t> index_;  // first column of each name
  bool ok_ = true;
};

// Diagnostic positioned at field i of rec in file (column 0 when i is past the end).
Diagnostic diagnostic_at(const std::string& file, const CsvRecord& rec, size_t field,
                         std::string message);

// True when line has more semicolons than commas outside quotes, and at least
// one: a spreadsheet in a locale that writes decimal commas saves "CSV" so.
bool looks_semicolon_separated(std::string_view line);
// What to tell the user then, to append to a message.
extern const char* const kSemicolonHint;

// Splits "a;b;c" on sep, trimming spaces and dropping empty items.
std::vector<std::string> split_list(std::string_view s, char sep = ';');

// Quotes a field for CSV output when it needs it (RFC 4180).
std::string csv_quote(std::string_view field);

}  // namespace govmap

#endif  // GOVMAP_CORE_CSV_H_
