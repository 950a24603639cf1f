// What an importer produces: the complete new content of one dataset.
//
// Every fact in the database belongs to one dataset (a curated map folder, or
// one kind of ODS/ONS file). An importer reads its input, looks at what the
// database already holds, and returns the whole content the dataset should have
// afterwards. Applying it replaces the dataset's old rows in one transaction;
// comparing old and new content gives the dry-run report. This keeps every
// importer's write path identical and makes re-importing the same input a no-op.
#ifndef GOVMAP_IMPORTERS_DATASET_H_
#define GOVMAP_IMPORTERS_DATASET_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"

namespace govmap {

class Store;

struct DatasetContent {
  std::string dataset;
  std::vector<Source> sources;
  std::vector<std::string> organisations;  // ids this dataset creates or extends
  std::vector<std::pair<std::string, Identifier>> identifiers;  // (org id, identifier)
  std::vector<std::pair<std::string, OrgPeriod>> periods;       // (org id, period)
  std::vector<Relationship> relationships;
};

// Counts of what applying new content over old content does. A period or
// relationship that was open-ended and now has an end is both changed and
// closed.
struct ChangeCounts {
  int added = 0, changed = 0, removed = 0, closed = 0;
};
struct DatasetDiff {
  ChangeCounts organisations, periods, identifiers, relationships, sources;
  bool empty() const;
};

// Reads a dataset's current content back from the store.
DatasetContent load_dataset(const Store& store, const std::string& dataset);
DatasetDiff diff_datasets(const DatasetContent& before, const DatasetContent& after);
// The same counts restricted to the rows `counted` accepts, given the
// sources the row cites (after's row when there is one, else before's: a
// removed row); organisations and identifiers count with the bodies of the
// periods counted. Gives each file of a command its own share of a dataset's
// changes (importers/import.cc).
DatasetDiff diff_datasets(const DatasetContent& before, const DatasetContent& after,
                          const std::function<bool(const std::vector<std::string>&)>& counted);
// Replaces the dataset's rows by content. Call inside a transaction.
void apply_dataset(Store& store, const DatasetContent& content);
// Replaces the rows of each dataset by its content, as apply_dataset() one
// after another would. Past kBulkRows rows in all, the secondary indexes are
// dropped while the rows go in and built again after (Store::drop_indexes),
// which is several times faster than updating them row by row.
void apply_datasets(Store& store, const std::vector<const DatasetContent*>& contents);
constexpr size_t kBulkRows = 50000;

// For importers that merge snapshots (ODS, ONS): copies before's sources into
// out, except replaced_id (the file being imported again), and returns each
// kept source's snapshot date by source id.
std::map<std::string, Date> carry_snapshot_sources(const DatasetContent& before,
                                                   const std::string& replaced_id,
                                                   DatasetContent& out);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_DATASET_H_
