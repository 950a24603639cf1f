#include "importers/fetch.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <ostream>
#include <set>

#include "core/error.h"
#include "core/hash.h"
#include "core/kinds.h"
#include "core/path.h"
#include "core/store.h"
#include "importers/import.h"
#include "importers/ods.h"
#include "importers/ons.h"

namespace govmap {
namespace {

constexpr const char* kNewSuffix = ".fetch-new";

std::string temp_path(const std::string& dir, const std::string& name) {
  return dir + "/." + name + kNewSuffix;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Flushes a file to the disk, so a rename after it never exposes a file whose
// bytes are still only in memory.
void sync_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw Error(Error::Kind::kIo, "cannot flush '" + path + "' to disk");
  }
  ::close(fd);
}

void write_synced(const std::string& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  bool ok = f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (f && std::fclose(f) != 0) ok = false;
  if (!ok) throw Error(Error::Kind::kIo, "cannot write '" + path + "'");
  sync_file(path);
}

void rename_or_throw(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0)
    throw Error(Error::Kind::kIo, "cannot replace '" + to + "' by '" + from + "'");
}

class FetchLock {
 public:
  explicit FetchLock(const std::string& dir) {
    std::string path = dir + "/.fetch.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd_ < 0) throw Error(Error::Kind::kIo, "cannot create '" + path + "'");
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      throw Error(Error::Kind::kIo, "another govmap fetch is running in " + dir);
    }
  }
  ~FetchLock() { ::close(fd_); }
  FetchLock(const FetchLock&) = delete;
  FetchLock& operator=(const FetchLock&) = delete;

 private:
  int fd_ = -1;
};

// What must stay the same between releases for a file to count as the same
// product: the number of fields of an ODS extract, the column families (with
// their years) of an ONS file. Reading the whole file also checks every row.
std::string layout_of(const std::string& path, const std::string& format, DiagnosticSink& sink) {
  if (format == "ons") {
    OnsFile f = read_ons(path, sink);
    std::vector<std::string> families;
    for (const OnsFamily& fam : f.families)
      families.push_back(fam.prefix + std::to_string(fam.year));
    return "columns of " + join(families);
  }
  OdsFile f = read_ods(path, *parse_ods_format(format), sink);
  return std::to_string(f.fields) + " fields per row";
}

std::string describe_format(const std::string& format) {
  if (format == "ons") return "an ONS lookup or names file";
  return "an ODS " + format.substr(4) + (format == "ods-succ" ? " file" : " extract");
}

// The download must be what the manifest says it is, readable as such, with
// the old layout. Throws Error(kInput) naming the file and what changed.
void check_download(const DataManifest& m, const DataFile& f, const std::string& tmp) {
  std::string what;
  std::string detected;
  try {
    detected = detect_format(tmp);
  } catch (const Error& e) {
    what = "it is no longer " + describe_format(f.format) + " (" + e.diagnostics().front().message +
           ")";
  }
  if (what.empty() && detected != f.format)
    what = "it is now " + describe_format(detected) + ", not " + describe_format(f.format);
  if (what.empty()) {
    DiagnosticSink old_sink, new_sink;
    std::string before = layout_of(m.dir + "/" + f.name, f.format, old_sink);
    std::string after = layout_of(tmp, f.format, new_sink);
    if (!new_sink.empty()) {
      try {
        new_sink.throw_if_any();
      } catch (const Error& e) {
        const Diagnostic& d = e.diagnostics().front();
        what = std::to_string(new_sink.count()) + " rows no longer read (line " +
               std::to_string(d.line) + ": " + d.message + ")";
      }
    } else if (before != after) {
      what = "its layout changed: " + after + ", was " + before;
    }
  }
  if (!what.empty())
    throw Error(Error::Kind::kInput, m.dir + "/" + f.name +
                                         ": the new release is not replacing it: " + what +
                                         "; nothing was replaced");
}

std::vector<std::string> leftovers(const std::string& dir) {
  std::vector<std::string> out;
  std::vector<std::string> names;
  try {
    names = folder_entries(dir);
  } catch (const Error&) {
    return out;  // no folder, no leftovers
  }
  for (const std::string& n : names)
    if (n.size() > std::string(kNewSuffix).size() + 1 && n[0] == '.' &&
        n.compare(n.size() - std::string(kNewSuffix).size(), std::string::npos, kNewSuffix) == 0)
      out.push_back(dir + "/" + n);
  return out;
}

// Imports a set of data files into a scratch database.
std::unique_ptr<Store> import_set(const std::vector<std::string>& paths,
                                  const std::map<std::string, Date>& dates) {
  auto store = std::make_unique<Store>(":memory:", Database::Mode::kReadWrite);
  ImportOptions o;
  o.snapshot_dates = dates;
  import_paths(*store, paths, o);
  return store;
}

bool needs_date(const std::string& format) {
  return format == "ods-etr" || format == "ods-eccg" || format == "ods-ect";
}

bool is_open(const Organisation& o) {
  return !o.periods.empty() && !o.periods.back().valid.to;
}

void compare_stores(const Store& before, const Store& after, FetchResult& r) {
  std::set<std::string> datasets;
  for (const Store* s : {&before, &after})
    for (const Source& src : s->sources()) datasets.insert(src.dataset);
  for (const std::string& d : datasets) {
    DatasetDiff diff = diff_datasets(load_dataset(before, d), load_dataset(after, d));
    if (!diff.empty()) r.datasets.push_back({d, diff});
  }
  std::map<std::string, Organisation> old_orgs;
  for (Organisation& o : before.organisations()) old_orgs.emplace(o.id, std::move(o));
  for (const Organisation& o : after.organisations()) {
    if (o.periods.empty() || o.periods.back().placeholder) continue;
    auto it = old_orgs.find(o.id);
    bool was_open = it != old_orgs.end() && is_open(it->second);
    const OrgPeriod& last = o.periods.back();
    if (is_open(o) && !was_open)
      r.opened.push_back(
          {o.id, last.name, it == old_orgs.end() ? o.periods.front().valid.from : last.valid.from});
    else if (!is_open(o) && was_open)
      r.closed.push_back({o.id, last.name, *last.valid.to});
  }
  auto keys = [](const Store& s) {
    std::set<std::string> k;
    for (const Relationship& rel : s.relationships())
      k.insert(rel.key() + "\x1f" + rel.valid.str());
    return k;
  };
  std::set<std::string> a = keys(before), b = keys(after);
  for (const std::string& k : b) r.relationships_added += a.count(k) ? 0 : 1;
  for (const std::string& k : a) r.relationships_removed += b.count(k) ? 0 : 1;
}

std::string counts(const char* what, const ChangeCounts& c) {
  std::string s = std::string(what) + " +" + std::to_string(c.added) + " ~" +
                  std::to_string(c.changed) + " -" + std::to_string(c.removed);
  if (c.closed) s += " (" + std::to_string(c.closed) + " closed)";
  return s;
}

std::string dataset_line(const DatasetDiff& d) {
  return counts("organisations", d.organisations) + ", " + counts("periods", d.periods) + ", " +
         counts("relationships", d.relationships);
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Names come from the data: escape what Markdown would read as markup.
std::string markdown_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string("\\`*_{}[]<>()#+-.!|~").find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

constexpr size_t kListed = 50;  // bodies named in a summary; the rest are counted

}  // namespace

bool FetchResult::changed() const {
  return std::any_of(files.begin(), files.end(), [](const FetchedFile& f) { return f.changed; });
}

void recover_fetch(const std::string& dir) {
  std::string new_manifest = dir + "/.MANIFEST.toml" + kNewSuffix;
  if (exists(new_manifest)) {
    // The commit had begun: every download in it is complete and checked.
    DataManifest m = parse_data_manifest(dir, read_file(new_manifest));
    for (const DataFile& f : m.files)
      if (exists(temp_path(dir, f.name)))
        rename_or_throw(temp_path(dir, f.name), dir + "/" + f.name);
    rename_or_throw(new_manifest, dir + "/MANIFEST.toml");
  }
  for (const std::string& path : leftovers(dir)) std::remove(path.c_str());
}

FetchResult run_fetch(const FetchOptions& options, std::ostream& progress) {
  const std::string& dir = options.data_dir;
  FetchLock lock(dir);
  recover_fetch(dir);
  DataManifest m = read_data_manifest(dir);
  for (const DataFile& f : m.files) verify_data_file(m, f);

  FetchResult r;
  std::vector<std::string> temps;
  auto cleanup = [&] {
    for (const std::string& t : temps) std::remove(t.c_str());
  };
  try {
    // 1. Download everything, checking each file before the next.
    for (const DataFile& f : m.files) {
      if (f.url.empty()) {
        r.not_fetched.push_back(f.name);
        continue;
      }
      std::string url = options.base_url.empty() ? f.url : options.base_url + "/" + f.name;
      std::string tmp = temp_path(dir, f.name);
      temps.push_back(tmp);
      progress << "fetching " << f.name << " from " << url << "\n" << std::flush;
      try {
        download_to_file(url, tmp, options.limits);
      } catch (const Error& e) {
        throw Error(e.kind(), m.dir + "/" + f.name + ": " + e.diagnostics().front().message +
                                  "; nothing was replaced");
      }
      FetchedFile got;
      got.name = f.name;
      got.url = url;
      got.old_bytes = f.bytes;
      got.old_rows = f.rows;
      got.old_sha256 = f.sha256;
      got.old_snapshot = got.new_snapshot = f.snapshot;
      got.new_sha256 = sha256_file(tmp);
      got.changed = got.new_sha256 != f.sha256;
      got.new_bytes = got.old_bytes;
      got.new_rows = got.old_rows;
      if (got.changed) {
        check_download(m, f, tmp);
        struct stat st;
        ::stat(tmp.c_str(), &st);
        got.new_bytes = static_cast<uint64_t>(st.st_size);
        got.new_rows = count_data_rows(tmp, f.format);
        // An ODS extract carries no date: it describes the day it was downloaded.
        if (needs_date(f.format)) got.new_snapshot = today();
      }
      r.files.push_back(got);
    }
    if (!r.changed()) {
      cleanup();
      return r;
    }

    // 2. What the change means: the old and the new set, imported side by side.
    std::vector<std::string> old_paths, new_paths;
    std::map<std::string, Date> old_dates, new_dates;
    for (const DataFile& f : m.files) {
      std::string path = dir + "/" + f.name, next = path;
      Date date = f.snapshot;
      for (const FetchedFile& got : r.files)
        if (got.name == f.name && got.changed) {
          next = temp_path(dir, f.name);
          date = got.new_snapshot;
        }
      old_paths.push_back(path);
      new_paths.push_back(next);
      if (needs_date(f.format)) {
        old_dates[path] = f.snapshot;
        new_dates[next] = date;
      }
    }
    progress << "comparing the old and the new data\n" << std::flush;
    std::unique_ptr<Store> before = import_set(old_paths, old_dates);
    std::unique_ptr<Store> after = import_set(new_paths, new_dates);
    compare_stores(*before, *after, r);

    if (options.dry_run) {
      cleanup();
      return r;
    }

    // 3. Commit: the new manifest first (it marks the commit as begun), then
    // the files, then the manifest over the old one.
    std::string stamp = now_utc();
    for (const FetchedFile& got : r.files) {
      if (!got.changed) {
        std::remove(temp_path(dir, got.name).c_str());
        continue;
      }
      DataFile& f = *m.find(got.name);
      f.bytes = got.new_bytes;
      f.rows = got.new_rows;
      f.sha256 = got.new_sha256;
      f.snapshot = got.new_snapshot;
      f.downloaded = stamp;
      f.copy_of_repository.clear();
      f.copy_of_path.clear();
      f.copy_of_commit.clear();
      sync_file(temp_path(dir, got.name));
    }
    std::string new_manifest = dir + "/.MANIFEST.toml" + kNewSuffix;
    temps.push_back(new_manifest);
    write_synced(new_manifest, data_manifest_text(m));
  } catch (...) {
    cleanup();
    throw;
  }
  recover_fetch(dir);
  r.replaced = true;
  return r;
}

std::string fetch_summary_text(const FetchResult& r) {
  std::string out;
  size_t changed = 0;
  for (const FetchedFile& f : r.files) changed += f.changed ? 1 : 0;
  out += "fetched " + plural(r.files.size(), "file", "files") + ": " + std::to_string(changed) +
         " changed, " + std::to_string(r.files.size() - changed) + " unchanged";
  if (!r.not_fetched.empty())
    out += " (" + plural(r.not_fetched.size(), "dated release is", "dated releases are") +
           " not fetched)";
  out += "\n";
  for (const FetchedFile& f : r.files) {
    if (!f.changed) {
      out += "unchanged: " + f.name + "\n";
      continue;
    }
    out += std::string(r.replaced ? "replaced: " : "would replace: ") + f.name + " (" +
           std::to_string(f.old_bytes) + " -> " + std::to_string(f.new_bytes) + " bytes, " +
           std::to_string(f.old_rows) + " -> " + std::to_string(f.new_rows) + " rows, snapshot " +
           f.old_snapshot.str() + " -> " + f.new_snapshot.str() + ")\n";
  }
  for (const auto& [d, diff] : r.datasets) out += "dataset " + d + ": " + dataset_line(diff) + "\n";
  auto bodies = [&out](const char* what, const std::vector<FetchedBody>& list) {
    if (list.empty()) return;
    out += std::string(what) + ": " + plural(list.size(), "body", "bodies") + "\n";
    for (size_t i = 0; i < list.size() && i < kListed; ++i)
      out += "  " + list[i].id + " " + list[i].name + " (" + list[i].date.str() + ")\n";
    if (list.size() > kListed)
      out += "  ... and " + std::to_string(list.size() - kListed) + " more\n";
  };
  bodies("opened", r.opened);
  bodies("closed", r.closed);
  if (r.changed())
    out += "relationships: +" + std::to_string(r.relationships_added) + " -" +
           std::to_string(r.relationships_removed) + "\n";
  return out;
}

std::string fetch_summary_markdown(const FetchResult& r) {
  std::string out = "## National data: ";
  out += r.changed() ? "new releases\n\n" : "no change\n\n";
  out += "| File | Status | Bytes | Rows | Snapshot |\n|---|---|---|---|---|\n";
  for (const FetchedFile& f : r.files) {
    if (f.changed)
      out += "| `" + f.name + "` | changed | " + std::to_string(f.old_bytes) + " → " +
             std::to_string(f.new_bytes) + " | " + std::to_string(f.old_rows) + " → " +
             std::to_string(f.new_rows) + " | " + f.old_snapshot.str() + " → " +
             f.new_snapshot.str() + " |\n";
    else
      out += "| `" + f.name + "` | unchanged | " + std::to_string(f.old_bytes) + " | " +
             std::to_string(f.old_rows) + " | " + f.old_snapshot.str() + " |\n";
  }
  if (!r.not_fetched.empty())
    out += "\nNot fetched (dated releases, no download URL): " +
           plural(r.not_fetched.size(), "file", "files") + ".\n";
  if (!r.datasets.empty()) {
    out += "\n| Dataset | Organisations | Periods | Relationships |\n|---|---|---|---|\n";
    auto cell = [](const ChangeCounts& c) {
      std::string s = "+" + std::to_string(c.added) + " ~" + std::to_string(c.changed) + " −" +
                      std::to_string(c.removed);
      if (c.closed) s += " (" + std::to_string(c.closed) + " closed)";
      return s;
    };
    for (const auto& [d, diff] : r.datasets)
      out += "| `" + d + "` | " + cell(diff.organisations) + " | " + cell(diff.periods) + " | " +
             cell(diff.relationships) + " |\n";
  }
  auto bodies = [&out](const char* what, const std::vector<FetchedBody>& list) {
    if (list.empty()) return;
    out += "\n**" + std::string(what) + "** (" + std::to_string(list.size()) + "):\n\n";
    for (size_t i = 0; i < list.size() && i < kListed; ++i) {
      out += "- `" + list[i].id + "` " + markdown_text(list[i].name) + " (" + list[i].date.str() +
             ")\n";
    }
    if (list.size() > kListed)
      out += "- … and " + std::to_string(list.size() - kListed) + " more\n";
  };
  bodies("Bodies opened", r.opened);
  bodies("Bodies closed", r.closed);
  if (r.changed())
    out += "\nRelationships: +" + std::to_string(r.relationships_added) + " added, −" +
           std::to_string(r.relationships_removed) + " removed.\n";
  return out;
}

}  // namespace govmap
