#include "render/page.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "core/error.h"
#include "core/kinds.h"  // join

namespace govmap {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

struct Paper {
  const char* name;
  double short_mm, long_mm;  // ISO 216
};
constexpr Paper kPapers[] = {
    {"a4", 210, 297}, {"a3", 297, 420}, {"a2", 420, 594}, {"a1", 594, 841}};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The value of attribute name="..." inside tag, or "".
std::string attribute(const std::string& tag, const std::string& name) {
  std::string key = " " + name + "=\"";
  size_t at = tag.find(key);
  if (at == std::string::npos) {
    key = "\n" + name + "=\"";
    at = tag.find(key);
  }
  if (at == std::string::npos) return "";
  size_t start = at + key.size();
  size_t end = tag.find('"', start);
  return end == std::string::npos ? "" : tag.substr(start, end - start);
}

// Replaces the value of attribute name in tag (which must hold it).
void set_attribute(std::string& tag, const std::string& name, const std::string& value) {
  for (const char* lead : {" ", "\n"}) {
    std::string key = lead + name + "=\"";
    size_t at = tag.find(key);
    if (at == std::string::npos) continue;
    size_t start = at + key.size();
    size_t end = tag.find('"', start);
    tag.replace(start, end - start, value);
    return;
  }
}

std::string number(double v, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// A style element that has a browser print the SVG on the page's paper.
std::string print_rule(const Page& page) {
  return "<style>@page { size: " + number(page.width_pt / kPtPerMm, 0) + "mm " +
         number(page.height_pt / kPtPerMm, 0) + "mm; margin: 0 }</style>\n";
}

// Where the root <svg ...> start tag is: [begin, end) of the tag text.
std::pair<size_t, size_t> svg_tag(const std::string& svg) {
  size_t begin = svg.find("<svg");
  if (begin == std::string::npos) throw Error(Error::Kind::kInput, "the drawing is not an SVG");
  size_t end = svg.find('>', begin);
  if (end == std::string::npos) throw Error(Error::Kind::kInput, "the SVG's root element is cut");
  return {begin, end};
}

}  // namespace

std::string Page::name() const {
  std::string p = paper;
  for (char& c : p) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return p + (landscape ? " landscape" : " portrait");
}

const std::vector<std::string>& paper_names() {
  static const std::vector<std::string> kNames = {"a4", "a3", "a2", "a1"};
  return kNames;
}

std::optional<Page> page_of(const std::string& paper, bool landscape) {
  std::string p = lower(paper);
  for (const Paper& k : kPapers) {
    if (p != k.name) continue;
    Page page;
    page.paper = k.name;
    page.landscape = landscape;
    page.width_pt = (landscape ? k.long_mm : k.short_mm) * kPtPerMm;
    page.height_pt = (landscape ? k.short_mm : k.long_mm) * kPtPerMm;
    return page;
  }
  return std::nullopt;
}

Drawing measure_svg(const std::string& svg) {
  auto [begin, end] = svg_tag(svg);
  std::string tag = svg.substr(begin, end - begin);
  std::string box = attribute(tag, "viewBox");
  Drawing d;
  if (box.empty() ||
      std::sscanf(box.c_str(), "%lf %lf %lf %lf", &d.x, &d.y, &d.width, &d.height) != 4 ||
      d.width <= 0 || d.height <= 0)
    throw Error(Error::Kind::kInput, "the SVG has no usable viewBox");
  const std::string key = "font-size=\"";
  for (size_t at = svg.find(key, end); at != std::string::npos; at = svg.find(key, at + 1)) {
    double size = std::strtod(svg.c_str() + at + key.size(), nullptr);
    if (size > 0 && (d.smallest_font_pt == 0 || size < d.smallest_font_pt))
      d.smallest_font_pt = size;
  }
  return d;
}

PrintFit fit_on_page(const Drawing& drawing, const Page& page) {
  PrintFit fit;
  fit.page = page;
  double room_w = page.width_pt - 2 * kPageMarginPt;
  double room_h = page.height_pt - 2 * kPageMarginPt;
  fit.scale = std::min(room_w / drawing.width, room_h / drawing.height);
  fit.smallest_text_pt = fit.scale * drawing.smallest_font_pt;
  return fit;
}

PrintFit choose_page(const Drawing& drawing, const std::string& paper,
                     const std::string& orientation) {
  std::string o = lower(orientation);
  if (!o.empty() && o != "landscape" && o != "portrait")
    throw Error(Error::Kind::kUsage, "--orientation: unknown orientation '" + orientation +
                                         "' (valid: landscape, portrait)");
  bool landscape = o != "portrait";
  if (!paper.empty()) {
    auto page = page_of(paper, landscape);
    if (!page)
      throw Error(Error::Kind::kUsage,
                  "--page: unknown paper '" + paper + "' (valid: " + join(paper_names()) + ")");
    return fit_on_page(drawing, *page);
  }
  PrintFit a4 = fit_on_page(drawing, *page_of("a4", landscape));
  if (a4.readable()) return a4;
  return fit_on_page(drawing, *page_of("a3", landscape));
}

std::string unreadable_message(const Drawing& drawing, const PrintFit& fit) {
  std::string m = "the picture prints its smallest text at " + number(fit.smallest_text_pt, 1) +
                  " pt on " + fit.page.name() + " (under " + number(kReadablePt, 0) + " pt)";
  std::string larger;
  for (const std::string& p : paper_names()) {
    PrintFit f = fit_on_page(drawing, *page_of(p, fit.page.landscape));
    if (f.page.width_pt > fit.page.width_pt && f.readable()) {
      larger = p;
      break;
    }
  }
  m += "; to print it readably, ";
  if (!larger.empty())
    m += "use --page " + larger + ", or ";
  else
    m += "it needs a page larger than A1: ";
  m += "narrow the picture with --area (one system or place) or --layer (statutory or shadow)";
  return m;
}

std::string svg_on_page(const std::string& svg, const Drawing& drawing, const PrintFit& fit) {
  auto [begin, end] = svg_tag(svg);
  std::string tag = svg.substr(begin, end - begin);
  double view_w = fit.page.width_pt / fit.scale;
  double view_h = fit.page.height_pt / fit.scale;
  double x = drawing.x - (view_w - drawing.width) / 2;
  double y = drawing.y - (view_h - drawing.height) / 2;
  set_attribute(tag, "width", number(fit.page.width_pt / kPtPerMm, 1) + "mm");
  set_attribute(tag, "height", number(fit.page.height_pt / kPtPerMm, 1) + "mm");
  set_attribute(tag, "viewBox",
                number(x) + " " + number(y) + " " + number(view_w) + " " + number(view_h));
  return svg.substr(0, begin) + tag + ">\n" + print_rule(fit.page) + svg.substr(end + 1);
}

std::string svg_pages(const std::vector<std::string>& page_svgs, const Page& page) {
  if (page_svgs.empty()) throw Error(Error::Kind::kInput, "svg_pages: no pages");
  const size_t n = page_svgs.size();
  auto [first_begin, first_end] = svg_tag(page_svgs.front());
  (void)first_end;
  std::string out = page_svgs.front().substr(0, first_begin);  // the XML prologue
  out += "<svg width=\"" + number(page.width_pt / kPtPerMm, 1) + "mm\" height=\"" +
         number(n * page.height_pt / kPtPerMm, 1) + "mm\" viewBox=\"0 0 " + number(page.width_pt) +
         " " + number(n * page.height_pt) +
         "\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n" +
         print_rule(page);
  static const std::regex made_up(R"re( id="((?:a_)?(?:graph|clust|node|edge)[0-9]+)")re");
  for (size_t k = 0; k < n; ++k) {
    const std::string& svg = page_svgs[k];
    auto [begin, end] = svg_tag(svg);
    std::string tag = svg.substr(begin, end - begin);
    set_attribute(tag, "width", number(page.width_pt));
    set_attribute(tag, "height", number(page.height_pt));
    tag.insert(4, " x=\"0\" y=\"" + number(k * page.height_pt) + "\"");
    std::string body = svg.substr(end);
    // Its own print rule is the root's.
    const std::string rule = print_rule(page);
    if (size_t at = body.find(rule); at != std::string::npos) body.erase(at, rule.size());
    if (k > 0)
      body = std::regex_replace(body, made_up, " id=\"p" + std::to_string(k + 1) + "-$1\"");
    out += tag + body;
  }
  out += "</svg>\n";
  return out;
}

}  // namespace govmap
