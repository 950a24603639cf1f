// Map definitions: maps/<area>/map.toml says which diagrams, reports and tables
// `govmap build` produces for a map folder (docs/build.md is the reference).
//
//   title = "South Yorkshire and Bassetlaw"
//   area = "QF7"                      # default --area for every output
//   depends = ["england-national"]    # map folders imported with this one
//   data = ["ods_etr_2025.csv"]       # files of data/ (data/MANIFEST.toml) imported with it
//
//   [[output]]
//   name = "syb-2018"                 # file name without extension
//   kind = "diagram"                  # diagram | report | distance | compare |
//                                     # national | national-years
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
#include "core/error.h"
#include "core/kinds.h"

namespace govmap {

struct OutputSpec {
  // kNational: the distance of every ICB, CCG and trust at `at`; kNationalYears:
  // unaccountable bodies by kind on from's month and day of each year from..to.
  enum class Kind { kDiagram, kReport, kDistance, kCompare, kNational, kNationalYears };
  std::string name;  // [A-Za-z0-9._-]+, not starting with '.'
  Kind kind = Kind::kDiagram;
  std::string title;  // "" = derived from the area and dates
  std::optional<Date> at, from, to;
  bool diff = false;           // diagram with from/to: one picture of what changed
  std::optional<Layer> layer;  // nullopt = both
  std::string area;            // organisation identifier; "" = the whole database
  // Diagrams and reports: a one-council view of this local authority instead
  // of the area (`govmap render --council`); "" = none.
  std::string council;
  // Diagrams of one date: "systems" or "regions" (core/kinds.h fold_levels),
  // each system or region of the area drawn as one body (`govmap render
  // --fold`, render/systems_view.h); "" = none.
  std::string fold;
  std::vector<std::string> formats;  // extensions, sorted, unique
  std::string engine = "dot";
  // Diagrams: the print page (render/page.h): paper "" (choose A4 or A3), "a4",
  // "a3", "a2" or "a1"; orientation "" (landscape), "landscape" or "portrait".
  std::string page, orientation;
  int line = 0;  // where the [[output]] table starts in map.toml
  // Canonical text of everything above except line: part of the build cache key.
  std::string canonical() const;
};

// A name map.toml gives in `depends` or `data`, with where it was written, so
// that a problem found later (an unknown map, a modified data file) is
// reported at the name.
struct MapReference {
  std::string name;
  Diagnostic where;  // file, line, column and source line; message empty
};

struct MapDefinition {
  std::string dir;   // the map folder
  std::string file;  // dir/map.toml
  std::string title;
  std::string area;
  std::vector<MapReference> depends;  // sibling map folders, in file order
  std::vector<MapReference> data;     // file names in the data folder beside maps/
  std::vector<OutputSpec> outputs;    // in file order
};

const char* kind_name(OutputSpec::Kind kind);
// The formats each output kind can produce.
const std::vector<std::string>& formats_for(OutputSpec::Kind kind);

bool has_map_definition(const std::string& dir);
MapDefinition read_map_definition(const std::string& dir);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_MAP_DEFINITION_H_
