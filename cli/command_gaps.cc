// govmap gaps — where accountability runs out on one date.
#include <ostream>

#include "cli/accountability_cli.h"
#include "core/gaps.h"
#include "core/kinds.h"

namespace govmap {
namespace {

struct GapsOptions {
  AccountabilityArgs common;
};

const char* heading(GapKind k) {
  switch (k) {
    case GapKind::kUnaccountable:
      return "bodies with no route to voters";
    case GapKind::kShadowOnly:
      return "bodies whose only routes to voters pass through the shadow layer";
    case GapKind::kDoubleRunning:
      return "shadow bodies and the statutory bodies that ratify their decisions";
    case GapKind::kUnscrutinised:
      return "bodies no OSC or JHOSC scrutinises";
    case GapKind::kNoLegalBasis:
      return "statutory relationships that cite no legal basis";
  }
  return "";
}

Outcome run_gaps(const GapsOptions& opts, CommandContext& ctx) {
  AccountabilityRun run(opts.common, ctx);
  run.require_area_in_force(run.at);
  Snapshot snap = run.snapshot(run.at);
  std::vector<Gap> gaps = find_gaps(snap, run.weights, run.area_members(run.at));

  auto name = [&](const std::string& id) {
    auto v = snap.find(id);
    return v ? snap[*v].period.name : std::string();
  };
  auto kind = [&](const std::string& id) {
    auto v = snap.find(id);
    return v ? name_of(snap[*v].period.kind) : std::string();
  };
  auto row = [&](const Gap& g) -> std::vector<Table::Cell> {
    return {name_of(g.kind),
            g.id,
            name(g.id),
            kind(g.id),
            g.related.empty() ? Table::Cell() : Table::Cell(g.related),
            g.detail};
  };
  const std::vector<std::string> columns = {"gap", "id", "name", "kind", "related", "detail"};

  std::ostream& out = *ctx.out;
  if (run.format != OutputFormat::kTable) {
    Table t(columns);
    for (const Gap& g : gaps) t.add_row(row(g));
    out << t.render(run.format);
    return Outcome::kOk;
  }
  out << "accountability gaps on " << run.at.str();
  if (run.area) out << " in the area of " << *run.area;
  out << "\n";
  for (GapKind k : all_gap_kinds()) {
    Table t({"id", "name", "kind", "related", "detail"});
    for (const Gap& g : gaps) {
      if (g.kind != k) continue;
      std::vector<Table::Cell> r = row(g);
      r.erase(r.begin());
      t.add_row(std::move(r));
    }
    out << "\n" << name_of(k) << ": " << heading(k) << " (" << t.size() << ")\n";
    if (t.size() > 0) out << t.render(OutputFormat::kTable);
  }
  return Outcome::kOk;
}

}  // namespace

void setup_gaps(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<GapsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "gaps",
      "Accountability gaps on a date: bodies with no route to voters, routes only through the "
      "shadow layer, shadow bodies and their ratifiers, unscrutinised bodies, statutory "
      "relationships without a legal basis");
  add_accountability_options(cmd, opts->common);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_gaps(*opts, ctx); }; });
}

}  // namespace govmap
