// The rules of time that span datasets, applied to the data datasets (ods:*,
// ons:lookups) after they are rebuilt from their files (importers/recompute.h).
// docs/importers.md ("The time model") explains them with a worked example.
//
// A snapshot says what was true on its date; the importers stretch each fact
// to the next snapshot of the same series. Three rules then cut what the
// snapshots alone cannot:
//
//   1. A link ends when either end does. A part_of from a snapshot holds only
//      while both bodies are in force in the combined view (curated maps, ODS,
//      ONS, placeholders): a CCG merged on 1 April 2020 leaves its STP then,
//      not at the next yearly lookup.
//   2. Curated dated facts override snapshot facts over the days they cover. A
//      curated map that places a body in a parent (part_of) over some days
//      overrides, over those days, every snapshot part_of from the same body to
//      another parent of the same kind: the SYB map moves Bassetlaw (02Q) from
//      QF7 to Nottingham and Nottinghamshire on 1 July 2022, so the ONS 2021
//      lookup's 02Q part_of QF7 ends on 30 June 2022 and not on 31 March 2023.
//   3. The law closes what no file closes (see law_end()).
// Each cut is written into the relationship's note, so `show` says why a link
// ends.
#ifndef GOVMAP_IMPORTERS_TIME_MODEL_H_
#define GOVMAP_IMPORTERS_TIME_MODEL_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "importers/dataset.h"

namespace govmap {

// The last day bodies of a kind can exist by national law, or nullopt. NHS
// England's 14 local offices (2018 ONS NHSRLO codes) ended when the seven
// 2019 regions took over on 1 April 2019.
std::optional<Date> law_end(OrgKind kind);

// Applies the rules to the rebuilt data datasets. others: every period of the
// datasets not rebuilt (curated maps, datasets left as they were), by
// organisation id; curated: every curated map relationship.
void settle_data(std::map<std::string, DatasetContent>& data,
                 const std::vector<std::pair<std::string, OrgPeriod>>& others,
                 std::vector<Relationship> curated);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_TIME_MODEL_H_
