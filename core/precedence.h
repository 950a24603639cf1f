// How facts from several datasets combine into the one view every command sees.
//
// Each dataset (a curated map folder, one kind of ODS extract, the ONS lookups)
// records only what its own inputs say, and the store keeps every dataset's rows
// side by side. Several datasets often describe the same organisation: the SYB
// map and the ODS eccg extract both describe CCG 02P, the ONS lookups name it
// again. Reads resolve this by rank:
//
//   rank 0  curated maps (map:*)        hand-checked and cited: always shown
//   rank 1  ODS extracts (ods:*)        exact open and close dates: fill the
//                                       days no map period covers
//   rank 2  ONS lookups (ons:*)         dates inferred from yearly snapshots:
//                                       used only for organisations no rank 0
//                                       or rank 1 dataset describes at all
//   rank 3  placeholder periods         bodies a file names but no dataset
//                                       defines (OrgPeriod::placeholder): used
//                                       only when nothing else describes the
//                                       organisation
//
// Rank 2 is all-or-nothing rather than gap-filling because an ONS period ends
// at the day before the next yearly snapshot that lacks the body, which is
// less exact than the ODS close date; filling ODS gaps with it would keep, for
// example, a CCG merged on 1 April 2019 alive until 31 March 2020.
//
// Relationships with the same from, to, kind and layer resolve the same way
// (lower ranks fill only the days higher ranks leave uncovered), so the same
// succession recorded by a map and by the ODS succ file is shown once.
// Within one rank, datasets are taken in name order.
#ifndef GOVMAP_CORE_PRECEDENCE_H_
#define GOVMAP_CORE_PRECEDENCE_H_

#include <string_view>
#include <vector>

#include "core/model.h"

namespace govmap {

// 0 for map:*, 1 for ods:* (and any other dataset), 2 for ons:*.
int dataset_rank(std::string_view dataset);

// The periods shown for one organisation, given every dataset's periods for it.
// The result is sorted by valid_from and never overlaps; a period cut by a
// higher-ranked one keeps its dataset, name and kind.
std::vector<OrgPeriod> effective_periods(std::vector<OrgPeriod> raw);

// The relationships shown, given every dataset's relationships; sorted.
// `cut` (if given) is set to whether any was shadowed or cut short: when
// false, every relationship comes out as it went in (only reordered).
std::vector<Relationship> effective_relationships(std::vector<Relationship> raw,
                                                  bool* cut = nullptr);

}  // namespace govmap

#endif  // GOVMAP_CORE_PRECEDENCE_H_
