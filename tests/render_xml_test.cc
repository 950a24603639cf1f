// Every SVG, HTML, GraphML and GEXF output is well-formed XML whatever the data:
// characters XML forbids, raw '&' in links, names longer than Graphviz reads.
#include <doctest/doctest.h>

#include <string>

#include "core/store.h"
#include "render/dot_writer.h"
#include "render/escape.h"
#include "render/export.h"
#include "render/graphviz.h"
#include "render/html_report.h"
#include "render_test_support.h"
#include "xml_check.h"

using namespace govmap;
using namespace govmap::test;

TEST_CASE("xml_error accepts well-formed documents and names what is wrong in others") {
  struct Case {
    const char* text;
    bool ok;
  };
  const Case cases[] = {
      {"<a/>", true},
      {"<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n<!-- c -->\n<a b='1'>t</a>",
       true},
      {"<!DOCTYPE html>\n<html><script>//<![CDATA[\nif (a && b < c) {}\n//]]>\n</script></html>",
       true},
      {"<a href=\"?x=1&amp;y=2\">&#8211;&#x41;&lt;</a>", true},
      {"<a href=\"?x=1&y=2\"/>", false},        // raw & in an attribute
      {"<a>&ndash;</a>", false},                // HTML entity, not XML
      {"<a>\xEF\xBF\xBE</a>", false},           // U+FFFE
      {"<a>\xEF\xBF\xBF</a>", false},           // U+FFFF
      {"<a>\x01</a>", false},                   // C0 control
      {"<a>\xC3</a>", false},                   // bad UTF-8
      {"<a><b></a></b>", false},                // crossed tags
      {"<a>", false},                           // never closed
      {"<a/><b/>", false},                      // two roots
      {"<a b=1/>", false},                      // unquoted
      {"<a b=\"1\" b=\"2\"/>", false},          // repeated attribute
      {"<a b=\"<\"/>", false},                  // '<' in a value
      {"<a><!-- x -- y --></a>", false},        // "--" in a comment
      {"<a>]]></a>", false},                    // "]]>" in text
      {"<meta charset=\"utf-8\"><a/>", false},  // HTML void element left open
      {"<a>&#1;</a>", false},                   // reference to a forbidden character
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(xml_error(c.text).empty() == c.ok);
  }
  CHECK(xml_error("<a>\n<b>&x;</b></a>") == "2:4: unknown entity &x;");
}

namespace {

// Text holding everything XML forbids or Graphviz mishandles.
std::string nasty() {
  return "A&B \xEF\xBF\xBE\xEF\xBF\xBF \x01\x02\x1B\x7F tab\there <x> \"q\" 'a' ]]> -- \\N";
}

struct Nasty {
  std::vector<Organisation> orgs;
  std::vector<Relationship> rels;
  DiagramOptions options;
};

Nasty nasty_map() {
  Nasty m;
  std::string huge(16 * 1024 + 7, 'n');
  std::string huge_id(17 * 1024, 'i');
  m.orgs.push_back(
      make_org("voters", nasty(), OrgKind::kElectorate, "2000-01-01", nullptr, {"s1"}));
  m.orgs.push_back(
      make_org("council", huge, OrgKind::kLocalAuthority, "2000-01-01", nullptr, {"s1", "s2"}));
  m.orgs.push_back(
      make_org(huge_id, nasty() + huge, OrgKind::kCcg, "2010-01-01", "2020-12-31", {"s2"}));
  m.orgs.push_back(
      make_org("icb\xEF\xBF\xBE", nasty(), OrgKind::kIcb, "2020-06-01", nullptr, {"s1"}));
  Relationship elected = make_rel("council", "voters", RelKind::kElectedBy, "2000-01-01");
  elected.cite().legal_basis = nasty();
  elected.cite().note = huge;
  elected.cite().sources = {"s1", "s2"};
  Relationship scrutiny =
      make_rel(huge_id, "council", RelKind::kScrutinisedBy, "2010-01-01", "2020-12-31");
  scrutiny.cite().note = nasty();
  scrutiny.cite().sources = {"s2"};
  Relationship icb = make_rel("icb\xEF\xBF\xBE", "council", RelKind::kScrutinisedBy, "2020-06-01");
  icb.cite().sources = {"s2"};
  m.rels = {elected, scrutiny, icb};
  m.options.area_name = nasty() + huge;
  // A legislation.gov.uk address with '&', as the shipped maps cite.
  m.options.sources["s1"] = Source{
      "s1",
      nasty(),
      nasty(),
      "https://www.legislation.gov.uk/ukpga/2022/31/section/19/data.xht?view=snippet&wrap=true",
      "",
      "test"};
  m.options.sources["s2"] =
      Source{"s2", huge, huge, "https://example.org/a?b=1&c=2&amp;d", "", "t"};
  return m;
}

}  // namespace

TEST_CASE("diagrams of hostile data are well-formed SVG and Graphviz reads their DOT back") {
  Nasty m = nasty_map();
  Snapshot a = snapshot_at(m.orgs, m.rels, "2015-01-01");
  Snapshot b = snapshot_at(m.orgs, m.rels, "2021-01-01");
  Distances da = {{"voters", 0}, {"council", 1000}};
  const std::string dots[] = {snapshot_dot(a, da, m.options),
                              side_by_side_dot(a, da, b, {}, m.options),
                              diff_dot(a, da, b, {}, m.options)};
  for (const std::string& dot : dots) {
    std::string svg;
    REQUIRE_NOTHROW(svg = render_diagram(dot, DiagramFormat::kSvg).bytes);
    CHECK(xml_error(svg) == "");
    // The link keeps its query: "&" reaches the SVG as "&amp;", once.
    CHECK(svg.find("data.xht?view=snippet&amp;wrap=true") != std::string::npos);
    CHECK(svg.find("b=1&amp;c=2&amp;amp;d") != std::string::npos);
    CHECK(svg.find("\xEF\xBF\xBE") == std::string::npos);
  }
  // PDF links carry the address itself, not its XML form.
  std::string pdf = render_diagram(dots[0], DiagramFormat::kPdf).bytes;
  CHECK(pdf.find("view=snippet&wrap=true") != std::string::npos);
  CHECK(pdf.find("view=snippet&amp;wrap=true") == std::string::npos);
}

TEST_CASE("the report page of hostile data is well-formed XML") {
  Nasty m = nasty_map();
  Snapshot a = snapshot_at(m.orgs, m.rels, "2015-01-01");
  Snapshot b = snapshot_at(m.orgs, m.rels, "2021-01-01");
  ReportInput in;
  in.options = m.options;
  DiagramOptions side = m.options;
  side.id_side = "1";
  in.before = {&a, {}, render_diagram(snapshot_dot(a, {}, side), DiagramFormat::kSvg).bytes, "1"};
  side.id_side = "2";
  in.after = {&b, {}, render_diagram(snapshot_dot(b, {}, side), DiagramFormat::kSvg).bytes, "2"};
  in.diff_svg = render_diagram(diff_dot(a, {}, b, {}, m.options), DiagramFormat::kSvg).bytes;
  CHECK(xml_error(html_report(in)) == "");
}

TEST_CASE("GraphML and GEXF of hostile data are well-formed XML") {
  Nasty m = nasty_map();
  ExportGraph g;
  g.organisations = m.orgs;
  g.relationships = m.rels;
  for (const auto& [id, s] : m.options.sources) g.sources.push_back(s);
  CHECK(xml_error(export_graphml(g)) == "");
  CHECK(xml_error(export_gexf(g)) == "");
  g.at = day("2015-01-01");
  CHECK(xml_error(export_graphml(g)) == "");
  CHECK(xml_error(export_gexf(g)) == "");
}

TEST_CASE("clean_text replaces U+FFFE and U+FFFF; clip_text cuts whole characters") {
  CHECK(clean_text("a\xEF\xBF\xBE"
                   "b\xEF\xBF\xBF") ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(clean_text("\xEF\xBF\xBC") == "\xEF\xBF\xBC");  // U+FFFC stays
  CHECK(clip_text("abcdef", 3) == "abc\xE2\x80\xA6");
  CHECK(clip_text("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  CHECK(clip_text("abc", 3) == "abc");
  CHECK(dot_string(std::string(20000, 'x')).size() < 12100);
  CHECK(dot_url("https://a.example/?x=1&y=2") == "\"https://a.example/?x=1&amp;y=2\"");
  CHECK(safe_url("https://a.example/" + std::string(3000, 'p')).empty());
  // Long identifiers stay distinct but short.
  std::string l1(5000, 'a'), l2 = l1 + "b";
  CHECK(safe_id("b-", l1) != safe_id("b-", l2));
  CHECK(safe_id("b-", l1).size() < 200);
  CHECK(dot_id(l1) != dot_id(l2));
  CHECK(dot_id(l1).size() < 300);
}
