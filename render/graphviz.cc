// The only translation unit that includes Graphviz headers.
#include "render/graphviz.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
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
    case DiagramFormat::kSvg:
      return "svg";
    case DiagramFormat::kPng:
      return "png";
    case DiagramFormat::kPdf:
      return "pdf";
    case DiagramFormat::kDot:
      return "dot";
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

namespace {

// ---- Reading DOT with deterministic object ids ----
//
// cgraph's default id discipline gives a named object the address of its
// interned name as its id, and an anonymous one the next value of a counter
// that lives for the whole process. Layout orders some choices by id, so the
// same DOT text drawn twice in one process (as `govmap build` does) could come
// out differently. This discipline numbers objects in the order the parser
// meets them, per graph: the same text always gets the same ids.

struct IdState {
  Agraph_t* graph = nullptr;
  std::map<std::string, IDTYPE> by_name;
  std::map<IDTYPE, std::string> names;
  IDTYPE next_named = 2;      // even: named objects (as in cgraph's own scheme)
  IDTYPE next_anonymous = 1;  // odd: anonymous objects
};

void* id_open(Agraph_t* g, Agdisc_t*) {
  auto* state = new IdState;
  state->graph = g;
  return state;
}

long id_map(void* state, int /*objtype*/, char* str, IDTYPE* id, int createflag) {
  auto* s = static_cast<IdState*>(state);
  if (!str) {
    *id = s->next_anonymous;
    s->next_anonymous += 2;
    return 1;
  }
  auto it = s->by_name.find(str);
  if (it != s->by_name.end()) {
    *id = it->second;
    return 1;
  }
  if (!createflag) return 0;
  *id = s->next_named;
  s->next_named += 2;
  s->by_name.emplace(str, *id);
  s->names.emplace(*id, str);
  return 1;
}

long id_alloc(void*, int, IDTYPE) {
  return 0;
}  // callers may not choose ids
void id_free(void*, int, IDTYPE) {}
char* id_print(void* state, int, IDTYPE id) {
  auto* s = static_cast<IdState*>(state);
  auto it = s->names.find(id);
  return it == s->names.end() ? nullptr : it->second.data();
}
void id_close(void* state) {
  delete static_cast<IdState*>(state);
}
void id_register(void*, int, void*) {}

Agiddisc_t kIdDisc = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};

// Reading from memory, a line at a time, as cgraph's own agmemread does.
struct MemoryReader {
  const char* data;
  size_t size;
  size_t pos = 0;
};

int memory_read(void* chan, char* buf, int bufsize) {
  auto* r = static_cast<MemoryReader*>(chan);
  int n = 0;
  while (n < bufsize && r->pos < r->size) {
    char c = r->data[r->pos++];
    buf[n++] = c;
    if (c == '\n') break;
  }
  return n;
}

Agraph_t* read_graph(const std::string& text) {
  static Agiodisc_t io = {memory_read, AgIoDisc.putstr, AgIoDisc.flush};
  static Agdisc_t disc = {&AgMemDisc, &kIdDisc, &io};
  MemoryReader reader{text.data(), text.size()};
  return agread(&reader, &disc);
}

// The DOT text carries link targets XML-escaped, ready for SVG (see dot_url()
// in render/escape.h); other formats take them as they are, so "&amp;" goes
// back to a plain ampersand before PDF writes its link annotations.
std::string xml_unescaped_amp(const char* value) {
  std::string v = value ? value : "";
  for (size_t at = v.find("&amp;"); at != std::string::npos; at = v.find("&amp;", at + 1))
    v.replace(at, 5, "&");
  return v;
}

void unescape_links(Agraph_t* g) {
  std::vector<char> name = c_string("URL");
  for (int kind : {AGNODE, AGEDGE}) {
    Agsym_t* sym = agattr(g, kind, name.data(), nullptr);
    if (!sym) continue;
    auto fix = [&](void* obj) {
      char* value = agxget(obj, sym);
      if (!value || !std::strstr(value, "&amp;")) return;
      std::vector<char> plain = c_string(xml_unescaped_amp(value));
      agxset(obj, sym, plain.data());
    };
    for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
      if (kind == AGNODE) {
        fix(n);
        continue;
      }
      for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) fix(e);
    }
  }
}

// The force-directed engines ignore clusters, so the key's nodes (named
// "legend:...", render/dot_writer.cc) are laid out among the bodies and the
// key floats over the drawing. After layout the key is moved as one block
// below the bounding box of everything else, left-aligned, so it cannot
// overlap the drawing; the graph's box grows to hold it.
void move_key_clear(Agraph_t* g) {
  const double kHuge = 1e18;
  boxf body{{kHuge, kHuge}, {-kHuge, -kHuge}}, key = body;
  auto grow = [](boxf& b, Agnode_t* n) {
    pointf c = ND_coord(n);
    double w = ND_width(n) * 36, h = ND_height(n) * 36;  // half, in points
    b.LL.x = std::min(b.LL.x, c.x - w);
    b.LL.y = std::min(b.LL.y, c.y - h);
    b.UR.x = std::max(b.UR.x, c.x + w);
    b.UR.y = std::max(b.UR.y, c.y + h);
  };
  auto is_key = [](Agnode_t* n) { return std::strncmp(agnameof(n), "legend:", 7) == 0; };
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) grow(is_key(n) ? key : body, n);
  if (key.LL.x > key.UR.x || body.LL.x > body.UR.x) return;
  const double gap = 36;  // half an inch between the drawing and the key
  const double dx = body.LL.x - key.LL.x, dy = body.LL.y - gap - key.UR.y;
  auto shift = [&](pointf& p) {
    p.x += dx;
    p.y += dy;
  };
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    if (!is_key(n)) continue;
    shift(ND_coord(n));
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      if (!is_key(aghead(e))) continue;  // invisible ties to the drawing
      if (splines* spl = ED_spl(e))
        for (int i = 0; i < spl->size; ++i) {
          bezier& bz = spl->list[i];
          for (int j = 0; j < bz.size; ++j) shift(bz.list[j]);
          if (bz.sflag) shift(bz.sp);
          if (bz.eflag) shift(bz.ep);
        }
      if (ED_label(e)) shift(ED_label(e)->pos);
    }
  }
  boxf moved{{key.LL.x + dx, key.LL.y + dy}, {key.UR.x + dx, key.UR.y + dy}};
  // A cluster gets layout data only from an engine that lays clusters out.
  Agraph_t* cluster = agsubg(g, const_cast<char*>("cluster_legend"), 0);
  if (cluster && aggetrec(cluster, const_cast<char*>("Agraphinfo_t"), 0) && GD_n_cluster(g) > 0) {
    // Its box around the moved nodes, with room for its label below them.
    double label_h = GD_label(cluster) ? GD_label(cluster)->dimen.y : 0;
    GD_bb(cluster) = boxf{{moved.LL.x - 8, moved.LL.y - 8 - label_h}, {moved.UR.x + 8, moved.UR.y + 8}};
    if (GD_label(cluster))
      GD_label(cluster)->pos = pointf{(moved.LL.x + moved.UR.x) / 2, moved.LL.y - 4 - label_h / 2};
    moved = GD_bb(cluster);
  }
  boxf& bb = GD_bb(g);
  bb.LL.x = std::min(bb.LL.x, moved.LL.x - 8);
  bb.LL.y = std::min(bb.LL.y, moved.LL.y - 8);
  bb.UR.x = std::max(bb.UR.x, moved.UR.x + 8);
  bb.UR.y = std::max(bb.UR.y, moved.UR.y + 8);
}

}  // namespace

RenderedDiagram render_diagram(const std::string& dot_text, DiagramFormat format,
                               const std::string& engine, const std::optional<PdfPage>& page,
                               double compress_width_pt) {
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

  std::unique_ptr<Agraph_t, GraphCloser> graph(read_graph(dot_text));
  if (!graph) {
    throw Error(Error::Kind::kInput, "graphviz could not read the diagram: " +
                                         join(split_lines(message_buffer()), "; "));
  }
  if (format != DiagramFormat::kSvg) unescape_links(graph.get());
  // The force-directed engines leave nodes overlapping unless told otherwise;
  // prism removes overlaps while keeping the layout's shape (national maps).
  if (engine == "sfdp" || engine == "fdp" || engine == "neato") {
    std::vector<char> key = c_string("overlap"), prism = c_string("prism");
    if (!agget(graph.get(), key.data()) || !*agget(graph.get(), key.data()))
      agattr(graph.get(), AGRAPH, key.data(), prism.data());
  }
  auto set = [&](const char* name, const std::string& value) {
    std::vector<char> k = c_string(name), v = c_string(value);
    agattr(graph.get(), AGRAPH, k.data(), v.data());
  };
  auto inches = [](double pt) { return std::to_string(pt / 72.0); };
  // dot reads size twice: while laying out (ratio=compress presses the layout
  // towards size's width) and while drawing (a drawing larger than size is
  // scaled down to it). The layout takes the compress width; the drawing is
  // then left at the layout's own size (below). A PDF is not compressed: it
  // needs size for its page, and a compressed layout read with the page's
  // margin came out of a different shape than the one measured without it.
  bool pdf_page = page && format == DiagramFormat::kPdf;
  bool compress = compress_width_pt > 0 && engine == "dot" && !pdf_page;
  if (compress) {
    set("ratio", "compress");
    set("size", inches(compress_width_pt) + ",10000");
  }
  if (pdf_page) {
    // size with "!" scales the drawing up or down to exactly that box (its
    // padding included, as in the SVG's viewBox); margin fills the rest of the
    // page, so cairo's PDF page is the paper's size.
    set("size", inches(page->drawing_width_pt) + "," + inches(page->drawing_height_pt) + "!");
    set("margin", inches((page->page_width_pt - page->drawing_width_pt) / 2) + "," +
                      inches((page->page_height_pt - page->drawing_height_pt) / 2));
  }
  std::vector<char> engine_name = c_string(engine);
  if (gvLayout(gvc, graph.get(), engine_name.data()) != 0) {
    throw Error(Error::Kind::kInput, "graphviz could not lay out the diagram with '" + engine +
                                         "': " + join(split_lines(message_buffer()), "; "));
  }
  if (engine == "sfdp" || engine == "fdp" || engine == "neato") move_key_clear(graph.get());
  // Graphviz 2.42 keeps the size it draws at in the graph's layout record.
  if (compress) GD_drawing(graph.get())->size = pointf{0, 0};
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
