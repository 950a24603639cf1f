// Tables shared by several listing commands.
#ifndef GOVMAP_CLI_LISTING_H_
#define GOVMAP_CLI_LISTING_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/table.h"

namespace govmap {

class Store;

// Organisation names by date, loaded once.
class NameIndex {
 public:
  explicit NameIndex(const Store& store);
  // Only the named organisations, each read by its id: for commands that
  // print one body's neighbourhood, whose cost should not grow with the map.
  NameIndex(const Store& store, const std::set<std::string>& ids);
  // The name in force at d, else the latest name before d, else the first.
  std::string name(const std::string& id, Date d) const;

 private:
  std::map<std::string, Organisation> orgs_;
};

// The input rows a fact's citations came from, as FILE:LINE, one per source
// that records its line (OrgPeriod::source_lines), in source order, joined by
// ';'. FILE is the name of the stored data file the source id names (its
// SHA-256 prefix), or, for a curated map's citations, the map's
// organisations.csv or relationships.csv. Loaded once from the store.
class CitedRows {
 public:
  explicit CitedRows(const Store& store);
  std::string of(const OrgPeriod& p) const;
  std::string of(const Relationship& r) const;

 private:
  std::string rows(const std::vector<std::string>& sources, const std::map<std::string, int>& lines,
                   const std::string& dataset, const char* map_file) const;
  std::map<std::string, std::string> files_;  // first 12 hex digits of sha256 -> file name
};

// Columns: from,from_name,kind,layer,to,to_name,valid_from,valid_to,legal_basis,
// sources,note. Names are those in force at `at`, or at the start of the
// relationship when no date is given. with_dataset adds a column: the dataset
// the relationship came from; rows, when given, a last one (rows): the input
// rows it came from (show says where each link came from).
Table relationship_table(const std::vector<Relationship>& rels, const NameIndex& names,
                         std::optional<Date> at, bool with_dataset = false,
                         const CitedRows* rows = nullptr);

Table source_table(const std::vector<Source>& sources);

}  // namespace govmap

#endif  // GOVMAP_CLI_LISTING_H_
