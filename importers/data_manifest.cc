#include "importers/data_manifest.h"

#include <sys/stat.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cstdio>

#include "core/csv.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/kinds.h"
#include "core/suggest.h"
#include "importers/toml_checker.h"

namespace govmap {
namespace {

const char* const kHeader =
    "# The national dataset shipped with govmap: every file in data/, where it came from,\n"
    "# its licence and its checksum (data/README.md explains each key). `govmap fetch`\n"
    "# rewrites this file; keep hand edits to the keys it knows.\n";

const std::vector<std::string> kKeys = {
    "attribution", "bytes",    "copy_of_commit", "copy_of_path", "copy_of_repository", "downloaded",
    "format",      "licence",  "name",           "page",         "publisher",          "rows",
    "sha256",      "snapshot", "title",          "url"};
const std::vector<std::string> kFormats = {"ods-etr", "ods-eccg", "ods-ect", "ods-succ", "ons"};

class Reader : public TomlChecker {
 public:
  Reader(std::string file, const std::string& text) : TomlChecker(std::move(file), text) {}

  std::string text(const toml::table& t, const char* key, bool required) {
    return TomlChecker::string(t, key, required ? "a [[file]]" : "");
  }

  uint64_t number(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (!n) {
      error(t.source(), std::string("a [[file]] needs '") + key + "'");
      return 0;
    }
    if (auto v = n->value<int64_t>(); v && *v >= 0) return static_cast<uint64_t>(*v);
    error(n->source(), std::string("'") + key + "' must be a whole number");
    return 0;
  }

  Date date(const toml::table& t, const char* key) {
    if (!t.get(key)) {
      error(t.source(), std::string("a [[file]] needs '") + key + "'");
      return Date();
    }
    return TomlChecker::date(t, key, "2025-01-01").value_or(Date());
  }

  void check_keys(const toml::table& t) { TomlChecker::check_keys(t, kKeys, "[[file]]"); }
};

bool plain_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

const DataFile* DataManifest::find(const std::string& name) const {
  for (const DataFile& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

DataFile* DataManifest::find(const std::string& name) {
  for (DataFile& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> DataManifest::names() const {
  std::vector<std::string> out;
  for (const DataFile& f : files) out.push_back(f.name);
  return out;
}

std::string data_dir_beside(const std::string& maps_dir) {
  std::string dir = maps_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  size_t slash = dir.rfind('/');
  std::string last = slash == std::string::npos ? dir : dir.substr(slash + 1);
  if (last.empty() || last == "." || last == "..") return dir + "/../data";
  if (slash == std::string::npos) return "data";
  return (slash == 0 ? std::string() : dir.substr(0, slash)) + "/data";
}

DataManifest parse_data_manifest(const std::string& dir, const std::string& text) {
  DataManifest m;
  m.dir = dir;
  m.path = dir + "/MANIFEST.toml";
  Reader r(m.path, text);
  toml::table root;
  try {
    root = toml::parse(text, m.path);
  } catch (const toml::parse_error& e) {
    r.error(e.source(), "invalid TOML: " + std::string(e.description()));
    r.sink().throw_if_any();
  }
  for (const auto& [key, node] : root)
    if (key.str() != "file")
      r.error(key.source(), "unknown key '" + std::string(key.str()) +
                                "' (a manifest holds only [[file]] tables)");
  if (const toml::node* files = root.get("file")) {
    const toml::array* arr = files->as_array();
    if (!arr) r.error(files->source(), "'file' must be written as [[file]] tables");
    for (size_t i = 0; arr && i < arr->size(); ++i) {
      const toml::table* t = (*arr)[i].as_table();
      if (!t) {
        r.error((*arr)[i].source(), "'file' must be written as [[file]] tables");
        continue;
      }
      r.check_keys(*t);
      DataFile f;
      f.line = static_cast<int>(t->source().begin.line);
      f.name = r.text(*t, "name", true);
      if (!f.name.empty() && !plain_name(f.name))
        r.error(t->get("name")->source(),
                "'" + f.name + "' must be a plain file name inside the data folder");
      for (const DataFile& other : m.files)
        if (!f.name.empty() && other.name == f.name)
          r.error(t->get("name")->source(),
                  "'" + f.name + "' is already listed on line " + std::to_string(other.line));
      f.format = r.text(*t, "format", true);
      if (t->get("format") &&
          std::find(kFormats.begin(), kFormats.end(), f.format) == kFormats.end())
        r.error(t->get("format")->source(), "unknown format '" + f.format + "'" +
                                                did_you_mean(f.format, kFormats) +
                                                " (valid: " + join(kFormats) + ")");
      f.title = r.text(*t, "title", true);
      f.publisher = r.text(*t, "publisher", true);
      f.page = r.text(*t, "page", true);
      f.url = r.text(*t, "url", false);
      f.licence = r.text(*t, "licence", true);
      f.attribution = r.text(*t, "attribution", true);
      f.snapshot = r.date(*t, "snapshot");
      f.copy_of_repository = r.text(*t, "copy_of_repository", false);
      f.copy_of_path = r.text(*t, "copy_of_path", false);
      f.copy_of_commit = r.text(*t, "copy_of_commit", false);
      f.downloaded = r.text(*t, "downloaded", false);
      if (f.downloaded.empty() && f.copy_of_repository.empty())
        r.error(t->source(),
                "a [[file]] needs where it came from: 'downloaded' (written by "
                "govmap fetch) or 'copy_of_repository', 'copy_of_path' and "
                "'copy_of_commit'");
      f.bytes = r.number(*t, "bytes");
      f.rows = r.number(*t, "rows");
      f.sha256 = r.text(*t, "sha256", true);
      if (t->get("sha256") && (f.sha256.size() != 64 ||
                               f.sha256.find_first_not_of("0123456789abcdef") != std::string::npos))
        r.error(t->get("sha256")->source(), "'sha256' must be 64 lower-case hex digits");
      m.files.push_back(std::move(f));
    }
  }
  r.sink().throw_if_any();
  return m;
}

DataManifest read_data_manifest(const std::string& dir) {
  std::string path = dir + "/MANIFEST.toml";
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    throw Error(Error::Kind::kIo, "cannot read '" + path +
                                      "': no such file (the data folder beside maps/ holds the "
                                      "national dataset and its MANIFEST.toml)");
  return parse_data_manifest(dir, read_file(path));
}

std::string data_manifest_text(const DataManifest& manifest) {
  std::string out = kHeader;
  auto kv = [&out](const char* key, const std::string& value) {
    out += std::string(key) + " = " + value + "\n";
  };
  for (const DataFile& f : manifest.files) {
    out += "\n[[file]]\n";
    kv("name", quoted(f.name));
    kv("format", quoted(f.format));
    kv("title", quoted(f.title));
    kv("publisher", quoted(f.publisher));
    kv("page", quoted(f.page));
    if (!f.url.empty()) kv("url", quoted(f.url));
    kv("licence", quoted(f.licence));
    kv("attribution", quoted(f.attribution));
    kv("snapshot", f.snapshot.str());
    if (!f.copy_of_repository.empty()) {
      kv("copy_of_repository", quoted(f.copy_of_repository));
      kv("copy_of_path", quoted(f.copy_of_path));
      kv("copy_of_commit", quoted(f.copy_of_commit));
    }
    if (!f.downloaded.empty()) kv("downloaded", quoted(f.downloaded));
    kv("bytes", std::to_string(f.bytes));
    kv("rows", std::to_string(f.rows));
    kv("sha256", quoted(f.sha256));
  }
  return out;
}

void verify_data_file(const DataManifest& manifest, const DataFile& file) {
  std::string path = manifest.dir + "/" + file.name;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    throw Error(Error::Kind::kInput, path + ": listed in " + manifest.path + " line " +
                                         std::to_string(file.line) + " but missing");
  std::string problem;
  if (static_cast<uint64_t>(st.st_size) != file.bytes)
    problem =
        std::to_string(st.st_size) + " bytes, the manifest records " + std::to_string(file.bytes);
  else if (std::string sha = sha256_file(path); sha != file.sha256)
    problem = "SHA-256 " + sha + ", the manifest records " + file.sha256;
  if (!problem.empty())
    throw Error(Error::Kind::kInput,
                path + ": not the file " + manifest.path + " line " + std::to_string(file.line) +
                    " records (" + problem +
                    "); the shipped data must stay as published: restore it (git checkout -- " +
                    path + ") or replace it with `govmap fetch`");
}

uint64_t count_data_rows(const std::string& path, const std::string& format) {
  CsvReader reader(path);
  CsvRecord rec;
  uint64_t n = 0;
  while (reader.next(rec)) ++n;
  return format == "ons" && n > 0 ? n - 1 : n;
}

}  // namespace govmap
