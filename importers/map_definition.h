// Map definitions: maps/<area>/map.toml says which diagrams, reports and tables
// `govmap build` produces for a map folder (docs/build.md is the reference).
//
//   title = "South Yorkshire and Bassetlaw"
//   area = "QF7"                      # default --area for every output
//   depends = ["england-national"]    # maps (folders beside this one) it builds on
//
//   [[output]]
//   name = "syb-2018"                 # file name without extension
//   kind = "diagram"                  # diagram | report | distance | compare
//   at = 2018-08-08                   # or: from = ..., to = ... (diff = true)
//   layer = "both"                    # statutory | shadow | both
//   formats = ["svg", "dot"]
//
// read_map_definition() checks everything and reports every problem as
// file:line:column diagnostics (Error(kInput)); output names are plain file
// names, so no output can be written outside its folder.
#ifndef GOVMAP_IMPORTERS_MAP_DEFINITION_H_
#define GOVMAP_IMPORTERS_MAP_DEFINITION_H_

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/kinds.h"

namespace govmap {

struct OutputSpec {
  enum class Kind { kDiagram, kReport, kDistance, kCompare };
  std::string name;  // [A-Za-z0-9._-]+, not starting with '.'
  Kind kind = Kind::kDiagram;
  std::string title;  // "" = derived from the area and dates
  std::optional<Date> at, from, to;
  bool diff = false;                 // diagram with from/to: one picture of what changed
  std::optional<Layer> layer;        // nullopt = both
  std::string area;                  // organisation identifier; "" = the whole database
  std::vector<std::string> formats;  // extensions, sorted, unique
  std::string engine = "dot";
  int line = 0;  // where the [[output]] table starts in map.toml
  // Canonical text of everything above except line: part of the build cache key.
  std::string canonical() const;
};

struct MapDefinition {
  std::string dir;   // the map folder
  std::string file;  // dir/map.toml
  std::string title;
  std::string area;
  // Map folders (beside this one) this map builds on: `govmap import` of this
  // map imports them too.
  std::vector<std::string> depends;
  std::vector<OutputSpec> outputs;  // in file order
};

const char* kind_name(OutputSpec::Kind kind);
// The formats each output kind can produce.
const std::vector<std::string>& formats_for(OutputSpec::Kind kind);

bool has_map_definition(const std::string& dir);
MapDefinition read_map_definition(const std::string& dir);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_MAP_DEFINITION_H_
