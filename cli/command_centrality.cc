// govmap centrality — which bodies are chokepoints of the accountability graph.
#include <algorithm>
#include <cmath>
#include <ostream>
#include <tuple>

#include "cli/accountability_cli.h"
#include "core/error.h"
#include "core/kinds.h"

namespace govmap {
namespace {

struct CentralityOptions {
  AccountabilityArgs common;
  int top = 0;
};

Outcome run_centrality(const CentralityOptions& opts, CommandContext& ctx) {
  if (opts.top < 0) throw Error(Error::Kind::kUsage, "--top must be 0 (all) or more");
  AccountabilityRun run(opts.common, ctx);
  run.require_area_in_force(run.at);
  Snapshot snap = run.only_snapshot(run.at, false);  // prints no citation
  std::vector<double> between = betweenness(snap, run.weights, EdgeSelection{});
  std::vector<int> through = accountability_distances(snap, run.weights).routes_through();

  std::vector<Vertex> shown;
  auto members = run.area_members(run.at);
  for (Vertex v = 0; v < snap.vertex_count(); ++v)
    if (!members || members->count(snap[v].id)) shown.push_back(v);
  std::sort(shown.begin(), shown.end(), [&](Vertex a, Vertex b) {
    return std::make_tuple(-between[a], -through[a], snap[a].id) <
           std::make_tuple(-between[b], -through[b], snap[b].id);
  });
  if (opts.top > 0 && shown.size() > static_cast<size_t>(opts.top))
    shown.resize(static_cast<size_t>(opts.top));

  Table t({"id", "name", "kind", "betweenness", "routes_through"});
  for (Vertex v : shown) {
    // Four decimals: enough to rank, and the same text on every platform.
    double rounded = std::round(between[v] * 1e4) / 1e4;
    t.add_row({snap[v].id, snap[v].period.name, name_of(snap[v].period.kind), rounded,
               static_cast<long long>(through[v])});
  }
  *ctx.out << t.render(run.format);
  return Outcome::kOk;
}

}  // namespace

void setup_centrality(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<CentralityOptions>();
  CLI::App* cmd = app.add_subcommand(
      "centrality",
      "Chokepoints: betweenness centrality on the accountability graph (Boost.Graph Brandes, "
      "weighted), and how many bodies' chosen routes to voters pass through each body");
  add_accountability_options(cmd, opts->common);
  cmd->add_option("--top", opts->top, "Show only the first N bodies (default: all)");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_centrality(*opts, ctx); }; });
}

}  // namespace govmap
