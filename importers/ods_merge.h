// Merging ODS snapshots into their dataset: each kind of extract (etr, eccg,
// ect) is one dataset that keeps every snapshot imported so far as a source
// (dated with --as-of), and its content is recomputed from all of them
// (importers/recompute.h). docs/importers.md, "ODS extracts", says the rules:
//   - the newest snapshot listing a code gives its open and close dates;
//   - a code missing from a newer snapshot is closed the day before that
//     snapshot, or the day before the effective date of its succession in the
//     register's succ file where that falls after the last snapshot listing
//     it and no later than the one missing it;
//   - a name (or foundation trust status) first seen in a snapshot starts a
//     new period on the snapshot date;
//   - part_of periods run from the first snapshot showing them to the day
//     before the first one that does not. Nothing is ever deleted.
// succ files accumulate successions instead: every row of every file, once.
#ifndef GOVMAP_IMPORTERS_ODS_MERGE_H_
#define GOVMAP_IMPORTERS_ODS_MERGE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "importers/dataset.h"
#include "importers/ods.h"
#include "importers/org_index.h"

namespace govmap {

// ODS code -> the effective dates of the successions it is the predecessor
// of, from succ files.
using SuccessionDates = std::map<std::string, std::set<Date>>;
SuccessionDates succession_dates(const std::vector<const OdsFile*>& succ_files);

// The dataset's new content: before (what the database holds) with the file's
// snapshot merged in. as_of is required for etr, eccg and ect (Error(kUsage)
// naming the file otherwise); for succ it only dates the source. successions
// (every succ file imported, whatever the order) date the end of a body that a
// later snapshot no longer lists.
DatasetContent merge_ods(const DatasetContent& before, const OdsFile& file,
                         std::optional<Date> as_of, const OrgIndex& index,
                         const SuccessionDates& successions, Warnings& warnings);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_ODS_MERGE_H_
