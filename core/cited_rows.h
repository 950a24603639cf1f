// Where a fact came from, as the input rows that cited it: "FILE:LINE" per
// source that records its line (OrgPeriod::source_lines,
// Relationship::source_lines), in source order, unique, joined by ';'.
//
// FILE is the name of the stored data file a data source's id names (the id
// ends in the first 12 hex digits of the file's SHA-256, matched against the
// store's input paths) or, for a curated map's citations, MAP/organisations.csv
// or MAP/relationships.csv of the map the fact's dataset names. Only the file
// name is kept, never the folder it was imported from, so the text does not
// depend on the working folder. Citations without a line (placeholders,
// derived facts) give nothing.
#ifndef GOVMAP_CORE_CITED_ROWS_H_
#define GOVMAP_CORE_CITED_ROWS_H_

#include <map>
#include <string>
#include <vector>

#include "core/model.h"

namespace govmap {

class Store;

class CitedRows {
 public:
  // Knows only curated maps' rows (no data files): for graphs built by hand.
  CitedRows() = default;
  // Reads the store's input paths once.
  explicit CitedRows(const Store& store);

  std::string of(const OrgPeriod& p) const;
  std::string of(const Relationship& r) const;
  // Every period's rows, in period order, each row once.
  std::string of(const Organisation& o) const;

 private:
  std::vector<std::string> rows(const std::vector<std::string>& sources,
                                const SourceLines& lines,
                                const std::string& dataset, const char* map_file) const;
  std::map<std::string, std::string> files_;  // first 12 hex digits of sha256 -> file name
};

}  // namespace govmap

#endif  // GOVMAP_CORE_CITED_ROWS_H_
