// Accountability gaps on one date (docs/accountability.md, "Gaps").
//
// Five kinds of gap, each a list of findings:
//  - unaccountable:  bodies with no route to voters (electorate roots excluded);
//  - shadow_only:    bodies with a route to voters, but none that avoids the
//                    shadow layer;
//  - double_running: each shadow body with each statutory body that ratifies
//                    its decisions (a shadow body no statutory body ratifies is
//                    listed once with no ratifier). A shadow body is one whose
//                    relationships in force, in either direction and of any
//                    kind, are all in the shadow layer (and there is at least
//                    one); every other body is statutory;
//  - unscrutinised:  bodies of a kind within health scrutiny (scrutiny_scope())
//                    with no scrutinised_by relationship to an osc or jhosc;
//  - no_legal_basis: relationships in the statutory layer that cite no legal
//                    basis (reported against their `from` organisation).
// Findings are ordered by gap kind, then organisation id, then related id.
#ifndef GOVMAP_CORE_GAPS_H_
#define GOVMAP_CORE_GAPS_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/snapshot.h"
#include "core/weights.h"

namespace govmap {

enum class GapKind { kUnaccountable, kShadowOnly, kDoubleRunning, kUnscrutinised, kNoLegalBasis };
const std::string& name_of(GapKind k);
const std::vector<GapKind>& all_gap_kinds();

struct Gap {
  GapKind kind = GapKind::kUnaccountable;
  std::string id;                   // the organisation the finding is about
  std::string related;              // the ratifier, or the relationship's `to`; "" when none
  std::string detail;               // one line for people
  std::optional<Relationship> rel;  // the relationship concerned, where there is one
};

// Organisation kinds expected to be scrutinised by a council OSC or a JHOSC.
const std::set<OrgKind>& scrutiny_scope();

// True when every relationship touching v in the snapshot is in the shadow
// layer and there is at least one.
bool is_shadow_body(const Snapshot& snap, Vertex v);

// All gaps in the snapshot; when `only` is given, findings about other
// organisations are left out (the analysis itself still uses the whole graph).
// Why v is unaccountable when that is what the body is (an internal unit, a
// council of governors, a body outside England), as ": ..."; else "".
std::string unaccountable_reason(const Snapshot& snap, Vertex v);

std::vector<Gap> find_gaps(const Snapshot& snap, const Weights& weights,
                           const std::optional<std::set<std::string>>& only = std::nullopt);

}  // namespace govmap

#endif  // GOVMAP_CORE_GAPS_H_
