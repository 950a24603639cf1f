#include "cli/build.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/diagram_input.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/path.h"
#include "core/store.h"
#include "importers/curated_map.h"
#include "importers/import.h"
#include "importers/map_definition.h"
#include "importers/map_inputs.h"
#include "importers/source_check.h"
#include "render/graphviz.h"
#include "render/output_file.h"
#include "render/print.h"
#include "render/style.h"

namespace govmap {
namespace {

constexpr const char* kManifest = ".govmap-build.json";

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

void make_dirs(const std::string& path) {
  std::string partial;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      if (!partial.empty() && !is_dir(partial) && ::mkdir(partial.c_str(), 0777) != 0 &&
          !is_dir(partial))
        throw Error(Error::Kind::kIo, "cannot create folder '" + partial + "'");
    }
    if (i < path.size()) partial += path[i];
  }
}

// Refuses an output folder that is a symbolic link, so outputs cannot be
// redirected outside OUT_DIR by a link planted in it.
void check_not_symlink(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    throw Error(Error::Kind::kIo, "refusing to write through the symbolic link '" + path + "'");
}

struct Target {
  std::string map;      // map folder name
  std::string relpath;  // <map>/<name>.<format>, relative to OUT_DIR
  std::string format;
  const OutputSpec* spec;
  std::string key;
  size_t group = 0;  // the database it is drawn from (Group)
  std::string text;  // spec == nullptr: the licence notice, written as it is
};

// Outputs are drawn from a database holding every curated map plus the data
// files their own map (and the maps it depends on) names: maps naming the same
// data share one. Maps naming none share govmap.db, so the curated pictures do
// not change when national data is added for another map.
struct Group {
  std::vector<std::string> data_names;  // sorted; empty for the curated-only database
  std::string db_name;                  // govmap.db, or govmap-<first map>.db
  ResolvedInputs inputs;                // curated maps + data files
  std::string data_hash;                // SHA-256 over the data files' SHA-256s
};

// The licence notice written beside the outputs of a map that draws on the
// national dataset: CSV has no place for it inside the file.
std::string notice_text(const std::vector<DataFile>& files) {
  std::string out =
      "The outputs in this folder draw on public data published under the Open Government\n"
      "Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).\n"
      "Reuse them with these attributions:\n\n";
  std::vector<std::string> seen;
  for (const DataFile& f : files) {
    if (std::find(seen.begin(), seen.end(), f.attribution) != seen.end()) continue;
    seen.push_back(f.attribution);
    out += "- " + f.publisher + ": " + f.attribution + "\n";
  }
  out += "\nThe files (data/MANIFEST.toml):\n\n";
  for (const DataFile& f : files)
    out += "- " + f.name + ": " + f.title + ", " + f.publisher + ", snapshot " + f.snapshot.str() +
           ", " + f.licence + ", " + f.page + "\n";
  return out;
}

// The data names of def and of every map it depends on, sorted, unique.
std::vector<std::string> data_closure(const MapDefinition& def,
                                      const std::vector<MapDefinition>& defs) {
  std::set<std::string> names, visited;
  std::vector<const MapDefinition*> todo = {&def};
  while (!todo.empty()) {
    const MapDefinition* d = todo.back();
    todo.pop_back();
    if (!visited.insert(base_name(d->dir)).second) continue;
    for (const MapReference& r : d->data) names.insert(r.name);
    for (const MapReference& dep : d->depends)
      for (const MapDefinition& other : defs)
        if (base_name(other.dir) == dep.name) todo.push_back(&other);
  }
  return {names.begin(), names.end()};
}

// Holds an exclusive lock on OUT_DIR/.govmap-build.lock for the life of the
// object, so two builds into one folder (parallel CI jobs) take turns instead
// of trampling each other's temporary database and manifest. The kernel drops
// the lock if the process dies.
class BuildLock {
 public:
  BuildLock(const std::string& out_dir, std::ostream& err) {
    std::string path = out_dir + "/.govmap-build.lock";
    // O_NOFOLLOW: a symbolic link planted at the lock's name must not make the
    // build create or lock a file outside the output folder.
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0666);
    if (fd_ < 0 && errno == ELOOP)
      throw Error(Error::Kind::kIo, "'" + path +
                                        "' is a symbolic link; govmap will not follow it (remove "
                                        "it and build again)");
    if (fd_ < 0)
      throw Error(Error::Kind::kIo, "cannot create '" + path + "': " + std::strerror(errno));
    struct stat st;
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd_);
      throw Error(Error::Kind::kIo,
                  "'" + path + "' is not a regular file (remove it and build again)");
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    err << "govmap: waiting for another govmap build in " << out_dir << "\n";
    if (::flock(fd_, LOCK_EX) != 0) throw Error(Error::Kind::kIo, "cannot lock '" + path + "'");
  }
  ~BuildLock() { ::close(fd_); }
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

 private:
  int fd_ = -1;
};

// A build killed mid-write leaves ".<name>.tmp-XXXXXX" files (see
// write_file_atomically) and a half-made database; sweep them before building.
void remove_leftovers(const std::string& dir) {
  if (!is_dir(dir)) return;
  for (const std::string& name : folder_entries(dir)) {
    size_t tmp = name.rfind(".tmp-");
    bool temp_file =
        name.size() > 1 && name[0] == '.' && tmp != std::string::npos && name.size() - tmp == 11;
    bool temp_db = name.rfind("govmap", 0) == 0 && name.find(".db.building") != std::string::npos;
    if (temp_file || temp_db) std::remove((dir + "/" + name).c_str());
  }
}

std::string input_hash(const std::vector<std::string>& map_dirs) {
  Sha256 h;
  // The schema version too: a new schema goes with new importer semantics
  // (e.g. version 4 recorded each body's country and changed the tables).
  h.update(std::string("govmap ") + GOVMAP_VERSION + " drawing " +
           std::to_string(kDrawingRevision) + " schema " + std::to_string(Store::kSchemaVersion));
  for (const std::string& dir : map_dirs) {
    // Names relative to the maps folder, so "maps" and "./maps" agree.
    std::string map = base_name(dir);
    for (const std::string& name : folder_entries(dir)) {
      std::string path = dir + "/" + name;
      if (is_dir(path)) continue;
      h.update(std::string(1, '\0') + map + "/" + name + '\0' + sha256_file(path));
    }
  }
  return h.hex();
}

nlohmann::json read_manifest(const std::string& path) {
  if (!exists(path)) return nlohmann::json::object();
  try {
    nlohmann::json j = nlohmann::json::parse(read_file(path));
    if (j.is_object() && j.contains("outputs") && j["outputs"].is_object()) return j;
  } catch (const nlohmann::json::exception&) {
  }
  // A damaged manifest only costs a rebuild.
  return nlohmann::json::object();
}

// Runs a govmap subcommand in process against db and returns what it prints,
// so a table in the build is exactly what the command gives a user.
std::string run_subcommand(std::vector<std::string> args, const std::string& db,
                           std::ostream& err) {
  CLI::App app{"govmap", "govmap"};
  GlobalOptions global;
  RunFunction run;
  setup_app(app, global, run);
  args.insert(args.begin(), {"--db", db});
  std::reverse(args.begin(), args.end());  // CLI11 takes a vector in reverse order
  app.parse(args);
  std::ostringstream out;
  CommandContext ctx{global, &out, &err};
  run(ctx);
  return out.str();
}

std::string title_or_default(const OutputSpec& o, const MapDefinition& def) {
  return o.title.empty() ? def.title : o.title;
}

std::string produce(const Store& store, const Target& t, const MapDefinition& def,
                    std::ostream& err) {
  const OutputSpec& o = *t.spec;
  // A one-council view is titled with the council's name unless it has a title.
  DiagramRequest request{o.area, o.layer ? name_of(*o.layer) : "",
                         o.council.empty() ? title_or_default(o, def) : o.title, o.council,
                         Weights()};
  request.fold = o.fold;
  switch (o.kind) {
    case OutputSpec::Kind::kDiagram: {
      PrintedDiagram printed =
          print_diagram(store, request, o.at ? *o.at : *o.from, o.at ? std::nullopt : o.to, o.diff,
                        *diagram_format_for("x." + t.format), o.engine,
                        PrintRequest{o.page, o.orientation});
      for (const std::string& w : printed.drawn.warnings)
        err << t.relpath << ": graphviz: " << w << "\n";
      if (!printed.warning.empty()) err << t.relpath << ": warning: " << printed.warning << "\n";
      return printed.drawn.bytes;
    }
    case OutputSpec::Kind::kReport:
      return report_page(store, request, *o.from, *o.to, o.engine, err);
    case OutputSpec::Kind::kDistance:
    case OutputSpec::Kind::kCompare:
    case OutputSpec::Kind::kNational:
    case OutputSpec::Kind::kNationalYears: {
      std::vector<std::string> args;
      if (o.kind == OutputSpec::Kind::kDistance)
        args = {"distance", "--at", o.at->str()};
      else if (o.kind == OutputSpec::Kind::kNational)
        args = {"national", "--date", o.at->str()};
      else if (o.kind == OutputSpec::Kind::kNationalYears)
        args = {"national", "--years",
                std::to_string(o.from->year()) + "-" + std::to_string(o.to->year()), "--day",
                o.from->str().substr(5)};
      else
        args = {"compare", "--from", o.from->str(), "--to", o.to->str()};
      args.insert(args.end(), {"--format", t.format});
      if (!o.area.empty()) args.insert(args.end(), {"--area", o.area});
      if (o.layer) args.insert(args.end(), {"--layer", name_of(*o.layer)});
      return run_subcommand(args, store.path(), err);
    }
  }
  throw Error(Error::Kind::kUsage, "unknown output kind");
}

}  // namespace

BuildResult run_build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
  if (!is_dir(options.maps_dir))
    throw Error(Error::Kind::kIo, "maps folder '" + options.maps_dir + "' does not exist");
  // 1. The maps: every folder with a map.toml.
  std::vector<MapDefinition> defs;
  std::vector<std::string> map_dirs, curated_dirs;
  std::vector<Diagnostic> problems;
  for (const std::string& name : folder_entries(options.maps_dir)) {
    std::string dir = options.maps_dir + "/" + name;
    if (!is_dir(dir) || !has_map_definition(dir)) continue;
    try {
      defs.push_back(read_map_definition(dir));
      map_dirs.push_back(dir);
      if (is_curated_map(dir)) curated_dirs.push_back(dir);
    } catch (const Error& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw Error(Error::Kind::kInput, problems);
  if (defs.empty())
    throw Error(Error::Kind::kInput,
                "no map folder with a map.toml under '" + options.maps_dir + "'");
  // The source check: its warnings are printed and do not stop the build. A map
  // that does not read is left to the import below, which reports it in full.
  try {
    for (const Diagnostic& d : check_sources(read_maps_for_check(map_dirs))) err << d.format();
  } catch (const Error&) {
  }

  for (const MapDefinition& def : defs)
    for (const MapReference& dep : def.depends)
      if (std::none_of(defs.begin(), defs.end(),
                       [&](const MapDefinition& d) { return base_name(d.dir) == dep.name; })) {
        Diagnostic d = dep.where;
        d.message = "map folder '" + dep.name + "' named in 'depends' has no map.toml in " +
                    options.maps_dir;
        problems.push_back(d);
      }
  if (!problems.empty()) throw Error(Error::Kind::kInput, problems);

  // 2. The databases (one per set of data files) and what should exist, with its cache key.
  std::string data_dir = data_dir_beside(options.maps_dir);
  std::vector<Group> groups(1);
  groups[0].db_name = "govmap.db";
  std::vector<size_t> group_of(defs.size(), 0);
  for (size_t i = 0; i < defs.size(); ++i) {
    std::vector<std::string> names = data_closure(defs[i], defs);
    if (names.empty()) continue;
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const Group& x) { return x.data_names == names; });
    if (g == groups.end()) {
      groups.push_back({names, "govmap-" + base_name(defs[i].dir) + ".db", {}, ""});
      g = groups.end() - 1;
    }
    group_of[i] = static_cast<size_t>(g - groups.begin());
  }
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    Group& g = groups[gi];
    g.inputs.paths = curated_dirs;
    // The maps that write these names, so each is checked (and reported) where it is written.
    std::vector<const MapDefinition*> named;
    for (const MapDefinition& d : defs)
      if (std::any_of(d.data.begin(), d.data.end(), [&](const MapReference& r) {
            return std::binary_search(g.data_names.begin(), g.data_names.end(), r.name);
          }))
        named.push_back(&d);
    if (!g.data_names.empty()) add_map_data(named, data_dir, g.inputs);
    // Keep only the files this group names (a map it shares files with may name more).
    ResolvedInputs kept;
    kept.paths = curated_dirs;
    Sha256 h;
    for (const DataFile& f : g.inputs.data) {
      if (!std::binary_search(g.data_names.begin(), g.data_names.end(), f.name)) continue;
      std::string path = data_dir + "/" + f.name;
      kept.paths.push_back(path);
      if (auto it = g.inputs.snapshot_dates.find(path); it != g.inputs.snapshot_dates.end())
        kept.snapshot_dates.insert(*it);
      kept.data.push_back(f);
      h.update(f.name + '\0' + f.sha256 + '\0' + f.snapshot.str() + '\0');
    }
    g.inputs = std::move(kept);
    g.data_hash = g.data_names.empty() ? "" : h.hex();
  }
  std::string inputs = input_hash(map_dirs);
  std::vector<Target> targets;
  for (size_t i = 0; i < defs.size(); ++i) {
    const MapDefinition& def = defs[i];
    std::string map = base_name(def.dir);
    const Group& g = groups[group_of[i]];
    std::string data_part = g.data_hash.empty() ? "" : "\x1f" + g.data_hash;
    for (const OutputSpec& o : def.outputs)
      for (const std::string& f : o.formats)
        targets.push_back({map, map + "/" + o.name + "." + f, f, &o,
                           sha256_text(inputs + data_part + "\x1f" + o.canonical() + "\x1f" + f),
                           group_of[i], ""});
    if (!g.inputs.data.empty()) {
      std::string text = notice_text(g.inputs.data);
      targets.push_back({map, map + "/NOTICE.txt", "txt", nullptr,
                         sha256_text(inputs + data_part + "\x1fnotice\x1f" + text), group_of[i],
                         text});
    }
  }

  // 3. What is stale.
  std::string manifest_path = options.out_dir + "/" + kManifest;
  nlohmann::json manifest = read_manifest(manifest_path);
  nlohmann::json& recorded = manifest["outputs"];
  if (!recorded.is_object()) recorded = nlohmann::json::object();
  BuildResult result;
  std::vector<const Target*> todo;
  for (const Target& t : targets) {
    std::string path = options.out_dir + "/" + t.relpath;
    std::string reason;
    if (!exists(path))
      reason = "missing";
    else if (!recorded.contains(t.relpath) || recorded[t.relpath].value("key", "") != t.key)
      reason = "out of date";
    else if (recorded[t.relpath].value("sha256", "") != sha256_file(path))
      reason = "changed since it was built";
    if (!reason.empty() || options.force) {
      todo.push_back(&t);
      if (!reason.empty()) result.stale.push_back(path + " (" + reason + ")");
    } else {
      result.unchanged.push_back(path);
    }
  }
  std::vector<std::string> orphans;
  for (auto it = recorded.begin(); it != recorded.end(); ++it) {
    bool wanted = std::any_of(targets.begin(), targets.end(),
                              [&](const Target& t) { return t.relpath == it.key(); });
    if (!wanted) orphans.push_back(it.key());
  }
  if (options.check) {
    for (const std::string& s : result.stale) out << "stale: " << s << "\n";
    for (const std::string& o : orphans)
      if (exists(options.out_dir + "/" + o))
        out << "stale: " << options.out_dir << "/" << o << " (no longer defined)\n";
    if (result.stale.empty() && orphans.empty())
      out << "up to date: " << targets.size() << " outputs in " << options.out_dir << "\n";
    else
      for (const std::string& o : orphans) result.stale.push_back(options.out_dir + "/" + o);
    return result;
  }

  // 4. Build what is stale, from one fresh database.
  make_dirs(options.out_dir);
  check_not_symlink(options.out_dir);
  BuildLock lock(options.out_dir, err);
  // Another build may have finished while we waited: take what it recorded
  // (`recorded` refers into `manifest`, so merge rather than replace) and look again.
  nlohmann::json fresh = read_manifest(manifest_path);
  if (fresh.contains("outputs") && fresh["outputs"].is_object())
    for (auto it = fresh["outputs"].begin(); it != fresh["outputs"].end(); ++it)
      recorded[it.key()] = it.value();
  {
    std::vector<const Target*> still;
    for (const Target* t : todo) {
      std::string path = options.out_dir + "/" + t->relpath;
      bool current = exists(path) && recorded.contains(t->relpath) &&
                     recorded[t->relpath].value("key", "") == t->key &&
                     recorded[t->relpath].value("sha256", "") == sha256_file(path);
      if (!current || options.force)
        still.push_back(t);
      else
        result.unchanged.push_back(path);
    }
    todo = still;
  }
  remove_leftovers(options.out_dir);
  for (const MapDefinition& def : defs)
    remove_leftovers(options.out_dir + "/" + base_name(def.dir));
  // Which databases to make: those drawing a stale output, and any missing one.
  std::vector<bool> make(groups.size(), false);
  for (const Target* t : todo) make[t->group] = true;
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    bool used = gi == 0 || std::any_of(targets.begin(), targets.end(),
                                       [&](const Target& t) { return t.group == gi; });
    if (used && !exists(options.out_dir + "/" + groups[gi].db_name)) make[gi] = true;
  }
  if (todo.empty() && orphans.empty() &&
      std::none_of(make.begin(), make.end(), [](bool b) { return b; })) {
    out << "up to date: " << targets.size() << " outputs in " << options.out_dir << "\n";
    return result;
  }
  auto save_manifest = [&] {
    manifest["govmap"] = GOVMAP_VERSION;
    write_file_atomically(
        manifest_path,
        manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  };
  std::string tmp_db;
  auto drop_tmp = [&] {
    if (tmp_db.empty()) return;
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((tmp_db + suffix).c_str());
  };
  try {
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      if (!make[gi]) continue;
      const Group& g = groups[gi];
      std::string db_path = options.out_dir + "/" + g.db_name;
      tmp_db = db_path + ".building";
      drop_tmp();
      {
        Store store(tmp_db, Database::Mode::kReadWrite);
        ImportOptions import_options;
        import_options.snapshot_dates = g.inputs.snapshot_dates;
        import_paths(store, g.inputs.paths, import_options);
        for (const Target* t : todo) {
          if (t->group != gi) continue;
          const MapDefinition& def =
              *std::find_if(defs.begin(), defs.end(),
                            [&](const MapDefinition& d) { return base_name(d.dir) == t->map; });
          std::string dir = options.out_dir + "/" + t->map;
          make_dirs(dir);
          check_not_symlink(dir);
          std::string path = options.out_dir + "/" + t->relpath;
          check_not_symlink(path);
          std::string bytes;
          try {
            bytes = t->spec ? produce(store, *t, def, err) : t->text;
          } catch (const Error& e) {
            std::vector<Diagnostic> diags = e.diagnostics();
            diags.front().message = "building " + path + ": " + diags.front().message;
            throw Error(e.kind(), diags);
          }
          write_file_atomically(path, bytes);
          recorded[t->relpath] = {{"key", t->key}, {"sha256", sha256_text(bytes)}};
          result.built.push_back(path);
          out << "built " << path << "\n";
        }
      }
      // Checkpoint the WAL into the file before it replaces the old database.
      {
        Database db(tmp_db, Database::Mode::kReadWrite);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      if (std::rename(tmp_db.c_str(), db_path.c_str()) != 0)
        throw Error(Error::Kind::kIo, "cannot replace '" + db_path + "'");
      for (const char* suffix : {"-wal", "-shm"}) {
        std::remove((tmp_db + suffix).c_str());
        std::remove((db_path + suffix).c_str());
      }
      tmp_db.clear();
    }
    for (const std::string& o : orphans) {
      std::string path = options.out_dir + "/" + o;
      if (exists(path) && std::remove(path.c_str()) == 0) {
        result.removed.push_back(path);
        out << "removed " << path << " (no longer defined)\n";
      }
      recorded.erase(o);
    }
    save_manifest();
  } catch (...) {
    drop_tmp();
    save_manifest();
    throw;
  }
  out << "built " << result.built.size() << " of " << targets.size() << " outputs in "
      << options.out_dir << "\n";
  return result;
}

}  // namespace govmap
