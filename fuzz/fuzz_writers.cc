// Fuzzes the path from a map to DOT, SVG, GraphML, GEXF, JSON and HTML: the
// input is split into a map's three CSV files, imported, and drawn at several
// dates. Oracles:
//  - Graphviz's parser accepts every DOT text (no data breaks out of a string);
//  - the SVG Graphviz draws from it, and the GraphML and GEXF exports, are
//    well-formed XML (expat), as is the report page, so a browser or NetworkX opens them;
//  - the node-link JSON parses;
//  - the report page holds no <script> beyond its own one.
#include <expat.h>
#include <graphviz/cgraph.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/diagram_input.h"
#include "core/error.h"
#include "core/store.h"
#include "fuzz/fuzz_util.h"
#include "importers/import.h"
#include "render/dot_writer.h"
#include "render/export.h"
#include "render/graphviz.h"
#include "render/html_report.h"
#include "tests/xml_check.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

void check_xml(const std::string& text) {
  require(govmap::test::xml_error(text).empty());
}

void check_dot(const std::string& dot) {
  std::vector<char> text(dot.begin(), dot.end());
  text.push_back('\0');
  Agraph_t* g = agmemread(text.data());
  require(g != nullptr);
  agclose(g);
}

// Aborts with expat's reason when xml is not well-formed, so the crash report
// says what broke.
void check_xml(const std::string& xml, const char* what) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!ok) {
    std::fprintf(stderr, "%s is not well-formed XML: %s at line %lu column %lu\n", what,
                 XML_ErrorString(XML_GetErrorCode(p)),
                 static_cast<unsigned long>(XML_GetCurrentLineNumber(p)),
                 static_cast<unsigned long>(XML_GetCurrentColumnNumber(p)));
  }
  XML_ParserFree(p);
  require(ok);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string dir = govmap::fuzz::write_map_from(data, size, "writers");
  try {
    govmap::Store store(":memory:", govmap::Database::Mode::kReadWrite);
    govmap::import_paths(store, {dir}, {});
    govmap::DiagramRequest request{"", "", "", ""};
    govmap::Date d1 = *govmap::Date::parse("2018-08-08");
    govmap::Date d2 = *govmap::Date::parse("2022-07-01");
    std::string dot = govmap::diagram_dot(store, request, d1, std::nullopt, false);
    check_dot(dot);
    check_dot(govmap::diagram_dot(store, request, d1, d2, false));
    std::string diff = govmap::diagram_dot(store, request, d1, d2, true);
    check_dot(diff);
    check_xml(govmap::render_diagram(dot, govmap::DiagramFormat::kSvg).bytes, "SVG (one date)");
    check_xml(govmap::render_diagram(diff, govmap::DiagramFormat::kSvg).bytes, "SVG (diff)");
    govmap::ExportGraph g = govmap::export_graph(store, d1);
    check_xml(govmap::export_graphml(g), "GraphML");
    check_xml(govmap::export_gexf(g), "GEXF");
    require(
        !nlohmann::json::parse(govmap::export_node_link_json(g), nullptr, false).is_discarded());
    govmap::DiagramInput a = govmap::load_diagram_input(store, request, d1);
    govmap::DiagramInput b = govmap::load_diagram_input(store, request, d2);
    govmap::ReportInput in;
    in.options = govmap::diagram_options(store, request, d2);
    in.before = {&a.snapshot, a.distances, "<svg></svg>", "1"};
    in.after = {&b.snapshot, b.distances, "<svg></svg>", "2"};
    std::string page = govmap::html_report(in);
    check_xml(page);
    check_xml(govmap::export_graphml(govmap::export_graph(store, std::nullopt)));
    check_xml(govmap::export_gexf(govmap::export_graph(store, std::nullopt)));
    // Laying out is slow: only small maps are drawn to SVG.
    if (a.snapshot.vertex_count() <= 12) {
      std::string dot = govmap::diagram_dot(store, request, d1, d2, true);
      check_xml(govmap::render_diagram(dot, govmap::DiagramFormat::kSvg).bytes);
    }
    require(count(page, "<script") ==
            count(govmap::html_report(govmap::ReportInput{{&a.snapshot, {}, "<svg></svg>", "1"},
                                                          {&a.snapshot, {}, "<svg></svg>", "2"},
                                                          "",
                                                          {}}),
                  "<script"));
  } catch (const govmap::Error& e) {
    (void)e.format();
  }
  return 0;
}
