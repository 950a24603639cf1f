#include "core/country.h"

#include <cctype>

#include "core/error.h"
#include "core/kinds.h"
#include "core/suggest.h"

namespace govmap {
namespace {

const std::vector<std::string> kCountryNames = {"england", "wales", "scotland", "northern-ireland",
                                                "unknown"};
const char* const kAll = "all";

std::optional<Country> from_letter(char c) {
  switch (c) {
    case 'E':
      return Country::kEngland;
    case 'W':
      return Country::kWales;
    case 'S':
      return Country::kScotland;
    case 'N':
      return Country::kNorthernIreland;
    default:
      return std::nullopt;
  }
}

}  // namespace

const std::string& name_of(Country c) {
  return kCountryNames[static_cast<size_t>(c)];
}

std::optional<Country> parse_country(std::string_view s) {
  for (size_t i = 0; i < kCountryNames.size(); ++i)
    if (kCountryNames[i] == s) return static_cast<Country>(i);
  return std::nullopt;
}

const std::vector<std::string>& all_country_names() {
  return kCountryNames;
}

std::optional<Country> country_of_gss(std::string_view code) {
  if (code.size() != 9) return std::nullopt;
  for (size_t i = 1; i < code.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(code[i]))) return std::nullopt;
  return from_letter(code[0]);
}

Country country_of_ods_geography(std::string_view gor, std::string_view grouping,
                                 std::string_view hlhg) {
  // Government Office Regions: A North East ... K South West are England's,
  // W is Wales (the letters ODS uses; docs/importers.md).
  if (gor.size() == 1) {
    char g = gor[0];
    if (g == 'W') return Country::kWales;
    if (g >= 'A' && g <= 'K' && g != 'C' && g != 'I') return Country::kEngland;
  }
  // National grouping: NHS England's regions are Y-codes; Wales is W00.
  if (grouping.size() == 3) {
    if (grouping[0] == 'Y' && grouping != "Y99") return Country::kEngland;
    if (grouping[0] == 'W') return Country::kWales;
  }
  // High level health geography: NHS England's STP/ICB codes (Q..), save the
  // Q99 placeholder ODS gives Welsh trusts and commissioning hubs.
  if (hlhg.size() == 3 && hlhg[0] == 'Q' && hlhg != "Q99") return Country::kEngland;
  return Country::kUnknown;
}

std::optional<Country> country_filter_or_throw(std::string_view s, std::string_view option) {
  if (s == kAll) return std::nullopt;
  if (auto c = parse_country(s)) return *c;
  std::vector<std::string> valid = kCountryNames;
  valid.push_back(kAll);
  throw Error(Error::Kind::kUsage, std::string(option) + ": unknown country '" + std::string(s) +
                                       "'" + did_you_mean(s, valid) + " (valid: " + join(valid) +
                                       ")");
}

std::string country_filter_values() {
  return join(kCountryNames) + ", " + kAll;
}

}  // namespace govmap
