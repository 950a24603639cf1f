// One self-contained HTML page comparing two dates: both diagrams inline (SVG),
// the key, the distance comparison table, a timeline of what changed between
// the dates (with a chart of the main bodies' distance), the gaps and the
// sources; a control
// to switch dates; clicking a body highlights its accountability path.
//
// Self-contained: no network, no CDN, no external file; it works from a USB
// stick. Every string from data is escaped (render/escape.h); JSON embedded in
// the page has '<', '>' and '&' written as \u escapes.
#ifndef GOVMAP_RENDER_HTML_REPORT_H_
#define GOVMAP_RENDER_HTML_REPORT_H_

#include <map>
#include <string>

#include "core/area_timeline.h"
#include "core/model.h"
#include "core/snapshot.h"
#include "render/dot_writer.h"
#include "render/timeline_chart.h"

namespace govmap {

struct ReportSide {
  const Snapshot* snapshot = nullptr;
  Distances distances;
  std::string svg;      // the diagram, as rendered by Graphviz
  std::string id_side;  // the DiagramOptions::id_side it was drawn with
};

struct ReportInput {
  ReportSide before, after;
  std::string diff_svg;  // optional: the --diff picture; "" = none
  DiagramOptions options;
  // Every date in (before, after] on which something drawn changed.
  std::vector<AreaDay> timeline;
  // The main bodies' distance over those dates; no series = no chart.
  TimelineChart distance_chart;
  // What the chart's lines are labelled (ids) and the names they stand for.
  std::vector<std::pair<std::string, std::string>> chart_names;
};

// The element ids on each body's accountability path: for every body, itself,
// the accountability relationships followed from it (by the ids of the
// elements that draw each: drawn_relationship_ids) and the bodies they reach
// (a body folded into a host by the host's id), as snapshot_dot draws snap
// with DiagramOptions::fold_governors = fold_governors.
std::map<std::string, std::vector<std::string>> accountability_paths(const Snapshot& snap,
                                                                     const std::string& id_side,
                                                                     bool fold_governors = false);

std::string html_report(const ReportInput& input);

// An SVG document as an element for inline use: the XML prolog, doctype and
// comments before the <svg> tag are dropped.
std::string inline_svg(const std::string& svg);

}  // namespace govmap

#endif  // GOVMAP_RENDER_HTML_REPORT_H_
