// govmap check MAP... [--strict] — can a researcher cite what the maps say?
#include <ostream>

#include "cli/command.h"
#include "importers/source_check.h"

namespace govmap {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  bool strict = false;
};

Outcome run_check(const CheckOptions& opts, CommandContext& ctx) {
  std::vector<std::string> dirs = expand_map_paths(opts.paths);
  std::vector<CuratedMap> maps = read_maps_for_check(dirs);
  std::vector<Diagnostic> warnings = check_sources(maps);
  if (opts.strict && !warnings.empty()) {
    for (Diagnostic& d : warnings) d.severity = Diagnostic::Severity::kError;
    throw Error(Error::Kind::kInput, warnings);
  }
  for (const Diagnostic& d : warnings) *ctx.err << d.format();
  size_t sources = 0, facts = 0;
  for (const CuratedMap& m : maps) {
    sources += m.content.sources.size();
    facts += m.content.periods.size() + m.content.relationships.size();
  }
  *ctx.out << "checked " << maps.size() << (maps.size() == 1 ? " map: " : " maps: ") << sources
           << " sources, " << facts << " facts, " << warnings.size()
           << (warnings.size() == 1 ? " warning" : " warnings") << "\n";
  return Outcome::kOk;
}

}  // namespace

void setup_check(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Check that curated maps can be cited: warn on undated sources, on URLs outside the "
      "documented publisher domains (docs/map-format.md), on mirror copies not recorded as "
      "secondary in NOTES.md, on facts resting only on secondary sources, and on names that "
      "change without a new period. Maps that refer to each other must be checked together. "
      "Exit 0 (warnings on stderr), or 2 with --strict when there is any warning.");
  cmd->add_option("maps", opts->paths, "Map folders, or folders holding map folders (e.g. maps)")
      ->required();
  cmd->add_flag("--strict", opts->strict, "Treat every warning as an error (exit 2)");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_check(*opts, ctx); }; });
}

}  // namespace govmap
