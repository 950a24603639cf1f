// What an area's picture holds: after 2022 the same kinds of bodies as before
// (the ICB's partner trusts, its councils and their boards, its ICP, its
// region), and a cap on what is sent to Graphviz.
#include <doctest/doctest.h>

#include <memory>

#include <algorithm>
#include <set>
#include <string>

#include "cli/diagram_input.h"
#include "core/error.h"
#include "core/store.h"
#include "render/graphviz.h"
#include "render/print.h"
#include "render/style.h"
#include "test_util.h"

using namespace govmap;

namespace {

std::set<std::string> bodies(const std::string& area, const char* date) {
  DiagramRequest request{area, "", "", "", Weights()};
  DiagramInput in = load_diagram_input(test::shipped_maps_store(), request, *Date::parse(date));
  std::set<std::string> ids;
  for (auto v : boost::make_iterator_range(boost::vertices(in.snapshot.graph)))
    ids.insert(in.snapshot[v].id);
  return ids;
}

std::set<OrgKind> kinds(const std::string& area, const char* date) {
  DiagramRequest request{area, "", "", "", Weights()};
  DiagramInput in = load_diagram_input(test::shipped_maps_store(), request, *Date::parse(date));
  std::set<OrgKind> out;
  for (auto v : boost::make_iterator_range(boost::vertices(in.snapshot.graph)))
    out.insert(in.snapshot[v].period.kind);
  return out;
}

}  // namespace

TEST_CASE("the SYB picture of 2022-07-01 shows the ICB's trusts, councils, boards, ICP, region") {
  std::set<std::string> after = bodies("QF7", "2022-07-01");
  for (const char* id : {"RHQ",           "RFF",
                         "RFR",           "RP5",
                         "RCU",           "RXE",
                         "RX8",  // trusts
                         "la-barnsley",   "la-doncaster",
                         "la-rotherham",  "la-sheffield",  // councils
                         "hwb-barnsley",  "hwb-doncaster",
                         "hwb-rotherham", "hwb-sheffield",
                         "osc-sheffield", "jhosc-syb",
                         "icp-sy",        "Y63",
                         "X24",           "electorate-sheffield"}) {
    CAPTURE(id);
    CHECK(after.count(id) == 1);
  }
  // Bodies that left the footprint in 2022 are not drawn as if they were in it.
  CHECK(after.count("RFS") == 0);  // Chesterfield: Derby and Derbyshire ICB
  CHECK(after.count("hwb-notts") == 0);
  CHECK(after.size() >= 40);
  // The same families of bodies as in 2018, less the CCGs and shadow boards.
  std::set<OrgKind> k = kinds("QF7", "2022-07-01");
  for (OrgKind kind : {OrgKind::kIcb, OrgKind::kIcp, OrgKind::kFoundationTrust, OrgKind::kNhsTrust,
                       OrgKind::kLocalAuthority, OrgKind::kHwb, OrgKind::kOsc, OrgKind::kNhseRegion,
                       OrgKind::kElectorate})
    CHECK(k.count(kind) == 1);
}

TEST_CASE("the Frimley picture of 2022-07-01 shows its partner trusts and councils") {
  std::set<std::string> after = bodies("QNQ", "2022-07-01");
  for (const char* id : {"RDU", "RWX", "icp-frimley", "la-surrey", "hwb-surrey", "hwb-slough"}) {
    CAPTURE(id);
    CHECK(after.count(id) == 1);
  }
}

// A map of n bodies b0..b(n-1), each accountable to the one before, imported
// into DIR/chain.db.
static std::unique_ptr<Store> chain_store(const test::TempDir& dir, int n) {
  std::string orgs = "id,name,kind,tier,valid_from,valid_to,identifiers,source\n";
  std::string rels = "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n";
  orgs.reserve(static_cast<size_t>(n) * 48);
  rels.reserve(static_cast<size_t>(n) * 56);
  for (int i = 0; i < n; ++i) {
    std::string id = "b" + std::to_string(i);
    orgs += id + ",Body " + std::to_string(i) + ",other,,2000-01-01,,,s1\n";
    if (i > 0)
      rels += id + ",b" + std::to_string(i - 1) + ",accountable_to,statutory,2000-01-01,,,s1,\n";
  }
  std::string map = test::write_map(dir, "chain", test::kSources, orgs, rels);
  auto store = std::make_unique<Store>(dir.file("chain.db"), Database::Mode::kReadWrite);
  test::import(*store, {map});
  return store;
}

TEST_CASE("a picture too large for Graphviz is refused, naming the options that narrow it") {
  test::TempDir dir;
  std::unique_ptr<Store> chain = chain_store(dir, 4100);
  Store& store = *chain;
  DiagramRequest request{"", "", "", "", Weights()};
  try {
    (void)diagram_dot(store, request, *Date::parse("2020-01-01"), std::nullopt, false);
    FAIL("no error");
  } catch (const Error& e) {
    std::string what = e.format();
    CHECK(what.find("4100 bodies") != std::string::npos);
    CHECK(what.find("--area") != std::string::npos);
  }
  // An area of it is drawn.
  request.area = "b5";
  CHECK_NOTHROW(diagram_dot(store, request, *Date::parse("2020-01-01"), std::nullopt, false));
}

// The case of issue 13: a chain of 100,000 bodies, each accountable to the
// next, once sent whole to Graphviz, died in dot_mincross ("out of memory",
// SIGSEGV). It is refused before any layout, with the same error.
TEST_CASE("at scale: a chain of 100,000 bodies is refused before Graphviz sees it") {
  test::TempDir dir;
  std::unique_ptr<Store> chain = chain_store(dir, 100000);
  Store& store = *chain;
  DiagramRequest request{"", "", "", "", Weights()};
  try {
    (void)diagram_dot(store, request, *Date::parse("2020-01-01"), std::nullopt, false);
    FAIL("no error");
  } catch (const Error& e) {
    std::string what = e.format();
    CHECK(e.kind() == Error::Kind::kUsage);
    CHECK(what.find("100000 bodies") != std::string::npos);
    CHECK(what.find("more than govmap draws (4000)") != std::string::npos);
    CHECK(what.find("--area") != std::string::npos);
    CHECK(what.find("--layer") != std::string::npos);
  }
}

namespace {

// The smallest text of an SVG when the picture is printed to fit a page of
// page_w x page_h points (scaled down only, never up), in points.
double printed_min_font(const std::string& svg, double page_w, double page_h) {
  double w = std::stod(svg.substr(svg.find("<svg width=\"") + 12));
  double h = std::stod(svg.substr(svg.find("height=\"", svg.find("<svg width=")) + 8));
  double smallest = 1e9;
  for (size_t at = svg.find("font-size=\""); at != std::string::npos;
       at = svg.find("font-size=\"", at + 1))
    smallest = std::min(smallest, std::stod(svg.substr(at + 11)));
  return smallest * std::min({page_w / w, page_h / h, 1.0});
}

}  // namespace

TEST_CASE(
    "the one-council view: the council, its committees, whom they scrutinise, its partnerships") {
  DiagramRequest request{"", "", "", "la-sheffield", Weights()};
  DiagramInput in = load_diagram_input(test::shipped_maps_store(), request, *Date::parse("2022-07-01"));
  std::set<std::string> ids;
  for (auto v : boost::make_iterator_range(boost::vertices(in.snapshot.graph)))
    ids.insert(in.snapshot[v].id);
  CHECK(ids == std::set<std::string>{"QF7", "RCU", "RHQ", "electorate-sheffield", "hwb-sheffield",
                                     "icp-sy", "jhosc-syb", "la-sheffield", "osc-sheffield"});
  // 2018: the CCG its committee scrutinised, and the shadow ICS it was a member of.
  in = load_diagram_input(test::shipped_maps_store(), request, *Date::parse("2018-08-08"));
  CHECK(in.snapshot.find("03N"));
  CHECK(in.snapshot.find("QF7"));
  CHECK_FALSE(in.snapshot.find("la-barnsley"));
  // It prints on one A4 landscape page with every label at 6 pt or more.
  std::string dot =
      diagram_dot(test::shipped_maps_store(), request, *Date::parse("2022-07-01"), std::nullopt, false);
  std::string svg = render_diagram(dot, DiagramFormat::kSvg).bytes;
  CHECK(printed_min_font(svg, 842, 595) >= 6.0);
  CHECK(dot.find("What Sheffield City Council scrutinises and sits on") != std::string::npos);
  // Only councils have a council view.
  request.council = "QF7";
  CHECK_THROWS_AS(load_diagram_input(test::shipped_maps_store(), request, *Date::parse("2022-07-01")), Error);
  request.area = "QF7";
  request.council = "la-sheffield";
  CHECK_THROWS_AS(load_diagram_input(test::shipped_maps_store(), request, *Date::parse("2022-07-01")), Error);
}

TEST_CASE("print layout: SYB's pictures print at 6 pt on A3 landscape by layout") {
  const Store& store = test::shipped_maps_store();
  DiagramRequest request{"QF7", "", "", "", Weights()};
  const Date from = *Date::parse("2018-08-08"), to = *Date::parse("2022-07-01");
  const PrintRequest a3{"a3", "landscape"};
  // What changed: up to four row widths tried, the one that prints largest
  // kept, the same one on every run; no two candidates are the same text
  // (a width that rounds to the same rows is not laid out twice).
  std::vector<std::string> dots = diagram_dots(store, request, from, to, true, true);
  REQUIRE(dots.size() >= 2);
  REQUIRE(dots.size() <= 4);
  CHECK(std::set<std::string>(dots.begin(), dots.end()).size() == dots.size());
  size_t chosen = 99, again = 99;
  PrintedDiagram diff = render_best_for_print(dots, DiagramFormat::kSvg, "dot", a3, &chosen);
  CHECK(diff.fit.smallest_text_pt >= 6.0);
  PrintedDiagram diff2 = render_best_for_print(dots, DiagramFormat::kSvg, "dot", a3, &again);
  CHECK(chosen == again);
  CHECK(diff.drawn.bytes == diff2.drawn.bytes);
  // The .dot written is the text of the layout kept.
  CHECK(render_best_for_print(dots, DiagramFormat::kDot, "dot", a3).drawn.bytes == dots[chosen]);
  // Without the search, one candidate.
  CHECK(diagram_dots(store, request, from, to, true, false).size() == 1);
  // Sheffield's council view (9 bodies): every width gives rows of four, so
  // one text, one layout, and the default width's.
  DiagramRequest council{"", "", "", "la-sheffield", Weights()};
  std::vector<std::string> one = diagram_dots(store, council, to, std::nullopt, false, true);
  CHECK(one.size() == 1);
  CHECK(one == diagram_dots(store, council, to, std::nullopt, false, false));
  // 2018 alone.
  CHECK(render_best_for_print(diagram_dots(store, request, from, std::nullopt, false, true),
                              DiagramFormat::kSvg, "dot", a3)
            .fit.smallest_text_pt >= 6.0);
  // The two dates: side by side they print under 6 pt on A3, so two pages,
  // one per date, each at 6 pt or more, the earlier first.
  TwoDateDots two = two_date_dots(store, request, from, to, true);
  PrintedDiagram one_page =
      render_best_for_print(two.side_by_side, DiagramFormat::kSvg, "dot", a3);
  CHECK(one_page.fit.smallest_text_pt < 6.0);
  PrintedDiagram pages =
      render_two_dates_for_print(two.side_by_side, two.before, two.after, DiagramFormat::kSvg,
                                 "dot", a3);
  CHECK(pages.pages == 2);
  CHECK(pages.fit.smallest_text_pt >= 6.0);
  CHECK(pages.warning.empty());
  const std::string& svg = pages.drawn.bytes;
  CHECK(svg.find("width=\"420.0mm\" height=\"594.0mm\"") != std::string::npos);
  // Graphviz writes "-" in text as &#45;.
  size_t first = svg.find("as at 2018&#45;08&#45;08"), second = svg.find("as at 2022&#45;07&#45;01");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < second);
  CHECK(svg.find("id=\"b&#45;1_3A&#45;QF7\"") != std::string::npos);
  CHECK(svg.find("id=\"b&#45;2_3A&#45;QF7\"") != std::string::npos);
  // A PDF of the two dates stays one page, side by side.
  CHECK(render_two_dates_for_print(two.side_by_side, two.before, two.after, DiagramFormat::kPdf,
                                   "dot", a3)
            .pages == 1);
}
