// govmap timeline [ORG] — history over time: counts by kind on each date, or
// one body's names, kinds, key relationships and distance to voters.
#include <ostream>

#include "cli/accountability_cli.h"
#include "cli/command.h"
#include "core/error.h"
#include "core/kinds.h"
#include "core/resolve.h"
#include "core/store.h"
#include "core/timeline.h"
#include "render/output_file.h"
#include "render/timeline_chart.h"

namespace govmap {
namespace {

struct TimelineOptions {
  std::string org, from, to, every, layer, weights, format, output, country;
  std::vector<std::string> kinds;
};

struct Range {
  Date from, to;
  TimelineStep step = TimelineStep::kChange;
};

std::string step_words(const Range& r) {
  if (r.step == TimelineStep::kYear) return "on " + r.from.str() + " and every year after";
  if (r.step == TimelineStep::kMonth) return "on " + r.from.str() + " and every month after";
  return "on every date something changed";
}

void check_output(const std::string& path) {
  if (path.empty()) return;
  if (path.size() < 4 || path.compare(path.size() - 4, 4, ".svg") != 0)
    throw Error(Error::Kind::kUsage, "-o: '" + path +
                                         "': timeline charts are SVG (name the file .svg); for "
                                         "the numbers use --format csv or json");
}

void write_chart(const std::string& path, const TimelineChart& chart, CommandContext& ctx) {
  write_file_atomically(path, timeline_svg(chart));
  *ctx.out << "wrote " << path << "\n";
}

Outcome run_counts(const TimelineOptions& opts, const Range& given, bool from_given,
                   OutputFormat format, CommandContext& ctx) {
  std::vector<OrgKind> kinds;
  for (const std::string& k : opts.kinds) {
    OrgKind kind = org_kind_or_throw(k, "--kind");
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  }
  std::optional<Country> country = country_option(opts.country);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  std::vector<Organisation> orgs = store.organisations();
  if (country)
    orgs.erase(std::remove_if(orgs.begin(), orgs.end(),
                              [&](const Organisation& o) { return o.country() != *country; }),
               orgs.end());
  // Without --kind: every kind that anything has (placeholders of kind
  // unknown aside), in the vocabulary's order.
  if (kinds.empty()) {
    std::set<OrgKind> seen;
    for (const Organisation& o : orgs)
      for (const OrgPeriod& p : o.periods)
        if (p.kind != OrgKind::kUnknown) seen.insert(p.kind);
    kinds.assign(seen.begin(), seen.end());
  }
  std::vector<Organisation> selected;
  for (const Organisation& o : orgs)
    for (const OrgPeriod& p : o.periods)
      if (std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end()) {
        selected.push_back(o);
        break;
      }
  Range range = given;
  if (!from_given) {
    // From the first day any body of these kinds was in force.
    bool any = false;
    for (const Organisation& o : selected)
      for (const OrgPeriod& p : o.periods)
        if (std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end() &&
            (!any || p.valid.from < range.from)) {
          range.from = p.valid.from;
          any = true;
        }
    if (!any) range.from = range.to;
  }
  if (range.to < range.from)
    throw Error(Error::Kind::kUsage,
                "--to " + range.to.str() + " is before --from " + range.from.str());
  std::vector<Date> dates =
      timeline_dates(range.from, range.to, range.step, change_dates(selected));
  std::vector<KindCounts> rows =
      count_by_kind(selected, kinds, dates, range.step == TimelineStep::kChange);

  std::vector<std::string> columns = {"date"};
  for (OrgKind k : kinds) columns.push_back(name_of(k));
  if (!opts.output.empty()) {
    TimelineChart chart;
    std::vector<std::string> names(columns.begin() + 1, columns.end());
    chart.title = "Bodies in force by kind: " + join(names) + ", " + range.from.str() + " to " +
                  range.to.str();
    chart.subtitle = "Counted " + step_words(range) + " (govmap timeline)";
    chart.y_label = "bodies in force";
    chart.end = range.to;
    for (const KindCounts& r : rows) chart.dates.push_back(r.date);
    for (size_t k = 0; k < kinds.size(); ++k) {
      ChartSeries s;
      s.label = name_of(kinds[k]);
      for (const KindCounts& r : rows) s.values.push_back(r.counts[k]);
      chart.series.push_back(std::move(s));
    }
    write_chart(opts.output, chart, ctx);
    return Outcome::kOk;
  }
  Table t(columns);
  for (const KindCounts& r : rows) {
    std::vector<Table::Cell> row = {r.date.str()};
    for (int c : r.counts) row.push_back(static_cast<long long>(c));
    t.add_row(std::move(row));
  }
  *ctx.out << t.render(format);
  return Outcome::kOk;
}

std::string relationships_text(const OrgMoment& m) {
  std::vector<std::string> parts;
  for (const Relationship& r : m.key_relationships) parts.push_back(step_text(r));
  return join(parts, "; ");
}

Outcome run_org(const TimelineOptions& opts, Range range, bool from_given, bool to_given,
                OutputFormat format, CommandContext& ctx) {
  if (!opts.kinds.empty())
    throw Error(Error::Kind::kUsage,
                "--kind counts bodies of a kind; it cannot be used with an organisation");
  country_option(opts.country);  // checked; a body named is followed whatever its country
  std::optional<Layer> layer;
  if (!opts.layer.empty()) layer = layer_or_throw(opts.layer, "--layer");
  Weights weights;
  if (!opts.weights.empty()) weights = load_weights(opts.weights);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  const std::string id = resolve_org(store, opts.org);
  std::vector<Organisation> orgs = store.organisations();
  std::vector<Relationship> rels = store.relationships();
  const Organisation* org = nullptr;
  for (const Organisation& o : orgs)
    if (o.id == id) org = &o;
  if (!org || org->periods.empty())
    throw Error(Error::Kind::kNotFound, "unknown organisation '" + opts.org + "'");
  // By default the body's whole life, and the day it ended if it has.
  if (!from_given) range.from = org->periods.front().valid.from;
  if (!to_given && org->periods.back().valid.to) {
    Date after = org->periods.back().valid.to->next_day();
    if (after < range.to) range.to = after;
  }
  if (range.to < range.from)
    throw Error(Error::Kind::kUsage,
                "--to " + range.to.str() + " is before --from " + range.from.str());
  std::set<Date> changes = change_dates(orgs);
  for (Date d : change_dates(rels)) changes.insert(d);
  std::vector<Date> dates = timeline_dates(range.from, range.to, range.step, changes);
  std::vector<OrgMoment> moments =
      org_timeline(*org, orgs, rels, dates, weights, layer, range.step == TimelineStep::kChange);

  if (!opts.output.empty()) {
    TimelineChart chart;
    const std::string latest = org->periods.back().name;
    chart.title =
        latest + " (" + id + "): distance to voters, " + range.from.str() + " to " + range.to.str();
    chart.subtitle = "Accountability distance " + step_words(range) +
                     " (govmap timeline; docs/accountability.md)";
    chart.y_label = "distance to voters (weight) and hops";
    chart.end = range.to;
    chart.gap_note = "no line: unaccountable or not in force";
    ChartSeries distance{"distance", {}}, hops{"hops", {}};
    const OrgPeriod* previous = nullptr;
    for (const OrgMoment& m : moments) {
      chart.dates.push_back(m.date);
      distance.values.push_back(m.route ? std::optional<double>(double(m.route->weight) / kMilli)
                                        : std::nullopt);
      hops.values.push_back(m.route ? std::optional<double>(m.route->hops) : std::nullopt);
      if (m.period && previous && m.period->name != previous->name)
        chart.markers.push_back({m.date, "renamed " + m.period->name});
      else if (m.period && previous && m.period->kind != previous->kind)
        chart.markers.push_back({m.date, "became " + name_of(m.period->kind)});
      else if (!m.period && previous)
        chart.markers.push_back({m.date, "closed"});
      if (m.period) previous = m.period;
    }
    chart.series = {std::move(distance), std::move(hops)};
    write_chart(opts.output, chart, ctx);
    return Outcome::kOk;
  }

  if (format == OutputFormat::kJson) {
    Json arr = Json::array();
    for (const OrgMoment& m : moments) {
      Json j;
      j["date"] = m.date.str();
      j["in_force"] = m.period != nullptr;
      j["name"] = m.period ? Json(m.period->name) : Json(nullptr);
      j["kind"] = m.period ? Json(name_of(m.period->kind)) : Json(nullptr);
      j["distance"] = m.route ? weight_json(m.route->weight) : Json(nullptr);
      j["hops"] = m.route ? Json(m.route->hops) : Json(nullptr);
      j["shadow_hops"] = m.route ? Json(m.route->shadow_hops) : Json(nullptr);
      j["unaccountable"] = m.period != nullptr && !m.route;
      j["next"] = m.route && !m.route->steps.empty() ? Json(step_text(m.route->steps.front().rel))
                                                     : Json(nullptr);
      Json rel_list = Json::array();
      for (const Relationship& r : m.key_relationships)
        rel_list.push_back({{"kind", name_of(r.kind)}, {"layer", name_of(r.layer)}, {"to", r.to}});
      j["relationships"] = std::move(rel_list);
      arr.push_back(std::move(j));
    }
    *ctx.out << dump_json(arr);
    return Outcome::kOk;
  }
  Table t({"date", "name", "kind", "distance", "hops", "shadow_hops", "next", "relationships"});
  for (const OrgMoment& m : moments) {
    std::vector<Table::Cell> row = {m.date.str()};
    if (!m.period) {
      row.push_back(std::monostate{});
      row.push_back(std::monostate{});
      row.push_back(std::string("not in force"));
      t.add_row(std::move(row));
      continue;
    }
    row.push_back(m.period->name);
    row.push_back(name_of(m.period->kind));
    if (!m.route) {
      row.push_back(std::string("unaccountable"));
      row.push_back(std::monostate{});
      row.push_back(std::monostate{});
      row.push_back(std::monostate{});
    } else {
      row.push_back(weight_cell(m.route->weight));
      row.push_back(static_cast<long long>(m.route->hops));
      row.push_back(static_cast<long long>(m.route->shadow_hops));
      row.push_back(m.route->steps.empty() ? Table::Cell()
                                           : Table::Cell(step_text(m.route->steps.front().rel)));
    }
    std::string rel_text = relationships_text(m);
    row.push_back(rel_text.empty() ? Table::Cell() : Table::Cell(rel_text));
    t.add_row(std::move(row));
  }
  *ctx.out << t.render(format);
  return Outcome::kOk;
}

Outcome run_timeline(const TimelineOptions& opts, CommandContext& ctx) {
  Range range;
  range.step = timeline_step_or_throw(opts.every, "--every");
  range.to = opts.to.empty() ? today() : Date::parse_or_throw(opts.to, "--to");
  if (!opts.from.empty()) range.from = Date::parse_or_throw(opts.from, "--from");
  OutputFormat format = output_format_or_throw(opts.format);
  check_output(opts.output);
  if (opts.org.empty()) {
    if (!opts.layer.empty() || !opts.weights.empty())
      throw Error(Error::Kind::kUsage,
                  std::string(opts.layer.empty() ? "--weights" : "--layer") +
                      " applies to one body's distance over time; name an organisation");
    return run_counts(opts, range, !opts.from.empty(), format, ctx);
  }
  return run_org(opts, range, !opts.from.empty(), !opts.to.empty(), format, ctx);
}

}  // namespace

void setup_timeline(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<TimelineOptions>();
  CLI::App* cmd = app.add_subcommand(
      "timeline",
      "History over time. Without ORG: how many bodies of each kind were in force on every date "
      "something changed (or every year or month) over a range. With ORG: that body's names, "
      "kinds, key relationships and accountability distance on every date any of them changed. "
      "-o chart.svg draws it as a chart.");
  cmd->add_option("org", opts->org,
                  "One organisation (an id, any identifier or a name fragment); none for counts "
                  "by kind");
  cmd->add_option("--from", opts->from,
                  "First date (YYYY-MM-DD); default: the first day a body counted (or ORG) was "
                  "in force");
  cmd->add_option("--to", opts->to,
                  "Last date (YYYY-MM-DD); default: today, or the day after ORG ended");
  cmd->add_option("--kind", opts->kinds,
                  "Count only these kinds (repeat, or comma-separate: --kind ccg,icb); default: "
                  "every kind present. Kinds: " +
                      join(all_org_kind_names()))
      ->delimiter(',');
  cmd->add_option("--every", opts->every,
                  "change (default): a row on each date something changed; year or month: on "
                  "--from and every year or month after it, up to --to")
      ->default_val("change");
  cmd->add_option("--layer", opts->layer,
                  "With ORG: follow only relationships in this layer, statutory or shadow "
                  "(default: both)");
  add_weights_option(cmd, opts->weights);
  add_country_option(cmd, opts->country);
  add_format_option(cmd, opts->format);
  cmd->add_option("-o,--output", opts->output,
                  "Draw a chart instead, as an SVG file (FILE.svg): counts by kind, or ORG's "
                  "distance and hops, over time");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_timeline(*opts, ctx); }; });
}

}  // namespace govmap
