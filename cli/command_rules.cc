// govmap rules — the rules of law the maps carry, and what each derived.
#include <map>
#include <ostream>
#include <set>

#include "cli/command.h"
#include "core/rules.h"
#include "core/store.h"
#include "importers/rules_import.h"

namespace govmap {
namespace {

struct RulesOptions {
  std::string format;
  std::string at;
  std::string country;
};

std::string subjects_text(const RuleSubjects& s) {
  if (!s.body_type.empty()) return "body " + s.body_type;
  std::string out;
  for (OrgKind k : s.kinds) out += (out.empty() ? "" : "|") + name_of(k);
  if (!s.tiers.empty()) {
    std::string tiers;
    for (const std::string& t : s.tiers) tiers += (tiers.empty() ? "" : "|") + t;
    out += " (" + tiers + ")";
  }
  return out;
}

Outcome run_rules(const RulesOptions& opts, CommandContext& ctx) {
  OutputFormat format = output_format_or_throw(opts.format);
  std::optional<Date> at = optional_date(opts.at, "--at");
  std::optional<Country> country = country_option(opts.country);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  std::vector<RuleSet> sets = stored_rule_sets(store);
  // --country counts the facts about bodies of that country (their subject's).
  std::set<std::string> outside;
  if (country)
    for (const Organisation& o : store.organisations())
      if (o.country() != *country) outside.insert(o.id);
  // Facts each rule derived in force on the date (every date when none given),
  // as the combined view shows them (a curated map may have overridden some).
  RelationshipFilter filter;
  filter.at = at;
  std::map<std::pair<std::string, std::string>, long long> counts;
  for (const Relationship& r : store.relationships(filter)) {
    std::string id = derived_rule_id(r);
    if (outside.count(r.from)) continue;
    if (!id.empty()) ++counts[{r.dataset, id}];
  }
  Table t({"dataset", "rule", "subjects", "relationship", "layer", "target", "valid_from",
           "valid_to", "facts", "legal_basis", "sources", "statement", "line"});
  for (const RuleSet& set : sets)
    for (const Rule& r : set.rules) {
      std::string sources;
      for (const std::string& s : r.sources) sources += (sources.empty() ? "" : ";") + s;
      auto c = counts.find({set.dataset, r.id});
      t.add_row({set.dataset, r.id, subjects_text(r.subjects), name_of(r.kind), name_of(r.layer),
                 r.target.text, r.valid.from.str(),
                 r.valid.to ? Table::Cell(r.valid.to->str()) : Table::Cell(),
                 c == counts.end() ? 0LL : c->second,
                 r.legal_basis.empty() ? Table::Cell() : Table::Cell(r.legal_basis), sources,
                 r.statement, set.file + ":" + std::to_string(r.line)});
    }
  if (format == OutputFormat::kTable && sets.empty()) {
    *ctx.out << "no rules: import a map folder holding rules.toml (maps/england-national)\n";
    return Outcome::kOk;
  }
  *ctx.out << t.render(format);
  return Outcome::kOk;
}

}  // namespace

void setup_rules(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<RulesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "rules",
      "List the rules of law the imported maps carry (rules.toml) and how many facts each "
      "derived: in force on --at D, or over all dates without it");
  add_format_option(cmd, opts->format);
  cmd->add_option("--at", opts->at,
                  "Count the facts in force on this date (YYYY-MM-DD); default: every fact");
  add_country_option(cmd, opts->country);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_rules(*opts, ctx); }; });
}

}  // namespace govmap
