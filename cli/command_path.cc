// govmap path A B — the least-weight path from one body to another.
#include <ostream>

#include "cli/accountability_cli.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/kinds.h"
#include "core/resolve.h"
#include "core/suggest.h"

namespace govmap {
namespace {

struct PathOptions {
  AccountabilityArgs common;
  std::string from, to, kinds;
};

// "--kinds accountable_to,elected_by"; "accountability" stands for the eight
// accountability kinds, "all" (the default) for every kind.
std::set<RelKind> parse_kinds(const std::string& text) {
  if (text.empty()) return all_rel_kinds();
  std::set<RelKind> kinds;
  std::vector<std::string> words = all_rel_kind_names();
  words.push_back("accountability");
  words.push_back("all");
  for (const std::string& item : split_list(text, ',')) {
    if (item == "all") {
      kinds = all_rel_kinds();
    } else if (item == "accountability") {
      kinds.insert(accountability_kinds().begin(), accountability_kinds().end());
    } else if (auto k = parse_rel_kind(item)) {
      kinds.insert(*k);
    } else {
      throw Error(Error::Kind::kUsage, "--kinds: unknown relationship kind '" + item + "'" +
                                           did_you_mean(item, words) + " (valid: " + join(words) +
                                           ")");
    }
  }
  if (kinds.empty()) throw Error(Error::Kind::kUsage, "--kinds: no kinds given");
  return kinds;
}

std::string kinds_text(const std::set<RelKind>& kinds) {
  if (kinds == all_rel_kinds()) return "all kinds";
  if (kinds == accountability_kinds()) return "the accountability kinds";
  std::vector<std::string> names;
  for (RelKind k : kinds) names.push_back(name_of(k));
  return join(names);
}

Outcome run_path(const PathOptions& opts, CommandContext& ctx) {
  EdgeSelection selection;
  selection.kinds = parse_kinds(opts.kinds);
  AccountabilityRun run(opts.common, ctx);
  run.require_area_in_force(run.at);
  // Only what is reachable from the two ends is read: every route from A lies
  // in it, with the same costs and tie-breaks as on the whole map.
  std::vector<std::string> ends = {resolve_org(run.store(), opts.from),
                                   resolve_org(run.store(), opts.to)};
  Snapshot snap = run.reachable_snapshot(run.at, ends);
  Vertex a = run.org_in_force(snap, opts.from);
  Vertex b = run.org_in_force(snap, opts.to);
  if (auto members = run.area_members(run.at)) {
    for (Vertex v : {a, b})
      if (!members->count(snap[v].id))
        throw Error(Error::Kind::kUsage, "'" + snap[v].id + "' is not within --area '" + *run.area +
                                             "' on " + run.at.str());
  }
  ShortestPaths paths = shortest_paths_to(snap, {b}, run.weights, selection);
  std::optional<Route> route = paths.route(a);

  std::ostream& out = *ctx.out;
  if (run.format == OutputFormat::kJson) {
    Json j;
    j["from"] = snap[a].id;
    j["to"] = snap[b].id;
    j["at"] = run.at.str();
    std::vector<std::string> names;
    for (RelKind k : selection.kinds) names.push_back(name_of(k));
    j["kinds"] = names;
    j["reachable"] = route.has_value();
    j["weight"] = route ? weight_json(route->weight) : Json(nullptr);
    j["hops"] = route ? Json(route->hops) : Json(nullptr);
    j["shadow_hops"] = route ? Json(route->shadow_hops) : Json(nullptr);
    j["steps"] = route ? steps_json(snap, *route) : Json(nullptr);
    out << dump_json(j);
    return Outcome::kOk;
  }
  if (run.format == OutputFormat::kCsv) {
    Table t(step_columns());
    if (route)
      for (size_t i = 0; i < route->steps.size(); ++i)
        t.add_row(step_row(snap, i + 1, route->steps[i]));
    out << t.render(OutputFormat::kCsv);
    return Outcome::kOk;
  }
  out << "path from " << snap[a].id << " to " << snap[b].id << " on " << run.at.str() << " over "
      << kinds_text(selection.kinds) << "\n\n";
  if (!route) {
    out << "no path: " << snap[a].id << " has no route to " << snap[b].id << "\n";
    return Outcome::kOk;
  }
  std::set<std::string> cited;
  out << explain_route(snap, a, route, cited);
  std::string sources = sources_block(run, cited);
  if (!sources.empty()) out << "\n" << sources;
  return Outcome::kOk;
}

}  // namespace

void setup_path(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<PathOptions>();
  CLI::App* cmd = app.add_subcommand(
      "path",
      "The least-weight path from A to B along relationships in their own direction, each "
      "step with its legal basis and sources (ties: fewest hops, then smallest ids)");
  cmd->add_option("from", opts->from, "Where the path starts (id, identifier or name fragment)")
      ->required();
  cmd->add_option("to", opts->to, "Where the path ends")->required();
  cmd->add_option("--kinds", opts->kinds,
                  "Relationship kinds to follow, comma-separated; 'accountability' for the eight "
                  "accountability kinds (default: all kinds)");
  add_accountability_options(
      cmd, opts->common, true, true,
      "Require both A and B to lie in this organisation's area (it and the bodies up to two "
      "part_of, member_of or committee_of steps below it); the path itself may leave the area, "
      "as a route to the voters does",
      /*with_country=*/false);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_path(*opts, ctx); }; });
}

}  // namespace govmap
