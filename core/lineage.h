// Lineage: an organisation's predecessors and successors along succeeded_by.
//
// Predecessors are every organisation with a chain of succeeded_by
// relationships leading to the organisation; successors every organisation its
// own chains lead to. Chains may merge and split (many-to-many): three CCGs
// merge into one, which merges again, which is succeeded by an ICB. Each body
// appears once, at its generation: the fewest succession steps between it and
// the organisation (negative for predecessors, positive for successors). Cycles
// (a body that comes back) end the walk; such a body keeps the generation at
// which it was first met, predecessors being walked first.
#ifndef GOVMAP_CORE_LINEAGE_H_
#define GOVMAP_CORE_LINEAGE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace govmap {

struct LineageOptions {
  std::optional<Date> until;   // only successions dated on or before this day
  std::optional<Layer> layer;  // only successions in this layer
};

struct LineageBody {
  std::string id;
  int generation = 0;              // 0 = the organisation itself
  std::vector<Relationship> from;  // its succeeded_by relationships within the lineage
  std::vector<Relationship> to;    // succeeded_by relationships to it within the lineage
};

struct Lineage {
  std::string id;
  // Ordered by generation, then id; the organisation itself is at generation 0.
  std::vector<LineageBody> bodies;
  // Every succession step between bodies of the lineage, in relationship order.
  std::vector<Relationship> steps;
};

// rels may hold relationships of any kind; only succeeded_by ones are used.
Lineage lineage_of(const std::string& id, const std::vector<Relationship>& rels,
                   const LineageOptions& options = {});

}  // namespace govmap

#endif  // GOVMAP_CORE_LINEAGE_H_
