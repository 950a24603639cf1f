// govmap lineage ORG — predecessors and successors along succeeded_by.
#include <ostream>
#include <set>
#include <vector>

#include "cli/command.h"
#include "core/kinds.h"
#include "core/lineage.h"
#include "core/resolve.h"
#include "core/store.h"

namespace govmap {
namespace {

struct LineageCliOptions {
  std::string org, at, layer, format;
};

// A succession is stored on the predecessor's last day; people (ODS, the
// legislation) date it by its effective date, the successor's first day.
Date effective(const Relationship& r) {
  return (r.valid.to ? *r.valid.to : r.valid.from).next_day();
}

std::string link_text(const Relationship& r, bool show_to) {
  return (show_to ? r.to : r.from) + " from " + effective(r).str() +
         (r.layer == Layer::kShadow ? " (shadow)" : "");
}

std::string links(const std::vector<Relationship>& rels, bool show_to) {
  std::vector<std::string> parts;
  for (const Relationship& r : rels) parts.push_back(link_text(r, show_to));
  return join(parts, "; ");
}

const char* relation(int generation) {
  return generation < 0 ? "predecessor" : generation > 0 ? "successor" : "self";
}

// The period that describes the body: the latest one starting on or before
// `until` (when given), else its first.
const OrgPeriod* describing(const Organisation& o, std::optional<Date> until) {
  const OrgPeriod* best = o.periods.empty() ? nullptr : &o.periods.front();
  for (const OrgPeriod& p : o.periods)
    if (!until || p.valid.from <= *until) best = &p;
  return best;
}

// Every succeeded_by relationship linked to id through successions either
// way, found by expanding from id with indexed reads of each body's links:
// the cost follows the size of the lineage, not of the map. Each relationship
// is taken from its predecessor's outgoing links, so it is taken once.
std::vector<Relationship> succession_component(const Store& store, const std::string& id) {
  std::vector<Relationship> out;
  std::set<std::string> seen = {id};
  std::vector<std::string> todo = {id};
  while (!todo.empty()) {
    std::string at = todo.back();
    todo.pop_back();
    for (bool outgoing : {true, false}) {
      RelationshipFilter f;
      f.kinds = {RelKind::kSucceededBy};
      (outgoing ? f.from : f.to) = at;
      for (Relationship& r : store.relationships(f)) {
        const std::string& next = outgoing ? r.to : r.from;
        if (seen.insert(next).second) todo.push_back(next);
        if (outgoing) out.push_back(std::move(r));
      }
    }
  }
  return out;
}

Json link_json(const Relationship& r, bool show_to) {
  Json j;
  j[show_to ? "to" : "from"] = show_to ? r.to : r.from;
  j["date"] = r.valid.from.str();  // the predecessor's last day, as stored
  j["effective"] = effective(r).str();
  j["layer"] = name_of(r.layer);
  j["legal_basis"] = r.cited().legal_basis.empty() ? Json(nullptr) : Json(r.cited().legal_basis);
  j["sources"] = r.cited().sources;
  return j;
}

Outcome run_lineage(const LineageCliOptions& opts, CommandContext& ctx) {
  LineageOptions options;
  options.until = optional_date(opts.at, "--at");
  if (!opts.layer.empty()) options.layer = layer_or_throw(opts.layer, "--layer");
  OutputFormat format = output_format_or_throw(opts.format);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  std::string id = resolve_org(store, opts.org);
  Lineage lineage = lineage_of(id, succession_component(store, id), options);

  std::map<std::string, Organisation> orgs;
  for (const LineageBody& b : lineage.bodies)
    if (auto o = store.organisation(b.id); o && !o->periods.empty()) orgs.emplace(b.id, *o);

  Table t({"generation", "relation", "id", "name", "kind", "valid_from", "valid_to", "preceded_by",
           "succeeded_by"});
  Json arr = Json::array();
  for (const LineageBody& b : lineage.bodies) {
    auto it = orgs.find(b.id);
    const Organisation* o = it == orgs.end() ? nullptr : &it->second;
    const OrgPeriod* p = o ? describing(*o, options.until) : nullptr;
    std::optional<Date> from, to;
    bool open = false;
    if (o && !o->periods.empty()) {
      from = o->periods.front().valid.from;
      to = o->periods.back().valid.to;
      open = !to;
    }
    t.add_row({static_cast<long long>(b.generation), relation(b.generation), b.id,
               p ? Table::Cell(p->name) : Table::Cell(),
               p ? Table::Cell(name_of(p->kind)) : Table::Cell(),
               from ? Table::Cell(from->str()) : Table::Cell(),
               to ? Table::Cell(to->str()) : Table::Cell(), links(b.to, false),
               links(b.from, true)});
    Json j;
    j["generation"] = b.generation;
    j["relation"] = relation(b.generation);
    j["id"] = b.id;
    j["name"] = p ? Json(p->name) : Json(nullptr);
    j["kind"] = p ? Json(name_of(p->kind)) : Json(nullptr);
    j["valid_from"] = from ? Json(from->str()) : Json(nullptr);
    j["valid_to"] = to && !open ? Json(to->str()) : Json(nullptr);
    j["preceded_by"] = Json::array();
    for (const Relationship& r : b.to) j["preceded_by"].push_back(link_json(r, false));
    j["succeeded_by"] = Json::array();
    for (const Relationship& r : b.from) j["succeeded_by"].push_back(link_json(r, true));
    arr.push_back(std::move(j));
  }

  std::ostream& out = *ctx.out;
  if (format == OutputFormat::kJson) {
    out << dump_json(arr);
    return Outcome::kOk;
  }
  if (format == OutputFormat::kCsv) {
    out << t.render(OutputFormat::kCsv);
    return Outcome::kOk;
  }
  out << "lineage of " << id;
  if (options.until) out << " (successions up to " << options.until->str() << ")";
  out << ": " << lineage.bodies.size() - 1 << " related bodies\n\n"
      << t.render(OutputFormat::kTable);
  Table steps({"from", "to", "last_day", "effective", "layer", "legal_basis", "sources"});
  for (const Relationship& r : lineage.steps)
    steps.add_row(
        {r.from, r.to, r.valid.from.str(), effective(r).str(), name_of(r.layer),
         r.cited().legal_basis.empty() ? Table::Cell() : Table::Cell(r.cited().legal_basis),
         join(r.cited().sources, ";")});
  out << "\nsuccession steps (" << steps.size() << ")\n";
  if (steps.size()) out << steps.render(OutputFormat::kTable);
  return Outcome::kOk;
}

}  // namespace

void setup_lineage(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<LineageCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "lineage",
      "Predecessors and successors of an organisation along succeeded_by, through mergers and "
      "splits, with dates (generation -1 = immediate predecessor, 1 = immediate successor)");
  cmd->add_option("org", opts->org, "An id, any identifier or a name fragment")->required();
  cmd->add_option("--at", opts->at,
                  "Only successions dated on or before this day (YYYY-MM-DD; default: all)");
  cmd->add_option("--layer", opts->layer, "Only successions in this layer: statutory or shadow");
  add_format_option(cmd, opts->format);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_lineage(*opts, ctx); }; });
}

}  // namespace govmap
