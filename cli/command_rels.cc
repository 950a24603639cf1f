// govmap rels — list relationships with their dates, legal basis and sources.
#include <ostream>

#include "cli/command.h"
#include "cli/listing.h"
#include "core/kinds.h"
#include "core/resolve.h"
#include "core/store.h"

namespace govmap {
namespace {

struct RelsOptions {
  std::string at, from, to, kind, layer, format;
};

Outcome run_rels(const RelsOptions& opts, CommandContext& ctx) {
  RelationshipFilter filter;
  filter.at = optional_date(opts.at, "--at");
  if (!opts.kind.empty()) filter.kinds.insert(rel_kind_or_throw(opts.kind, "--kind"));
  if (!opts.layer.empty()) filter.layer = layer_or_throw(opts.layer, "--layer");
  OutputFormat format = output_format_or_throw(opts.format);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  if (!opts.from.empty()) filter.from = resolve_org(store, opts.from);
  if (!opts.to.empty()) filter.to = resolve_org(store, opts.to);
  NameIndex names(store);
  *ctx.out << relationship_table(store.relationships(filter), names, filter.at).render(format);
  return Outcome::kOk;
}

}  // namespace

void setup_rels(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<RelsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "rels", "List relationships (read 'from KIND to'), ordered by from, to, kind, layer, date");
  add_at_option(cmd, opts->at);
  cmd->add_option("--from", opts->from, "Only relationships from this organisation");
  cmd->add_option("--to", opts->to, "Only relationships to this organisation");
  cmd->add_option("--kind", opts->kind, "Only this relationship kind (e.g. accountable_to)");
  cmd->add_option("--layer", opts->layer, "Only this layer: statutory or shadow");
  add_format_option(cmd, opts->format);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_rels(*opts, ctx); }; });
}

}  // namespace govmap
