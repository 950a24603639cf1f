#include "importers/import.h"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/hash.h"
#include "core/kinds.h"
#include "core/precedence.h"
#include "core/progress.h"
#include "core/store.h"
#include "core/suggest.h"
#include "importers/curated_map.h"
#include "importers/ods.h"
#include "importers/ons.h"
#include "importers/org_index.h"

namespace govmap {
namespace {

const std::vector<std::string> kFormats = {"map",     "ods-etr",  "ods-eccg",
                                           "ods-ect", "ods-succ", "ons"};

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
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

// One input being imported.
struct Input {
  size_t order = 0;  // position on the command line, for the report
  std::string path;
  std::string format;
  std::optional<CuratedMap> map;
  std::optional<OdsFile> ods;
  std::optional<OnsFile> ons;
};

// When inputs are processed: maps, then ONS, then ODS extracts, then succ, so
// that each can see the organisations the earlier ones define.
int stage(const std::string& format) {
  if (format == "map") return 0;
  if (format == "ons") return 1;
  if (format == "ods-succ") return 3;
  return 2;
}

// Adds a data dataset's new content to the world the curated maps are checked
// against.
void add_to_world(World& world, const DatasetContent& c) {
  std::set<std::string> touched;
  for (const auto& [id, p] : c.periods) {
    Organisation& o = world.organisations[id];
    o.id = id;
    o.periods.push_back(p);
    touched.insert(id);
  }
  for (const std::string& id : touched) {
    Organisation& o = world.organisations[id];
    o.periods = effective_periods(std::move(o.periods));
  }
  for (const auto& [id, i] : c.identifiers) {
    auto it = world.organisations.find(id);
    if (it != world.organisations.end()) it->second.identifiers.push_back(i);
  }
  for (const Source& s : c.sources) world.sources.emplace(s.id, s);
  for (const Relationship& r : c.relationships) world.relationships.push_back(r);
}

}  // namespace

const std::vector<std::string>& import_format_names() {
  return kFormats;
}

std::string detect_format(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    throw Error(Error::Kind::kIo, "cannot read '" + path + "': no such file or directory");
  check_input_size(path);  // before sniffing, so a huge file gets the real reason
  if (S_ISDIR(st.st_mode)) {
    if (is_curated_map(path)) return "map";
    throw Error(Error::Kind::kInput,
                "'" + path +
                    "' matches no known input format (tried: curated map folder, but it "
                    "holds no organisations.csv; a folder cannot be an ODS or ONS file)");
  }
  std::string ons_why, ods_why;
  if (detect_ons(path, &ons_why)) return "ons";
  if (auto f = detect_ods(path, &ods_why)) return ods_format_name(*f);
  throw Error(
      Error::Kind::kInput,
      "'" + path +
          "' matches no known input format (tried: curated map folder: not a "
          "folder; ONS lookup or names file, read by a header with columns such as CCG21CD: " +
          ons_why +
          "; ODS extract, headerless with 27 or 24 fields (etr, eccg, ect) or 5 "
          "fields (succ): " +
          ods_why + "). Use --format (" + join(kFormats) + ") if the file is one of these");
}

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

  // Steps: reading each input, merging each data file, checking the maps,
  // writing the database.
  ProgressScope progress(options.progress);
  const size_t steps = paths.size() * 2 + 2;
  size_t step = 0;

  // Read and check every input first.
  DiagnosticSink sink;
  std::vector<Input> inputs;
  std::set<std::string> map_datasets;
  for (size_t i = 0; i < paths.size(); ++i) {
    Input in;
    in.order = i;
    in.path = paths[i];
    progress.update("reading " + paths[i], step++, steps);
    in.format = options.format.empty() ? detect_format(paths[i]) : options.format;
    if (in.format == "map") {
      in.map = read_curated_map(in.path, sink);
      if (!map_datasets.insert(in.map->content.dataset).second)
        throw Error(Error::Kind::kUsage, "two inputs would both be dataset '" +
                                             in.map->content.dataset +
                                             "' (map folders need distinct names)");
    } else if (in.format == "ons") {
      in.ons = read_ons(in.path, sink);
    } else {
      OdsFormat f = *parse_ods_format(in.format);
      if (ods_needs_as_of(f) && !options.as_of)
        throw Error(Error::Kind::kUsage,
                    in.path + ": an ODS " + in.format.substr(4) +
                        " extract does not say on which date it was taken; give that date with "
                        "--as-of YYYY-MM-DD (it dates the part_of relationships from fields 3 and "
                        "4 and closes codes missing from the extract)");
      in.ods = read_ods(in.path, f, sink);
    }
    inputs.push_back(std::move(in));
  }
  sink.throw_if_any();
  std::stable_sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) {
    return stage(a.format) < stage(b.format);
  });

  std::vector<ImportReport> reports(inputs.size());
  OrgIndex index(store);

  // Curated maps: unchanged ones are skipped; the rest are checked below.
  std::vector<CuratedMap*> maps;
  for (Input& in : inputs) {
    if (!in.map) continue;
    ImportReport& report = reports[in.order];
    report.path = in.path;
    report.dataset = in.map->content.dataset;
    report.importer = "map";
    report.warnings = in.map->warnings;
    auto last = store.last_import(report.dataset);
    if (last && last->sha256 == in.map->sha256) {
      report.status = ImportReport::Status::kUnchanged;
      continue;
    }
    report.status =
        options.dry_run ? ImportReport::Status::kWouldImport : ImportReport::Status::kImported;
    index.update(in.map->content);
    maps.push_back(&*in.map);
  }

  // Data files: each merges its snapshot into its dataset's content so far.
  std::map<std::string, DatasetContent> data;  // dataset -> content after the inputs so far
  std::vector<std::pair<const Input*, std::string>> recorded;  // changed data inputs, dataset
  for (const Input& in : inputs) {
    if (in.map) continue;
    progress.update("merging " + in.path, step++, steps);
    ImportReport& report = reports[in.order];
    report.path = in.path;
    report.importer = in.format;
    report.dataset = in.ons ? kOnsDataset : ods_dataset(in.ods->format);
    if (!data.count(report.dataset)) data[report.dataset] = load_dataset(store, report.dataset);
    DatasetContent& current = data[report.dataset];
    Warnings warnings;
    DatasetContent next = in.ons ? merge_ons(current, *in.ons, index, warnings)
                                 : merge_ods(current, *in.ods, options.as_of, index, warnings);
    report.diff = diff_datasets(current, next);
    report.warnings = warnings.messages;
    if (report.diff.empty()) {
      report.status = ImportReport::Status::kUnchanged;
      continue;
    }
    report.status =
        options.dry_run ? ImportReport::Status::kWouldImport : ImportReport::Status::kImported;
    current = std::move(next);
    index.update(current);
    recorded.push_back({&in, report.dataset});
  }
  std::set<std::string> changed_data;
  for (const auto& [in, dataset] : recorded) changed_data.insert(dataset);

  // Check the maps against the database and everything imported with them.
  std::set<std::string> replaced(changed_data);
  for (const CuratedMap* m : maps) replaced.insert(m->content.dataset);
  step = paths.size() * 2;
  if (!maps.empty()) {
    progress.update("checking the maps", step, steps);
    World world = world_from(store, replaced);
    for (const std::string& d : changed_data) add_to_world(world, data[d]);
    std::vector<CuratedMap> checked;
    for (CuratedMap* m : maps) checked.push_back(std::move(*m));
    check_curated_maps(checked, world, sink);
    sink.throw_if_any();
    for (size_t i = 0; i < maps.size(); ++i) *maps[i] = std::move(checked[i]);
    // An identifier a map gives that a data dataset gives another organisation:
    // both are kept until that dataset's files are imported again.
    std::map<std::string, std::vector<Store::IdentifierRow>> held;
    for (const Store::IdentifierRow& row : store.identifier_rows())
      if (dataset_rank(row.dataset) != 0 && !changed_data.count(row.dataset))
        held[row.identifier.scheme + ":" + row.identifier.value].push_back(row);
    for (const auto& [d, c] : data)
      if (changed_data.count(d))
        for (const auto& [id, i] : c.identifiers)
          held[i.scheme + ":" + i.value].push_back({id, i, d});
    for (const CuratedMap* m : maps) {
      for (const auto& [id, i] : m->content.identifiers) {
        for (const Store::IdentifierRow& row : held[i.scheme + ":" + i.value]) {
          if (row.org_id == id) continue;
          for (ImportReport& r : reports)
            if (r.importer == "map" && r.dataset == m->content.dataset)
              r.warnings.push_back("identifier " + i.scheme + ":" + i.value +
                                   " is also given to '" + row.org_id + "' by dataset " +
                                   row.dataset + "; import that dataset's files again to merge '" +
                                   row.org_id + "' into '" + id + "'");
        }
      }
    }
    for (const CuratedMap* m : maps)
      for (ImportReport& r : reports)
        if (r.importer == "map" && r.dataset == m->content.dataset)
          r.diff = diff_datasets(load_dataset(store, r.dataset), m->content);
  }
  if (options.dry_run || (maps.empty() && changed_data.empty())) return reports;

  progress.update("writing " + store.path(), steps - 1, steps);
  for (const CuratedMap* m : maps) apply_dataset(store, m->content);
  for (const std::string& d : changed_data) apply_dataset(store, data[d]);
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
  for (const CuratedMap* m : maps)
    store.record_import(
        {m->dir, m->sha256, "map", m->content.dataset, when, counts_json(m->content)});
  for (const auto& [in, dataset] : recorded) {
    const std::string& sha = in->ons ? in->ons->sha256 : in->ods->sha256;
    store.record_import({in->path, sha, in->format, dataset, when, counts_json(data[dataset])});
  }
  txn->commit();
  return reports;
}

}  // namespace govmap
