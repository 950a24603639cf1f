// How a picture's bodies and relationships become its nodes and lines, before
// any text is written: which relationships share one line, which lines join
// into one trunk, and which bodies are drawn inside another body's node.
//
// Pure model arithmetic: no Graphviz, no DOT text. render/dot_writer.cc draws
// what this decides, and the report (render/html_report.h) highlights through
// it, so the two always agree on what is drawn where.
//
// All three rules summarise without hiding: a merged or joined line keeps
// every relationship in its tooltip; a folded body's name, kind, dates and
// sources are in its host's label and tooltip.
#ifndef GOVMAP_RENDER_DRAWN_EDGES_H_
#define GOVMAP_RENDER_DRAWN_EDGES_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/snapshot.h"

namespace govmap {

// The relationships drawn as one line: those with the same from, to and layer
// and the same `tag` (the diff's change; empty = all 0), as runs of indices
// into rels, each run in rels' order, runs in the order of their first
// relationship. Two bodies tied by several relationships (a trust accountable
// to and appointed by the same body) then get one line with one label, not a
// bundle of parallel curves that pushes their neighbours apart. (Graphviz's
// own concentrate=true merges edges too, but crashes Graphviz 2.43 on these
// pictures.)
std::vector<std::vector<size_t>> parallel_runs(const std::vector<Relationship>& rels,
                                               const std::vector<int>& tag = {});

// Lines that join into one trunk: at least kMinJoined runs (parallel_runs)
// with the same upper end (`to`), layer, tag and kinds, whose lower ends are
// all in one tier. `tier_of_body` gives each body's tier by organisation id,
// 0 the top; a body absent from it has no tier. A run joins only when its
// lower end has a tier, its upper end is in a tier above it or has none, and
// each of its kinds points up (`points_up`, by index into rels): lines along a
// tier or downwards would pull the junction, and with it the tiers, out of
// order. Each is drawn from its lower body to a junction point without
// an arrow or a label, and one line with the arrow and the label goes from the
// junction to the upper body: seven trusts each "regulated by" the CQC make one
// labelled line through the picture instead of seven. Returns groups of
// indices into runs, each group and the groups in runs' order.
constexpr size_t kMinJoined = 3;
std::vector<std::vector<size_t>> joined_runs(const std::vector<Relationship>& rels,
                                             const std::vector<std::vector<size_t>>& runs,
                                             const std::map<std::string, int>& tier_of_body,
                                             const std::vector<bool>& points_up,
                                             const std::vector<int>& tag = {});

// The bodies an area-wide picture draws inside another's node, by id, mapped
// to the id of the body they are drawn in: a council of governors part_of a
// foundation trust (NHS Act 2006 Schedule 7), with the bodies that elect it
// (its members), when every relationship of each of them in snap stays among
// the trust, its council and those members. A council of governors tied to
// anything else is drawn as its own node, and so are its electors.
std::map<std::string, std::string> governor_folds(const Snapshot& snap);

}  // namespace govmap

#endif  // GOVMAP_RENDER_DRAWN_EDGES_H_
