#include "render/print.h"

namespace govmap {

PrintedDiagram render_for_print(const std::string& dot_text, DiagramFormat format,
                                const std::string& engine, const PrintRequest& request) {
  PrintedDiagram out;
  if (format == DiagramFormat::kDot) {
    out.drawn = render_diagram(dot_text, format, engine);
    return out;
  }
  RenderedDiagram svg = render_diagram(dot_text, DiagramFormat::kSvg, engine);
  out.laid_out = true;
  out.drawing = measure_svg(svg.bytes);
  out.fit = choose_page(out.drawing, request.paper, request.orientation);
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
      break;
    }
    case DiagramFormat::kPng:
    case DiagramFormat::kDot:  // returned above
      out.drawn = render_diagram(dot_text, format, engine);
      break;
  }
  return out;
}

}  // namespace govmap
