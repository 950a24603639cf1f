// The visual language of govmap diagrams (docs/diagrams.md describes it for
// readers): families of bodies, each with one shape and one colour; the tiers
// bodies are ranked in; the words used for kinds and relationships.
#ifndef GOVMAP_RENDER_STYLE_H_
#define GOVMAP_RENDER_STYLE_H_

#include <string>
#include <vector>

#include "core/kinds.h"

namespace govmap {

// The revision of the drawing code: part of `govmap build`'s cache key, so
// committed pictures count as stale when the way they are drawn changes.
// Raise it with every change that changes DOT, SVG, report or table bytes.
constexpr int kDrawingRevision = 13;

enum class Family {
  kElectorate,  // the voters
  kNational,    // Parliament, ministers, departments, NHS England, regulators
  kRegional,    // NHS England regions and local offices
  kSystem,      // STP, ICS, ICB, ICP, joint committees, ACOs
  kPlace,       // CCGs, sub-ICB locations, councils, HWBs, place partnerships
  kScrutiny,    // overview and scrutiny committees, Healthwatch
  kProvider,    // trusts, FTs and their governors, PCNs, GP practices
  kOther,       // anything else (e.g. NHS Improvement, which had no legal form)
};

// Tiers, top to bottom. Bodies of one tier share a rank in the diagram.
enum class Tier { kDemocratic, kNational, kRegional, kSystem, kPlace, kProviders, kNone };

struct FamilyStyle {
  const char* key;     // stable name, used in ids and CSS classes
  const char* legend;  // the legend's words
  const char* shape;   // Graphviz shape
  const char* style;   // Graphviz style (always includes "filled")
  const char* fill;    // fill colour
  const char* border;  // border colour
};

Family family_of(OrgKind kind);
Tier tier_of(Family family);
const FamilyStyle& style_of(Family family);
const std::vector<Family>& all_families();
// Tiers in order, top (voters) to bottom (providers); kNone excluded.
const std::vector<Tier>& all_tiers();
const char* tier_key(Tier tier);    // "democratic", "national", ...
const char* tier_label(Tier tier);  // "Voters", "National", ...

// Words for a reader: "clinical commissioning group (CCG)", "council (county)".
std::string kind_label(OrgKind kind, const std::string& la_tier);
// Short form for node labels: "CCG", "county council", "NHS trust".
std::string kind_short(OrgKind kind, const std::string& la_tier);
// "accountable to", "elected by", ...
std::string relationship_words(RelKind kind);

}  // namespace govmap

#endif  // GOVMAP_RENDER_STYLE_H_
