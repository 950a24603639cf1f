// govmap orgs — list organisations (one row per period).
#include <ostream>
#include <set>

#include "cli/command.h"
#include "core/kinds.h"
#include "core/store.h"

namespace govmap {
namespace {

struct OrgsOptions {
  std::string at, kind, search, format, country;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Outcome run_orgs(const OrgsOptions& opts, CommandContext& ctx) {
  auto at = optional_date(opts.at, "--at");
  std::optional<OrgKind> kind;
  if (!opts.kind.empty()) kind = org_kind_or_throw(opts.kind, "--kind");
  OutputFormat format = output_format_or_throw(opts.format);
  std::optional<Country> country = country_option(opts.country);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  Table table({"id", "name", "kind", "tier", "valid_from", "valid_to", "identifiers"});
  std::string needle = lower(opts.search);
  // --search matches any name a body ever had in any dataset (a CCG found by
  // its 2019 name in 2025), its id or an identifier; rows show the name in
  // force in each period.
  std::set<std::string> found;
  if (!needle.empty())
    for (const auto& [id, p] : store.all_periods())
      if (lower(p.name).find(needle) != std::string::npos) found.insert(id);
  for (const Organisation& o : store.organisations()) {
    std::vector<std::string> idents;
    bool matches =
        needle.empty() || found.count(o.id) || lower(o.id).find(needle) != std::string::npos;
    // A body named by its id or an identifier is shown whatever its country.
    bool named = !needle.empty() && lower(o.id) == needle;
    for (const Identifier& i : o.identifiers) {
      idents.push_back(i.scheme + ":" + i.value);
      matches = matches || lower(i.value) == needle;
      named = named || lower(i.value) == needle;
    }
    if (!matches) continue;
    if (country && o.country() != *country && !named) continue;
    for (const OrgPeriod& p : o.periods) {
      if (at && !p.valid.contains(*at)) continue;
      if (kind && p.kind != *kind) continue;
      table.add_row({o.id, p.name, name_of(p.kind), p.tier.empty() ? Table::Cell() : p.tier,
                     p.valid.from.str(),
                     p.valid.to ? Table::Cell(p.valid.to->str()) : Table::Cell(),
                     join(idents, ";")});
    }
  }
  *ctx.out << table.render(format);
  return Outcome::kOk;
}

}  // namespace

void setup_orgs(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<OrgsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "orgs", "List organisations, one row per period of their life, ordered by id and date");
  add_at_option(cmd, opts->at);
  cmd->add_option("--kind", opts->kind,
                  "Only organisations of this kind: " + join(all_org_kind_names()));
  cmd->add_option("--search", opts->search,
                  "Only organisations any of whose names (past ones included), or whose id, "
                  "contains this text, or with this identifier value (any case)");
  add_country_option(cmd, opts->country);
  add_format_option(cmd, opts->format);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_orgs(*opts, ctx); }; });
}

}  // namespace govmap
