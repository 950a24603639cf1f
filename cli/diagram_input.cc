#include "cli/diagram_input.h"

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <tuple>
#include <utility>

#include "core/accountability.h"
#include "core/area_timeline.h"
#include "core/error.h"
#include "core/neighbourhood.h"
#include "core/resolve.h"
#include "core/store.h"
#include "core/suggest.h"
#include "render/graphviz.h"
#include "render/html_report.h"
#include "render/systems_view.h"

namespace govmap {

Distances diagram_distances(const Snapshot& snap, const Weights& weights) {
  // Both layers, whatever the picture shows: a body's label gives its real
  // distance even in a statutory-only or shadow-only drawing.
  ShortestPaths paths = accountability_distances(snap, weights);
  Distances out;
  for (auto v : boost::make_iterator_range(boost::vertices(snap.graph))) {
    auto cost = paths.cost(v);
    out[snap[v].id] = cost ? std::optional<Milli>(cost->weight) : std::nullopt;
  }
  return out;
}

namespace {

SnapshotOptions snapshot_options(const Store& store, const DiagramRequest& request, Date at) {
  SnapshotOptions options;
  options.at = at;
  if (!request.layer.empty()) options.layer = layer_or_throw(request.layer, "--layer");
  if (!request.area.empty() && !request.council.empty())
    throw Error(Error::Kind::kUsage, "give --area or --council, not both");
  if (!request.area.empty()) options.area = resolve_org(store, request.area);
  options.country = request.country;
  if (options.area) options.named.insert(*options.area);
  if (!request.council.empty()) options.named.insert(resolve_org(store, request.council));
  // An area's picture reaches up to the bodies and voters it answers to.
  options.area_upward = true;
  return options;
}

// What one picture reads from the store. An area, or a given set of bodies,
// is read by indexed lookups around it (core/neighbourhood.h), so its cost
// does not grow with the rest of the map; a whole-map picture reads the
// organisations once and the relationships once per date, however many
// snapshots it needs.
class PictureData {
 public:
  explicit PictureData(const Store& store) : store_(store) {}
  Snapshot snapshot(const SnapshotOptions& options) {
    if (options.area) {
      if (auto part = read_area(store_, options))
        return build_snapshot(part->organisations, std::move(part->relationships), options);
    } else if (options.only && options.only->size() <= kNeighbourhoodLimit) {
      Neighbourhood part = read_bodies(store_, *options.only, options.at);
      return build_snapshot(part.organisations, std::move(part.relationships), options);
    }
    if (!orgs_) orgs_ = store_.organisations();
    auto it = rels_.find(options.at);
    if (it == rels_.end()) {
      RelationshipFilter filter;
      filter.at = options.at;
      it = rels_.emplace(options.at, store_.relationships(filter)).first;
    }
    return build_snapshot(*orgs_, it->second, options);
  }

 private:
  const Store& store_;
  std::optional<std::vector<Organisation>> orgs_;
  std::map<Date, std::vector<Relationship>> rels_;
};

// Graphviz's layout needs memory and time far beyond linear in the bodies
// drawn (dot's crossing minimisation dies in "out of memory" on a chain of
// 10^5 bodies), so a picture holds at most this many; larger ones are refused
// with the options that narrow them.
constexpr size_t kMaxPictureBodies = 4000;

void check_picture_size(const Snapshot& snap, const SnapshotOptions& options) {
  if (snap.vertex_count() <= kMaxPictureBodies) return;
  throw Error(Error::Kind::kUsage,
              "the picture of " + options.at.str() + " would hold " +
                  std::to_string(snap.vertex_count()) + " bodies, more than govmap draws (" +
                  std::to_string(kMaxPictureBodies) + "); narrow it with --area ORG" +
                  (options.area ? " (a smaller area than " + *options.area + ")" : std::string()) +
                  " or --layer statutory|shadow");
}

// The bodies of a one-council view on options.at (see DiagramRequest::council).
std::set<std::string> council_view(PictureData& data, const std::string& council, Date at) {
  SnapshotOptions all;
  all.at = at;
  Snapshot snap = data.snapshot(all);
  auto c = snap.find(council);
  if (!c)
    throw Error(Error::Kind::kUsage, "--council " + council + ": not in force on " + at.str());
  if (snap[*c].period.kind != OrgKind::kLocalAuthority)
    throw Error(Error::Kind::kUsage, "--council " + council + ": " + snap[*c].period.name +
                                         " is a " + name_of(snap[*c].period.kind) +
                                         ", not a local authority (use --area)");
  const Graph& g = snap.graph;
  std::set<std::string> out = {council};
  std::set<Vertex> overseers = {*c};  // the council and its committees
  for (auto [e, end] = boost::in_edges(*c, g); e != end; ++e)
    if (g[*e].rel->kind == RelKind::kCommitteeOf) overseers.insert(boost::source(*e, g));
  for (auto [e, end] = boost::out_edges(*c, g); e != end; ++e) {
    RelKind k = g[*e].rel->kind;
    if (k == RelKind::kElectedBy || k == RelKind::kMemberOf || k == RelKind::kPartOf)
      out.insert(g[boost::target(*e, g)].id);
  }
  for (Vertex o : overseers) {
    out.insert(g[o].id);
    for (auto [e, end] = boost::in_edges(o, g); e != end; ++e)
      if (g[*e].rel->kind == RelKind::kScrutinisedBy || g[*e].rel->kind == RelKind::kMemberOf)
        out.insert(g[boost::source(*e, g)].id);
  }
  return out;
}

DiagramInput input_for(PictureData& data, const SnapshotOptions& options, const Weights& weights) {
  DiagramInput input{data.snapshot(options), {}};
  check_picture_size(input.snapshot, options);
  // Distances come from the same bodies over both layers; the shown snapshot
  // may hold one layer only.
  SnapshotOptions all_layers = options;
  all_layers.layer.reset();
  input.distances = !options.layer ? diagram_distances(input.snapshot, weights)
                                   : diagram_distances(data.snapshot(all_layers), weights);
  return input;
}

}  // namespace

std::pair<DiagramInput, DiagramInput> load_diagram_pair(const Store& store,
                                                        const DiagramRequest& request, Date from,
                                                        Date to) {
  SnapshotOptions a = snapshot_options(store, request, from);
  SnapshotOptions b = snapshot_options(store, request, to);
  PictureData data(store);
  if (!request.council.empty()) {
    std::string id = resolve_org(store, request.council);
    std::set<std::string> both = council_view(data, id, from);
    for (const std::string& x : council_view(data, id, to)) both.insert(x);
    a.only = both;
    b.only = both;
  }
  if (a.area) {
    std::set<std::string> both;
    for (const SnapshotOptions* o : {&a, &b}) {
      Snapshot s = data.snapshot(*o);
      for (auto v : boost::make_iterator_range(boost::vertices(s.graph))) both.insert(s[v].id);
    }
    for (SnapshotOptions* o : {&a, &b}) {
      o->area.reset();
      o->only = both;
    }
  }
  return {input_for(data, a, request.weights), input_for(data, b, request.weights)};
}

DiagramInput load_diagram_input(const Store& store, const DiagramRequest& request, Date at) {
  PictureData data(store);
  SnapshotOptions options = snapshot_options(store, request, at);
  if (!request.council.empty())
    options.only = council_view(data, resolve_org(store, request.council), at);
  return input_for(data, options, request.weights);
}

DiagramOptions diagram_options(const Store& store, const DiagramRequest& request, Date at) {
  DiagramOptions options;
  options.title = request.title;
  options.council_view = !request.council.empty();
  // An area-wide picture draws each foundation trust's council of governors
  // inside the trust (render/drawn_edges.h) to stay printable; a --layer view
  // or a one-council view shows them as they are.
  options.fold_governors = request.layer.empty() && request.council.empty();
  if (!request.layer.empty()) options.layer = layer_or_throw(request.layer, "--layer");
  if (!request.area.empty() || !request.council.empty()) {
    std::string id = resolve_org(store, request.area.empty() ? request.council : request.area);
    if (auto org = store.organisation(id)) {
      const OrgPeriod* p = org->period_at(at);
      if (!p && !org->periods.empty()) p = &org->periods.back();
      options.area_name = p ? p->name : id;
      // A picture of a trust (or its council) is about what the council
      // does: draw it as a node of its own.
      if (p && (p->kind == OrgKind::kFoundationTrust || p->kind == OrgKind::kCouncilOfGovernors))
        options.fold_governors = false;
    }
  }
  for (const Source& s : store.sources()) options.sources.emplace(s.id, s);
  return options;
}

namespace {

// Tried in this order, the default first, so it wins a tie.
const double kRowFactors[] = {kRowFactor, 0.6, 0.9, 1.5};

// The --fold level asked for, checked against the rest of the request.
std::optional<FoldLevel> fold_of(const DiagramRequest& request, bool two_dates) {
  if (request.fold.empty()) return std::nullopt;
  std::optional<FoldLevel> fold = parse_fold_level(request.fold);
  if (!fold)
    throw Error(Error::Kind::kUsage, "--fold: unknown level '" + request.fold + "'" +
                                         did_you_mean(request.fold, fold_levels()) +
                                         " (valid: " + join(fold_levels()) + ")");
  if (two_dates || !request.council.empty())
    throw Error(Error::Kind::kUsage,
                "--fold draws one date of an area: give --at, and --area rather than --council");
  return fold;
}

}  // namespace

namespace {

// The DOT of one picture at each row factor (only the first unless row
// widths are searched and the picture has at most kMaxSearchedBodies bodies).
// A factor that gives the same rows as an earlier one gives the same text,
// and is left out: its layout would be the earlier one's, and each layout is
// most of a small picture's render (the national tier folded to regions has
// rows of a few bodies, which several factors round alike).
template <typename Draw>
std::vector<std::string> at_row_factors(DiagramOptions& options, size_t bodies, bool row_widths,
                                        const Draw& draw) {
  std::vector<std::string> out;
  for (double f : kRowFactors) {
    options.row_factor = f;
    std::string dot = draw(options);
    if (std::find(out.begin(), out.end(), dot) == out.end()) out.push_back(std::move(dot));
    if (!row_widths || bodies > kMaxSearchedBodies) break;
  }
  return out;
}

std::vector<std::string> pair_dots(const Store& store, const DiagramRequest& request,
                                   const DiagramInput& a, const DiagramInput& b, bool diff,
                                   bool row_widths) {
  DiagramOptions options = diagram_options(store, request, b.snapshot.at);
  return at_row_factors(options, a.snapshot.vertex_count() + b.snapshot.vertex_count(),
                        row_widths, [&](const DiagramOptions& o) {
                          return diff ? diff_dot(a.snapshot, a.distances, b.snapshot,
                                                 b.distances, o)
                                      : side_by_side_dot(a.snapshot, a.distances, b.snapshot,
                                                         b.distances, o);
                        });
}

}  // namespace

std::vector<std::string> diagram_dots(const Store& store, const DiagramRequest& request, Date at,
                                      std::optional<Date> to, bool diff, bool row_widths) {
  const std::optional<FoldLevel> fold = fold_of(request, to.has_value());
  if (to) {
    auto [a, b] = load_diagram_pair(store, request, at, *to);
    return pair_dots(store, request, a, b, diff, row_widths);
  }
  DiagramInput in = load_diagram_input(store, request, at);
  DiagramOptions options = diagram_options(store, request, at);
  if (fold) {
    SystemsView view = systems_view(in.snapshot, in.distances, *fold);
    in.snapshot = std::move(view.snapshot);
    options.view_note = *fold == FoldLevel::kSystems ? "each health system drawn as one body"
                                                      : "each NHS England region drawn as one body";
    options.body_lines = std::move(view.lines);
    options.body_tooltips = std::move(view.tooltips);
  }
  return at_row_factors(options, in.snapshot.vertex_count(), row_widths,
                        [&](const DiagramOptions& o) {
                          return snapshot_dot(in.snapshot, in.distances, o);
                        });
}

TwoDateDots two_date_dots(const Store& store, const DiagramRequest& request, Date from, Date to,
                          bool row_widths) {
  fold_of(request, true);  // refused for two dates, as diagram_dots does
  TwoDateDots out;
  // One read of both dates serves the side-by-side picture and each page.
  auto [a, b] = load_diagram_pair(store, request, from, to);
  out.side_by_side = pair_dots(store, request, a, b, false, row_widths);
  const std::tuple<const DiagramInput*, const char*, std::vector<std::string>*> sides[] = {
      {&a, "1:", &out.before}, {&b, "2:", &out.after}};
  for (const auto& [input, side, dots] : sides) {
    // A named copy of the binding: C++17 lambdas cannot capture a structured
    // binding (clang refuses it).
    const DiagramInput* in = input;
    DiagramOptions options = diagram_options(store, request, in->snapshot.at);
    options.id_side = side;
    *dots = at_row_factors(options, in->snapshot.vertex_count(), row_widths,
                           [&](const DiagramOptions& o) {
                             return snapshot_dot(in->snapshot, in->distances, o);
                           });
  }
  return out;
}

PrintedDiagram print_diagram(const Store& store, const DiagramRequest& request, Date at,
                             std::optional<Date> to, bool diff, DiagramFormat format,
                             const std::string& engine, const PrintRequest& print) {
  // Rows of several widths: only dot draws the tiers in rows.
  const bool rows = engine == "dot";
  if (!to || diff)
    return render_best_for_print(diagram_dots(store, request, at, to, diff, rows), format,
                                 engine, print);
  // Side by side, or one page per date when that prints larger.
  TwoDateDots dots = two_date_dots(store, request, at, *to, rows);
  return render_two_dates_for_print(dots.side_by_side, dots.before, dots.after, format, engine,
                                    print);
}

std::string diagram_dot(const Store& store, const DiagramRequest& request, Date at,
                        std::optional<Date> to, bool diff) {
  return diagram_dots(store, request, at, to, diff, false).front();
}

namespace {

// As many as the chart's palette has colours (render/timeline_chart.cc).
constexpr size_t kMaxMainBodies = 8;

// The area's main bodies: its commissioners and partnerships (ICB, ICP, ICS,
// STP, CCG, in that order, then by id), as many as the chart has colours.
std::vector<std::pair<std::string, std::string>> main_bodies(const Snapshot& a,
                                                             const Snapshot& b) {
  static const OrgKind kMain[] = {OrgKind::kIcb, OrgKind::kIcp, OrgKind::kIcs, OrgKind::kStp,
                                  OrgKind::kCcg};
  std::map<std::pair<int, std::string>, std::string> ranked;  // (rank, id) -> name
  for (const Snapshot* s : {&b, &a})
    for (auto [v, vend] = boost::vertices(s->graph); v != vend; ++v) {
      const VertexData& d = s->graph[*v];
      for (int k = 0; k < 5; ++k)
        if (d.period.kind == kMain[k]) ranked.emplace(std::make_pair(k, d.id), d.period.name);
    }
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> ids;
  for (const auto& [key, name] : ranked)
    if (out.size() < kMaxMainBodies && ids.insert(key.second).second)
      out.push_back({key.second, name});
  std::sort(out.begin(), out.end());
  return out;
}

// The main bodies' distance on the first date and on each date of the
// timeline, each worked out as the report's own tables are (the area's
// picture on that date, the request's weights and layer).
TimelineChart main_bodies_chart(const Store& store, const DiagramRequest& request,
                                const DiagramInput& a, const DiagramInput& b,
                                const std::vector<AreaDay>& timeline, Date from, Date to,
                                std::vector<std::pair<std::string, std::string>>* chart_names) {
  TimelineChart chart;
  std::vector<std::pair<std::string, std::string>> bodies = main_bodies(a.snapshot, b.snapshot);
  if (bodies.empty()) return chart;
  for (const auto& [id, name] : bodies) chart_names->push_back({id, name});
  chart.title = "Distance to voters of the main bodies, " + from.str() + " to " + to.str();
  chart.subtitle = "On " + from.str() +
                   " and every date something drawn changed; the last values hold from " +
                   to.str() + " (docs/accountability.md)";
  chart.y_label = "distance to voters";
  chart.gap_note = "no line: not in force or no route";
  // The state on the last date holds on after it: draw a tenth of the range
  // beyond it so that state is a line, not a dot at the edge.
  chart.end = Date::from_days(to.days() + std::max(1, (to.days() - from.days()) / 10));
  chart.dates.push_back(from);
  for (const AreaDay& day : timeline) chart.dates.push_back(day.date);
  // Lines are labelled by id (names do not fit the chart's key); the page
  // names each under the chart.
  for (const auto& [id, name] : bodies) chart.series.push_back({id, {}});
  for (Date d : chart.dates) {
    const Distances* dist = &a.distances;
    DiagramInput between;
    if (d == to) {
      dist = &b.distances;
    } else if (d != from) {
      between = load_diagram_input(store, request, d);
      dist = &between.distances;
    }
    for (size_t i = 0; i < bodies.size(); ++i) {
      auto it = dist->find(bodies[i].first);
      chart.series[i].values.push_back(it != dist->end() && it->second
                                           ? std::optional<double>(double(*it->second) / kMilli)
                                           : std::nullopt);
    }
  }
  return chart;
}

}  // namespace

std::string report_page(const Store& store, const DiagramRequest& request, Date from, Date to,
                        const std::string& engine, std::ostream& warnings) {
  auto [a, b] = load_diagram_pair(store, request, from, to);
  DiagramOptions options = diagram_options(store, request, to);
  auto draw = [&](const std::string& dot) {
    RenderedDiagram d = render_diagram(dot, DiagramFormat::kSvg, engine);
    for (const std::string& w : d.warnings) warnings << "graphviz: " << w << "\n";
    return d.bytes;
  };
  ReportInput in;
  in.options = options;
  DiagramOptions side = options;
  side.id_side = "1";
  in.before = {&a.snapshot, a.distances, draw(snapshot_dot(a.snapshot, a.distances, side)), "1"};
  side.id_side = "2";
  in.after = {&b.snapshot, b.distances, draw(snapshot_dot(b.snapshot, b.distances, side)), "2"};
  DiagramOptions diff = options;
  diff.id_side = "d";
  in.diff_svg = draw(diff_dot(a.snapshot, a.distances, b.snapshot, b.distances, diff));

  // The timeline: what happened to the bodies drawn on either date.
  std::set<std::string> drawn;
  for (const Snapshot* s : {&a.snapshot, &b.snapshot})
    for (auto [v, vend] = boost::vertices(s->graph); v != vend; ++v) drawn.insert(s->graph[*v].id);
  // Read for the drawn bodies alone (a few hundred indexed queries at most),
  // not the whole map; past the neighbourhood limit the whole map is cheaper.
  if (std::optional<Neighbourhood> near = read_histories(store, drawn))
    in.timeline = area_timeline(near->organisations, near->relationships, drawn, from, to);
  else
    in.timeline = area_timeline(store.organisations(), store.relationships(), drawn, from, to);
  in.distance_chart = main_bodies_chart(store, request, a, b, in.timeline, from, to,
                                        &in.chart_names);
  return html_report(in);
}

}  // namespace govmap
