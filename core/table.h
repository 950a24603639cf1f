// Tabular output in the three formats every listing offers.
//
// A Table is a list of named columns and rows of cells. A cell is text, a
// number or null. Rendering:
//  - kTable: aligned columns for a terminal, header underlined, null as "-";
//  - kCsv:   RFC 4180, header row, null as empty;
//  - kJson:  an array of objects with the column names as keys, in column
//            order, numbers as numbers, null as null.
// Rows are emitted in the order added; callers add them in a deterministic order.
#ifndef GOVMAP_CORE_TABLE_H_
#define GOVMAP_CORE_TABLE_H_

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace govmap {

enum class OutputFormat { kTable, kCsv, kJson };
OutputFormat output_format_or_throw(const std::string& s);

using Json = nlohmann::ordered_json;

class Table {
 public:
  using Cell = std::variant<std::monostate, std::string, long long, double>;

  explicit Table(std::vector<std::string> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<Cell> row);
  size_t size() const { return rows_.size(); }
  const std::vector<std::string>& columns() const { return columns_; }

  std::string render(OutputFormat format) const;
  Json to_json() const;

  // CSV a row at a time, for listings too long to hold as cells: the header
  // line (with its newline), then each row's line appended to out; a row
  // shorter than columns is padded with nulls as add_row pads it. The same
  // text as render(kCsv).
  std::string csv_header() const;
  void append_csv_row(std::string& out, const std::vector<Cell>& row) const;

  // Text for an optional value: nullopt becomes a null cell.
  static Cell text_or_null(const std::optional<std::string>& s) {
    return s ? Cell(*s) : Cell(std::monostate{});
  }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Cell>> rows_;
};

// JSON text with two-space indent and a final newline.
std::string dump_json(const Json& j);

}  // namespace govmap

#endif  // GOVMAP_CORE_TABLE_H_
