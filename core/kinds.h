// The fixed vocabularies: organisation kinds, local-authority tiers, relationship
// kinds and layers. Each has a canonical lower-case spelling used in files, the
// database and every output; parse functions accept exactly those spellings.
#ifndef GOVMAP_CORE_KINDS_H_
#define GOVMAP_CORE_KINDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govmap {

// Organisation kinds. The order here is the order of the names table in kinds.cc.
enum class OrgKind : uint8_t {
  kElectorate,
  kParliament,
  kSecretaryOfState,
  kGovernmentDepartment,
  kNhsEngland,
  kNhseRegion,
  kNhseLocalOffice,
  kRegulator,
  kCcg,
  kSubIcbLocation,
  kJointCommittee,
  kStp,
  kIcs,
  kIcb,
  kIcp,
  kAco,
  kNhsTrust,
  kFoundationTrust,
  kCouncilOfGovernors,
  kLocalAuthority,
  kHwb,
  kOsc,
  kJhosc,
  kHealthwatch,
  kPcn,
  kGpPractice,
  kPlacePartnership,
  kProviderCollaborative,
  kOther,
  kUnknown,
};

enum class RelKind : uint8_t {
  // Accountability kinds: followed when measuring distance to voters.
  kAccountableTo,
  kElectedBy,
  kCommitteeOf,
  kRatifiedBy,
  kScrutinisedBy,
  kRegulatedBy,
  kPerformanceManagedBy,
  kAppointedBy,
  // Other kinds.
  kMemberOf,
  kCommissions,
  kFunds,
  kPartOf,
  kSucceededBy,
};

enum class Layer : uint8_t { kStatutory, kShadow };

const std::string& name_of(OrgKind k);
const std::string& name_of(RelKind k);
const std::string& name_of(Layer l);

std::optional<OrgKind> parse_org_kind(std::string_view s);
std::optional<RelKind> parse_rel_kind(std::string_view s);
std::optional<Layer> parse_layer(std::string_view s);

// All canonical names, in declaration order (for messages and did-you-mean).
// "unknown" is a kind importers assign to codes seen nowhere else; it is not
// accepted from curated files and so is not in all_org_kind_names().
const std::vector<std::string>& all_org_kind_names();
const std::vector<std::string>& all_rel_kind_names();
const std::vector<std::string>& all_layer_names();
// Tiers allowed for local_authority, and only for it.
const std::vector<std::string>& all_la_tier_names();

bool is_accountability(RelKind k);

// Graphviz layout engines a diagram may name ("dot", "neato", "fdp", "sfdp",
// "circo", "twopi", "osage", "patchwork"). A plain vocabulary, kept here so map
// definitions can be checked without Graphviz.
const std::vector<std::string>& layout_engines();

// What a picture may draw as one body with what lies inside it
// (render/systems_view.h): "systems" (each STP, ICS or ICB) or "regions"
// (each NHS England region). Kept here for the same reason as the engines.
const std::vector<std::string>& fold_levels();

// Parse or throw Error(kUsage) naming the option and listing the valid values,
// with a did-you-mean: for command-line arguments.
OrgKind org_kind_or_throw(std::string_view s, std::string_view option);
RelKind rel_kind_or_throw(std::string_view s, std::string_view option);
Layer layer_or_throw(std::string_view s, std::string_view option);

// "a, b, c" — for "valid kinds are: ..." messages.
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

}  // namespace govmap

#endif  // GOVMAP_CORE_KINDS_H_
