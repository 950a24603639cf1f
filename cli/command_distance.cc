// govmap distance [ORG...] — accountability distance to voters on one date.
#include <ostream>

#include "cli/accountability_cli.h"
#include "core/json_stream.h"
#include "core/kinds.h"

namespace govmap {
namespace {

struct DistanceOptions {
  AccountabilityArgs common;
  std::vector<std::string> orgs;
  bool explain = false;
};

Json next_json(const Relationship* first) {
  if (!first) return nullptr;
  const Relationship& r = *first;
  return Json{{"kind", name_of(r.kind)}, {"layer", name_of(r.layer)}, {"to", r.to}};
}

Outcome run_distance(const DistanceOptions& opts, CommandContext& ctx) {
  AccountabilityRun run(opts.common, ctx);
  run.require_area_in_force(run.at);
  run.name_explicitly(opts.orgs);
  // Only --explain prints legal bases and sources.
  Snapshot snap = run.only_snapshot(run.at, opts.explain);
  ShortestPaths paths = accountability_distances(snap, run.weights);

  // Which organisations to show: those named (in the order named), else all.
  std::vector<Vertex> shown;
  if (opts.orgs.empty()) {
    for (Vertex v = 0; v < snap.vertex_count(); ++v) shown.push_back(v);
  } else {
    std::set<Vertex> seen;
    for (const std::string& text : opts.orgs) {
      Vertex v = run.org_in_force(snap, text);
      if (seen.insert(v).second) shown.push_back(v);
    }
  }
  if (auto members = run.area_members(run.at)) {
    std::vector<Vertex> kept;
    for (Vertex v : shown)
      if (members->count(snap[v].id)) kept.push_back(v);
    shown = std::move(kept);
  }

  std::ostream& out = *ctx.out;
  if (run.format == OutputFormat::kJson) {
    // Streamed, one body at a time (core/json_stream.h), as the CSV is.
    JsonStream arr(out);
    arr.begin_array();
    for (Vertex v : shown) {
      auto route = opts.explain ? paths.route(v) : paths.route_totals(v);
      Json j;
      j["id"] = snap[v].id;
      j["name"] = snap[v].period.name;
      j["kind"] = name_of(snap[v].period.kind);
      j["distance"] = route ? weight_json(route->weight) : Json(nullptr);
      j["hops"] = route ? Json(route->hops) : Json(nullptr);
      j["shadow_hops"] = route ? Json(route->shadow_hops) : Json(nullptr);
      j["unaccountable"] = !route;
      j["next"] = next_json(paths.next_relationship(v));
      if (opts.explain) j["path"] = route ? steps_json(snap, *route) : Json(nullptr);
      arr.value(j);
    }
    arr.end();
    return Outcome::kOk;
  }

  if (opts.explain && run.format == OutputFormat::kTable) {
    std::set<std::string> cited;
    out << "accountability paths on " << run.at.str() << "\n";
    for (Vertex v : shown) out << "\n" << explain_route(snap, v, paths.route(v), cited);
    std::string sources = sources_block(run, cited);
    if (!sources.empty()) out << "\n" << sources;
    return Outcome::kOk;
  }

  if (opts.explain) {  // CSV: one row per step, headed by the organisation's distance
    std::vector<std::string> columns = {"id", "name", "distance", "hops", "shadow_hops"};
    for (const std::string& c : step_columns()) columns.push_back(c);
    Table t(columns);
    for (Vertex v : shown) {
      auto route = paths.route(v);
      std::vector<Table::Cell> head = {snap[v].id, snap[v].period.name};
      if (!route) {
        head.push_back(std::string("unaccountable"));
        t.add_row(head);
        continue;
      }
      head.push_back(weight_cell(route->weight));
      head.push_back(static_cast<long long>(route->hops));
      head.push_back(static_cast<long long>(route->shadow_hops));
      if (route->steps.empty()) t.add_row(head);
      for (size_t i = 0; i < route->steps.size(); ++i) {
        std::vector<Table::Cell> row = head;
        for (Table::Cell& c : step_row(snap, i + 1, route->steps[i])) row.push_back(std::move(c));
        t.add_row(std::move(row));
      }
    }
    out << t.render(run.format);
    return Outcome::kOk;
  }

  Table t({"id", "name", "kind", "distance", "hops", "shadow_hops", "next"});
  // CSV is written as the rows are made, in blocks: a table of every body
  // held as cells, then as one text, was a fifth of the command's memory.
  const bool stream = run.format == OutputFormat::kCsv;
  std::string block;
  if (stream) block = t.csv_header();
  for (Vertex v : shown) {
    auto route = paths.route_totals(v);  // the first step is all it prints
    std::vector<Table::Cell> row;
    row.reserve(7);
    row.push_back(snap[v].id);
    row.push_back(snap[v].period.name);
    row.push_back(name_of(snap[v].period.kind));
    if (!route) {
      row.push_back(std::string("unaccountable"));
    } else {
      row.push_back(weight_cell(route->weight));
      row.push_back(static_cast<long long>(route->hops));
      row.push_back(static_cast<long long>(route->shadow_hops));
      if (const Relationship* first = paths.next_relationship(v)) row.push_back(step_text(*first));
    }
    if (!stream) {
      t.add_row(std::move(row));
      continue;
    }
    t.append_csv_row(block, row);
    if (block.size() >= (1u << 20)) {
      out << block;
      block.clear();
    }
  }
  out << (stream ? block : t.render(run.format));
  return Outcome::kOk;
}

}  // namespace

void setup_distance(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<DistanceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "distance",
      "Accountability distance to voters on a date: the least total weight of a path along "
      "accountability relationships to an electorate (docs/accountability.md)");
  cmd->add_option("orgs", opts->orgs,
                  "Organisations (ids, identifiers or name fragments); all when none is named");
  add_accountability_options(cmd, opts->common);
  cmd->add_flag("--explain", opts->explain,
                "Print each chosen path step by step with its legal basis and sources");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_distance(*opts, ctx); }; });
}

}  // namespace govmap
