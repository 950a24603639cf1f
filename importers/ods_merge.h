// Merging ODS snapshots into their dataset: each kind of extract (etr, eccg,
// ect) is one dataset that keeps every snapshot imported so far as a source
// (dated with --as-of), and its content is recomputed from all of them
// (importers/recompute.h). docs/importers.md, "ODS extracts", says the rules:
//   - the newest snapshot listing a code gives its open and close dates;
//   - a code missing from a newer snapshot is closed the day before that
//     snapshot;
//   - a name (or foundation trust status) first seen in a snapshot starts a
//     new period on the snapshot date;
//   - part_of periods run from the first snapshot showing them to the day
//     before the first one that does not. Nothing is ever deleted.
// succ files accumulate successions instead: every row of every file, once.
#ifndef GOVMAP_IMPORTERS_ODS_MERGE_H_
#define GOVMAP_IMPORTERS_ODS_MERGE_H_

#include <optional>

#include "core/date.h"
#include "importers/dataset.h"
#include "importers/ods.h"
#include "importers/org_index.h"

namespace govmap {

// The dataset's new content: before (what the database holds) with the file's
// snapshot merged in. as_of is required for etr, eccg and ect (Error(kUsage)
// naming the file otherwise); for succ it only dates the source.
DatasetContent merge_ods(const DatasetContent& before, const OdsFile& file,
                         std::optional<Date> as_of, const OrgIndex& index, Warnings& warnings);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_ODS_MERGE_H_
