// Tables shared by several listing commands.
#ifndef GOVMAP_CLI_LISTING_H_
#define GOVMAP_CLI_LISTING_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/cited_rows.h"
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
