#include "render/html_report.h"

#include <nlohmann/json.hpp>

#include <deque>
#include <set>

#include "core/attribution.h"
#include "core/compare.h"
#include "render/drawn_edges.h"
#include "render/escape.h"
#include "render/style.h"

namespace govmap {
namespace {

// JSON safe inside <script>: no '<', '>' or '&' survives outside an escape.
std::string script_json(const nlohmann::json& j) {
  std::string raw = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  for (char c : raw) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

std::string esc(const std::string& s) {
  return html_text(s);
}

// The distance change in `govmap compare`'s words (core/compare.h).
DistanceChange distance_change(const Distances& before, const Distances& after,
                               const BodyChange& c) {
  if (!c.before) return DistanceChange::kAdded;
  if (!c.after) return DistanceChange::kRemoved;
  auto find = [](const Distances& d, const std::string& id) -> std::optional<Milli> {
    auto it = d.find(id);
    return it == d.end() ? std::nullopt : it->second;
  };
  std::optional<Milli> x = find(before, c.id), y = find(after, c.id);
  if (x && !y) return DistanceChange::kBecameUnaccountable;
  if (!x && y) return DistanceChange::kBecameAccountable;
  if (x && y && *y < *x) return DistanceChange::kCloser;
  if (x && y && *y > *x) return DistanceChange::kFurther;
  return DistanceChange::kSame;
}

std::string distance_cell(const Distances& d, const std::string& id, bool present) {
  if (!present) return "&#8211;";
  auto it = d.find(id);
  if (it == d.end()) return "?";
  return it->second ? format_milli(*it->second) : "no route";
}

const char* kStyle = R"CSS(
body { font-family: Helvetica, Arial, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
.controls { position: sticky; top: 0; background: #fff; padding: 0.5em 0; z-index: 2; }
.controls label { margin-right: 1.2em; font-size: 1.1em; cursor: pointer; }
.controls button { margin-right: 0.3em; }
.controls input[type=search] { width: 16em; margin-right: 1em; }
.diagram { overflow: auto; border: 1px solid #ddd; border-radius: 6px; padding: 0.5em;
           max-height: 85vh; }
.diagram svg { max-width: none; }
.diagram.highlighting g.node.body, .diagram.highlighting g.edge.rel { opacity: 0.2; }
.diagram.highlighting g.node.body.hl, .diagram.highlighting g.edge.rel.hl { opacity: 1; }
.diagram g.hl polygon, .diagram g.hl path, .diagram g.hl ellipse { stroke-width: 3px; }
.diagram g.found polygon, .diagram g.found path, .diagram g.found ellipse {
  stroke: #0050B3; stroke-width: 4px; }
.hint { color: #555; font-size: 0.95em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: center; }
tr.changed td { background: #fff3d6; }
#timeline td ul { margin: 0; padding-left: 1.2em; }
.timeline-chart svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A3 landscape; margin: 10mm; }
  body { margin: 0; }
  .controls { display: none; }
  .diagram { overflow: visible; border: none; max-height: none; padding: 0; }
  .diagram svg { width: 100% !important; height: auto !important; max-height: 270mm; }
  /* Every date and the changes print, each from a new page, whichever the
     screen shows. */
  section.view, section.view[hidden] { display: block; break-before: page; }
  tr { break-inside: avoid; }
}
)CSS";

// Switches dates (radio buttons or #date=1|2|diff in the address), highlights
// a clicked body's accountability path (#select=ORG-ID or an element id in the
// address does the same), finds bodies by name or id, and zooms.
const char* kScript = R"JS(
(function () {
  function showing() { return document.body.getAttribute('data-showing') || '1'; }
  function show(which) {
    document.querySelectorAll('.view').forEach(function (v) {
      v.hidden = v.getAttribute('data-view') !== which;
    });
    var radio = document.querySelector('input[name=date][value="' + which + '"]');
    if (radio) radio.checked = true;
    document.body.setAttribute('data-showing', which);
  }
  document.querySelectorAll('input[name=date]').forEach(function (r) {
    r.addEventListener('change', function () { show(r.value); });
  });
  var m = /date=(1|2|diff)/.exec(location.hash);
  show(m ? m[1] : '1');
  function highlight(div, paths, g) {
    div.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
    if (!g || !paths[g.id]) { div.classList.remove('highlighting'); return false; }
    paths[g.id].forEach(function (id) {
      var e = document.getElementById(id);
      if (e) e.classList.add('hl');
    });
    div.classList.add('highlighting');
    return true;
  }
  document.querySelectorAll('.diagram').forEach(function (div) {
    var data = document.getElementById(div.getAttribute('data-paths'));
    var paths = data ? JSON.parse(data.textContent) : {};
    div.addEventListener('click', function (ev) {
      var g = ev.target.closest ? ev.target.closest('g.node') : null;
      if (highlight(div, paths, g)) ev.preventDefault();
    });
  });
  // The element id of organisation org on side ('1', '2', 'd'): as
  // body_element_id() writes it, every byte outside A-Z a-z 0-9 - as _XX.
  function elementId(org, side) {
    var bytes = new TextEncoder().encode(org), out = 'b-' + side + '-';
    bytes.forEach(function (b) {
      var c = String.fromCharCode(b);
      out += /[A-Za-z0-9-]/.test(c) && b < 128 ? c : '_' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
    });
    return out;
  }
  function sideKey() { var w = showing(); return w === 'diff' ? 'd' : w; }
  function find(idOrOrg) {
    return document.getElementById(idOrOrg) || document.getElementById(elementId(idOrOrg, sideKey()));
  }
  var sel = /select=([^&]+)/.exec(location.hash);
  var el = sel ? find(decodeURIComponent(sel[1])) : null;
  if (el) {
    el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
    if (el.scrollIntoView) el.scrollIntoView({block: 'center', inline: 'center'});
  }
  // Search: bodies whose name, kind or id (in the tooltip) holds the text.
  var search = document.getElementById('search');
  var found = document.getElementById('found');
  function visibleView() { return document.querySelector('.view:not([hidden])'); }
  function matches() {
    var q = search.value.trim().toLowerCase(), out = [];
    var view = visibleView();
    if (view) view.querySelectorAll('g.found').forEach(function (g) { g.classList.remove('found'); });
    if (!q || !view) return out;
    view.querySelectorAll('g.node.body').forEach(function (g) {
      var text = g.textContent.toLowerCase();
      var a = g.querySelector('a');
      if (a) text += ' ' + (a.getAttribute('xlink:title') || a.getAttribute('title') || '').toLowerCase();
      if (text.indexOf(q) >= 0) { g.classList.add('found'); out.push(g); }
    });
    return out;
  }
  if (search) {
    search.addEventListener('input', function () {
      var n = matches().length;
      found.textContent = search.value.trim() ? n + (n === 1 ? ' body' : ' bodies') : '';
    });
    search.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter') return;
      var all = matches();
      if (!all.length) return;
      all[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
      if (all[0].scrollIntoView) all[0].scrollIntoView({block: 'center', inline: 'center'});
    });
  }
  // Zoom: the SVG's own size is 100%; "fit" shows the whole picture in the box.
  var zoom = 1;
  function natural(svg) {
    var vb = svg.viewBox && svg.viewBox.baseVal;
    return vb && vb.width ? {w: vb.width * 4 / 3, h: vb.height * 4 / 3} : {w: 800, h: 600};
  }
  function apply(scale) {
    document.querySelectorAll('.diagram svg').forEach(function (svg) {
      var n = natural(svg);
      svg.style.width = (n.w * scale) + 'px';
      svg.style.height = (n.h * scale) + 'px';
    });
    var label = document.getElementById('zoom-level');
    if (label) label.textContent = Math.round(scale * 100) + '%';
  }
  function fit() {
    var view = visibleView();
    var div = view && view.querySelector('.diagram');
    var svg = div && div.querySelector('svg');
    if (!svg) return;
    var n = natural(svg);
    var w = div.clientWidth - 16, h = Math.max(window.innerHeight * 0.85 - 16, 200);
    zoom = Math.min(w / n.w, h / n.h, 1);
    apply(zoom);
  }
  function button(id, f) { var b = document.getElementById(id); if (b) b.addEventListener('click', f); }
  button('zoom-in', function () { zoom = Math.min(zoom * 1.25, 8); apply(zoom); });
  button('zoom-out', function () { zoom = Math.max(zoom / 1.25, 0.05); apply(zoom); });
  button('zoom-100', function () { zoom = 1; apply(zoom); });
  button('zoom-fit', fit);
  if (/zoom=fit/.test(location.hash)) fit(); else apply(zoom);
})();
)JS";

}  // namespace

std::map<std::string, std::vector<std::string>> accountability_paths(const Snapshot& snap,
                                                                     const std::string& id_side,
                                                                     bool fold_governors) {
  std::map<std::string, std::vector<std::string>> out;
  const Graph& g = snap.graph;
  // Parallel relationships share one drawn edge, joined ones a trunk too, and
  // a folded body is drawn by its host: highlight what draws each.
  const std::map<std::string, std::vector<std::string>> drawn =
      drawn_relationship_ids(snap, id_side, fold_governors);
  const std::map<std::string, std::string> folds =
      fold_governors ? governor_folds(snap) : std::map<std::string, std::string>();
  auto body_id = [&](const std::string& id) {
    auto f = folds.find(id);
    return body_element_id(f == folds.end() ? id : f->second, id_side);
  };
  for (auto [v, vend] = boost::vertices(g); v != vend; ++v) {
    std::set<Vertex> seen = {*v};
    std::set<std::string> ids = {body_id(g[*v].id)};
    std::deque<Vertex> queue = {*v};
    while (!queue.empty()) {
      Vertex u = queue.front();
      queue.pop_front();
      for (auto [e, eend] = boost::out_edges(u, g); e != eend; ++e) {
        if (!is_accountability(g[*e].rel->kind)) continue;
        std::string rel_id = relationship_element_id(*g[*e].rel, id_side);
        auto d = drawn.find(rel_id);
        if (d == drawn.end())
          ids.insert(rel_id);
        else
          ids.insert(d->second.begin(), d->second.end());
        Vertex t = boost::target(*e, g);
        if (seen.insert(t).second) {
          ids.insert(body_id(g[t].id));
          queue.push_back(t);
        }
      }
    }
    out[body_element_id(g[*v].id, id_side)] = std::vector<std::string>(ids.begin(), ids.end());
  }
  return out;
}

std::string inline_svg(const std::string& svg) {
  size_t at = svg.find("<svg");
  return at == std::string::npos ? std::string() : svg.substr(at);
}

std::string html_report(const ReportInput& in) {
  const Snapshot& a = *in.before.snapshot;
  const Snapshot& b = *in.after.snapshot;
  std::string area = diagram_heading(in.options);
  std::string d1 = a.at.str(), d2 = b.at.str();
  std::string h;
  h += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta "
       "charset=\"utf-8\"/>\n";
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\"/>\n";
  h += "<title>" + esc(area + " \xE2\x80\x94 " + d1 + " and " + d2) + "</title>\n";
  h += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  h += "<h1>" + esc(area) + "</h1>\n";
  h += "<p>Who answers to whom on " + esc(d1) + " and on " + esc(d2) + ".</p>\n";

  h += "<div class=\"controls\" id=\"date-control\">Show: ";
  h += "<label><input type=\"radio\" name=\"date\" value=\"1\" checked=\"checked\"/> " + esc(d1) +
       "</label>";
  h += "<label><input type=\"radio\" name=\"date\" value=\"2\"/> " + esc(d2) + "</label>";
  if (!in.diff_svg.empty())
    h += "<label><input type=\"radio\" name=\"date\" value=\"diff\"/> what changed</label>";
  h += "<input type=\"search\" id=\"search\" placeholder=\"Find a body by name or id\" "
       "aria-label=\"Find a body\"/><span id=\"found\" class=\"hint\"></span> ";
  h += "<button type=\"button\" id=\"zoom-fit\">Fit</button><button type=\"button\" "
       "id=\"zoom-out\">&#8722;</button><button type=\"button\" id=\"zoom-in\">+</button>"
       "<button type=\"button\" id=\"zoom-100\">100%</button><span id=\"zoom-level\" "
       "class=\"hint\"></span> ";
  h += "<span class=\"hint\">Click a body to highlight its path to the voters; click the "
       "background to clear.</span></div>\n";

  const std::tuple<const ReportSide*, const char*> sides[] = {{&in.before, "1"}, {&in.after, "2"}};
  for (const auto& [side, key] : sides) {
    std::string paths_id = std::string("paths-") + key;
    h += "<section class=\"view\" data-view=\"" + std::string(key) + "\" id=\"view-" + key +
         "\">\n<h2>As at " + esc(side->snapshot->at.str()) + "</h2>\n";
    h += "<div class=\"diagram\" data-paths=\"" + paths_id + "\">\n" + inline_svg(side->svg) +
         "\n</div>\n";
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [body, ids] :
         accountability_paths(*side->snapshot, side->id_side, in.options.fold_governors))
      j[body] = ids;
    h += "<script type=\"application/json\" id=\"" + paths_id + "\">" + script_json(j) +
         "</script>\n</section>\n";
  }
  if (!in.diff_svg.empty()) {
    h += "<section class=\"view\" data-view=\"diff\" id=\"view-diff\">\n<h2>What changed from " +
         esc(d1) + " to " + esc(d2) + "</h2>\n<div class=\"diagram\">\n" + inline_svg(in.diff_svg) +
         "\n</div>\n</section>\n";
  }

  // The key, in words (each diagram also draws it).
  h += "<h2>Key</h2>\n<table><tr><th>family</th><th>shape</th><th>colour</th></tr>\n";
  for (Family f : all_families()) {
    const FamilyStyle& st = style_of(f);
    h += "<tr><td>" + esc(st.legend) + "</td><td>" + esc(st.shape) +
         "</td><td><span style=\"display:inline-block;width:2em;height:1em;border:1px solid " +
         std::string(st.border) + ";background:" + st.fill + "\"></span></td></tr>\n";
  }
  h += "</table>\n<p>Arrows point up, towards the voters: the lower body answers to the upper "
       "one. Solid lines are statutory (set in law); dashed lines are shadow (informal, no "
       "legal basis).</p>\n";

  // Distances, before and after.
  SnapshotDiff diff = diff_snapshots(a, b);
  bool have = !in.before.distances.empty() || !in.after.distances.empty();
  h += "<h2>Accountability distance</h2>\n";
  if (!have) h += "<p class=\"hint\">Distances were not computed for this report.</p>\n";
  h += "<table id=\"distances\"><tr><th>body</th><th>kind</th><th>" + esc(d1) + "</th><th>" +
       esc(d2) + "</th><th>change (as <code>govmap compare</code>)</th></tr>\n";
  for (const BodyChange& c : diff.bodies) {
    const VertexData& v = c.after ? *c.after : *c.before;
    std::string x = distance_cell(in.before.distances, c.id, c.before.has_value());
    std::string y = distance_cell(in.after.distances, c.id, c.after.has_value());
    std::string what = name_of(distance_change(in.before.distances, in.after.distances, c));
    if (!c.what.empty()) what += "; " + join(c.what, "; ");
    h += std::string("<tr") + (x != y ? " class=\"changed\"" : "") + "><td>" + esc(v.period.name) +
         "</td><td>" + esc(kind_short(v.period.kind, v.period.tier)) + "</td><td class=\"num\">" +
         x + "</td><td class=\"num\">" + y + "</td><td>" + esc(what) + "</td></tr>\n";
  }
  h += "</table>\n";

  // Timeline: what changed between the two dates, day by day.
  h += "<h2 id=\"timeline-heading\">Timeline</h2>\n<section id=\"timeline\">\n";
  h += "<p>Every date from " + esc(d1) + " to " + esc(d2) +
       " on which a body drawn here opened, closed or changed, or a relationship between two "
       "of them began or ended.</p>\n";
  if (!in.distance_chart.series.empty())
    h += "<div class=\"timeline-chart\" id=\"timeline-chart\">\n" +
         inline_svg(timeline_svg(in.distance_chart)) + "\n</div>\n";
  if (!in.distance_chart.series.empty() && !in.chart_names.empty()) {
    h += "<p class=\"hint\" id=\"timeline-lines\">Lines: ";
    for (size_t i = 0; i < in.chart_names.size(); ++i)
      h += std::string(i ? "; " : "") + "<code>" + esc(in.chart_names[i].first) + "</code> " +
           esc(in.chart_names[i].second);
    h += ".</p>\n";
  }
  if (in.timeline.empty()) {
    h += "<p id=\"timeline-none\">Nothing drawn here changed between these dates.</p>\n";
  } else {
    h += "<table id=\"timeline-changes\"><tr><th>date</th><th>what changed</th></tr>\n";
    for (const AreaDay& day : in.timeline) {
      h += "<tr><td>" + esc(day.date.str()) + "</td><td><ul>";
      for (const AreaChange& c : day.changes) h += "<li>" + esc(c.text) + "</li>";
      h += "</ul></td></tr>\n";
    }
    h += "</table>\n";
  }
  h += "</section>\n";

  // Gaps: bodies that answer to no one in the map, or have no route to voters.
  h += "<h2>Gaps</h2>\n";
  for (const auto& [side, key] : sides) {
    (void)key;
    const Snapshot& s = *side->snapshot;
    std::vector<std::string> gaps;
    for (auto [v, vend] = boost::vertices(s.graph); v != vend; ++v) {
      const VertexData& d = s.graph[*v];
      if (d.period.kind == OrgKind::kElectorate) continue;
      bool answers = false;
      for (auto [e, eend] = boost::out_edges(*v, s.graph); e != eend; ++e)
        answers = answers || is_accountability(s.graph[*e].rel->kind);
      auto dist = side->distances.find(d.id);
      bool no_route = dist != side->distances.end() && !dist->second;
      if (!answers)
        gaps.push_back(esc(d.period.name) + " answers to no one in this map");
      else if (no_route)
        gaps.push_back(esc(d.period.name) + " has no route to the voters");
    }
    h += "<h3>As at " + esc(s.at.str()) + "</h3>\n";
    if (gaps.empty()) {
      h += "<p>None found.</p>\n";
    } else {
      h += "<ul>\n";
      for (const std::string& g : gaps) h += "<li>" + g + "</li>\n";
      h += "</ul>\n";
    }
  }

  // Sources cited by anything drawn on either date.
  std::set<std::string> cited;
  for (const Snapshot* s : {&a, &b}) {
    for (auto [v, vend] = boost::vertices(s->graph); v != vend; ++v)
      cited.insert(s->graph[*v].period.sources.begin(), s->graph[*v].period.sources.end());
    for (auto [e, eend] = boost::edges(s->graph); e != eend; ++e)
      cited.insert(s->graph[*e].rel->cited().sources.begin(),
                   s->graph[*e].rel->cited().sources.end());
  }
  h += "<h2>Sources</h2>\n<ul id=\"sources\">\n";
  for (const std::string& id : cited) {
    auto it = in.options.sources.find(id);
    h += "<li><code>" + esc(id) + "</code> ";
    if (it != in.options.sources.end()) {
      const Source& src = it->second;
      std::string url = safe_url(src.url);
      if (!url.empty())
        h += "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\">" + esc(src.title) + "</a>";
      else
        h += esc(src.title) + " <span class=\"hint\">(" + esc(src.url) + ")</span>";
      if (!src.publisher.empty()) h += ", " + esc(src.publisher);
      if (!src.date.empty()) h += ", " + esc(src.date);
    }
    h += "</li>\n";
  }
  h += "</ul>\n";
  {
    std::vector<Source> all;
    for (const auto& [id, src] : in.options.sources) all.push_back(src);
    for (const std::string& notice : data_notices(all))
      h += "<p class=\"hint licence\">" + esc(notice) + "</p>\n";
  }
  h += "<p class=\"hint\">Made by govmap. This page works offline.</p>\n";
  // CDATA keeps the script's && and < well-formed XML; HTML parsers see a
  // JavaScript comment.
  h += "<script>//<![CDATA[\n" + std::string(kScript) + "//]]>\n</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace govmap
