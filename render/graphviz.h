// Drawing DOT text with the Graphviz libraries (cgraph + gvc), in process.
//
// This file and graphviz.cc are the only places that include Graphviz headers.
// Nothing here shells out to `dot`.
#ifndef GOVMAP_RENDER_GRAPHVIZ_H_
#define GOVMAP_RENDER_GRAPHVIZ_H_

#include <optional>
#include <string>
#include <vector>

#include "core/kinds.h"  // layout_engines()

namespace govmap {

enum class DiagramFormat { kDot, kSvg, kPng, kPdf };

// The format named by a file's extension (.dot, .svg, .png, .pdf; case-insensitive).
std::optional<DiagramFormat> diagram_format_for(const std::string& path);
// As above, or Error(kUsage) listing the valid extensions.
DiagramFormat diagram_format_or_throw(const std::string& path);
// ".dot", ".svg", ".png", ".pdf"
const std::vector<std::string>& diagram_extensions();

struct RenderedDiagram {
  std::string bytes;
  std::vector<std::string> warnings;  // Graphviz's own warnings, one per line
};

// A PDF page to draw on: the drawing scaled to drawing_*_pt (in points) and
// centred on a page of page_*_pt. render/print.h computes it.
struct PdfPage {
  double drawing_width_pt = 0, drawing_height_pt = 0;
  double page_width_pt = 0, page_height_pt = 0;
};

// Lays dot_text out with engine and renders it in format. kDot returns the text
// unchanged (not laid out). With a page, a PDF is that page's size (Graphviz's
// size and margin attributes; other formats ignore it). With compress_width_pt
// (> 0) and the dot engine, the layout is pressed towards that width
// (Graphviz's ratio=compress: tighter rows, less symmetry) but never scaled to
// it. A PDF with a page is never compressed (it is scaled to its page). Throws Error(kUsage) for an unknown engine
// and Error(kInput) when Graphviz cannot read or lay out the text.
RenderedDiagram render_diagram(const std::string& dot_text, DiagramFormat format,
                               const std::string& engine = "dot",
                               const std::optional<PdfPage>& page = std::nullopt,
                               double compress_width_pt = 0);

}  // namespace govmap

#endif  // GOVMAP_RENDER_GRAPHVIZ_H_
