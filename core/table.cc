#include "core/table.h"

#include <cstdio>
#include <sstream>

#include "core/csv.h"
#include "core/error.h"
#include "core/json_stream.h"
#include "core/kinds.h"
#include "core/suggest.h"

namespace govmap {
namespace {

std::string cell_text(const Table::Cell& c, const char* null_text) {
  if (std::holds_alternative<std::monostate>(c)) return null_text;
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  if (auto* i = std::get_if<long long>(&c)) return std::to_string(*i);
  // Shortest text that round-trips, so output does not depend on locale.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", std::get<double>(c));
  return buf;
}

// Display width in characters of UTF-8 text (counts code points).
size_t width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

OutputFormat output_format_or_throw(const std::string& s) {
  if (s == "table") return OutputFormat::kTable;
  if (s == "csv") return OutputFormat::kCsv;
  if (s == "json") return OutputFormat::kJson;
  throw Error(Error::Kind::kUsage, "--format: unknown format '" + s + "'" +
                                       did_you_mean(s, {"table", "csv", "json"}) +
                                       " (valid: table, csv, json)");
}

void Table::add_row(std::vector<Cell> row) {
  row.resize(columns_.size());
  rows_.push_back(std::move(row));
}

namespace {

Json row_json(const std::vector<std::string>& columns, const std::vector<Table::Cell>& row) {
  Json obj = Json::object();
  for (size_t i = 0; i < columns.size(); ++i) {
    const Table::Cell& c = row[i];
    if (std::holds_alternative<std::monostate>(c))
      obj[columns[i]] = nullptr;
    else if (auto* s = std::get_if<std::string>(&c))
      obj[columns[i]] = *s;
    else if (auto* n = std::get_if<long long>(&c))
      obj[columns[i]] = *n;
    else
      obj[columns[i]] = std::get<double>(c);
  }
  return obj;
}

}  // namespace

Json Table::to_json() const {
  Json arr = Json::array();
  for (const auto& row : rows_) arr.push_back(row_json(columns_, row));
  return arr;
}

std::string Table::render(OutputFormat format) const {
  std::string out;
  if (format == OutputFormat::kJson) {
    // Row by row (core/json_stream.h): the text of to_json() without holding
    // its tree, several times the text's size for a whole-map listing.
    std::ostringstream text;
    JsonStream arr(text);
    arr.begin_array();
    for (const auto& row : rows_) arr.value(row_json(columns_, row));
    arr.end();
    return text.str();
  }
  if (format == OutputFormat::kCsv) {
    out = csv_header();
    for (const auto& row : rows_) append_csv_row(out, row);
    return out;
  }
  std::vector<size_t> widths;
  for (const std::string& c : columns_) widths.push_back(width(c));
  std::vector<std::vector<std::string>> texts;
  for (const auto& row : rows_) {
    std::vector<std::string> t;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string s = cell_text(row[i], "-");
      // A newline inside a cell would break the alignment; show it escaped.
      for (size_t p = 0; (p = s.find('\n', p)) != std::string::npos;) s.replace(p, 1, "\\n");
      widths[i] = std::max(widths[i], width(s));
      t.push_back(std::move(s));
    }
    texts.push_back(std::move(t));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t i = 0; i < cells.size(); ++i) {
      l += cells[i];
      if (i + 1 < cells.size()) l += std::string(widths[i] - width(cells[i]) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  out += line(columns_);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  out += line(rule);
  for (const auto& t : texts) out += line(t);
  return out;
}

std::string Table::csv_header() const {
  std::string out;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i) out += ',';
    out += csv_quote(columns_[i]);
  }
  return out + "\n";
}

void Table::append_csv_row(std::string& out, const std::vector<Cell>& row) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i) out += ',';
    if (i < row.size()) out += csv_quote(cell_text(row[i], ""));
  }
  out += '\n';
}

std::string dump_json(const Json& j) {
  // Text is UTF-8 checked at import, but `govmap sql` can select any bytes
  // (blobs, substr() through a character): show those as U+FFFD, never throw.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace govmap
