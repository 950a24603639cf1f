// govmap import PATH... — load curated maps (and, as importers are added, ODS
// and ONS files) into the database as one transaction.
#include <sys/stat.h>

#include <cstdio>
#include <ostream>

#include "cli/command.h"
#include "core/kinds.h"
#include "core/store.h"
#include "importers/import.h"

namespace govmap {
namespace {

struct ImportOptionsCli {
  std::vector<std::string> paths;
  std::string format;
  bool dry_run = false;
};

std::string counts(const char* what, const ChangeCounts& c) {
  return std::string(what) + " +" + std::to_string(c.added) + " ~" + std::to_string(c.changed) +
         " -" + std::to_string(c.removed);
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Runs the import; when it fails on a database this run created, removes the
// new file so a failed first import leaves no trace, like any other.
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
    if (!existed)
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((db + suffix).c_str());
    throw;
  }
}

Outcome run_import(const ImportOptionsCli& opts, CommandContext& ctx) {
  ImportOptions options;
  options.dry_run = opts.dry_run;
  options.format = opts.format;
  for (const ImportReport& r : import_into(ctx.global.db, opts.paths, options)) {
    std::ostream& out = *ctx.out;
    out << r.path << ": ";
    if (r.status == ImportReport::Status::kUnchanged) {
      out << "unchanged since its last import (dataset " << r.dataset << "), nothing to do\n";
      continue;
    }
    out << (r.status == ImportReport::Status::kWouldImport ? "would import" : "imported")
        << " as dataset " << r.dataset << " (" << counts("organisations", r.diff.organisations)
        << ", " << counts("periods", r.diff.periods) << ", "
        << counts("identifiers", r.diff.identifiers) << ", "
        << counts("relationships", r.diff.relationships) << ", "
        << counts("sources", r.diff.sources) << ")\n";
  }
  return Outcome::kOk;
}

}  // namespace

void setup_import(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<ImportOptionsCli>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Import map folders (and data files) into the database. Everything named lands in one "
      "transaction or nothing changes; an input identical to its last import is skipped.");
  cmd->add_option("paths", opts->paths, "Map folders or files to import")->required();
  cmd->add_option("--format", opts->format,
                  "Force the input format instead of detecting it (" + join(import_format_names()) + ")");
  cmd->add_flag("--dry-run", opts->dry_run,
                "Check everything and report what would be added (+), changed (~) and removed "
                "(-), writing nothing");
  cmd->callback([opts, &run] { run = [opts](CommandContext& ctx) { return run_import(*opts, ctx); }; });
}

}  // namespace govmap
