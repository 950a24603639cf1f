#include "render/print.h"

#include <cmath>
#include <locale>
#include <sstream>
#include <utility>

namespace govmap {

namespace {

// The smallest font render/dot_writer.cc draws with (relationship labels and
// kinds), in points.
constexpr double kSmallestDrawnPt = 10;

// The width the layout is pressed towards: the widest drawing whose smallest
// text still prints at kReadablePt across the page asked for (A3 when the
// page is chosen: the largest default), inside its margins.
double compress_width(const PrintRequest& request) {
  bool landscape = request.orientation != "portrait";
  std::optional<Page> page = page_of(request.paper.empty() ? "a3" : request.paper, landscape);
  if (!page) return 0;
  // The drawing measured is the layout plus Graphviz's pad (4 pt each side);
  // a point more for the rounding of the layout's coordinates.
  constexpr double kPadPt = 4, kRoundingPt = 1;
  return (page->width_pt - 2 * kPageMarginPt) * kSmallestDrawnPt / kReadablePt - 2 * kPadPt -
         kRoundingPt;
}

// The width and height of a PDF's first /MediaBox, in points; nullopt when
// there is none.
std::optional<std::pair<double, double>> media_box(const std::string& pdf) {
  size_t at = pdf.find("/MediaBox");
  if (at == std::string::npos) return std::nullopt;
  at = pdf.find('[', at);
  if (at == std::string::npos) return std::nullopt;
  double v[4];
  std::istringstream in(pdf.substr(at + 1, 80));
  in.imbue(std::locale::classic());
  for (double& x : v)
    if (!(in >> x)) return std::nullopt;
  return std::make_pair(v[2] - v[0], v[3] - v[1]);
}

}  // namespace

namespace {

// The SVG layout a format's page is measured on, measured.
struct Measured {
  RenderedDiagram svg;
  Drawing drawing;
  PrintFit fit;
};
Measured measure(const std::string& dot_text, DiagramFormat format, const std::string& engine,
                 const PrintRequest& request) {
  // A PDF is laid out uncompressed (render_diagram): measure that layout.
  const double compress = format == DiagramFormat::kPdf ? 0 : compress_width(request);
  Measured m;
  m.svg = render_diagram(dot_text, DiagramFormat::kSvg, engine, std::nullopt, compress);
  m.drawing = measure_svg(m.svg.bytes);
  m.fit = choose_page(m.drawing, request.paper, request.orientation);
  return m;
}

PrintedDiagram print_measured(const std::string& dot_text, DiagramFormat format,
                              const std::string& engine, const PrintRequest& request,
                              Measured measured);

}  // namespace

PrintedDiagram render_for_print(const std::string& dot_text, DiagramFormat format,
                                const std::string& engine, const PrintRequest& request) {
  if (format == DiagramFormat::kDot) {
    PrintedDiagram out;
    out.drawn = render_diagram(dot_text, format, engine);
    return out;
  }
  return print_measured(dot_text, format, engine, request,
                        measure(dot_text, format, engine, request));
}

PrintedDiagram render_best_for_print(const std::vector<std::string>& candidates,
                                     DiagramFormat format, const std::string& engine,
                                     const PrintRequest& request, size_t* chosen) {
  if (chosen) *chosen = 0;
  if (candidates.size() == 1) return render_for_print(candidates.front(), format, engine, request);
  // A DOT file is chosen as the SVG would be.
  const DiagramFormat measured_as = format == DiagramFormat::kDot ? DiagramFormat::kSvg : format;
  size_t best = 0;
  std::optional<Measured> kept;
  for (size_t i = 0; i < candidates.size(); ++i) {
    Measured m = measure(candidates[i], measured_as, engine, request);
    // Equal to a tenth of a point (as `render` reports it) is no better.
    if (!kept || m.fit.smallest_text_pt > kept->fit.smallest_text_pt + 0.05) {
      best = i;
      kept = std::move(m);
    }
  }
  if (chosen) *chosen = best;
  if (format == DiagramFormat::kDot) return render_for_print(candidates[best], format, engine, request);
  return print_measured(candidates[best], format, engine, request, std::move(*kept));
}

PrintedDiagram render_two_dates_for_print(const std::vector<std::string>& side_by_side,
                                          const std::vector<std::string>& before,
                                          const std::vector<std::string>& after,
                                          DiagramFormat format, const std::string& engine,
                                          const PrintRequest& request) {
  PrintedDiagram one = render_best_for_print(side_by_side, format, engine, request);
  if (format != DiagramFormat::kSvg || engine != "dot" || one.fit.readable() || before.empty() ||
      after.empty())
    return one;
  PrintedDiagram pages[] = {render_best_for_print(before, format, engine, request),
                            render_best_for_print(after, format, engine, request)};
  // Both on one paper: the larger of the two pages each would choose.
  Page page = pages[0].fit.page;
  if (pages[1].fit.page.width_pt > page.width_pt) page = pages[1].fit.page;
  const PrintFit fits[] = {fit_on_page(pages[0].drawing, page), fit_on_page(pages[1].drawing, page)};
  const size_t worst = fits[1].smallest_text_pt < fits[0].smallest_text_pt ? 1 : 0;
  PrintedDiagram out;
  out.laid_out = true;
  out.pages = 2;
  out.fit = fits[worst];
  out.drawing = pages[worst].drawing;
  std::vector<std::string> svgs;
  for (size_t i = 0; i < 2; ++i) {
    // Laid out again only on a page other than its own (alone, a date could
    // have chosen A4).
    svgs.push_back(pages[i].fit.page.paper == page.paper
                       ? pages[i].drawn.bytes
                       : render_best_for_print(i ? after : before, format, engine,
                                               PrintRequest{page.paper, request.orientation})
                             .drawn.bytes);
    out.drawn.warnings.insert(out.drawn.warnings.end(), pages[i].drawn.warnings.begin(),
                              pages[i].drawn.warnings.end());
  }
  if (out.fit.smallest_text_pt <= one.fit.smallest_text_pt) return one;
  out.drawn.bytes = svg_pages(svgs, page);
  if (!out.fit.readable()) out.warning = unreadable_message(out.drawing, out.fit);
  return out;
}

namespace {

PrintedDiagram print_measured(const std::string& dot_text, DiagramFormat format,
                              const std::string& engine, const PrintRequest& request,
                              Measured measured) {
  PrintedDiagram out;
  const double compress = format == DiagramFormat::kPdf ? 0 : compress_width(request);
  RenderedDiagram svg = std::move(measured.svg);
  out.laid_out = true;
  out.drawing = measured.drawing;
  out.fit = measured.fit;
  if (!out.fit.readable()) out.warning = unreadable_message(out.drawing, out.fit);
  switch (format) {
    case DiagramFormat::kSvg:
      out.drawn.bytes = svg_on_page(svg.bytes, out.drawing, out.fit);
      out.drawn.warnings = std::move(svg.warnings);
      break;
    case DiagramFormat::kPdf: {
      PdfPage page{out.drawing.width * out.fit.scale, out.drawing.height * out.fit.scale,
                   out.fit.page.width_pt, out.fit.page.height_pt};
      out.drawn = render_diagram(dot_text, format, engine, page);
      // Graphviz scales the drawing by a factor it works out from its own
      // box, which can differ by a few points from the SVG's viewBox (Frimley
      // 2018 came out 7 pt short of A3's height). The margins take up the
      // difference, and the PDF is drawn once more.
      if (auto got = media_box(out.drawn.bytes)) {
        double dw = page.page_width_pt - got->first, dh = page.page_height_pt - got->second;
        if (std::abs(dw) > 1 || std::abs(dh) > 1) {
          page.page_width_pt += dw;
          page.page_height_pt += dh;
          out.drawn = render_diagram(dot_text, format, engine, page);
        }
      }
      break;
    }
    case DiagramFormat::kPng:
    case DiagramFormat::kDot:  // returned above
      out.drawn = render_diagram(dot_text, format, engine, std::nullopt, compress);
      break;
  }
  return out;
}

}  // namespace

}  // namespace govmap
