// The rules layer inside an import: checking a map's rules file, keeping it in
// the database, and recomputing the derived datasets (rules:<map>) from the
// combined view, inside the import's transaction (docs/rules.md).
#ifndef GOVMAP_IMPORTERS_RULES_IMPORT_H_
#define GOVMAP_IMPORTERS_RULES_IMPORT_H_

#include <string>
#include <vector>

#include "core/error.h"
#include "core/rules.h"
#include "importers/curated_map.h"

namespace govmap {

class Store;

// Parses a map's rules file, when it has one, citing only the map's sources.
void check_map_rules(const CuratedMap& map, DiagnosticSink& sink);

// Records (or removes) a just-applied map's rules file. Call inside a transaction.
void store_map_rules(Store& store, const CuratedMap& map);

// The rule sets kept in the database, parsed.
std::vector<RuleSet> stored_rule_sets(const Store& store);

// Replaces every rules:* dataset by what the stored rule sets derive from the
// rest of the database. Call inside a transaction, after the import's datasets
// are written. Returns the number of derived relationships.
size_t derive_rules(Store& store);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_RULES_IMPORT_H_
