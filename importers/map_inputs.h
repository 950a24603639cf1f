// What importing a map folder brings with it.
//
// map.toml may name other map folders (`depends`, siblings in the same maps
// folder) and files of the national dataset (`data`, in the data folder beside
// the maps folder, each listed in data/MANIFEST.toml). Importing such a map
// imports those too, in the same transaction. A folder with a map.toml but no
// organisations.csv (a build map such as maps/england) contributes only what it
// names. Every data file is checked against the manifest before anything is
// read: a name the manifest does not list, or a file whose bytes differ from
// its record, is an error at the name in map.toml.
#ifndef GOVMAP_IMPORTERS_MAP_INPUTS_H_
#define GOVMAP_IMPORTERS_MAP_INPUTS_H_

#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "importers/data_manifest.h"
#include "importers/map_definition.h"

namespace govmap {

struct ResolvedInputs {
  std::vector<std::string> paths;              // what import_paths() reads, without repeats
  std::map<std::string, Date> snapshot_dates;  // path -> --as-of of each ODS extract
  std::vector<DataFile> data;                  // the data files among paths, in order
};

// The data files named by defs, checked against dir/MANIFEST.toml (read only
// when some def names data). Appends to out; names already there are skipped.
void add_map_data(const std::vector<const MapDefinition*>& defs, const std::string& data_dir,
                  ResolvedInputs& out);

// paths with, before each map folder, the map folders it depends on (map.toml
// `depends`, transitively, each once however it is written); other paths pass
// through. A missing dependency or a circle throws Error(kInput) at the name
// in map.toml. import_paths() calls it, so a map imported through the library
// brings its dependencies as `govmap import` does.
std::vector<std::string> with_map_dependencies(const std::vector<std::string>& paths);

// Expands the paths given to `govmap import`: map folders with a map.toml add
// their depends (recursively) and their data; everything else passes through.
ResolvedInputs resolve_import_inputs(const std::vector<std::string>& paths);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_MAP_INPUTS_H_
