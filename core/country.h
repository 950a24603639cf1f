// The country of the United Kingdom a body belongs to, and the general rules
// of the data formats that say which it is.
//
// govmap maps England; the ONS and ODS files also list bodies of Wales,
// Scotland and Northern Ireland (councils in the UK-wide LAD files, Welsh
// trusts in the ODS trust extracts). Each period records a country
// (docs/schema.md, org_period.country) so listings, counts and pictures can be
// England's alone by default, and another country's on request (--country).
//   - ONS GSS codes carry it in their first letter: E England, W Wales,
//     S Scotland, N Northern Ireland (E06/E07/E08/E09, W06, S12, N09).
//   - ODS rows carry it in their geography: the Government Office Region code
//     (field 24: A–K English regions, W Wales), the national grouping (field
//     3: Y.. NHS England regions, W.. Wales) and the high level health
//     geography (field 4: Q.. NHS England STP/ICB codes, except the Q99
//     placeholder).
//   - Curated maps are maps of England.
// Without such evidence the country is unknown.
#ifndef GOVMAP_CORE_COUNTRY_H_
#define GOVMAP_CORE_COUNTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govmap {

enum class Country : uint8_t { kEngland, kWales, kScotland, kNorthernIreland, kUnknown };

// "england", "wales", "scotland", "northern-ireland", "unknown".
const std::string& name_of(Country c);
std::optional<Country> parse_country(std::string_view s);
const std::vector<std::string>& all_country_names();  // the five above, in that order

// The country a 9-character ONS GSS code (E06000001, W06000015) names, or
// nullopt when code is not one. K (UK-wide or GB-wide) names no country.
std::optional<Country> country_of_gss(std::string_view code);

// The country an ODS row's geography fields give: gor (field 24), national
// grouping (field 3), high level health geography (field 4), in that order of
// authority; unknown when none of them says.
Country country_of_ods_geography(std::string_view gor, std::string_view grouping,
                                 std::string_view hlhg);

// A --country value: one country, or every body (nullopt). Throws
// Error(kUsage) with a did-you-mean for anything else.
std::optional<Country> country_filter_or_throw(std::string_view s, std::string_view option);
// "england, wales, scotland, northern-ireland, unknown, all": for help texts.
std::string country_filter_values();

}  // namespace govmap

#endif  // GOVMAP_CORE_COUNTRY_H_
