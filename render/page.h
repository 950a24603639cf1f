// Print pages for diagrams: ISO paper sizes, how large a drawing prints on a
// page, and which page a drawing needs so that its smallest text prints at a
// readable size.
//
// Pure arithmetic and text: no Graphviz header. `govmap render` and `govmap
// build` lay a diagram out once as SVG, measure it here (the SVG's viewBox and
// its smallest font-size), choose a page, then size the SVG to that page
// (svg_on_page) or ask Graphviz for a PDF of that page (render/graphviz.h).
#ifndef GOVMAP_RENDER_PAGE_H_
#define GOVMAP_RENDER_PAGE_H_

#include <optional>
#include <string>
#include <vector>

namespace govmap {

// A sheet of paper as it is held: width and height in points (1/72 inch).
struct Page {
  std::string paper;      // "a4", "a3", "a2", "a1"
  bool landscape = true;  // wider than tall
  double width_pt = 0;
  double height_pt = 0;
  std::string name() const;  // "A3 landscape"
};

// The papers govmap prints on, smallest first ("a4", "a3", "a2", "a1").
const std::vector<std::string>& paper_names();
// The page of a paper ("a4".."a1", case-insensitive) held landscape or
// portrait; nullopt for an unknown paper.
std::optional<Page> page_of(const std::string& paper, bool landscape);

// The blank border left on every side of a printed page: 5 mm, about what
// office printers cannot print on.
constexpr double kPageMarginPt = 5.0 * 72.0 / 25.4;
// The smallest text size a printed diagram may have.
constexpr double kReadablePt = 6.0;

// A laid-out drawing: its box in SVG user units (points, as Graphviz writes
// them) and the smallest font size used in it.
struct Drawing {
  double x = 0, y = 0, width = 0, height = 0;
  double smallest_font_pt = 0;  // 0 = the drawing holds no text
};

// Reads the viewBox of the root <svg> element and the smallest font-size of
// its text elements. Throws Error(kInternal) when the SVG has no viewBox.
Drawing measure_svg(const std::string& svg);

// How a drawing prints on a page: scaled (up or down) to fill the page inside
// its margins, keeping its proportions.
struct PrintFit {
  Page page;
  double scale = 1;             // printed size / drawn size
  double smallest_text_pt = 0;  // scale * the drawing's smallest font
  bool readable() const { return smallest_text_pt + 1e-9 >= kReadablePt; }
};
PrintFit fit_on_page(const Drawing& drawing, const Page& page);

// The page a drawing prints on. paper ("" = choose) and orientation
// ("" = landscape, else "landscape" or "portrait") come from --page and
// --orientation. With no paper, the smallest of A4 and A3 on which the
// smallest text prints at kReadablePt or more; A3 when neither does (the caller
// then says so: unreadable_message). Throws Error(kUsage) for an unknown paper
// or orientation, naming the valid ones.
PrintFit choose_page(const Drawing& drawing, const std::string& paper,
                     const std::string& orientation);

// "prints its smallest text at 2.1 pt on A3 landscape (under 6 pt): ..."
// naming what helps: a larger --page (the smallest that would do, if any),
// --area, --layer.
std::string unreadable_message(const Drawing& drawing, const PrintFit& fit);

// The SVG with its root element sized to the page (width and height in mm)
// and its viewBox widened so the drawing sits centred inside the margins at
// fit.scale. Nothing else in the text changes.
// The root element also carries a print rule (@page of the paper's size, no
// margin) so that a browser prints the SVG itself on that paper.
std::string svg_on_page(const std::string& svg, const Drawing& drawing, const PrintFit& fit);

// Several SVGs sized to one page (svg_on_page) as one SVG of that many pages
// stacked top to bottom: each page's drawing is a nested <svg> at its page's
// place, its own viewBox kept; the root is the page's width and n times its
// height, with the same print rule, so a browser prints it on n pages of the
// paper. The ids Graphviz makes up ("graph0", "node3", "clust1") get a
// "pK-" prefix on pages after the first, so no two elements share one; the
// ids of bodies and relationships are the caller's to keep apart.
std::string svg_pages(const std::vector<std::string>& page_svgs, const Page& page);

}  // namespace govmap

#endif  // GOVMAP_RENDER_PAGE_H_
