// Recomputing the data datasets (ods:*, ons:lookups) from every stored file.
//
// The database keeps each ODS and ONS file it was given (table input_file).
// On every import that changes a file or a curated map, each data dataset is
// rebuilt from scratch: its files are merged in a fixed order (ONS files,
// then ODS trusts, commissioners and care trusts, then successions; within a
// dataset by snapshot date, then by SHA-256), seeing the curated maps and the
// datasets rebuilt before it. What a dataset holds is therefore a function of
// the set of files and maps imported, never of the order they came in: a succ
// file imported before the extracts keeps its successions once they arrive, and
// an ONS council imported before the map that names it becomes the map's body.
// settle_data() then applies the time rules that span datasets
// (importers/time_model.h).
#ifndef GOVMAP_IMPORTERS_RECOMPUTE_H_
#define GOVMAP_IMPORTERS_RECOMPUTE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "importers/dataset.h"
#include "importers/ods.h"
#include "importers/ons.h"
#include "importers/org_index.h"

namespace govmap {

// One data file, parsed, as input to the recomputation.
struct SnapshotFile {
  std::string format;  // ods-etr, ods-eccg, ods-ect, ods-succ, ons
  std::string dataset;
  std::optional<Date> as_of;
  const OdsFile* ods = nullptr;
  const OnsFile* ons = nullptr;
  int report = -1;  // index of the import report to give its warnings, or -1
};

struct RecomputeResult {
  std::map<std::string, DatasetContent> datasets;    // dataset -> new content
  std::map<int, std::vector<std::string>> warnings;  // report index -> warnings
};

// Rebuilds every dataset named by files from those files alone. index must
// already hold the curated maps and have forgotten the datasets rebuilt here;
// it is updated with each rebuilt dataset in turn.
RecomputeResult recompute_data(const std::vector<SnapshotFile>& files, OrgIndex& index);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_RECOMPUTE_H_
