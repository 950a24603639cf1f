// The systems view of an area: each health system in it (an STP, ICS or ICB)
// drawn as one body that counts what lies inside it, so that a picture of a
// whole NHS England region (seven to nine systems, 80 to 200 bodies) prints
// on one page instead of needing a wall. The regions view does the same one
// level up: each NHS England region as one body holding its systems, for a
// picture of the national tier.
//
// A body is inside a system when it reaches the system by part_of / member_of
// / committee_of steps towards it (its CCGs or sub-ICB locations, its partner
// trusts, the councils of its partnership, their committees and boards), or
// when everything it is tied to is inside that one system (a council's
// electorate, a trust's council of governors). A body inside two systems (a
// trust that partners two ICBs) is drawn as itself, between them; so is a
// system inside another system. Bodies outside every system (the region, the
// national chain, the regulators) are drawn as usual.
//
// Relationships from bodies inside a system to bodies outside it become
// relationships of the system: one per far end, kind and layer, whose note
// counts and names the bodies it stands for, with their sources; those
// between bodies of one system are summarised by the system's counts.
// Nothing is hidden: the system's label counts its bodies by kind and gives
// the range of their distances to the voters, and its tooltip names them.
//
// Pure model arithmetic, like render/drawn_edges.h: the result is an ordinary
// snapshot that render/dot_writer.h draws, with the lines for each system.
#ifndef GOVMAP_RENDER_SYSTEMS_VIEW_H_
#define GOVMAP_RENDER_SYSTEMS_VIEW_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/snapshot.h"
#include "render/dot_writer.h"

namespace govmap {

struct SystemsView {
  Snapshot snapshot;  // the systems, the bodies outside them, their relationships
  // By host id (a system or a region): the label lines under its name and
  // kind (plain text, one per line), and the tooltip text naming every body
  // drawn inside it.
  std::map<std::string, std::vector<std::string>> lines;
  std::map<std::string, std::string> tooltips;
  // Every body drawn inside a host, by id -> the host's id.
  std::map<std::string, std::string> inside;
};

// What is drawn as one body: each system (STP, ICS, ICB; systems, the
// regional and the national bodies are never inside one), or each NHS England
// region (regions and national bodies never inside one; systems are).
enum class FoldLevel { kSystems, kRegions };
// "systems" or "regions" (core/kinds.h fold_levels()); nullopt otherwise.
std::optional<FoldLevel> parse_fold_level(std::string_view name);

// Whether a body of this kind is a system: an STP, ICS or ICB.
bool is_system_kind(OrgKind kind);

// The view of snap at that level. dist holds the distances of snap's bodies
// (for the range each host's label gives); every host keeps its own.
SystemsView systems_view(const Snapshot& snap, const Distances& dist,
                         FoldLevel level = FoldLevel::kSystems);

}  // namespace govmap

#endif  // GOVMAP_RENDER_SYSTEMS_VIEW_H_
