// govmap build [MAPS_DIR] -o OUT_DIR [--check] [--force]
#include <ostream>

#include "cli/build.h"
#include "cli/command.h"

namespace govmap {
namespace {

Outcome run_build_command(const BuildOptions& opts, CommandContext& ctx) {
  BuildResult r = run_build(opts, *ctx.out, *ctx.err);
  return opts.check && !r.stale.empty() ? Outcome::kDifferent : Outcome::kOk;
}

}  // namespace

void setup_build(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<BuildOptions>();
  CLI::App* cmd = app.add_subcommand(
      "build",
      "Import every map folder with a map.toml into a fresh database and produce every diagram, "
      "report and table the map.toml files define, as OUT_DIR/<map>/<name>.<format>. Only what "
      "changed is rebuilt; files are written atomically. Exit 1 with --check when something is "
      "missing or stale.");
  cmd->footer(
      "Exit codes: 0 success (with --check: everything is up to date); 1 with --check: something "
      "is missing or stale; 2 an error (bad usage, bad map, I/O or database failure).");
  cmd->add_option("maps", opts->maps_dir, "The folder holding the map folders")
      ->default_val("maps");
  cmd->add_option("-o,--output", opts->out_dir, "Where the outputs go")->default_val("out");
  cmd->add_flag(
      "--check", opts->check,
      "Write nothing; list outputs that are missing or stale and exit 1 if there are any");
  cmd->add_flag("--force", opts->force, "Rebuild every output even when it is up to date");
  cmd->callback([opts, &run] {
    run = [opts](CommandContext& ctx) { return run_build_command(*opts, ctx); };
  });
}

}  // namespace govmap
