#include "render/timeline_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/escape.h"

namespace govmap {
namespace {

// Okabe-Ito: distinguishable with the common colour-vision deficiencies and
// in greyscale print by their lightness.
const char* const kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                "#E69F00", "#56B4E9", "#000000", "#F0E442"};
constexpr int kWidth = 880, kHeight = 440;
constexpr int kLeft = 64, kRight = 200, kTop = 64, kBottom = 48;
constexpr int kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// A "nice" tick step (1, 2 or 5 times a power of ten) giving at most ~6 ticks.
double tick_step(double max) {
  if (max <= 0) return 1;
  double raw = max / 5, p = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return std::max(1.0, m * p);
  return std::max(1.0, 10 * p);
}

}  // namespace

std::string timeline_svg(const TimelineChart& c) {
  double max = 0;
  for (const ChartSeries& s : c.series)
    for (const auto& v : s.values)
      if (v) max = std::max(max, *v);
  const double step = tick_step(max);
  const double top = std::max(step, std::ceil(max / step) * step);
  const int first = c.dates.empty() ? 0 : c.dates.front().days();
  const int last =
      std::max(first + 1, std::max(c.end.days(), c.dates.empty() ? 0 : c.dates.back().days()));
  auto x = [&](int day) { return kLeft + double(day - first) / double(last - first) * kPlotW; };
  auto y = [&](double v) { return kTop + kPlotH - v / top * kPlotH; };

  std::string o;
  o += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(kWidth) +
       "\" height=\"" + std::to_string(kHeight) + "\" viewBox=\"0 0 " + std::to_string(kWidth) +
       " " + std::to_string(kHeight) +
       "\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\">\n";
  o += "<title>" + html_text(c.title) + "</title>\n";
  o += "<desc>" + html_text(c.subtitle) + "</desc>\n";
  o += "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(kWidth) + "\" height=\"" +
       std::to_string(kHeight) + "\" fill=\"#ffffff\"/>\n";
  o += "<text x=\"" + std::to_string(kLeft) +
       "\" y=\"26\" font-size=\"17\" font-weight=\"bold\" fill=\"#222\">" + html_text(c.title) +
       "</text>\n";
  o += "<text x=\"" + std::to_string(kLeft) + "\" y=\"46\" font-size=\"12\" fill=\"#555\">" +
       html_text(c.subtitle) + "</text>\n";

  // Y axis: grid lines and numbers.
  o += "<g class=\"y-axis\" font-size=\"11\" fill=\"#444\" text-anchor=\"end\">\n";
  for (double v = 0; v <= top + 1e-9; v += step) {
    std::string yy = num(y(v));
    o += "<line x1=\"" + std::to_string(kLeft) + "\" x2=\"" + std::to_string(kLeft + kPlotW) +
         "\" y1=\"" + yy + "\" y2=\"" + yy + "\" stroke=\"#e0e0e0\"/>\n";
    o += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + num(y(v) + 4) + "\">" + num(v) +
         "</text>\n";
  }
  o += "<text transform=\"translate(16 " + num(kTop + kPlotH / 2.0) +
       ") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">" + html_text(c.y_label) +
       "</text>\n</g>\n";

  // X axis: a tick on 1 January of every n-th year, n chosen for <= 12 labels.
  const int y0 = Date::from_days(first).year(), y1 = Date::from_days(last).year();
  const int every = std::max(1, (y1 - y0 + 11) / 12);
  o += "<g class=\"x-axis\" font-size=\"11\" fill=\"#444\" text-anchor=\"middle\">\n";
  o += "<line x1=\"" + std::to_string(kLeft) + "\" x2=\"" + std::to_string(kLeft + kPlotW) +
       "\" y1=\"" + std::to_string(kTop + kPlotH) + "\" y2=\"" + std::to_string(kTop + kPlotH) +
       "\" stroke=\"#444\"/>\n";
  for (int yr = y0; yr <= y1; ++yr) {
    int d = Date::from_ymd(yr, 1, 1).days();
    if (d < first || d > last || (yr - y0) % every != 0) continue;
    std::string xx = num(x(d));
    o += "<line x1=\"" + xx + "\" x2=\"" + xx + "\" y1=\"" + std::to_string(kTop + kPlotH) +
         "\" y2=\"" + std::to_string(kTop + kPlotH + 5) + "\" stroke=\"#444\"/>\n";
    o += "<text x=\"" + xx + "\" y=\"" + std::to_string(kTop + kPlotH + 19) + "\">" +
         std::to_string(yr) + "</text>\n";
  }
  o += "</g>\n";

  // Markers.
  for (size_t i = 0; i < c.markers.size(); ++i) {
    std::string xx = num(x(c.markers[i].first.days()));
    o += "<g class=\"marker\"><line x1=\"" + xx + "\" x2=\"" + xx + "\" y1=\"" +
         std::to_string(kTop) + "\" y2=\"" + std::to_string(kTop + kPlotH) +
         "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>";
    const bool right_edge = x(c.markers[i].first.days()) > kLeft + kPlotW - 120;
    o += "<text x=\"" + num(x(c.markers[i].first.days()) + (right_edge ? -3 : 3)) +
         (right_edge ? "\" text-anchor=\"end" : "") + "\" y=\"" +
         std::to_string(kTop + 12 + static_cast<int>(i % 4) * 13) +
         "\" font-size=\"10\" fill=\"#555\">" + html_text(c.markers[i].second) + "</text></g>\n";
  }

  // Series: step lines, broken where a value is missing, with a dot and a
  // tooltip on each date.
  for (size_t s = 0; s < c.series.size(); ++s) {
    const ChartSeries& series = c.series[s];
    const char* colour = kPalette[s % (sizeof kPalette / sizeof kPalette[0])];
    o += "<g class=\"series\" fill=\"none\" stroke=\"" + std::string(colour) +
         "\" stroke-width=\"2.5\">\n";
    std::string path;
    for (size_t i = 0; i < c.dates.size() && i < series.values.size(); ++i) {
      const int start = c.dates[i].days();
      const int stop = i + 1 < c.dates.size() ? c.dates[i + 1].days() : last;
      if (!series.values[i]) continue;
      const std::string yy = num(y(*series.values[i]));
      bool joined = i > 0 && series.values[i - 1];
      path += (joined ? " V" + yy : (path.empty() ? "M" : " M") + num(x(start)) + " " + yy);
      path += " H" + num(x(stop));
    }
    if (!path.empty()) o += "<path d=\"" + path + "\"/>\n";
    for (size_t i = 0; i < c.dates.size() && i < series.values.size(); ++i) {
      if (!series.values[i]) continue;
      o += "<circle cx=\"" + num(x(c.dates[i].days())) + "\" cy=\"" + num(y(*series.values[i])) +
           "\" r=\"3\" fill=\"" + colour + "\" stroke=\"none\"><title>" +
           html_text(series.label + " on " + c.dates[i].str() + ": " + num(*series.values[i])) +
           "</title></circle>\n";
    }
    o += "</g>\n";
  }

  // Legend.
  o += "<g class=\"legend\" font-size=\"12\" fill=\"#222\">\n";
  int ly = kTop + 4;
  for (size_t s = 0; s < c.series.size(); ++s, ly += 20) {
    const char* colour = kPalette[s % (sizeof kPalette / sizeof kPalette[0])];
    const ChartSeries& series = c.series[s];
    std::string latest;
    for (auto it = series.values.rbegin(); it != series.values.rend(); ++it)
      if (*it) {
        latest = " (last " + num(**it) + ")";
        break;
      }
    o += "<line x1=\"" + std::to_string(kLeft + kPlotW + 16) + "\" x2=\"" +
         std::to_string(kLeft + kPlotW + 36) + "\" y1=\"" + std::to_string(ly) + "\" y2=\"" +
         std::to_string(ly) + "\" stroke=\"" + colour + "\" stroke-width=\"3\"/>";
    o += "<text x=\"" + std::to_string(kLeft + kPlotW + 42) + "\" y=\"" + std::to_string(ly + 4) +
         "\">" + html_text(series.label + latest) + "</text>\n";
  }
  if (!c.gap_note.empty())
    o += "<text x=\"" + std::to_string(kLeft + kPlotW + 16) + "\" y=\"" + std::to_string(ly + 8) +
         "\" font-size=\"10\" fill=\"#555\">" + html_text(c.gap_note) + "</text>\n";
  o += "</g>\n</svg>\n";
  return o;
}

}  // namespace govmap
