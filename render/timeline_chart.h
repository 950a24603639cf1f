// A timeline as a chart: one step line per series over dates, drawn as a
// standalone SVG (no Graphviz), sized for pasting into a paper or slide
// (A4-width aspect, print-safe colour-blind palette, text as text so it stays
// sharp and searchable).
//
// Each value holds from its date until the next date (or the chart's end):
// counts and distances change on dates, they do not slide between them. A
// missing value (not in force, unaccountable) is a gap in the line.
#ifndef GOVMAP_RENDER_TIMELINE_CHART_H_
#define GOVMAP_RENDER_TIMELINE_CHART_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"

namespace govmap {

struct ChartSeries {
  std::string label;
  std::vector<std::optional<double>> values;  // one per chart date
};

struct TimelineChart {
  std::string title;
  std::string subtitle;  // e.g. the source and the range
  std::string y_label;
  std::vector<Date> dates;  // ascending
  Date end;                 // where the last value stops (>= the last date)
  std::vector<ChartSeries> series;
  // Labelled moments drawn as dashed vertical lines (a rename, a new kind).
  std::vector<std::pair<Date, std::string>> markers;
  std::string gap_note;  // what a gap in a line means, for the legend
};

// The chart as a complete SVG document (XML declaration, <svg> root with
// width, height and viewBox, <title> and <desc> for screen readers). All text
// is XML-escaped.
std::string timeline_svg(const TimelineChart& chart);

}  // namespace govmap

#endif  // GOVMAP_RENDER_TIMELINE_CHART_H_
