#include "importers/import.h"

#include <sys/stat.h>

#include <ctime>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/kinds.h"
#include "core/store.h"
#include "core/suggest.h"
#include "importers/curated_map.h"

namespace govmap {
namespace {

const std::vector<std::string> kFormats = {"map"};

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string detect(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    throw Error(Error::Kind::kIo, "cannot read '" + path + "': no such file or directory");
  if (S_ISDIR(st.st_mode) && is_curated_map(path)) return "map";
  throw Error(Error::Kind::kInput,
              "'" + path + "' matches no known input format (tried: curated map folder with "
              "organisations.csv, relationships.csv and sources.csv)");
}

std::string counts_json(const DatasetContent& c) {
  nlohmann::ordered_json j;
  j["organisations"] = c.organisations.size();
  j["periods"] = c.periods.size();
  j["identifiers"] = c.identifiers.size();
  j["relationships"] = c.relationships.size();
  j["sources"] = c.sources.size();
  return j.dump();
}

}  // namespace

const std::vector<std::string>& import_format_names() { return kFormats; }

std::vector<ImportReport> import_paths(Store& store, const std::vector<std::string>& paths,
                                       const ImportOptions& options) {
  if (!options.format.empty() &&
      std::find(kFormats.begin(), kFormats.end(), options.format) == kFormats.end())
    throw Error(Error::Kind::kUsage, "--format: unknown format '" + options.format + "'" +
                                         did_you_mean(options.format, kFormats) +
                                         " (valid: " + join(kFormats) + ")");
  // Take the write lock before reading anything, so that what is checked is
  // what is written to: a concurrent import waits here rather than changing
  // the database between our checks and our commit.
  std::unique_ptr<Store::Transaction> txn;
  if (!options.dry_run) txn = store.begin();
  DiagnosticSink sink;
  std::vector<CuratedMap> maps;
  std::vector<ImportReport> reports;
  std::set<std::string> datasets;
  for (const std::string& path : paths) {
    std::string format = options.format.empty() ? detect(path) : options.format;
    (void)format;  // only curated maps so far
    CuratedMap map = read_curated_map(path, sink);
    if (!datasets.insert(map.content.dataset).second)
      throw Error(Error::Kind::kUsage, "two inputs would both be dataset '" + map.content.dataset +
                                           "' (map folders need distinct names)");
    ImportReport report;
    report.path = path;
    report.dataset = map.content.dataset;
    report.importer = "map";
    auto last = store.last_import(map.content.dataset);
    if (last && last->sha256 == map.sha256) {
      report.status = ImportReport::Status::kUnchanged;
      reports.push_back(report);
      continue;
    }
    report.status = options.dry_run ? ImportReport::Status::kWouldImport
                                    : ImportReport::Status::kImported;
    reports.push_back(report);
    maps.push_back(std::move(map));
  }
  sink.throw_if_any();

  std::set<std::string> replaced;
  for (const CuratedMap& m : maps) replaced.insert(m.content.dataset);
  World world = world_from(store, replaced);
  check_curated_maps(maps, world, sink);
  sink.throw_if_any();

  for (ImportReport& r : reports) {
    for (const CuratedMap& m : maps)
      if (m.content.dataset == r.dataset)
        r.diff = diff_datasets(load_dataset(store, r.dataset), m.content);
  }
  if (options.dry_run || maps.empty()) return reports;

  for (const CuratedMap& m : maps) apply_dataset(store, m.content);
  std::vector<std::string> dangling = store.dangling_references();
  if (!dangling.empty()) {
    std::vector<Diagnostic> diags;
    for (const std::string& d : dangling) {
      Diagnostic diag;
      diag.message = "after this import, " + d;
      diags.push_back(diag);
    }
    throw Error(Error::Kind::kInput, diags);
  }
  std::string when = now_utc();
  for (const CuratedMap& m : maps)
    store.record_import({m.dir, m.sha256, "map", m.content.dataset, when, counts_json(m.content)});
  txn->commit();
  return reports;
}

}  // namespace govmap
