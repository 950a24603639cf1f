// What the accountability commands (distance, path, gaps, compare, centrality,
// lineage) share: their common options, loading the store once, --area
// membership, and rendering routes step by step with legal basis and sources.
#ifndef GOVMAP_CLI_ACCOUNTABILITY_CLI_H_
#define GOVMAP_CLI_ACCOUNTABILITY_CLI_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/accountability.h"
#include "core/snapshot.h"
#include "core/store.h"
#include "core/table.h"
#include "core/weights.h"

namespace govmap {

// Options as typed.
struct AccountabilityArgs {
  std::string at, area, layer, format, weights;
  std::string country;  // --country: "" = england; commands without the option set "all"
};

// Adds --at (unless with_at is false), --area (with area_help when given),
// --layer, --format, --weights and --country (unless with_country is false:
// then every country's bodies are in the graph).
void add_accountability_options(CLI::App* cmd, AccountabilityArgs& args, bool with_at = true,
                                bool with_weights = true, const std::string& area_help = "",
                                bool with_country = true);

// Options checked and the store read once.
class AccountabilityRun {
 public:
  // Checks every option (usage errors before the database is opened), then
  // opens the store read-only and resolves --area.
  AccountabilityRun(const AccountabilityArgs& args, CommandContext& ctx);

  Date at;  // --at, else today
  std::optional<Layer> layer;
  OutputFormat format = OutputFormat::kTable;
  Weights weights;
  std::optional<std::string> area;  // resolved organisation id
  std::optional<Country> country;   // --country; nullopt = all
  // Names bodies the user asked for by id or name: they stay in every
  // snapshot whatever --country says. Resolves each text (did-you-mean errors).
  void name_explicitly(const std::vector<std::string>& texts);
  Store& store() { return *store_; }

  // Every organisation in force on d and every relationship in force on d
  // (in --layer when given), whole: --area does not cut the graph.
  Snapshot snapshot(Date d) const;
  // The same for a command that builds no other snapshot from the whole map:
  // the organisations are read for it alone (build_snapshot(store, ...), so
  // each vertex takes its period and none is kept here), and with citations
  // false without sources, legal bases and notes (SnapshotOptions::citations).
  Snapshot only_snapshot(Date d, bool citations) const;
  // For a command that builds whole-map snapshots one date at a time and
  // reads no body's citations (compare: names, kinds, tiers and routes of
  // bodies; relationships whole): each call reads the organisations afresh
  // without their periods' sources, and each vertex takes its period, so no
  // list of every body is held beside the graph. The relationships keep their
  // citations but not the lines that cited each source
  // (RelationshipFilter::source_lines). As snapshot(d) when the organisations
  // are already read.
  Snapshot date_snapshot(Date d) const;
  // Frees the organisations read for snapshot(): a command holding the
  // snapshots it needs calls this to lower its peak memory (a later
  // snapshot() reads them again).
  void forget_organisations() { orgs_.reset(); }
  // The part of snapshot(d) reachable from the bodies ids (core/neighbourhood.h),
  // read by indexed lookups: each of its bodies has there every route it has in
  // snapshot(d), so shortest paths from it are the same. Reads the whole map
  // when the reachable part is too large for lookups to pay.
  Snapshot reachable_snapshot(Date d, const std::vector<std::string>& ids) const;
  // Ids of the --area members on d; nullopt without --area; empty when the
  // area organisation is not in force on d.
  std::optional<std::set<std::string>> area_members(Date d) const;
  // Throws Error(kNotFound) unless the area organisation is in force on d.
  void require_area_in_force(Date d) const;
  // Resolves text to an organisation in force in snap, or throws: unknown names
  // get a did-you-mean; known ones not in force get their periods.
  Vertex org_in_force(const Snapshot& snap, const std::string& text);

  const Source* source(const std::string& id) const;
  // nullptr when the store has no such organisation. Read on first use.
  const Organisation* organisation(const std::string& id) const;

 private:
  SnapshotOptions snapshot_options(Date d) const;
  // Every organisation, read once on first use: commands that look at a
  // neighbourhood never read them all.
  const std::vector<Organisation>& all_organisations() const;

  std::unique_ptr<Store> store_;
  mutable std::optional<std::vector<Organisation>> orgs_;
  mutable std::map<std::string, std::optional<Organisation>> one_;  // read one by one
  std::map<std::string, Source> sources_;
  std::set<std::string> named_;
};

// A weight as a table cell: an integer when whole, else a decimal.
Table::Cell weight_cell(Milli m);
Json weight_json(Milli m);

// "kind to" — e.g. "accountable_to X24", "ratified_by la-barnsley (shadow)".
std::string step_text(const Relationship& r);

// Route of one organisation, for text output: a heading line and each step
// with its weight, legal basis and sources. Source ids cited are added to cited.
std::string explain_route(const Snapshot& snap, Vertex v, const std::optional<Route>& route,
                          std::set<std::string>& cited);
// "sources cited" block listing each id with title and URL; "" when none.
std::string sources_block(const AccountabilityRun& run, const std::set<std::string>& cited);

// The steps of a route as table rows: step,from,from_name,kind,layer,to,to_name,
// weight,legal_basis,sources.
std::vector<std::string> step_columns();
std::vector<Table::Cell> step_row(const Snapshot& snap, size_t number, const PathStep& step);
Json steps_json(const Snapshot& snap, const Route& route);

}  // namespace govmap

#endif  // GOVMAP_CLI_ACCOUNTABILITY_CLI_H_
