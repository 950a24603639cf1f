// The source check: can a researcher cite what a curated map says?
//
// Import checks that a map is well formed; this checks that its facts are
// citable (docs/map-format.md, "The source check"). It warns on
//   - a source without a date;
//   - a source whose URL is not on a documented publisher domain;
//   - a source on a domain known to hold copies of other publishers' documents
//     (a mirror), unless the map's NOTES.md records it under "Secondary sources";
//   - a fact (an organisation period or a relationship) whose every source is
//     secondary (reporting, analysis, an encyclopaedia or a copy), unless each
//     of them is recorded under "Secondary sources";
//   - a name that embeds the name of the body it belongs to (a trust's council
//     of governors) but does not follow that body's renames with periods of its
//     own.
// Warnings are Diagnostics with Severity::kWarning, positioned on the row.
#ifndef GOVMAP_IMPORTERS_SOURCE_CHECK_H_
#define GOVMAP_IMPORTERS_SOURCE_CHECK_H_

#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "importers/curated_map.h"

namespace govmap {

// What a publisher's page is worth as evidence.
enum class Standing {
  kPrimary,    // the body itself, legislation, government, Parliament, regulators, ONS
  kSecondary,  // the original publisher of reporting or analysis about the body
  kCopy,       // a site that hosts copies of other publishers' documents
};

struct PublisherDomain {
  const char* domain;  // matches the host itself and every host under it
  Standing standing;
  const char* who;  // for the documentation
};

// The documented list (docs/map-format.md lists the same domains).
const std::vector<PublisherDomain>& publisher_domains();

// The list entry for a URL's host, or nullptr when the host is on no list.
const PublisherDomain* publisher_domain_of(const std::string& url);

// The source ids a NOTES.md text records under its "Secondary sources" heading:
// the `backquoted` words that open each "- " bullet (separated by commas), until
// the next heading.
std::set<std::string> recorded_secondary_sources(const std::string& notes);

// The map folders named by paths: a path holding organisations.csv is a map; any
// other folder stands for the maps directly inside it that have a map.toml (the
// maps `govmap build` builds), in name order.
std::vector<std::string> expand_map_paths(const std::vector<std::string>& paths);

// Reads and cross-checks maps as import does (throws Error with every problem);
// maps that refer to each other must be read together.
std::vector<CuratedMap> read_maps_for_check(const std::vector<std::string>& map_dirs);

// Every warning about maps, in map, file and line order.
std::vector<Diagnostic> check_sources(const std::vector<CuratedMap>& maps);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_SOURCE_CHECK_H_
