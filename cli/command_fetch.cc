// govmap fetch — download the publishers' current releases of the national
// dataset into data/, check them, update data/MANIFEST.toml and say what
// changed. Exit 0: nothing changed; 1: new data is in place; 2: an error
// (nothing replaced).
#include <cstdlib>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "importers/fetch.h"
#include "render/output_file.h"

namespace govmap {
namespace {

struct FetchOptionsCli {
  FetchOptions fetch;
  std::string summary;
};

Outcome run_fetch_command(FetchOptionsCli opts, CommandContext& ctx) {
  if (opts.fetch.base_url.empty())
    if (const char* env = std::getenv("GOVMAP_FETCH_BASE_URL")) opts.fetch.base_url = env;
  while (!opts.fetch.base_url.empty() && opts.fetch.base_url.back() == '/')
    opts.fetch.base_url.pop_back();
  for (long v : {opts.fetch.limits.timeout_seconds, opts.fetch.limits.stall_seconds,
                 opts.fetch.limits.connect_timeout_seconds})
    if (v <= 0) throw Error(Error::Kind::kUsage, "timeouts must be a positive number of seconds");
  FetchResult r = run_fetch(opts.fetch, *ctx.err);
  *ctx.out << fetch_summary_text(r);
  if (!opts.summary.empty()) write_file_atomically(opts.summary, fetch_summary_markdown(r));
  return r.changed() ? Outcome::kDifferent : Outcome::kOk;
}

}  // namespace

void setup_fetch(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<FetchOptionsCli>();
  CLI::App* cmd = app.add_subcommand(
      "fetch",
      "Download the current release of every file of the national dataset (data/MANIFEST.toml "
      "entries with a url), check each with the importers' own detection, and replace the old "
      "files and manifest only when every download is complete and keeps its layout. Prints "
      "what changed. Exit 0: no change; 1: new data was put in place; 2: error, nothing "
      "replaced.");
  cmd->add_option("--data-dir", opts->fetch.data_dir, "The data folder holding MANIFEST.toml")
      ->default_val("data");
  cmd->add_option("--base-url", opts->fetch.base_url,
                  "Download each file from BASE_URL/<file name> instead of its manifest url (a "
                  "mirror, or a test server); default $GOVMAP_FETCH_BASE_URL");
  cmd->add_option("--summary", opts->summary,
                  "Also write what changed as Markdown to this file (for a pull request)");
  cmd->add_option("--timeout", opts->fetch.limits.timeout_seconds,
                  "Give up a download taking longer than this many seconds")
      ->default_val(300);
  cmd->add_option("--stall-timeout", opts->fetch.limits.stall_seconds,
                  "Give up a download that sends nothing for this many seconds")
      ->default_val(30);
  cmd->add_option("--connect-timeout", opts->fetch.limits.connect_timeout_seconds,
                  "Give up connecting after this many seconds")
      ->default_val(20);
  cmd->add_flag("--dry-run", opts->fetch.dry_run,
                "Download, check and compare, but replace nothing (exit 1 still means new data)");
  cmd->callback([opts, &run] {
    run = [opts](CommandContext& ctx) { return run_fetch_command(*opts, ctx); };
  });
}

}  // namespace govmap
