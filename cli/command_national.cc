// govmap national — the national tables: the distance of every ICB, CCG and
// trust on chosen dates, and how many bodies of each kind are unaccountable on
// one day of every year.
#include <cstdio>
#include <ostream>

#include "cli/accountability_cli.h"
#include "core/error.h"
#include "core/kinds.h"

namespace govmap {
namespace {

// The bodies the national tables follow: commissioners, systems and providers.
const std::vector<OrgKind> kNationalKinds = {OrgKind::kCcg,
                                             OrgKind::kStp,
                                             OrgKind::kIcs,
                                             OrgKind::kIcb,
                                             OrgKind::kIcp,
                                             OrgKind::kNhsTrust,
                                             OrgKind::kFoundationTrust,
                                             OrgKind::kLocalAuthority};

struct NationalOptions {
  AccountabilityArgs common;
  std::vector<std::string> dates;
  std::string years;          // "2013-2026"
  std::string day = "07-01";  // month and day of each year
};

std::pair<int, int> parse_years(const std::string& text) {
  int a = 0, b = 0;
  char dash = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &a, &dash, &b) != 3 || dash != '-' || a < 1000 ||
      b > 9999 || b < a)
    throw govmap::Error(govmap::Error::Kind::kUsage,
                "--years: expected FIRST-LAST such as 2013-2026, got '" + text + "'");
  return {a, b};
}

Outcome run_national(const NationalOptions& opts, CommandContext& ctx) {
  AccountabilityRun run(opts.common, ctx);
  Table t({"date", "id", "name", "kind", "distance", "hops", "shadow_hops", "next"});
  if (!opts.years.empty()) {
    auto [first, last] = parse_years(opts.years);
    Table counts({"date", "kind", "bodies", "unaccountable", "statutory_unaccountable"});
    for (int y = first; y <= last; ++y) {
      Date d = Date::parse_or_throw(std::to_string(y) + "-" + opts.day, "--day");
      Snapshot snap = run.snapshot(d);
      ShortestPaths all = accountability_distances(snap, run.weights);
      ShortestPaths statutory = accountability_distances(snap, run.weights, Layer::kStatutory);
      for (OrgKind k : kNationalKinds) {
        long long bodies = 0, none = 0, none_statutory = 0;
        for (Vertex v = 0; v < snap.vertex_count(); ++v) {
          if (snap[v].period.kind != k) continue;
          ++bodies;
          none += !all.reachable(v);
          none_statutory += !statutory.reachable(v);
        }
        counts.add_row({d.str(), name_of(k), bodies, none, none_statutory});
      }
    }
    *ctx.out << counts.render(run.format);
    return Outcome::kOk;
  }
  std::vector<Date> dates;
  for (const std::string& s : opts.dates) dates.push_back(Date::parse_or_throw(s, "--date"));
  if (dates.empty()) dates.push_back(run.at);
  for (Date d : dates) {
    Snapshot snap = run.snapshot(d);
    ShortestPaths paths = accountability_distances(snap, run.weights);
    for (Vertex v = 0; v < snap.vertex_count(); ++v) {
      OrgKind k = snap[v].period.kind;
      if (k != OrgKind::kCcg && k != OrgKind::kIcb && k != OrgKind::kNhsTrust &&
          k != OrgKind::kFoundationTrust)
        continue;
      auto route = paths.route(v);
      Table::Cell next;
      if (route && !route->steps.empty()) next = step_text(route->steps.front().rel);
      t.add_row({d.str(), snap[v].id, snap[v].period.name, name_of(k),
                 route ? weight_cell(route->weight) : Table::Cell("unaccountable"),
                 route ? Table::Cell(static_cast<long long>(route->hops)) : Table::Cell(),
                 route ? Table::Cell(static_cast<long long>(route->shadow_hops)) : Table::Cell(),
                 next});
    }
  }
  *ctx.out << t.render(run.format);
  return Outcome::kOk;
}

}  // namespace

void setup_national(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<NationalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "national",
      "National tables: the accountability distance of every ICB, CCG and trust on each "
      "--date (default --at), or with --years the number of unaccountable bodies of each kind "
      "on one day (--day) of every year");
  add_accountability_options(cmd, opts->common);
  cmd->add_option("--date", opts->dates, "A date (YYYY-MM-DD) to tabulate; repeat for several");
  cmd->add_option("--years", opts->years,
                  "FIRST-LAST (e.g. 2013-2026): count unaccountable bodies by kind each year");
  cmd->add_option("--day", opts->day,
                  "Month and day used in each year with --years (default 07-01)");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_national(*opts, ctx); }; });
}

}  // namespace govmap
