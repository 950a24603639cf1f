#include "render/html_report.h"

#include <nlohmann/json.hpp>

#include <deque>
#include <set>

#include "core/attribution.h"
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
.diagram { overflow: auto; border: 1px solid #ddd; border-radius: 6px; padding: 0.5em; }
.diagram svg { max-width: none; height: auto; }
.diagram.highlighting g.node.body, .diagram.highlighting g.edge.rel { opacity: 0.2; }
.diagram.highlighting g.hl { opacity: 1; }
.diagram g.hl polygon, .diagram g.hl path, .diagram g.hl ellipse { stroke-width: 3px; }
.hint { color: #555; font-size: 0.95em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: center; }
tr.changed td { background: #fff3d6; }
)CSS";

// Switches dates (radio buttons or #date=1|2|diff in the address) and
// highlights a clicked body's accountability path.
const char* kScript = R"JS(
(function () {
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
  document.querySelectorAll('.diagram').forEach(function (div) {
    var data = document.getElementById(div.getAttribute('data-paths'));
    var paths = data ? JSON.parse(data.textContent) : {};
    div.addEventListener('click', function (ev) {
      var g = ev.target.closest ? ev.target.closest('g.node') : null;
      div.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
      if (!g || !paths[g.id]) { div.classList.remove('highlighting'); return; }
      ev.preventDefault();
      paths[g.id].forEach(function (id) {
        var e = document.getElementById(id);
        if (e) e.classList.add('hl');
      });
      div.classList.add('highlighting');
    });
  });
  // #date=2&select=ID selects a body as a click would (for links and tests).
  var sel = /select=([A-Za-z0-9_-]+)/.exec(location.hash);
  var el = sel ? document.getElementById(sel[1]) : null;
  if (el) el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
})();
)JS";

}  // namespace

std::map<std::string, std::vector<std::string>> accountability_paths(const Snapshot& snap,
                                                                     const std::string& id_side) {
  std::map<std::string, std::vector<std::string>> out;
  const Graph& g = snap.graph;
  for (auto [v, vend] = boost::vertices(g); v != vend; ++v) {
    std::set<Vertex> seen = {*v};
    std::set<std::string> ids = {body_element_id(g[*v].id, id_side)};
    std::deque<Vertex> queue = {*v};
    while (!queue.empty()) {
      Vertex u = queue.front();
      queue.pop_front();
      for (auto [e, eend] = boost::out_edges(u, g); e != eend; ++e) {
        if (!is_accountability(g[*e].rel.kind)) continue;
        ids.insert(relationship_element_id(g[*e].rel, id_side));
        Vertex t = boost::target(*e, g);
        if (seen.insert(t).second) {
          ids.insert(body_element_id(g[t].id, id_side));
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
    for (const auto& [body, ids] : accountability_paths(*side->snapshot, side->id_side))
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
       esc(d2) + "</th><th>change</th></tr>\n";
  for (const BodyChange& c : diff.bodies) {
    const VertexData& v = c.after ? *c.after : *c.before;
    std::string x = distance_cell(in.before.distances, c.id, c.before.has_value());
    std::string y = distance_cell(in.after.distances, c.id, c.after.has_value());
    std::string what = change_name(c.change);
    if (!c.what.empty()) what += ": " + join(c.what, "; ");
    h += std::string("<tr") + (x != y ? " class=\"changed\"" : "") + "><td>" + esc(v.period.name) +
         "</td><td>" + esc(kind_short(v.period.kind, v.period.tier)) + "</td><td class=\"num\">" +
         x + "</td><td class=\"num\">" + y + "</td><td>" + esc(what) + "</td></tr>\n";
  }
  h += "</table>\n";

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
        answers = answers || is_accountability(s.graph[*e].rel.kind);
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
      cited.insert(s->graph[*e].rel.sources.begin(), s->graph[*e].rel.sources.end());
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
