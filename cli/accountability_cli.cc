#include "cli/accountability_cli.h"

#include <utility>

#include "core/rules.h"

#include "core/error.h"
#include "core/kinds.h"
#include "core/neighbourhood.h"
#include "core/resolve.h"

namespace govmap {

void add_accountability_options(CLI::App* cmd, AccountabilityArgs& args, bool with_at,
                                bool with_weights, const std::string& area_help,
                                bool with_country) {
  if (with_at)
    cmd->add_option("--at", args.at,
                    "The date (YYYY-MM-DD) whose organisations and relationships are used "
                    "(default: today)");
  cmd->add_option("--area", args.area,
                  area_help.empty()
                      ? "Show only this organisation and what lies inside it: bodies up to two "
                        "part_of, member_of or committee_of steps below it; distances are still "
                        "measured on the whole map"
                      : area_help);
  cmd->add_option("--layer", args.layer,
                  "Follow only relationships in this layer: statutory or shadow (default: both)");
  if (with_weights) add_weights_option(cmd, args.weights);
  if (with_country)
    add_country_option(cmd, args.country);
  else
    args.country = "all";
  add_format_option(cmd, args.format);
}

AccountabilityRun::AccountabilityRun(const AccountabilityArgs& args, CommandContext& ctx) {
  at = args.at.empty() ? today() : Date::parse_or_throw(args.at, "--at");
  if (!args.layer.empty()) layer = layer_or_throw(args.layer, "--layer");
  format = output_format_or_throw(args.format);
  country = country_option(args.country);
  if (!args.weights.empty()) weights = load_weights(args.weights);
  store_ = std::make_unique<Store>(ctx.global.db, Database::Mode::kReadOnly);
  for (Source& s : store_->sources()) sources_.emplace(s.id, std::move(s));
  if (!args.area.empty()) {
    area = resolve_org(*store_, args.area);
    named_.insert(*area);
  }
}

void AccountabilityRun::name_explicitly(const std::vector<std::string>& texts) {
  for (const std::string& t : texts) named_.insert(resolve_org(*store_, t));
}

const std::vector<Organisation>& AccountabilityRun::all_organisations() const {
  if (!orgs_) orgs_ = store_->organisations();
  return *orgs_;
}

SnapshotOptions AccountabilityRun::snapshot_options(Date d) const {
  SnapshotOptions options;
  options.at = d;
  options.layer = layer;
  options.country = country;
  options.named = named_;
  return options;
}

Snapshot AccountabilityRun::snapshot(Date d) const {
  RelationshipFilter filter;
  filter.at = d;
  return build_snapshot(all_organisations(), store_->relationships(filter), snapshot_options(d));
}

Snapshot AccountabilityRun::only_snapshot(Date d, bool citations) const {
  if (orgs_) return snapshot(d);  // already read: copied from, not read again
  SnapshotOptions options = snapshot_options(d);
  options.citations = citations;
  return build_snapshot(*store_, options);
}

Snapshot AccountabilityRun::date_snapshot(Date d) const {
  if (orgs_) return snapshot(d);  // already read: copied from, not read again
  RelationshipFilter filter;
  filter.at = d;
  filter.source_lines = false;
  return build_snapshot(store_->organisations({}, false), store_->relationships(filter),
                        snapshot_options(d));
}

Snapshot AccountabilityRun::reachable_snapshot(Date d, const std::vector<std::string>& ids) const {
  std::optional<Neighbourhood> part = read_reachable(*store_, ids, d);
  if (!part) return snapshot(d);
  return build_snapshot(part->organisations, std::move(part->relationships), snapshot_options(d));
}

std::optional<std::set<std::string>> AccountabilityRun::area_members(Date d) const {
  if (!area) return std::nullopt;
  SnapshotOptions options;
  options.at = d;
  options.area = *area;
  RelationshipFilter filter;
  filter.at = d;
  Snapshot s = build_snapshot(all_organisations(), store_->relationships(filter), options);
  std::set<std::string> ids;
  if (!s.find(*area)) return ids;
  for (Vertex v = 0; v < s.vertex_count(); ++v) ids.insert(s[v].id);
  return ids;
}

namespace {

std::string lifetime(const Organisation& o) {
  std::vector<std::string> parts;
  for (const OrgPeriod& p : o.periods) parts.push_back(p.valid.str());
  return join(parts, ", ");
}

}  // namespace

void AccountabilityRun::require_area_in_force(Date d) const {
  if (!area) return;
  const Organisation* o = organisation(*area);
  if (o && o->period_at(d)) return;
  throw Error(Error::Kind::kNotFound, "--area: '" + *area + "' is not in force on " + d.str() +
                                          (o ? " (it is in force " + lifetime(*o) + ")" : ""));
}

Vertex AccountabilityRun::org_in_force(const Snapshot& snap, const std::string& text) {
  std::string id = resolve_org(*store_, text);
  if (auto v = snap.find(id)) return *v;
  const Organisation* o = organisation(id);
  throw Error(Error::Kind::kNotFound, "'" + id + "' is not in force on " + snap.at.str() +
                                          (o ? " (it is in force " + lifetime(*o) + ")" : ""));
}

const Source* AccountabilityRun::source(const std::string& id) const {
  auto it = sources_.find(id);
  return it == sources_.end() ? nullptr : &it->second;
}

const Organisation* AccountabilityRun::organisation(const std::string& id) const {
  auto it = one_.find(id);
  if (it == one_.end()) it = one_.emplace(id, store_->organisation(id)).first;
  // As in Store::organisations(): a body left with no period is not there.
  return it->second && !it->second->periods.empty() ? &*it->second : nullptr;
}

Table::Cell weight_cell(Milli m) {
  if (m % kMilli == 0) return static_cast<long long>(m / kMilli);
  return static_cast<double>(m) / static_cast<double>(kMilli);
}

Json weight_json(Milli m) {
  if (m % kMilli == 0) return static_cast<long long>(m / kMilli);
  return static_cast<double>(m) / static_cast<double>(kMilli);
}

std::string step_text(const Relationship& r) {
  return name_of(r.kind) + " " + r.to + (r.layer == Layer::kShadow ? " (shadow)" : "");
}

namespace {

std::string name_in(const Snapshot& snap, const std::string& id) {
  auto v = snap.find(id);
  return v ? snap[*v].period.name : "";
}

}  // namespace

std::string explain_route(const Snapshot& snap, Vertex v, const std::optional<Route>& route,
                          std::set<std::string>& cited) {
  const VertexData& d = snap[v];
  std::string out = d.id + "  " + d.period.name + " (" + name_of(d.period.kind) + ")\n";
  if (!route) return out + "  unaccountable: no route to voters on " + snap.at.str() + "\n";
  if (route->steps.empty()) {
    out += "  distance 0: ";
    out += d.period.kind == OrgKind::kElectorate ? "an electorate (a root)\n" : "the target\n";
    return out;
  }
  out += "  distance " + format_milli(route->weight) + ": " + std::to_string(route->hops) +
         (route->hops == 1 ? " hop" : " hops") + ", " + std::to_string(route->shadow_hops) +
         " in the shadow layer\n";
  size_t i = 0;
  for (const PathStep& s : route->steps) {
    const Relationship& r = s.rel;
    out += "  " + std::to_string(++i) + ". " + r.from + " " + name_of(r.kind) + " " + r.to + "  [" +
           name_of(r.layer) + ", weight " + format_milli(s.weight) + "]  " + name_in(snap, r.to) +
           "\n";
    out += "     legal basis: " +
           (r.cited().legal_basis.empty() ? "none cited" : r.cited().legal_basis) + "\n";
    out += "     sources: " + (r.cited().sources.empty() ? "none" : join(r.cited().sources)) + "\n";
    // A fact of the rules layer says which rule made it and from which data row.
    if (!derived_rule_id(r).empty()) out += "     " + r.cited().note + "\n";
    cited.insert(r.cited().sources.begin(), r.cited().sources.end());
  }
  return out;
}

std::string sources_block(const AccountabilityRun& run, const std::set<std::string>& cited) {
  if (cited.empty()) return "";
  std::string out = "sources cited\n";
  for (const std::string& id : cited) {
    const Source* s = run.source(id);
    out += "  " + id + "  " + (s ? s->title + " " + s->url : "(not in the database)") + "\n";
  }
  return out;
}

std::vector<std::string> step_columns() {
  return {"step", "from",    "from_name", "kind",        "layer",
          "to",   "to_name", "weight",    "legal_basis", "sources"};
}

std::vector<Table::Cell> step_row(const Snapshot& snap, size_t number, const PathStep& step) {
  const Relationship& r = step.rel;
  return {static_cast<long long>(number),
          r.from,
          name_in(snap, r.from),
          name_of(r.kind),
          name_of(r.layer),
          r.to,
          name_in(snap, r.to),
          weight_cell(step.weight),
          r.cited().legal_basis.empty() ? Table::Cell() : Table::Cell(r.cited().legal_basis),
          join(r.cited().sources, ";")};
}

Json steps_json(const Snapshot& snap, const Route& route) {
  Json steps = Json::array();
  size_t i = 0;
  for (const PathStep& s : route.steps) {
    const Relationship& r = s.rel;
    Json j;
    j["step"] = ++i;
    j["from"] = r.from;
    j["from_name"] = name_in(snap, r.from);
    j["kind"] = name_of(r.kind);
    j["layer"] = name_of(r.layer);
    j["to"] = r.to;
    j["to_name"] = name_in(snap, r.to);
    j["weight"] = weight_json(s.weight);
    j["legal_basis"] = r.cited().legal_basis.empty() ? Json(nullptr) : Json(r.cited().legal_basis);
    j["sources"] = r.cited().sources;
    j["valid_from"] = r.valid.from.str();
    j["valid_to"] = r.valid.to ? Json(r.valid.to->str()) : Json(nullptr);
    steps.push_back(std::move(j));
  }
  return steps;
}

}  // namespace govmap
