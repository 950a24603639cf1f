// Diagrams laid out for print: drawn once as SVG to measure, then given a
// page (render/page.h) and written as an SVG sized to that page or a PDF of
// that page's size. `govmap render` and `govmap build` draw through here.
#ifndef GOVMAP_RENDER_PRINT_H_
#define GOVMAP_RENDER_PRINT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "render/graphviz.h"
#include "render/page.h"

namespace govmap {

struct PrintRequest {
  std::string paper;        // --page: "" = the smallest readable of A4/A3
  std::string orientation;  // --orientation: "" = landscape
};

struct PrintedDiagram {
  RenderedDiagram drawn;  // bytes and Graphviz's warnings
  bool laid_out = false;  // false for DOT: drawing and fit are unset
  Drawing drawing;        // the laid-out drawing, measured
  PrintFit fit;           // its page
  // When the smallest text prints under kReadablePt on the page: what to do
  // (unreadable_message); "" otherwise.
  std::string warning;
  // 1, or (render_two_dates_for_print) one page per date: fit is then the
  // page whose smallest text prints smallest.
  size_t pages = 1;
};

// SVG and PDF on a page; PNG at the drawing's own size (one pixel per point),
// its page measured for the warning; DOT as text, not laid out (no page). Throws as
// render_diagram and choose_page do.
PrintedDiagram render_for_print(const std::string& dot_text, DiagramFormat format,
                                const std::string& engine, const PrintRequest& request);

// The same picture laid out several ways (cli/diagram_input.h diagram_dots):
// each is laid out as its format would be and measured on its page, and the
// one whose smallest text prints largest is drawn (a later candidate only
// when it prints more than 0.05 pt larger, so the choice is the same on
// every run). DOT too: the .dot written is the
// text of the picture chosen. One candidate is render_for_print's.
// `chosen` (if given) receives the index of the one drawn.
PrintedDiagram render_best_for_print(const std::vector<std::string>& candidates,
                                     DiagramFormat format, const std::string& engine,
                                     const PrintRequest& request, size_t* chosen = nullptr);

// Two dates: side by side on one page when that prints its smallest text at
// kReadablePt or more, or when it is not an SVG laid out by dot; otherwise,
// when it reads larger so, an SVG of two pages (svg_pages), the earlier date
// on the first, each date laid out alone (render_best_for_print of before
// and after). Side by side, each date has about half the page: two drawings
// that each need nearly all of an A3 page at 6 pt (SYB) cannot share one.
PrintedDiagram render_two_dates_for_print(const std::vector<std::string>& side_by_side,
                                          const std::vector<std::string>& before,
                                          const std::vector<std::string>& after,
                                          DiagramFormat format, const std::string& engine,
                                          const PrintRequest& request);

}  // namespace govmap

#endif  // GOVMAP_RENDER_PRINT_H_
