// govmap compare --from D1 --to D2 — what changed between two dates, and how
// far each body moved from voters. Exit 0: same graph; 1: different (like diff).
#include <ostream>

#include "cli/accountability_cli.h"
#include "core/attribution.h"
#include "core/compare.h"
#include "core/error.h"
#include "core/json_stream.h"
#include "core/kinds.h"

namespace govmap {
namespace {

struct CompareOptions {
  AccountabilityArgs common;
  std::string from, to;
};

void route_cells(std::vector<Table::Cell>& row, const std::optional<OrgState>& s) {
  if (!s) {
    row.insert(row.end(), {Table::Cell(), Table::Cell(), Table::Cell()});
  } else if (!s->route) {
    row.insert(row.end(),
               {Table::Cell(std::string("unaccountable")), Table::Cell(), Table::Cell()});
  } else {
    row.push_back(weight_cell(s->route->weight));
    row.push_back(static_cast<long long>(s->route->hops));
    row.push_back(static_cast<long long>(s->route->shadow_hops));
  }
}

Json state_json(const std::optional<OrgState>& s) {
  if (!s) return nullptr;
  Json j;
  j["name"] = s->name;
  j["kind"] = name_of(s->kind);
  j["tier"] = s->tier.empty() ? Json(nullptr) : Json(s->tier);
  j["distance"] = s->route ? weight_json(s->route->weight) : Json(nullptr);
  j["hops"] = s->route ? Json(s->route->hops) : Json(nullptr);
  j["shadow_hops"] = s->route ? Json(s->route->shadow_hops) : Json(nullptr);
  j["unaccountable"] = !s->route;
  return j;
}

Table org_table(const Comparison& c) {
  Table t({"id", "name", "kind_before", "kind_after", "distance_before", "hops_before",
           "shadow_hops_before", "distance_after", "hops_after", "shadow_hops_after", "delta",
           "change"});
  for (const OrgComparison& o : c.organisations) {
    const OrgState& latest = o.after ? *o.after : *o.before;
    std::vector<Table::Cell> row = {o.id, latest.name,
                                    o.before ? Table::Cell(name_of(o.before->kind)) : Table::Cell(),
                                    o.after ? Table::Cell(name_of(o.after->kind)) : Table::Cell()};
    route_cells(row, o.before);
    route_cells(row, o.after);
    row.push_back(o.delta ? weight_cell(*o.delta) : Table::Cell());
    row.push_back(name_of(o.change));
    t.add_row(std::move(row));
  }
  return t;
}

Table rel_table(const std::vector<RelChange>& changes, bool after) {
  Table t({"from", "kind", "layer", "to", "valid_from", "valid_to", "legal_basis", "sources"});
  for (const RelChange& ch : changes) {
    const Relationship& r = after ? *ch.after : *ch.before;
    t.add_row({r.from, name_of(r.kind), name_of(r.layer), r.to, r.valid.from.str(),
               r.valid.to ? Table::Cell(r.valid.to->str()) : Table::Cell(),
               r.cited().legal_basis.empty() ? Table::Cell() : Table::Cell(r.cited().legal_basis),
               join(r.cited().sources, ";")});
  }
  return t;
}

Json rel_json(const Relationship& r) {
  Json j;
  j["from"] = r.from;
  j["kind"] = name_of(r.kind);
  j["layer"] = name_of(r.layer);
  j["to"] = r.to;
  j["valid_from"] = r.valid.from.str();
  j["valid_to"] = r.valid.to ? Json(r.valid.to->str()) : Json(nullptr);
  j["legal_basis"] = r.cited().legal_basis.empty() ? Json(nullptr) : Json(r.cited().legal_basis);
  j["sources"] = r.cited().sources;
  j["note"] = r.cited().note.empty() ? Json(nullptr) : Json(r.cited().note);
  return j;
}

Json summary_json(const Comparison::Summary& s) {
  return Json{{"organisations_before", s.organisations_before},
              {"organisations_after", s.organisations_after},
              {"organisations_added", s.organisations_added},
              {"organisations_removed", s.organisations_removed},
              {"organisations_changed", s.organisations_changed},
              {"closer", s.closer},
              {"further", s.further},
              {"same", s.same},
              {"became_unaccountable", s.became_unaccountable},
              {"became_accountable", s.became_accountable},
              {"added_unaccountable", s.added_unaccountable},
              {"relationships_added", s.relationships_added},
              {"relationships_removed", s.relationships_removed},
              {"relationships_changed", s.relationships_changed}};
}

Outcome run_compare(const CompareOptions& opts, CommandContext& ctx) {
  Date from = Date::parse_or_throw(opts.from, "--from");
  Date to = Date::parse_or_throw(opts.to, "--to");
  AccountabilityRun run(opts.common, ctx);
  std::optional<std::set<std::string>> only;
  if (run.area) {
    only = run.area_members(from);
    std::set<std::string> later = *run.area_members(to);
    only->insert(later.begin(), later.end());
    if (only->empty())
      throw Error(Error::Kind::kNotFound, "--area: '" + *run.area + "' is in force on neither " +
                                              from.str() + " nor " + to.str());
  }
  // One graph at a time: the first date's snapshot gives its side (states,
  // relationships) and is freed before the second is built, and the second's
  // before the output is; compare's peak is then one snapshot and one side
  // more than distance's, not two snapshots. Each date reads the bodies for
  // itself, without their citations (a side keeps only names, kinds, tiers
  // and routes), rather than one list of every body kept for both.
  Comparison c = [&] {
    DateSide before = date_side(run.date_snapshot(from), run.weights, only);
    Snapshot later = run.date_snapshot(to);
    run.forget_organisations();
    DateSide after = date_side(std::move(later), run.weights, only);
    return compare_sides(std::move(before), std::move(after));
  }();
  Outcome outcome = c.same_graph() ? Outcome::kOk : Outcome::kDifferent;
  const auto& s = c.summary;

  std::ostream& out = *ctx.out;
  if (run.format == OutputFormat::kCsv) {
    out << org_table(c).render(OutputFormat::kCsv);
    return outcome;
  }
  if (run.format == OutputFormat::kJson) {
    // Streamed (core/json_stream.h): the document at 10^6 bodies is two
    // gigabytes of text, and a tree of it ten times that.
    JsonStream j(out);
    j.begin_object();
    j.value("from", from.str());
    j.value("to", to.str());
    j.value("same_graph", c.same_graph());
    j.value("summary", summary_json(s));
    // The licence notice of the public data compared, when there is any.
    std::vector<std::string> notices = data_notices(run.store().sources());
    if (!notices.empty()) j.value("licence", notices);
    j.begin_array("organisations");
    for (const OrgComparison& o : c.organisations) {
      Json oj;
      oj["id"] = o.id;
      oj["before"] = state_json(o.before);
      oj["after"] = state_json(o.after);
      oj["delta"] = o.delta ? weight_json(*o.delta) : Json(nullptr);
      oj["change"] = name_of(o.change);
      oj["period_changed"] = o.period_changed;
      j.value(oj);
    }
    j.end();
    j.begin_object("relationships");
    j.begin_array("added");
    for (const RelChange& ch : c.relationships_added) j.value(rel_json(*ch.after));
    j.end();
    j.begin_array("removed");
    for (const RelChange& ch : c.relationships_removed) j.value(rel_json(*ch.before));
    j.end();
    j.begin_array("changed");
    for (const RelChange& ch : c.relationships_changed)
      j.value(Json{{"before", rel_json(*ch.before)}, {"after", rel_json(*ch.after)}});
    j.end();
    j.end();
    j.end();
    return outcome;
  }

  out << "compare " << from.str() << " with " << to.str();
  if (run.area) out << " in the area of " << *run.area;
  out << ": " << (c.same_graph() ? "the same graph" : "the graph differs") << "\n\n";
  out << "summary\n"
      << "  organisations: " << s.organisations_before << " before, " << s.organisations_after
      << " after; " << s.organisations_added << " added, " << s.organisations_removed
      << " removed, " << s.organisations_changed << " renamed or re-kinded\n"
      << "  relationships: " << s.relationships_added << " added, " << s.relationships_removed
      << " removed, " << s.relationships_changed << " changed\n"
      << "  distance to voters: " << s.closer << " moved closer, " << s.further
      << " moved further, " << s.same << " the same, " << s.became_unaccountable
      << " became unaccountable, " << s.became_accountable << " became accountable, "
      << s.added_unaccountable << " added with no route to voters\n";
  out << "\norganisations (" << c.organisations.size() << ")\n"
      << org_table(c).render(OutputFormat::kTable);

  Table renamed({"id", "name_before", "name_after", "kind_before", "kind_after"});
  for (const OrgComparison& o : c.organisations)
    if (o.period_changed)
      renamed.add_row(
          {o.id, o.before->name, o.after->name, name_of(o.before->kind), name_of(o.after->kind)});
  out << "\norganisations renamed or re-kinded (" << renamed.size() << ")\n";
  if (renamed.size()) out << renamed.render(OutputFormat::kTable);
  out << "\nrelationships added (" << c.relationships_added.size() << ")\n";
  if (!c.relationships_added.empty())
    out << rel_table(c.relationships_added, true).render(OutputFormat::kTable);
  out << "\nrelationships removed (" << c.relationships_removed.size() << ")\n";
  if (!c.relationships_removed.empty())
    out << rel_table(c.relationships_removed, false).render(OutputFormat::kTable);
  out << "\nrelationships changed (" << c.relationships_changed.size() << ")\n";
  if (!c.relationships_changed.empty()) {
    out << "before\n" << rel_table(c.relationships_changed, false).render(OutputFormat::kTable);
    out << "after\n" << rel_table(c.relationships_changed, true).render(OutputFormat::kTable);
  }
  return outcome;
}

}  // namespace

void setup_compare(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Compare two dates: each body's distance to voters before and after, and the "
      "organisations and relationships added, removed and changed. --format csv gives the "
      "per-organisation table.");
  cmd->footer(
      "Exit codes: 0 the two dates give the same graph; 1 they differ; 2 an error (bad usage, "
      "bad input, unknown organisation, I/O or database failure).");
  cmd->add_option("--from", opts->from, "The earlier date (YYYY-MM-DD)")->required();
  cmd->add_option("--to", opts->to, "The later date (YYYY-MM-DD)")->required();
  add_accountability_options(cmd, opts->common, /*with_at=*/false);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_compare(*opts, ctx); }; });
}

}  // namespace govmap
