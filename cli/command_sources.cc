// govmap sources and govmap imports — where the facts came from.
#include <ostream>

#include "cli/command.h"
#include "cli/listing.h"
#include "core/store.h"

namespace govmap {
namespace {

struct SourcesOptions {
  std::string format;
};

Outcome run_sources(const SourcesOptions& opts, CommandContext& ctx) {
  OutputFormat format = output_format_or_throw(opts.format);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  *ctx.out << source_table(store.sources()).render(format);
  return Outcome::kOk;
}

Outcome run_imports(const SourcesOptions& opts, CommandContext& ctx) {
  OutputFormat format = output_format_or_throw(opts.format);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  Table t({"imported_at", "dataset", "importer", "path", "sha256", "counts"});
  for (const ImportRecord& r : store.imports())
    t.add_row({r.imported_at, r.dataset, r.importer, r.path, r.sha256, r.counts});
  *ctx.out << t.render(format);
  return Outcome::kOk;
}

}  // namespace

void setup_sources(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<SourcesOptions>();
  CLI::App* cmd = app.add_subcommand("sources", "List every source cited, by id");
  add_format_option(cmd, opts->format);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_sources(*opts, ctx); }; });
}

void setup_imports(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<SourcesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "imports", "List every import that changed the database: when, what, its SHA-256 and counts");
  add_format_option(cmd, opts->format);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_imports(*opts, ctx); }; });
}

}  // namespace govmap
