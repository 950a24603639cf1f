#include "render/style.h"

namespace govmap {
namespace {

// A colour-blind-safe, print-friendly set of light fills with darker borders.
const FamilyStyle kStyles[] = {
    {"electorate", "voters (electorate)", "box", "filled,diagonals", "#FFE08A", "#9C7A00"},
    {"national", "national body", "box", "filled", "#B9D4EE", "#2B5C8A"},
    {"regional", "regional (NHS England region)", "tab", "filled", "#D6CCEB", "#5B4A8B"},
    {"system", "system: STP, ICS, ICB, ICP", "component", "filled", "#BFE3B4", "#2F6B2A"},
    {"place", "place: CCG, council, HWB", "box", "rounded,filled", "#FBD3A8", "#9A5A12"},
    {"scrutiny", "scrutiny: OSC, Healthwatch", "note", "filled", "#BFE8E3", "#1D6F66"},
    {"provider", "provider: trust, FT, GP", "box3d", "filled", "#F6C1CF", "#8E3550"},
    {"other", "other (no legal form of its own)", "box", "dashed,filled", "#FFFFFF", "#666666"},
};

const char* const kTierKeys[] = {"democratic", "national",  "regional", "system",
                                 "place",      "providers", "none"};
const char* const kTierLabels[] = {"Voters", "National",  "Regional", "System",
                                   "Place",  "Providers", ""};

std::string la_words(const std::string& tier) {
  if (tier == "county") return "county council";
  if (tier == "district") return "district council";
  if (tier == "unitary") return "unitary council";
  if (tier == "metropolitan_borough") return "metropolitan borough council";
  if (tier == "london_borough") return "London borough council";
  if (tier == "combined_authority") return "combined authority";
  return "council";
}

}  // namespace

Family family_of(OrgKind kind) {
  switch (kind) {
    case OrgKind::kElectorate:
      return Family::kElectorate;
    case OrgKind::kParliament:
    case OrgKind::kSecretaryOfState:
    case OrgKind::kGovernmentDepartment:
    case OrgKind::kNhsEngland:
    case OrgKind::kRegulator:
      return Family::kNational;
    case OrgKind::kNhseRegion:
    case OrgKind::kNhseLocalOffice:
      return Family::kRegional;
    case OrgKind::kJointCommittee:
    case OrgKind::kStp:
    case OrgKind::kIcs:
    case OrgKind::kIcb:
    case OrgKind::kIcp:
    case OrgKind::kAco:
      return Family::kSystem;
    case OrgKind::kCcg:
    case OrgKind::kSubIcbLocation:
    case OrgKind::kLocalAuthority:
    case OrgKind::kHwb:
    case OrgKind::kPlacePartnership:
      return Family::kPlace;
    case OrgKind::kOsc:
    case OrgKind::kJhosc:
    case OrgKind::kHealthwatch:
      return Family::kScrutiny;
    case OrgKind::kNhsTrust:
    case OrgKind::kFoundationTrust:
    case OrgKind::kCouncilOfGovernors:
    case OrgKind::kPcn:
    case OrgKind::kGpPractice:
    case OrgKind::kProviderCollaborative:
      return Family::kProvider;
    case OrgKind::kOther:
    case OrgKind::kUnknown:
      return Family::kOther;
  }
  return Family::kOther;
}

Tier tier_of(Family family) {
  switch (family) {
    case Family::kElectorate:
      return Tier::kDemocratic;
    case Family::kNational:
      return Tier::kNational;
    case Family::kRegional:
      return Tier::kRegional;
    case Family::kSystem:
      return Tier::kSystem;
    case Family::kPlace:
    case Family::kScrutiny:
      return Tier::kPlace;
    case Family::kProvider:
      return Tier::kProviders;
    case Family::kOther:
      return Tier::kNone;
  }
  return Tier::kNone;
}

const FamilyStyle& style_of(Family family) {
  return kStyles[static_cast<size_t>(family)];
}

const std::vector<Family>& all_families() {
  static const std::vector<Family> kAll = {
      Family::kElectorate, Family::kNational, Family::kRegional, Family::kSystem,
      Family::kPlace,      Family::kScrutiny, Family::kProvider, Family::kOther};
  return kAll;
}

const std::vector<Tier>& all_tiers() {
  static const std::vector<Tier> kAll = {Tier::kDemocratic, Tier::kNational, Tier::kRegional,
                                         Tier::kSystem,     Tier::kPlace,    Tier::kProviders};
  return kAll;
}

const char* tier_key(Tier tier) {
  return kTierKeys[static_cast<size_t>(tier)];
}
const char* tier_label(Tier tier) {
  return kTierLabels[static_cast<size_t>(tier)];
}

std::string kind_short(OrgKind kind, const std::string& la_tier) {
  switch (kind) {
    case OrgKind::kElectorate:
      return "voters";
    case OrgKind::kParliament:
      return "Parliament";
    case OrgKind::kSecretaryOfState:
      return "minister";
    case OrgKind::kGovernmentDepartment:
      return "government department";
    case OrgKind::kNhsEngland:
      return "NHS England";
    case OrgKind::kNhseRegion:
      return "NHS England region";
    case OrgKind::kNhseLocalOffice:
      return "NHS England local office";
    case OrgKind::kRegulator:
      return "regulator";
    case OrgKind::kCcg:
      return "CCG";
    case OrgKind::kSubIcbLocation:
      return "sub-ICB location";
    case OrgKind::kJointCommittee:
      return "joint committee";
    case OrgKind::kStp:
      return "STP";
    case OrgKind::kIcs:
      return "ICS";
    case OrgKind::kIcb:
      return "ICB";
    case OrgKind::kIcp:
      return "ICP";
    case OrgKind::kAco:
      return "accountable care organisation";
    case OrgKind::kNhsTrust:
      return "NHS trust";
    case OrgKind::kFoundationTrust:
      return "foundation trust";
    case OrgKind::kCouncilOfGovernors:
      return "council of governors";
    case OrgKind::kLocalAuthority:
      return la_words(la_tier);
    case OrgKind::kHwb:
      return "health and wellbeing board";
    case OrgKind::kOsc:
      return "scrutiny committee";
    case OrgKind::kJhosc:
      return "joint scrutiny committee";
    case OrgKind::kHealthwatch:
      return "Healthwatch";
    case OrgKind::kPcn:
      return "primary care network";
    case OrgKind::kGpPractice:
      return "GP practice";
    case OrgKind::kPlacePartnership:
      return "place partnership";
    case OrgKind::kProviderCollaborative:
      return "provider collaborative";
    case OrgKind::kOther:
      return "other";
    case OrgKind::kUnknown:
      return "unknown";
  }
  return "other";
}

std::string kind_label(OrgKind kind, const std::string& la_tier) {
  std::string words;
  switch (kind) {
    case OrgKind::kCcg:
      words = "clinical commissioning group";
      break;
    case OrgKind::kStp:
      words = "sustainability and transformation partnership";
      break;
    case OrgKind::kIcs:
      words = "integrated care system";
      break;
    case OrgKind::kIcb:
      words = "integrated care board";
      break;
    case OrgKind::kIcp:
      words = "integrated care partnership";
      break;
    case OrgKind::kHwb:
      words = "health and wellbeing board";
      break;
    case OrgKind::kOsc:
      words = "overview and scrutiny committee";
      break;
    case OrgKind::kJhosc:
      words = "joint health overview and scrutiny committee";
      break;
    default:
      return kind_short(kind, la_tier) + " (" + name_of(kind) + ")";
  }
  return words + " (" + name_of(kind) + ")";
}

std::string relationship_words(RelKind kind) {
  std::string s = name_of(kind);
  for (char& c : s)
    if (c == '_') c = ' ';
  return s;
}

}  // namespace govmap
