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
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/diagram_input.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/store.h"
#include "importers/curated_map.h"
#include "importers/import.h"
#include "importers/map_definition.h"
#include "render/graphviz.h"
#include "render/output_file.h"

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

// Entries of a folder, sorted by name, without . and ..
std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) throw Error(Error::Kind::kIo, "cannot read folder '" + dir + "'");
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
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
};

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
  for (const std::string& name : list_dir(dir)) {
    size_t tmp = name.rfind(".tmp-");
    bool temp_file =
        name.size() > 1 && name[0] == '.' && tmp != std::string::npos && name.size() - tmp == 11;
    bool temp_db = name.rfind("govmap.db.building", 0) == 0;
    if (temp_file || temp_db) std::remove((dir + "/" + name).c_str());
  }
}

std::string input_hash(const std::vector<std::string>& map_dirs) {
  Sha256 h;
  h.update(std::string("govmap ") + GOVMAP_VERSION);
  for (const std::string& dir : map_dirs) {
    // Names relative to the maps folder, so "maps" and "./maps" agree.
    std::string map = dir.substr(dir.rfind('/') + 1);
    for (const std::string& name : list_dir(dir)) {
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
  DiagramRequest request{o.area, o.layer ? name_of(*o.layer) : "", title_or_default(o, def)};
  switch (o.kind) {
    case OutputSpec::Kind::kDiagram: {
      std::string dot = o.at ? diagram_dot(store, request, *o.at, std::nullopt, false)
                             : diagram_dot(store, request, *o.from, *o.to, o.diff);
      RenderedDiagram drawn = render_diagram(dot, *diagram_format_for("x." + t.format), o.engine);
      for (const std::string& w : drawn.warnings) err << t.relpath << ": graphviz: " << w << "\n";
      return drawn.bytes;
    }
    case OutputSpec::Kind::kReport:
      return report_page(store, request, *o.from, *o.to, o.engine, err);
    case OutputSpec::Kind::kDistance:
    case OutputSpec::Kind::kCompare: {
      std::vector<std::string> args;
      if (o.kind == OutputSpec::Kind::kDistance)
        args = {"distance", "--at", o.at->str()};
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
  std::vector<std::string> map_dirs;
  std::vector<Diagnostic> problems;
  for (const std::string& name : list_dir(options.maps_dir)) {
    std::string dir = options.maps_dir + "/" + name;
    if (!is_dir(dir) || !has_map_definition(dir)) continue;
    try {
      defs.push_back(read_map_definition(dir));
      map_dirs.push_back(dir);
    } catch (const Error& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw Error(Error::Kind::kInput, problems);
  if (defs.empty())
    throw Error(Error::Kind::kInput,
                "no map folder with a map.toml under '" + options.maps_dir + "'");

  // 2. What should exist, with its cache key.
  std::string inputs = input_hash(map_dirs);
  std::vector<Target> targets;
  for (const MapDefinition& def : defs) {
    std::string map = def.dir.substr(def.dir.rfind('/') + 1);
    for (const OutputSpec& o : def.outputs)
      for (const std::string& f : o.formats)
        targets.push_back({map, map + "/" + o.name + "." + f, f, &o,
                           sha256_text(inputs + "\x1f" + o.canonical() + "\x1f" + f)});
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
    remove_leftovers(options.out_dir + "/" + def.dir.substr(def.dir.rfind('/') + 1));
  std::string db_path = options.out_dir + "/govmap.db";
  if (todo.empty() && orphans.empty() && exists(db_path)) {
    out << "up to date: " << targets.size() << " outputs in " << options.out_dir << "\n";
    return result;
  }
  std::string tmp_db = db_path + ".building";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((tmp_db + suffix).c_str());
  auto save_manifest = [&] {
    manifest["govmap"] = GOVMAP_VERSION;
    write_file_atomically(
        manifest_path,
        manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  };
  try {
    {
      Store store(tmp_db, Database::Mode::kReadWrite);
      import_paths(store, map_dirs, {});
      for (const Target* t : todo) {
        const MapDefinition& def = *std::find_if(
            defs.begin(), defs.end(),
            [&](const MapDefinition& d) { return d.dir.substr(d.dir.rfind('/') + 1) == t->map; });
        std::string dir = options.out_dir + "/" + t->map;
        make_dirs(dir);
        check_not_symlink(dir);
        std::string path = options.out_dir + "/" + t->relpath;
        check_not_symlink(path);
        std::string bytes;
        try {
          bytes = produce(store, *t, def, err);
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
    for (const std::string& o : orphans) {
      std::string path = options.out_dir + "/" + o;
      if (exists(path) && std::remove(path.c_str()) == 0) {
        result.removed.push_back(path);
        out << "removed " << path << " (no longer defined)\n";
      }
      recorded.erase(o);
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
    save_manifest();
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((tmp_db + suffix).c_str());
    save_manifest();
    throw;
  }
  out << "built " << result.built.size() << " of " << targets.size() << " outputs in "
      << options.out_dir << "\n";
  return result;
}

}  // namespace govmap
