// The only translation unit that includes Graphviz headers.
#include "render/graphviz.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "core/error.h"
#include "core/kinds.h"

namespace govmap {
namespace {

// One Graphviz context for the whole process, created on first use and never
// freed: freeing and re-creating contexts trips a use-after-free in the pango
// plugin of Graphviz 2.42/2.43.
GVC_t* context() {
  static GVC_t* gvc = gvContext();
  return gvc;
}

// Graphviz keeps global state (error handler, the context); one render at a time.
std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

// Graphviz's messages go here instead of stderr while a render runs.
std::string& message_buffer() {
  static std::string buffer;
  return buffer;
}
int collect_message(char* text) {
  message_buffer() += text ? text : "";
  return 0;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty()) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// cgraph takes char*, not const char*: a writable, NUL-terminated copy.
std::vector<char> c_string(const std::string& s) {
  std::vector<char> v(s.begin(), s.end());
  v.push_back('\0');
  return v;
}

const char* renderer_name(DiagramFormat f) {
  switch (f) {
    case DiagramFormat::kSvg: return "svg";
    case DiagramFormat::kPng: return "png";
    case DiagramFormat::kPdf: return "pdf";
    case DiagramFormat::kDot: return "dot";
  }
  return "svg";
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};

}  // namespace

const std::vector<std::string>& diagram_extensions() {
  static const std::vector<std::string> kExt = {".dot", ".svg", ".png", ".pdf"};
  return kExt;
}

std::optional<DiagramFormat> diagram_format_for(const std::string& path) {
  size_t dot = path.rfind('.');
  size_t slash = path.find_last_of("/\\");
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return std::nullopt;
  std::string ext = path.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto& all = diagram_extensions();
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i] == ext) return static_cast<DiagramFormat>(i);
  return std::nullopt;
}

DiagramFormat diagram_format_or_throw(const std::string& path) {
  if (auto f = diagram_format_for(path)) return *f;
  throw Error(Error::Kind::kUsage, "-o " + path +
                                       ": cannot tell the format from the file name; use one of "
                                       "the extensions " +
                                       join(diagram_extensions()));
}

RenderedDiagram render_diagram(const std::string& dot_text, DiagramFormat format,
                               const std::string& engine) {
  const auto& engines = layout_engines();
  if (std::find(engines.begin(), engines.end(), engine) == engines.end())
    throw Error(Error::Kind::kUsage,
                "--engine: unknown layout engine '" + engine + "' (valid: " + join(engines) + ")");
  RenderedDiagram result;
  if (format == DiagramFormat::kDot) {
    result.bytes = dot_text;
    return result;
  }

  std::lock_guard<std::mutex> lock(graphviz_mutex());
  GVC_t* gvc = context();
  message_buffer().clear();
  agusererrf previous = agseterrf(collect_message);
  agreseterrors();
  struct Restore {
    agusererrf f;
    ~Restore() { agseterrf(f); }
  } restore{previous};

  std::vector<char> text = c_string(dot_text);
  std::unique_ptr<Agraph_t, GraphCloser> graph(agmemread(text.data()));
  if (!graph) {
    throw Error(Error::Kind::kInput,
                "graphviz could not read the diagram: " + join(split_lines(message_buffer()), "; "));
  }
  std::vector<char> engine_name = c_string(engine);
  if (gvLayout(gvc, graph.get(), engine_name.data()) != 0) {
    throw Error(Error::Kind::kInput, "graphviz could not lay out the diagram with '" + engine +
                                         "': " + join(split_lines(message_buffer()), "; "));
  }
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(gvc, graph.get(), renderer_name(format), &data, &length);
  if (rc == 0 && data) result.bytes.assign(data, length);
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc, graph.get());
  if (rc != 0) {
    throw Error(Error::Kind::kInput, std::string("graphviz could not render ") +
                                         renderer_name(format) + ": " +
                                         join(split_lines(message_buffer()), "; "));
  }
  result.warnings = split_lines(message_buffer());
  return result;
}

}  // namespace govmap
