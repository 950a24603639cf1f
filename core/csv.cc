#include "core/csv.h"

#include <csv.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "core/hash.h"
#include "core/kinds.h"
#include "core/suggest.h"
#include "core/utf8.h"

namespace govmap {
namespace {
constexpr unsigned char kOptions = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;
// libcsv's pstate value before any field of a record has been seen.
constexpr int kRowNotBegun = 0;

// A column name as a message quotes it: at most 60 bytes (cut at a character
// boundary), so a hostile 1 MiB header field gives a one-line message.
std::string quoted_name(const std::string& name) {
  constexpr size_t kMax = 60;
  if (name.size() <= kMax) return "'" + name + "'";
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return "'" + name.substr(0, cut) + "...' (" + std::to_string(name.size()) + " bytes)";
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}
}  // namespace

std::vector<int> CsvRecord::columns() const {
  std::vector<int> out;
  out.reserve(fields.size());
  bool quoted = false;
  for (size_t pos = 0; pos <= raw_line.size() && out.size() < fields.size(); ++pos) {
    if (pos == 0 || (raw_line[pos - 1] == ',' && !quoted)) out.push_back(static_cast<int>(pos) + 1);
    if (pos == raw_line.size()) break;
    if (raw_line[pos] == '"') quoted = !quoted;
  }
  out.resize(fields.size(), 0);
  return out;
}

int CsvRecord::column_of(size_t i) const {
  size_t field = 0;
  bool quoted = false;
  for (size_t pos = 0; pos <= raw_line.size(); ++pos) {
    if (field == i) return static_cast<int>(pos) + 1;
    if (pos == raw_line.size()) break;
    char c = raw_line[pos];
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      ++field;
  }
  return 0;
}

CsvReader::CsvReader(const std::string& path)
    : name_(path), parser_(std::make_unique<csv_parser>()) {
  check_input_size(path);
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) throw Error(Error::Kind::kIo, "cannot open '" + path + "': " + std::strerror(errno));
  in_ = std::move(file);
  csv_init(parser_.get(), kOptions);
}

CsvReader::CsvReader(std::string name, std::string text)
    : name_(std::move(name)),
      in_(std::make_unique<std::istringstream>(std::move(text))),
      parser_(std::make_unique<csv_parser>()) {
  csv_init(parser_.get(), kOptions);
}

CsvReader::~CsvReader() {
  csv_free(parser_.get());
}

// Fields are assigned into strings kept from earlier records (fields_ and
// spare_ hold the buffers the caller's record handed back), so a steady read
// allocates nothing per field: an import reads millions of them.
void CsvReader::on_field(void* data, size_t len, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  if (r->field_count_ < r->fields_.size())
    r->fields_[r->field_count_].assign(static_cast<const char*>(data), len);
  else
    r->fields_.emplace_back(static_cast<const char*>(data), len);
  ++r->field_count_;
}

void CsvReader::on_record(int /*terminator*/, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  CsvRecord rec = std::move(r->spare_);
  r->spare_ = CsvRecord();
  rec.fields.swap(r->fields_);
  rec.fields.resize(r->field_count_);
  r->field_count_ = 0;
  rec.line = r->record_line_;
  rec.raw_line.assign(r->record_raw_);
  r->ready_.push_back(std::move(rec));
}

bool CsvReader::read_line(std::string& line) {
  // Split lines out of fixed-size blocks so that a huge line is refused once it
  // passes kMaxLineBytes instead of being buffered whole.
  line.clear();
  bool any = false;
  while (true) {
    if (pos_ == block_.size()) {
      if (input_done_) break;
      block_.resize(1 << 16);
      in_->read(block_.data(), static_cast<std::streamsize>(block_.size()));
      block_.resize(static_cast<size_t>(in_->gcount()));
      pos_ = 0;
      // Counted as read, not from the file's size: a FIFO or pipe has none.
      bytes_read_ += block_.size();
      if (bytes_read_ > max_input_bytes()) throw input_too_large(name_, bytes_read_);
      if (block_.empty()) {
        input_done_ = true;
        break;
      }
    }
    any = true;
    size_t nl = block_.find('\n', pos_);
    size_t end = nl == std::string::npos ? block_.size() : nl;
    line.append(block_, pos_, end - pos_);
    pos_ = nl == std::string::npos ? end : nl + 1;
    if (line.size() > kMaxLineBytes) {
      Diagnostic d;
      d.file = name_;
      d.line = line_ + 1;
      d.message = "line is longer than " + std::to_string(kMaxLineBytes) +
                  " bytes; this is not a govmap input file";
      throw Error(Error::Kind::kInput, {d});
    }
    if (nl != std::string::npos) break;
  }
  if (!any) return false;
  ++line_;
  if (line_ == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  check_text(line);
  return true;
}

void CsvReader::check_text(const std::string& line) const {
  size_t nul = line.find('\0');
  Utf8Problem bad = find_invalid_utf8(line);
  if (nul == std::string::npos && !bad.found()) return;
  Diagnostic d;
  d.file = name_;
  d.line = line_;
  d.source_line = line;
  if (nul != std::string::npos && (!bad.found() || nul < bad.offset)) {
    d.column = static_cast<int>(nul) + 1;
    d.message =
        "NUL byte in the text; govmap input files are UTF-8 text, and this one looks "
        "binary or damaged";
    throw Error(Error::Kind::kInput, {d});
  }
  if (bad.found()) {
    d.column = static_cast<int>(bad.offset) + 1;
    d.message = "invalid UTF-8: " + bad.what +
                "; govmap input files must be UTF-8 (convert it, e.g. iconv -f WINDOWS-1252 -t "
                "UTF-8)";
    throw Error(Error::Kind::kInput, {d});
  }
}

void CsvReader::parse_error(int column) {
  Diagnostic d;
  d.file = name_;
  d.line = line_;
  d.column = column;
  d.source_line = current_raw_;
  d.message = "malformed CSV: a quote inside an unquoted field or after a closing quote";
  if (looks_semicolon_separated(current_raw_))
    d.message += std::string("; the line ") + kSemicolonHint;
  throw Error(Error::Kind::kInput, {d});
}

bool CsvReader::next(CsvRecord& rec) {
  while (ready_.empty() && !eof_) {
    std::string& line = line_buffer_;
    if (!read_line(line)) {
      eof_ = true;
      if (csv_fini(parser_.get(), on_field, on_record, this) != 0) {
        Diagnostic d;
        d.file = name_;
        d.line = record_line_;
        d.source_line = record_raw_;
        d.message = "malformed CSV: quoted field is not closed before the end of the file";
        throw Error(Error::Kind::kInput, {d});
      }
      break;
    }
    if (parser_->pstate == kRowNotBegun) {
      record_line_ = line_;
      record_raw_ = line;
    }
    current_raw_ = line;
    line.push_back('\n');
    size_t used = csv_parse(parser_.get(), line.data(), line.size(), on_field, on_record, this);
    if (used != line.size()) parse_error(static_cast<int>(used) + 1);
  }
  if (ready_.empty()) return false;
  // The caller's previous record becomes the spare whose buffers the next
  // record reuses.
  std::swap(rec, ready_.front());
  spare_ = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

Diagnostic CsvReader::at(const CsvRecord& rec, size_t field, std::string message) const {
  return diagnostic_at(name_, rec, field, std::move(message));
}

Diagnostic diagnostic_at(const std::string& file, const CsvRecord& rec, size_t field,
                         std::string message) {
  Diagnostic d;
  d.file = file;
  d.line = rec.line;
  d.column = field < rec.fields.size() ? rec.column_of(field) : 0;
  d.source_line = rec.raw_line;
  if (field < rec.fields.size() && !rec.fields[field].empty())
    d.span = static_cast<int>(rec.fields[field].size());
  d.message = std::move(message);
  return d;
}

CsvHeader::CsvHeader(const CsvReader& reader, const CsvRecord& header,
                     const std::vector<std::string>& required,
                     const std::vector<std::string>& optional, DiagnosticSink& sink) {
  std::vector<std::string> known = required;
  known.insert(known.end(), optional.begin(), optional.end());
  if (looks_semicolon_separated(header.raw_line)) {
    Diagnostic d = reader.at(header, 0, std::string("the header ") + kSemicolonHint);
    d.span = 0;
    sink.add(d);
    ok_ = false;
    return;
  }
  const std::set<std::string> known_set(known.begin(), known.end());
  // Linear in the header's length: field starts are found in one scan, names
  // looked up in sets, and past a few unknown or duplicate columns the rest are
  // counted into one diagnostic rather than each reported (a hostile header of
  // 500,000 columns must not take minutes or print megabytes).
  constexpr size_t kShownPerProblem = 5;
  std::vector<int> columns = header.columns();
  auto at = [&](size_t i, std::string message) {
    Diagnostic d = diagnostic_at(reader.name(), header, i, std::move(message));
    d.column = i < columns.size() ? columns[i] : 0;
    return d;
  };
  size_t unknown = 0, duplicate = 0;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = trim(header.fields[i]);
    if (!known_set.count(name)) {
      if (++unknown <= kShownPerProblem)
        sink.add(at(i, "unknown column " + quoted_name(name) + did_you_mean(name, known) +
                           " (expected: " + join(known) + ")"));
      ok_ = false;
    } else if (index_.count(name)) {
      if (++duplicate <= kShownPerProblem) sink.add(at(i, "duplicate column " + quoted_name(name)));
      ok_ = false;
    }
    index_.emplace(name, names_.size());
    names_.push_back(std::move(name));
  }
  auto more = [&](size_t n, const char* what) {
    if (n <= kShownPerProblem) return;
    Diagnostic d;
    d.file = reader.name();
    d.line = header.line;
    d.message =
        "... and " + std::to_string(n - kShownPerProblem) + " more " + what + " in this header";
    sink.add(d);
  };
  more(unknown, "unknown columns");
  more(duplicate, "duplicate columns");
  for (const std::string& r : required) {
    if (index(r) == std::string::npos) {
      Diagnostic d = reader.at(header, header.fields.size(), "missing column '" + r + "'");
      d.column = 1;
      sink.add(d);
      ok_ = false;
    }
  }
}

size_t CsvHeader::index(std::string_view column) const {
  // Called for every field of every row: a real header's dozen names are
  // scanned (no string built to look up the hash); a long one is hashed.
  constexpr size_t kScanned = 16;
  if (names_.size() <= kScanned) {
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == column) return i;
    return std::string::npos;
  }
  auto it = index_.find(std::string(column));
  return it == index_.end() ? std::string::npos : it->second;
}

const std::string& CsvHeader::get(const CsvRecord& rec, std::string_view column) const {
  static const std::string kEmpty;
  size_t i = index(column);
  return i < rec.fields.size() ? rec.fields[i] : kEmpty;
}

const char* const kSemicolonHint =
    "looks semicolon-separated, as a spreadsheet saves CSV in many locales; save the file as "
    "comma-separated (\"CSV UTF-8 (comma delimited)\")";

bool looks_semicolon_separated(std::string_view line) {
  size_t semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && c == ';')
      ++semicolons;
    else if (!quoted && c == ',')
      ++commas;
  }
  return semicolons > 0 && semicolons > commas;
}

std::vector<std::string> split_list(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string item = trim(s.substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

std::string csv_quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace govmap
