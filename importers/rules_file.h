// The rules file of a map folder (rules.toml): rules of law as reviewable data.
//
// docs/rules.md describes the format. Three kinds of table:
//   [[body]]      a body the law creates for every owner (a council's electorate,
//                 health scrutiny function, HWB; an ICB's ICP; an FT's council
//                 of governors and members)
//   [[rule]]      "every body of kind K in force on D has relationship R to T"
//   [[boundary]]  a boundary change the ONS lookups cannot show
// Every problem is reported as file:line:column with the offending line and a
// did-you-mean for misspelt keys, kinds, relationships, layers and targets.
#ifndef GOVMAP_IMPORTERS_RULES_FILE_H_
#define GOVMAP_IMPORTERS_RULES_FILE_H_

#include <set>
#include <string>

#include "core/error.h"
#include "core/rules.h"

namespace govmap {

// The file name a map folder's rules live in.
extern const char* const kRulesFileName;  // "rules.toml"

// Parses text (read from file) into a rule set of dataset "rules:<map name>".
// known_sources, when not empty, are the source ids the rules may cite.
// Problems go to sink; the returned set is complete only when none were added.
RuleSet parse_rules(const std::string& file, const std::string& text, const std::string& map_name,
                    const std::set<std::string>& known_sources, DiagnosticSink& sink);

// Parses or throws Error(kInput) with every problem.
RuleSet parse_rules_or_throw(const std::string& file, const std::string& text,
                             const std::string& map_name,
                             const std::set<std::string>& known_sources = {});

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_RULES_FILE_H_
