#include "importers/map_inputs.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <deque>
#include <set>

#include "core/error.h"
#include "core/suggest.h"
#include "importers/curated_map.h"

namespace govmap {
namespace {

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string parent_of(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : p.substr(0, slash);
}

// The same file or folder whatever way it is written (maps/x, ./maps/x).
std::string identity_of(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) return path;
  std::string out = real;
  ::free(real);
  return out;
}

Diagnostic at(const MapReference& ref, std::string message) {
  Diagnostic d = ref.where;
  d.message = std::move(message);
  return d;
}

class Resolver {
 public:
  void add_path(const std::string& path) {
    if (!seen_.insert(identity_of(path)).second) return;
    if (is_dir(path) && has_map_definition(path)) {
      defs_.push_back(read_map_definition(path));
      const MapDefinition& def = defs_.back();
      if (is_curated_map(path)) out_.paths.push_back(path);
      for (const MapReference& dep : def.depends) {
        std::string sibling = parent_of(path) + "/" + dep.name;
        if (!is_dir(sibling)) {
          sink_.add(at(dep, "map folder '" + dep.name + "' named in 'depends' does not exist in " +
                                parent_of(path)));
          continue;
        }
        add_path(sibling);
      }
      return;
    }
    out_.paths.push_back(path);
  }

  ResolvedInputs finish() {
    sink_.throw_if_any();
    // Data folders: one per maps folder the definitions come from.
    std::map<std::string, std::vector<const MapDefinition*>> by_data_dir;
    for (const MapDefinition& def : defs_)
      if (!def.data.empty()) by_data_dir[data_dir_beside(parent_of(def.dir))].push_back(&def);
    for (const auto& [dir, defs] : by_data_dir) add_map_data(defs, dir, out_);
    return std::move(out_);
  }

 private:
  std::set<std::string> seen_;
  std::deque<MapDefinition> defs_;  // a deque: references stay valid as the recursion adds more
  DiagnosticSink sink_;
  ResolvedInputs out_;
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

ResolvedInputs resolve_import_inputs(const std::vector<std::string>& paths) {
  Resolver r;
  for (const std::string& p : paths) r.add_path(p);
  return r.finish();
}

}  // namespace govmap
