#include "importers/import.h"

#include <sys/stat.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <limits>
#include <ctime>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/kinds.h"
#include "core/precedence.h"
#include "core/progress.h"
#include "core/store.h"
#include "core/suggest.h"
#include "importers/curated_map.h"
#include "importers/map_definition.h"
#include "importers/map_inputs.h"
#include "importers/ods.h"
#include "importers/ons.h"
#include "importers/org_index.h"
#include "importers/recompute.h"
#include "importers/rules_import.h"
#include "importers/time_model.h"

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
  std::optional<Date> as_of;  // an ODS extract's snapshot date
  bool assumed = false;       // as_of was taken from the file itself
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
  CsvReader probe(path);
  CsvRecord first;
  bool semicolons = false;
  try {
    semicolons = probe.next(first) && looks_semicolon_separated(first.raw_line);
  } catch (const Error&) {
    semicolons = false;  // the sniffers above have said what is wrong with it
  }
  if (semicolons) {
    Diagnostic d = diagnostic_at(path, first, 0, std::string("the file ") + kSemicolonHint);
    d.span = 0;
    throw Error(Error::Kind::kInput, {d});
  }
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

namespace {

// An import's heap grows to hundreds of megabytes and shrinks between its
// steps; glibc would hand the freed top back to the kernel (and large vectors
// their own mappings), and every page taken again is zeroed by the kernel
// first: a tenth of a large import's time. The process ends soon after, so
// the memory is kept instead.
void keep_freed_memory() {
#ifdef __GLIBC__
  mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
#endif
}

}  // namespace

std::vector<ImportReport> import_paths(Store& store, const std::vector<std::string>& paths,
                                       const ImportOptions& options) {
  keep_freed_memory();
  if (!options.format.empty() &&
      std::find(kFormats.begin(), kFormats.end(), options.format) == kFormats.end())
    throw Error(Error::Kind::kUsage, "--format: unknown format '" + options.format + "'" +
                                         did_you_mean(options.format, kFormats) +
                                         " (valid: " + join(kFormats) + ")");
  // Maps bring the maps they depend on (map.toml `depends`).
  std::vector<std::string> all_paths =
      options.format.empty() || options.format == "map" ? with_map_dependencies(paths) : paths;
  // Take the write lock before reading anything, so that what is checked is
  // what is written to: a concurrent import waits here rather than changing
  // the database between our checks and our commit.
  std::unique_ptr<Store::Transaction> txn;
  if (!options.dry_run) txn = store.begin();

  // Steps: reading each input, merging each data file, checking the maps,
  // writing the database.
  ProgressScope progress(options.progress);
  const size_t steps = all_paths.size() * 2 + 2;
  size_t step = 0;

  // Read and check every input first.
  DiagnosticSink sink;
  std::vector<Input> inputs;
  std::set<std::string> map_datasets;
  for (size_t i = 0; i < all_paths.size(); ++i) {
    Input in;
    in.order = i;
    in.path = all_paths[i];
    progress.update("reading " + all_paths[i], step++, steps);
    in.format = options.format.empty() ? detect_format(all_paths[i]) : options.format;
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
      in.ods = read_ods(in.path, f, sink);
      auto dated = options.snapshot_dates.find(in.path);
      in.as_of = dated != options.snapshot_dates.end() ? dated->second : options.as_of;
      if (ods_needs_as_of(f) && !in.as_of) {
        in.as_of = ods_bounding_date(*in.ods);
        in.assumed = true;
        if (!in.as_of && sink.empty())
          throw Error(Error::Kind::kUsage,
                      in.path + ": this ODS " + in.format.substr(4) +
                          " extract records no close date, so it does not say when it was taken "
                          "(without --as-of, an extract is dated by its latest open date or the "
                          "day after its latest close date); give that date with --as-of "
                          "YYYY-MM-DD, in a command of its own if the other files are dated by "
                          "their contents");
      }
    }
    inputs.push_back(std::move(in));
  }
  sink.throw_if_any();
  std::stable_sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) {
    return stage(a.format) < stage(b.format);
  });

  std::vector<ImportReport> reports(inputs.size());

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
    maps.push_back(&*in.map);
  }

  // Data files: the stored ones with this command's added or replacing them;
  // every data dataset is then rebuilt from its files (importers/recompute.h).
  std::vector<StoredInput> stored = store.stored_inputs();
  std::vector<StoredInput> to_store;                      // this command's new or re-dated files
  std::map<std::string, std::vector<size_t>> reports_of;  // dataset -> reports of its inputs
  for (const Input& in : inputs) {
    if (in.map) continue;
    ImportReport& report = reports[in.order];
    report.path = in.path;
    report.importer = in.format;
    report.dataset = in.ons ? kOnsDataset : ods_dataset(in.ods->format);
    report.status = ImportReport::Status::kUnchanged;
    StoredInput si;
    si.sha256 = in.ons ? in.ons->sha256 : in.ods->sha256;
    si.format = in.format;
    si.dataset = report.dataset;
    if (in.ods && ods_needs_as_of(in.ods->format)) si.as_of = in.as_of;
    if (in.assumed) report.assumed_as_of = in.as_of;
    si.path = in.path;
    auto it = std::find_if(stored.begin(), stored.end(), [&](const StoredInput& s) {
      return s.sha256 == si.sha256 && s.format == si.format;
    });
    if (it != stored.end() && it->as_of == si.as_of) continue;
    si.content = in.ons ? in.ons->text : in.ods->text;
    to_store.push_back(si);
    if (it != stored.end())
      *it = std::move(si);
    else
      stored.push_back(std::move(si));
    reports_of[report.dataset].push_back(in.order);
  }

  std::map<std::string, DatasetContent> data;  // dataset -> content after this import
  std::set<std::string> changed_data;
  // A database this open upgraded (Store::upgraded) is recomputed too: its
  // rows gain what the new schema records (each body's country).
  if (!stored.empty() && (!reports_of.empty() || !maps.empty() || store.upgraded())) {
    progress.update("recomputing the data datasets", step, steps);
    // Files of this command are already parsed; stored ones are parsed again.
    std::vector<std::unique_ptr<OdsFile>> ods_files;
    std::vector<std::unique_ptr<OnsFile>> ons_files;
    std::vector<SnapshotFile> files;
    std::set<std::string> rebuilt;
    for (const StoredInput& s : stored) {
      SnapshotFile f;
      f.format = s.format;
      f.dataset = s.dataset;
      f.as_of = s.as_of;
      for (const Input& in : inputs) {
        if (in.map) continue;
        const std::string& sha = in.ons ? in.ons->sha256 : in.ods->sha256;
        if (sha != s.sha256 || in.format != s.format) continue;
        f.ods = in.ods ? &*in.ods : nullptr;
        f.ons = in.ons ? &*in.ons : nullptr;
        f.report = static_cast<int>(in.order);
      }
      if (!f.ods && !f.ons) {
        DiagnosticSink stored_sink;
        if (s.format == "ons") {
          ons_files.push_back(
              std::make_unique<OnsFile>(read_ons_text(s.path, s.content, stored_sink)));
          f.ons = ons_files.back().get();
        } else {
          ods_files.push_back(std::make_unique<OdsFile>(
              read_ods_text(s.path, s.content, *parse_ods_format(s.format), stored_sink)));
          f.ods = ods_files.back().get();
        }
        stored_sink.throw_if_any();
      }
      files.push_back(f);
      rebuilt.insert(s.dataset);
    }
    // Datasets imported under schema 2 hold snapshots whose files were not
    // stored: rebuilding them from the stored files alone would lose those.
    for (const std::string& d : rebuilt) {
      std::vector<std::string> unstored;
      for (const Source& src : store.sources()) {
        if (src.dataset != d) continue;
        bool backed = false;
        for (const StoredInput& s : stored)
          backed = backed || (s.dataset == d && src.id.size() >= 12 &&
                              src.id.compare(src.id.size() - 12, 12, s.sha256, 0, 12) == 0);
        if (!backed) unstored.push_back(src.id + " (" + src.title + ")");
      }
      if (!unstored.empty())
        throw Error(Error::Kind::kUsage,
                    "dataset " + d +
                        " holds snapshots imported by an older govmap whose files are not stored "
                        "in the database: " +
                        join(unstored, ", ") +
                        "; import those files again together with this one so that the dataset "
                        "can be recomputed from all of them");
    }
    // Which body each code names, as the maps of this import leave them: built
    // only here, where data files are recomputed (two ordered maps of every
    // body, for nothing, in an import of maps alone).
    OrgIndex index(store);
    for (const CuratedMap* m : maps) index.update(m->content);
    for (const std::string& d : rebuilt) index.update(DatasetContent{d, {}, {}, {}, {}, {}});
    RecomputeResult result = recompute_data(files, index);
    {
      // The rest of the combined view: curated maps (as this import leaves
      // them) and datasets not rebuilt.
      std::set<std::string> new_maps;
      for (const CuratedMap* m : maps) new_maps.insert(m->content.dataset);
      std::vector<std::pair<std::string, OrgPeriod>> others;
      for (auto& [id, p] : store.all_periods())
        if (!rebuilt.count(p.dataset) && !new_maps.count(p.dataset)) others.emplace_back(id, p);
      std::vector<Relationship> curated;
      std::set<std::string> stored_maps;
      for (const ImportRecord& r : store.imports())
        if (dataset_rank(r.dataset) == 0 && !new_maps.count(r.dataset))
          stored_maps.insert(r.dataset);
      for (const std::string& d : stored_maps)
        for (Relationship& r : store.dataset_relationships(d)) curated.push_back(std::move(r));
      for (const CuratedMap* m : maps) {
        others.insert(others.end(), m->content.periods.begin(), m->content.periods.end());
        curated.insert(curated.end(), m->content.relationships.begin(),
                       m->content.relationships.end());
      }
      settle_data(result.datasets, others, curated);
    }
    for (auto& [report, warnings] : result.warnings)
      reports[static_cast<size_t>(report)].warnings = std::move(warnings);
    for (auto& [d, content] : result.datasets) {
      DatasetContent before = load_dataset(store, d);
      DatasetDiff diff = diff_datasets(before, content);
      // Each file's line counts its share of the dataset's changes, each
      // change once: a row goes to the newest of this command's files it
      // cites (by snapshot date, then source id), a row citing none of them
      // (a body an older snapshot listed and a newer one closes) to the
      // newest file. Source ids end in the first 12 hex digits of the file's
      // SHA-256.
      std::vector<std::pair<std::pair<std::string, std::string>, size_t>> ranked;  // key, report
      for (size_t r : reports_of[d])
        for (const Input& in : inputs) {
          if (in.order != r || in.map) continue;
          const std::string tail = "-" + (in.ons ? in.ons->sha256 : in.ods->sha256).substr(0, 12);
          for (const Source& src : content.sources)
            if (src.id.size() > tail.size() &&
                src.id.compare(src.id.size() - tail.size(), tail.size(), tail) == 0)
              ranked.push_back({{src.date, src.id}, r});
        }
      std::sort(ranked.begin(), ranked.end());
      std::map<std::string, size_t> rank_of;  // source id -> rank among the command's files
      for (size_t i = 0; i < ranked.size(); ++i) rank_of[ranked[i].first.second] = i;
      auto owner = [&](const std::vector<std::string>& sources) -> size_t {
        std::optional<size_t> best;
        for (const std::string& s : sources) {
          auto it = rank_of.find(s);
          if (it != rank_of.end() && (!best || it->second > *best)) best = it->second;
        }
        return best ? ranked[*best].second : ranked.back().second;
      };
      for (size_t r : reports_of[d]) {
        if (reports_of[d].size() == 1 || ranked.size() != reports_of[d].size()) {
          reports[r].diff = diff;
        } else {
          reports[r].diff = diff_datasets(
              before, content,
              [&](const std::vector<std::string>& sources) { return owner(sources) == r; });
        }
        reports[r].status = diff.empty()      ? ImportReport::Status::kUnchanged
                            : options.dry_run ? ImportReport::Status::kWouldImport
                                              : ImportReport::Status::kImported;
      }
      if (!diff.empty()) changed_data.insert(d);
      data[d] = std::move(content);
    }
  }
  std::vector<std::pair<const Input*, std::string>> recorded;  // new data inputs, dataset
  for (const Input& in : inputs)
    if (!in.map && reports_of.count(reports[in.order].dataset)) {
      const auto& rs = reports_of[reports[in.order].dataset];
      if (std::find(rs.begin(), rs.end(), in.order) != rs.end())
        recorded.push_back({&in, reports[in.order].dataset});
    }

  // Check the maps against the database and everything imported with them.
  std::set<std::string> replaced(changed_data);
  for (const CuratedMap* m : maps) replaced.insert(m->content.dataset);
  step = all_paths.size() * 2;
  if (!maps.empty()) {
    progress.update("checking the maps", step, steps);
    World world = world_from(store, replaced);
    for (const std::string& d : changed_data) add_to_world(world, data[d]);
    std::vector<CuratedMap> checked;
    for (CuratedMap* m : maps) checked.push_back(std::move(*m));
    check_curated_maps(checked, world, sink);
    for (const CuratedMap& m : checked) check_map_rules(m, sink);
    sink.throw_if_any();
    for (size_t i = 0; i < maps.size(); ++i) {
      *maps[i] = std::move(checked[i]);
      maps[i]->forget_positions();
    }
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
  if (options.dry_run || (maps.empty() && changed_data.empty() && to_store.empty())) return reports;

  progress.update("writing " + store.path(), steps - 1, steps);
  std::vector<const DatasetContent*> written;
  for (const CuratedMap* m : maps) written.push_back(&m->content);
  for (const std::string& d : changed_data) written.push_back(&data[d]);
  apply_datasets(store, written);
  for (const StoredInput& si : to_store) store.put_input(si);
  for (const CuratedMap* m : maps) store_map_rules(store, *m);
  std::string when = now_utc();
  for (const CuratedMap* m : maps)
    store.record_import(
        {m->dir, m->sha256, "map", m->content.dataset, when, counts_json(m->content)});
  for (const auto& [in, dataset] : recorded) {
    const std::string& sha = in->ons ? in->ons->sha256 : in->ods->sha256;
    store.record_import({in->path, sha, in->format, dataset, when, counts_json(data[dataset])});
  }
  // The rules layer is recomputed from the combined view after every change,
  // once this import is recorded, so that its notes can name this import's rows.
  derive_rules(store);
  // SQLite has counted every reference this import left unresolved; only when
  // there are some is the database searched for them, to name them.
  std::vector<std::string> dangling;
  if (!store.references_resolved()) dangling = store.dangling_references();
  if (!dangling.empty()) {
    std::vector<Diagnostic> diags;
    for (const std::string& d : dangling) {
      Diagnostic diag;
      diag.message = "after this import, " + d;
      diags.push_back(diag);
    }
    throw Error(Error::Kind::kInput, diags);
  }
  txn->commit();
  return reports;
}

}  // namespace govmap
