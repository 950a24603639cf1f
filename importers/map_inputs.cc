#include "importers/map_inputs.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <set>

#include "core/error.h"
#include "core/kinds.h"
#include "core/path.h"
#include "core/suggest.h"
#include "importers/curated_map.h"

namespace govmap {
namespace {

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The same file or folder whatever way it is written (maps/x, ./maps/x).
std::string identity_of(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) return path;
  std::string out = real;
  ::free(real);
  return out;
}

// The folders in dir, for suggestions.
std::vector<std::string> folders_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& n : folder_entries(dir))
    if (is_dir(dir + "/" + n)) out.push_back(n);
  return out;
}

Diagnostic at(const MapReference& ref, std::string message) {
  Diagnostic d = ref.where;
  d.message = std::move(message);
  return d;
}

// Walks map folders with their `depends`: each path is passed to add() once
// (the same folder however it is written), after the map folders it depends
// on, transitively. A dependency is a folder beside the map that names it; one
// that does not exist, or maps that depend on each other in a circle, are
// errors at the name in map.toml, collected in sink.
class DependencyWalk {
 public:
  using Add = std::function<void(const std::string& path, const MapDefinition* def)>;
  DependencyWalk(DiagnosticSink& sink, Add add) : sink_(sink), add_(std::move(add)) {}

  void add_path(const std::string& path) {
    if (!seen_.insert(identity_of(path)).second) return;
    if (!(is_dir(path) && has_map_definition(path))) {
      add_(path, nullptr);
      return;
    }
    MapDefinition def = read_map_definition(path);
    chain_.push_back(base_name(path));
    for (const MapReference& dep : def.depends) {
      if (std::find(chain_.begin(), chain_.end(), dep.name) != chain_.end()) {
        sink_.add(at(dep, "maps depend on each other in a circle: " + join(chain_, " -> ") +
                              " -> " + dep.name));
        continue;
      }
      std::string sibling = parent_dir(path) + "/" + dep.name;
      if (!is_dir(sibling)) {
        sink_.add(at(dep, "map '" + base_name(path) + "' depends on map '" + dep.name +
                              "', but map folder '" + dep.name + "' named in 'depends' does not exist in " +
                              parent_dir(path) + did_you_mean(dep.name, folders_in(parent_dir(path)))));
        continue;
      }
      add_path(sibling);
    }
    chain_.pop_back();
    add_(path, &def);
  }

 private:
  DiagnosticSink& sink_;
  Add add_;
  std::set<std::string> seen_;
  std::vector<std::string> chain_;  // the maps being walked, outermost first
};

class Resolver {
 public:
  Resolver()
      : walk_(sink_, [this](const std::string& path, const MapDefinition* def) {
          if (!def) {
            out_.paths.push_back(path);
            return;
          }
          defs_.push_back(*def);
          if (is_curated_map(path)) out_.paths.push_back(path);
        }) {}

  void add_path(const std::string& path) { walk_.add_path(path); }

  ResolvedInputs finish() {
    sink_.throw_if_any();
    // Data folders: one per maps folder the definitions come from.
    std::map<std::string, std::vector<const MapDefinition*>> by_data_dir;
    for (const MapDefinition& def : defs_)
      if (!def.data.empty()) by_data_dir[data_dir_beside(parent_dir(def.dir))].push_back(&def);
    for (const auto& [dir, defs] : by_data_dir) add_map_data(defs, dir, out_);
    return std::move(out_);
  }

 private:
  DiagnosticSink sink_;
  ResolvedInputs out_;
  std::deque<MapDefinition> defs_;
  DependencyWalk walk_;
};

}  // namespace

void add_map_data(const std::vector<const MapDefinition*>& defs, const std::string& data_dir,
                  ResolvedInputs& out) {
  bool any = std::any_of(defs.begin(), defs.end(),
                         [](const MapDefinition* d) { return !d->data.empty(); });
  if (!any) return;
  DataManifest manifest = read_data_manifest(data_dir);
  std::vector<std::string> known = manifest.names();
  DiagnosticSink sink;
  std::vector<DataFile> found;
  for (const MapDefinition* def : defs) {
    for (const MapReference& ref : def->data) {
      const DataFile* f = manifest.find(ref.name);
      if (!f) {
        sink.add(at(ref, "'" + ref.name + "' is not a file of " + manifest.path +
                             did_you_mean(ref.name, known)));
        continue;
      }
      try {
        verify_data_file(manifest, *f);
      } catch (const Error& e) {
        sink.add(at(ref, e.diagnostics().front().message));
        continue;
      }
      std::string path = manifest.dir + "/" + f->name;
      bool dup = std::any_of(out.data.begin(), out.data.end(),
                             [&](const DataFile& d) { return d.name == f->name; }) ||
                 std::any_of(found.begin(), found.end(),
                             [&](const DataFile& d) { return d.name == f->name; });
      if (dup) continue;
      found.push_back(*f);
    }
  }
  sink.throw_if_any();
  for (const DataFile& f : found) {
    std::string path = manifest.dir + "/" + f.name;
    out.paths.push_back(path);
    if (f.format == "ods-etr" || f.format == "ods-eccg" || f.format == "ods-ect")
      out.snapshot_dates[path] = f.snapshot;
    out.data.push_back(f);
  }
}

std::vector<std::string> with_map_dependencies(const std::vector<std::string>& paths) {
  DiagnosticSink sink;
  std::vector<std::string> out;
  DependencyWalk walk(sink, [&](const std::string& path, const MapDefinition*) { out.push_back(path); });
  for (const std::string& p : paths) walk.add_path(p);
  sink.throw_if_any();
  return out;
}

ResolvedInputs resolve_import_inputs(const std::vector<std::string>& paths) {
  Resolver r;
  for (const std::string& p : paths) r.add_path(p);
  return r.finish();
}

}  // namespace govmap
