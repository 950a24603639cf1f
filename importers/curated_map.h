// The curated map format: a folder of three CSV files written by hand from
// public facts (docs/map-format.md is the specification).
//
//   sources.csv        id,title,publisher,url,date
//   organisations.csv  id,name,kind,tier,valid_from,valid_to,identifiers,source
//   relationships.csv  from,to,kind,layer,valid_from,valid_to,legal_basis,source,note
//
// Reading happens in two steps so that several maps imported together may refer
// to each other whatever their order: read_curated_map() checks each file on its
// own; check_curated_maps() then resolves references against the other maps and
// the database. Both report every problem as file:line:column diagnostics.
#ifndef GOVMAP_IMPORTERS_CURATED_MAP_H_
#define GOVMAP_IMPORTERS_CURATED_MAP_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/error.h"
#include "importers/dataset.h"

namespace govmap {

struct CuratedMap {
  std::string dir;         // as given by the user
  std::string sha256;      // of the three files' names and bytes
  DatasetContent content;  // relationships' from/to hold the text as written until checked
  // The folder's rules file (rules.toml, docs/rules.md), when it has one.
  std::string rules_path;
  std::optional<std::string> rules_text;

  // Where each fact came from, for diagnostics in the second step. Kept small
  // because there is one per row: the file's name and column positions are
  // shared by all its rows, and of the record only what a diagnostic shows is
  // kept (its line, the text of that line and each field's length).
  struct WhereFile {
    std::string name;
    std::map<std::string, size_t> columns;
  };
  struct Where {
    std::shared_ptr<const WhereFile> source;
    int line = 0;
    std::string raw_line;
    std::vector<unsigned> field_sizes;
    const std::string& file() const { return source->name; }
  };
  std::vector<Where> source_where;                             // parallel to content.sources
  std::vector<Where> period_where;                             // parallel to content.periods
  std::vector<Where> relationship_where;                       // parallel to content.relationships
  std::vector<std::vector<std::string>> period_source_fields;  // as written
  std::map<std::string, Where> identifier_where;  // "scheme:value" -> first row naming it
  // Problems that do not stop the import (e.g. an invisible character in a name).
  std::vector<std::string> warnings;

  // Frees the Where records (a line of text per row) once the map is checked
  // and only its content is still needed: an import then writes the store
  // into memory already touched instead of growing the heap.
  void forget_positions();
};

// A diagnostic pointing at one column of a row read earlier (its line, the text
// of that line and a marker under the column's field).
Diagnostic diagnostic_at(const CuratedMap::Where& where, const std::string& column,
                         std::string message);

// The dataset name of a map folder: "map:" + the folder's base name.
std::string curated_dataset_name(const std::string& dir);
// True when dir looks like a curated map folder (holds organisations.csv).
bool is_curated_map(const std::string& dir);

// Reads and checks one folder; problems go to sink. The result is meaningful
// only when sink stays empty.
CuratedMap read_curated_map(const std::string& dir, DiagnosticSink& sink);

// What the database holds outside the datasets being replaced.
struct World {
  std::map<std::string, Organisation> organisations;
  std::map<std::string, Source> sources;
  std::vector<Relationship> relationships;
  // "scheme:value" of the identifiers other curated maps give. A map's
  // identifier conflicts only with these; one an ODS or ONS dataset gives to
  // another organisation yields to the map.
  std::set<std::string> map_identifiers;
};
World world_from(const Store& store, const std::set<std::string>& excluded_datasets);

// Resolves every map's relationship ends to organisation ids and checks
// references, lifetimes, overlaps and duplicates across maps and world.
void check_curated_maps(std::vector<CuratedMap>& maps, const World& world, DiagnosticSink& sink);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_CURATED_MAP_H_
