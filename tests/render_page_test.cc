// Print pages (render/page.h): paper sizes, how large a drawing prints, which
// page is chosen, and the SVG sized to the page.
#include <doctest/doctest.h>

#include "core/error.h"
#include "render/page.h"

namespace govmap {
namespace {

const std::string kSvg =
    "<?xml version=\"1.0\"?>\n<svg width=\"1000pt\" height=\"500pt\"\n"
    " viewBox=\"0.00 0.00 1000.00 500.00\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    "<g><text font-size=\"11.00\">a</text><text font-size=\"10.00\">b</text>"
    "<text font-size=\"14.00\">c</text></g></svg>\n";

TEST_CASE("page: ISO sizes in points, either way round") {
  auto a3 = page_of("A3", true);
  REQUIRE(a3);
  CHECK(a3->width_pt == doctest::Approx(1190.55).epsilon(1e-4));
  CHECK(a3->height_pt == doctest::Approx(841.89).epsilon(1e-4));
  CHECK(a3->name() == "A3 landscape");
  auto a4 = page_of("a4", false);
  REQUIRE(a4);
  CHECK(a4->width_pt == doctest::Approx(595.28).epsilon(1e-4));
  CHECK(a4->height_pt == doctest::Approx(841.89).epsilon(1e-4));
  CHECK(page_of("a1", true)->width_pt == doctest::Approx(2383.94).epsilon(1e-4));
  CHECK_FALSE(page_of("a0", true));
  CHECK_FALSE(page_of("letter", true));
}

TEST_CASE("page: a drawing measured from its SVG") {
  Drawing d = measure_svg(kSvg);
  CHECK(d.width == 1000);
  CHECK(d.height == 500);
  CHECK(d.smallest_font_pt == 10);
  CHECK_THROWS_AS(measure_svg("<svg width=\"1pt\"></svg>"), Error);
}

TEST_CASE("page: the scale is the tighter of width and height, inside the margins") {
  Drawing d{0, 0, 1000, 500, 10};
  // A3 landscape: (1190.55 - 2 * 14.17) / 1000 = 1.162 across; (841.89 - 28.35) / 500
  // = 1.627 down: the width decides.
  PrintFit fit = fit_on_page(d, *page_of("a3", true));
  CHECK(fit.scale == doctest::Approx((1190.55 - 2 * kPageMarginPt) / 1000).epsilon(1e-4));
  CHECK(fit.smallest_text_pt == doctest::Approx(10 * fit.scale));
  CHECK(fit.readable());
  // Portrait: the width is the short side.
  PrintFit tall = fit_on_page(d, *page_of("a3", false));
  CHECK(tall.scale == doctest::Approx((841.89 - 2 * kPageMarginPt) / 1000).epsilon(1e-4));
  // A drawing 8 times as wide: text at 10 pt prints at 1.45 pt.
  PrintFit wide = fit_on_page(Drawing{0, 0, 8000, 500, 10}, *page_of("a3", true));
  CHECK(wide.smallest_text_pt == doctest::Approx(1.45).epsilon(0.01));
  CHECK_FALSE(wide.readable());
}

TEST_CASE("page: the default is the smaller of A4 and A3 landscape that prints 6 pt") {
  struct Case {
    double width, height, font;
    const char* page;
    bool readable;
  };
  const Case cases[] = {
      {1000, 500, 8, "A4 landscape", true},   // A4: 813/1000 * 8 = 6.5 pt
      {1200, 500, 8, "A3 landscape", true},   // A4: 5.4 pt; A3: 7.7 pt
      {1600, 700, 8, "A3 landscape", false},  // A3: 5.8 pt: too small, A3 all the same
      {300, 1000, 10, "A3 landscape", true},  // tall: A4 gives 5.7 pt, A3 8.1 pt
  };
  for (const Case& c : cases) {
    CAPTURE(c.width);
    PrintFit fit = choose_page(Drawing{0, 0, c.width, c.height, c.font}, "", "");
    CHECK(fit.page.name() == c.page);
    CHECK(fit.readable() == c.readable);
  }
  CHECK(choose_page(Drawing{0, 0, 1000, 500, 8}, "", "portrait").page.name() == "A3 portrait");
  CHECK(choose_page(Drawing{0, 0, 1000, 500, 8}, "a1", "").page.name() == "A1 landscape");
  CHECK_THROWS_AS(choose_page(Drawing{0, 0, 1, 1, 0}, "a5", ""), Error);
  CHECK_THROWS_AS(choose_page(Drawing{0, 0, 1, 1, 0}, "", "sideways"), Error);
}

TEST_CASE("page: the warning names the page that would do, or --area and --layer") {
  Drawing d{0, 0, 1600, 700, 8};
  PrintFit a3 = choose_page(d, "", "");
  std::string m = unreadable_message(d, a3);
  CHECK(m.find("5.8 pt on A3 landscape") != std::string::npos);
  CHECK(m.find("--page a2") != std::string::npos);
  CHECK(m.find("--area") != std::string::npos);
  CHECK(m.find("--layer") != std::string::npos);
  Drawing huge{0, 0, 40000, 700, 8};
  std::string h = unreadable_message(huge, choose_page(huge, "", ""));
  CHECK(h.find("--page") == std::string::npos);
  CHECK(h.find("larger than A1") != std::string::npos);
}

TEST_CASE("page: the SVG takes the page's size and keeps the drawing centred") {
  Drawing d = measure_svg(kSvg);
  PrintFit fit = choose_page(d, "a3", "landscape");
  std::string svg = svg_on_page(kSvg, d, fit);
  CHECK(svg.find("width=\"420.0mm\" height=\"297.0mm\"") != std::string::npos);
  // The viewBox is the page in drawing units: 1190.55 / scale wide, centred.
  double w = fit.page.width_pt / fit.scale, h = fit.page.height_pt / fit.scale;
  char expect[128];
  std::snprintf(expect, sizeof expect, "viewBox=\"%.2f %.2f %.2f %.2f\"", -(w - 1000) / 2,
                -(h - 500) / 2, w, h);
  CHECK(svg.find(expect) != std::string::npos);
  CHECK(svg.find("<text font-size=\"11.00\">a</text>") != std::string::npos);
  Drawing again = measure_svg(svg);
  CHECK(again.smallest_font_pt == 10);
  // A browser printing the SVG itself prints it on A3 landscape.
  CHECK(svg.find("<style>@page { size: 420mm 297mm; margin: 0 }</style>") != std::string::npos);
}

TEST_CASE("page: two pages stacked, each a nested SVG at its page's place") {
  const std::string page_svg =
      "<?xml version=\"1.0\"?>\n<svg width=\"1000pt\" height=\"500pt\"\n"
      " viewBox=\"0.00 0.00 1000.00 500.00\" xmlns=\"http://www.w3.org/2000/svg\">\n"
      "<g id=\"graph0\"><g id=\"node3\"><text font-size=\"10.00\">a</text></g>"
      "<g id=\"b-1_3A-QF7\"/></g></svg>\n";
  Drawing d = measure_svg(page_svg);
  PrintFit fit = choose_page(d, "a3", "landscape");
  std::string one = svg_on_page(page_svg, d, fit);
  std::string two = svg_pages({one, one}, fit.page);
  // The root: A3's width, twice its height, one print rule.
  CHECK(two.rfind("<?xml version=\"1.0\"?>\n<svg width=\"420.0mm\" height=\"594.0mm\" "
                  "viewBox=\"0 0 1190.55 1683.78\"",
                  0) == 0);
  size_t rule = two.find("@page { size: 420mm 297mm");
  REQUIRE(rule != std::string::npos);
  CHECK(two.find("@page", rule + 1) == std::string::npos);
  // Each page: the page's size in points at its own place, its viewBox kept.
  CHECK(two.find("<svg x=\"0\" y=\"0.00\" width=\"1190.55\" height=\"841.89\"") !=
        std::string::npos);
  CHECK(two.find("<svg x=\"0\" y=\"841.89\" width=\"1190.55\" height=\"841.89\"") !=
        std::string::npos);
  // Graphviz's own ids are made unique; the caller's are left alone.
  CHECK(two.find("id=\"graph0\"") != std::string::npos);
  CHECK(two.find("id=\"p2-graph0\"") != std::string::npos);
  CHECK(two.find("id=\"p2-node3\"") != std::string::npos);
  CHECK(two.find("id=\"p2-b-1_3A-QF7\"") == std::string::npos);
  CHECK(two.substr(two.size() - 7) == "</svg>\n");
  // Three <svg start tags: the root and two pages; as many ends.
  size_t starts = 0, ends = 0;
  for (size_t at = two.find("<svg"); at != std::string::npos; at = two.find("<svg", at + 1)) ++starts;
  for (size_t at = two.find("</svg>"); at != std::string::npos; at = two.find("</svg>", at + 1)) ++ends;
  CHECK(starts == 3);
  CHECK(ends == 3);
  CHECK_THROWS_AS(svg_pages({}, fit.page), Error);
}

}  // namespace
}  // namespace govmap
