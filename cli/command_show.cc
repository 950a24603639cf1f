// govmap show ORG — everything known about one organisation.
#include <ostream>
#include <set>

#include "cli/command.h"
#include "cli/listing.h"
#include "core/kinds.h"
#include "core/resolve.h"
#include "core/store.h"

namespace govmap {
namespace {

struct ShowOptions {
  std::string org, at, format;
};

Table period_table(const Organisation& o, std::optional<Date> at, const CitedRows& rows) {
  Table t({"valid_from", "valid_to", "name", "kind", "tier", "sources", "dataset", "rows"});
  for (const OrgPeriod& p : o.periods) {
    if (at && !p.valid.contains(*at)) continue;
    std::string at_rows = rows.of(p);
    t.add_row({p.valid.from.str(), p.valid.to ? Table::Cell(p.valid.to->str()) : Table::Cell(),
               p.name, name_of(p.kind), p.tier.empty() ? Table::Cell() : p.tier,
               join(p.sources, ";"), p.dataset,
               at_rows.empty() ? Table::Cell() : Table::Cell(at_rows)});
  }
  return t;
}

Outcome run_show(const ShowOptions& opts, CommandContext& ctx) {
  auto at = optional_date(opts.at, "--at");
  OutputFormat format = output_format_or_throw(opts.format);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  std::string id = resolve_org(store, opts.org);
  Organisation org = *store.organisation(id);
  RelationshipFilter out_filter, in_filter;
  out_filter.at = in_filter.at = at;
  out_filter.from = id;
  in_filter.to = id;
  std::vector<Relationship> out_rels = store.relationships(out_filter);
  std::vector<Relationship> in_rels = store.relationships(in_filter);

  std::set<std::string> cited;
  for (const OrgPeriod& p : org.periods)
    if (!at || p.valid.contains(*at)) cited.insert(p.sources.begin(), p.sources.end());
  for (const auto* list : {&out_rels, &in_rels})
    for (const Relationship& r : *list)
      cited.insert(r.cited().sources.begin(), r.cited().sources.end());
  std::vector<Source> sources;
  for (const std::string& s : cited)
    if (auto src = store.source(s)) sources.push_back(*src);

  std::set<std::string> named = {id};
  for (const auto* list : {&out_rels, &in_rels})
    for (const Relationship& r : *list) named.insert({r.from, r.to});
  NameIndex names(store, named);
  CitedRows rows(store);
  Table periods = period_table(org, at, rows);
  Table outgoing = relationship_table(out_rels, names, at, true, &rows);
  Table incoming = relationship_table(in_rels, names, at, true, &rows);
  Table cites = source_table(sources);
  std::ostream& out = *ctx.out;
  if (format == OutputFormat::kJson) {
    Json j;
    j["id"] = id;
    j["identifiers"] = Json::array();
    for (const Identifier& i : org.identifiers)
      j["identifiers"].push_back({{"scheme", i.scheme}, {"value", i.value}});
    j["periods"] = periods.to_json();
    j["relationships_out"] = outgoing.to_json();
    j["relationships_in"] = incoming.to_json();
    j["sources"] = cites.to_json();
    out << dump_json(j);
    return Outcome::kOk;
  }
  if (format == OutputFormat::kCsv) {
    // One CSV a spreadsheet can open: every relationship touching the body.
    std::vector<Relationship> all = out_rels;
    all.insert(all.end(), in_rels.begin(), in_rels.end());
    std::sort(all.begin(), all.end());
    out << relationship_table(all, names, at).render(OutputFormat::kCsv);
    return Outcome::kOk;
  }
  std::vector<std::string> idents;
  for (const Identifier& i : org.identifiers) idents.push_back(i.scheme + ":" + i.value);
  out << id << "\n";
  if (!idents.empty()) out << "identifiers: " << join(idents, ", ") << "\n";
  if (at) out << "as at " << at->str() << "\n";
  out << "\nperiods\n" << periods.render(OutputFormat::kTable);
  out << "\nrelationships from " << id << " (" << outgoing.size() << ")\n"
      << outgoing.render(OutputFormat::kTable);
  out << "\nrelationships to " << id << " (" << incoming.size() << ")\n"
      << incoming.render(OutputFormat::kTable);
  out << "\nsources\n" << cites.render(OutputFormat::kTable);
  return Outcome::kOk;
}

}  // namespace

void setup_show(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<ShowOptions>();
  CLI::App* cmd = app.add_subcommand(
      "show",
      "Show one organisation: periods, identifiers, relationships in and out, sources. "
      "--format csv gives its relationships only.");
  cmd->add_option("org", opts->org, "An id, any identifier (03N, E38000146) or a name fragment")
      ->required();
  add_at_option(cmd, opts->at);
  add_format_option(cmd, opts->format);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_show(*opts, ctx); }; });
}

}  // namespace govmap
