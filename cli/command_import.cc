// govmap import PATH... — load curated maps and ODS / ONS data files into the
// database as one transaction.
#include <sys/stat.h>

#include <cstdio>
#include <ostream>

#include "cli/command.h"
#include "core/kinds.h"
#include "core/progress.h"
#include "core/sqlite.h"
#include "core/store.h"
#include "importers/import.h"
#include "importers/map_inputs.h"

namespace govmap {
namespace {

struct ImportOptionsCli {
  std::vector<std::string> paths;
  std::string format;
  std::string as_of;
  bool dry_run = false;
};

std::string counts(const char* what, const ChangeCounts& c, bool dated) {
  std::string s = std::string(what) + " +" + std::to_string(c.added) + " ~" +
                  std::to_string(c.changed) + " -" + std::to_string(c.removed);
  if (dated && c.closed) s += " (" + std::to_string(c.closed) + " closed)";
  return s;
}

// A database file with something in it. A 0-byte file counts as none.
bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

// Runs the import; when it fails on a database that held nothing before,
// removes the file if it still holds nothing (remove_if_empty_database does so
// safely against a concurrent import), so a failed first import leaves no trace.
std::vector<ImportReport> import_into(const std::string& db, const std::vector<std::string>& paths,
                                      const ImportOptions& options) {
  bool existed = exists(db);
  // A dry run against a database that does not exist yet compares with an
  // empty one in memory and so creates no file.
  if (options.dry_run && !existed) {
    Store scratch(":memory:", Database::Mode::kReadWrite);
    return import_paths(scratch, paths, options);
  }
  try {
    Store store(db, Database::Mode::kReadWrite);
    return import_paths(store, paths, options);
  } catch (...) {
    if (!existed) remove_if_empty_database(db);
    throw;
  }
}

Outcome run_import(const ImportOptionsCli& opts, CommandContext& ctx) {
  ImportOptions options;
  options.dry_run = opts.dry_run;
  options.format = opts.format;
  options.as_of = optional_date(opts.as_of, "--as-of");
  TerminalProgress progress;
  options.progress = &progress;
  // Map folders bring the maps they depend on and the data files they name.
  ResolvedInputs inputs = resolve_import_inputs(opts.paths);
  options.snapshot_dates = inputs.snapshot_dates;
  for (const ImportReport& r : import_into(ctx.global.db, inputs.paths, options)) {
    if (r.assumed_as_of)
      *ctx.err << r.path << ": note: no --as-of given; taking the extract as of "
               << r.assumed_as_of->str()
               << ", the first day by which every open and close date it records had passed\n";
    for (const std::string& w : r.warnings) *ctx.err << r.path << ": warning: " << w << "\n";
    std::ostream& out = *ctx.out;
    out << r.path << ": ";
    if (r.status == ImportReport::Status::kUnchanged) {
      if (r.importer == "map")
        out << "unchanged since its last import (dataset " << r.dataset << "), nothing to do\n";
      else
        out << "nothing new for dataset " << r.dataset << " (" << r.importer
            << " already imported), nothing to do\n";
      continue;
    }
    out << (r.status == ImportReport::Status::kWouldImport ? "would import" : "imported") << " as "
        << (r.importer == "map" ? "" : r.importer + " into ") << "dataset " << r.dataset << " ("
        << counts("organisations", r.diff.organisations, false) << ", "
        << counts("periods", r.diff.periods, true) << ", "
        << counts("identifiers", r.diff.identifiers, false) << ", "
        << counts("relationships", r.diff.relationships, true) << ", "
        << counts("sources", r.diff.sources, false) << ")\n";
  }
  return Outcome::kOk;
}

}  // namespace

void setup_import(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<ImportOptionsCli>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Import map folders and ODS / ONS data files into the database. Everything named lands in "
      "one transaction or nothing changes; formats are recognised from each file's structure, "
      "not its name.");
  cmd->add_option("paths", opts->paths,
                  "Map folders or data files to import. A map folder whose map.toml has "
                  "'depends' or 'data' brings those maps and data/ files with it")
      ->required();
  cmd->add_option(
      "--format", opts->format,
      "Force the input format instead of detecting it (" + join(import_format_names()) + ")");
  cmd->add_option("--as-of", opts->as_of,
                  "The date ODS extracts (etr, eccg, ect) were taken, YYYY-MM-DD, for every one "
                  "named. Without it each extract is dated by its own contents: its latest open "
                  "date or the day after its latest close date, whichever is later (said on "
                  "standard error). ONS files take 1 April of the year in their header");
  cmd->add_flag("--dry-run", opts->dry_run,
                "Check everything and report what would be added (+), changed (~), closed and "
                "removed (-), writing nothing");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_import(*opts, ctx); }; });
}

}  // namespace govmap
