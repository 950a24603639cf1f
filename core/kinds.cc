#include "core/kinds.h"

#include "core/error.h"
#include "core/suggest.h"

namespace govmap {
namespace {

const std::vector<std::string> kOrgKindNames = {"electorate",
                                                "parliament",
                                                "secretary_of_state",
                                                "government_department",
                                                "nhs_england",
                                                "nhse_region",
                                                "nhse_local_office",
                                                "regulator",
                                                "ccg",
                                                "sub_icb_location",
                                                "joint_committee",
                                                "stp",
                                                "ics",
                                                "icb",
                                                "icp",
                                                "aco",
                                                "nhs_trust",
                                                "foundation_trust",
                                                "council_of_governors",
                                                "local_authority",
                                                "hwb",
                                                "osc",
                                                "jhosc",
                                                "healthwatch",
                                                "pcn",
                                                "gp_practice",
                                                "place_partnership",
                                                "provider_collaborative",
                                                "other"};
const std::string kUnknownKind = "unknown";

const std::vector<std::string> kRelKindNames = {"accountable_to",
                                                "elected_by",
                                                "committee_of",
                                                "ratified_by",
                                                "scrutinised_by",
                                                "regulated_by",
                                                "performance_managed_by",
                                                "appointed_by",
                                                "member_of",
                                                "commissions",
                                                "funds",
                                                "part_of",
                                                "succeeded_by"};

const std::vector<std::string> kLayerNames = {"statutory", "shadow"};

const std::vector<std::string> kTierNames = {"county",         "district",
                                             "unitary",        "metropolitan_borough",
                                             "london_borough", "combined_authority"};

template <typename E>
std::optional<E> find(const std::vector<std::string>& names, std::string_view s) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

[[noreturn]] void throw_bad(std::string_view what, std::string_view s, std::string_view option,
                            const std::vector<std::string>& names) {
  throw Error(Error::Kind::kUsage, std::string(option) + ": unknown " + std::string(what) + " '" +
                                       std::string(s) + "'" + did_you_mean(s, names) +
                                       " (valid: " + join(names) + ")");
}

}  // namespace

const std::string& name_of(OrgKind k) {
  return k == OrgKind::kUnknown ? kUnknownKind : kOrgKindNames[static_cast<size_t>(k)];
}
const std::string& name_of(RelKind k) {
  return kRelKindNames[static_cast<size_t>(k)];
}
const std::string& name_of(Layer l) {
  return kLayerNames[static_cast<size_t>(l)];
}

std::optional<OrgKind> parse_org_kind(std::string_view s) {
  if (s == kUnknownKind) return OrgKind::kUnknown;
  return find<OrgKind>(kOrgKindNames, s);
}
std::optional<RelKind> parse_rel_kind(std::string_view s) {
  return find<RelKind>(kRelKindNames, s);
}
std::optional<Layer> parse_layer(std::string_view s) {
  return find<Layer>(kLayerNames, s);
}

const std::vector<std::string>& all_org_kind_names() {
  return kOrgKindNames;
}
const std::vector<std::string>& all_rel_kind_names() {
  return kRelKindNames;
}
const std::vector<std::string>& all_layer_names() {
  return kLayerNames;
}
const std::vector<std::string>& all_la_tier_names() {
  return kTierNames;
}

bool is_accountability(RelKind k) {
  return k <= RelKind::kAppointedBy;
}

const std::vector<std::string>& layout_engines() {
  static const std::vector<std::string> kEngines = {"dot",   "neato", "fdp",   "sfdp",
                                                    "circo", "twopi", "osage", "patchwork"};
  return kEngines;
}

const std::vector<std::string>& fold_levels() {
  static const std::vector<std::string> kLevels = {"systems", "regions"};
  return kLevels;
}

OrgKind org_kind_or_throw(std::string_view s, std::string_view option) {
  if (auto k = parse_org_kind(s)) return *k;
  throw_bad("organisation kind", s, option, kOrgKindNames);
}
RelKind rel_kind_or_throw(std::string_view s, std::string_view option) {
  if (auto k = parse_rel_kind(s)) return *k;
  throw_bad("relationship kind", s, option, kRelKindNames);
}
Layer layer_or_throw(std::string_view s, std::string_view option) {
  if (auto l = parse_layer(s)) return *l;
  throw_bad("layer", s, option, kLayerNames);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

}  // namespace govmap
