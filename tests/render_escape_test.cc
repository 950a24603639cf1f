// Escaping: every place data reaches DOT, SVG (and, through them, HTML).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/store.h"
#include "importers/import.h"
#include "render/dot_writer.h"
#include "render/escape.h"
#include "render/graphviz.h"
#include "render/html_report.h"
#include "render_test_support.h"

using namespace govmap;
using namespace govmap::test;

namespace {

const std::string kHostile = "<script>alert(1)</script> \"];x[";
const std::string kHostileUrl = "https://example.org/\"><script>alert(1)</script>";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A map with the hostile text in every field that reaches a diagram: names,
// identifiers, notes, legal bases, source titles, publishers and URLs.
struct Fixture {
  std::vector<Organisation> orgs;
  std::vector<Relationship> rels;
  DiagramOptions options;
};

Fixture fixture(const std::string& text, const std::string& url) {
  Fixture f;
  f.orgs.push_back(make_org("voters", text, OrgKind::kElectorate, "2000-01-01", nullptr, {"s1"}));
  f.orgs.push_back(
      make_org("council", text, OrgKind::kLocalAuthority, "2000-01-01", nullptr, {"s1"}));
  Organisation ccg =
      make_org("ccg-" + text, text, OrgKind::kCcg, "2010-01-01", "2020-12-31", {"s1", "s2"});
  ccg.identifiers.push_back({"slug", text});
  f.orgs.push_back(ccg);
  f.orgs.push_back(make_org("icb", text, OrgKind::kIcb, "2020-06-01", nullptr, {"s2"}));
  Relationship elected = make_rel("council", "voters", RelKind::kElectedBy, "2000-01-01");
  elected.cite().legal_basis = text;
  elected.cite().note = text;
  elected.cite().sources = {"s1"};
  Relationship scrutiny = make_rel("ccg-" + text, "council", RelKind::kScrutinisedBy, "2010-01-01",
                                   "2020-12-31", Layer::kShadow);
  scrutiny.cite().legal_basis = text;
  scrutiny.cite().note = text;
  scrutiny.cite().sources = {"s2", "s1"};
  Relationship icb = make_rel("icb", "council", RelKind::kScrutinisedBy, "2020-06-01");
  icb.cite().legal_basis = text;
  icb.cite().sources = {"s1"};
  f.rels = {elected, scrutiny, icb};
  f.options.area_name = text;
  f.options.sources["s1"] = Source{"s1", text, text, url, "", "test"};
  f.options.sources["s2"] = Source{"s2", text, text, "javascript:alert(1)", "", "test"};
  return f;
}

// How often `what` follows a quote that is not escaped by a backslash.
size_t unescaped_quotes_before(const std::string& text, const std::string& what) {
  size_t n = 0;
  std::string needle = "\"" + what;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    if (at == 0 || text[at - 1] != '\\') ++n;
  return n;
}

struct Drawn {
  std::string dot, svg;
};

std::vector<Drawn> draw_all(const Fixture& f) {
  Snapshot a = snapshot_at(f.orgs, f.rels, "2015-01-01");
  Snapshot b = snapshot_at(f.orgs, f.rels, "2021-01-01");
  Distances da = {
      {"voters", 0}, {"council", 1000}, {"ccg-" + kHostile, 2000}, {"ccg-Benign name", 2000}};
  Distances db = {{"voters", 0}, {"council", 1000}, {"icb", std::nullopt}};
  std::vector<std::string> dots = {snapshot_dot(a, da, f.options),
                                   side_by_side_dot(a, da, b, db, f.options),
                                   diff_dot(a, da, b, db, f.options)};
  std::vector<Drawn> out;
  for (const std::string& d : dots)
    out.push_back({d, render_diagram(d, DiagramFormat::kSvg).bytes});
  return out;
}

}  // namespace

TEST_CASE("dot_string escapes quotes, backslashes, entities and newlines") {
  CHECK(dot_string("plain") == "\"plain\"");
  CHECK(dot_string("a\"b") == "\"a\\\"b\"");
  CHECK(dot_string("a\\N") == "\"a\xE2\xA7\xB5N\"");
  CHECK(dot_string("a\nb") == "\"a\\nb\"");
  CHECK(dot_string("a&lt;b") == "\"a&amp;lt;b\"");
  CHECK(dot_string("tab\there") == "\"tab here\"");
  CHECK(dot_id("a\"b\\") == "\"a\\\"b\\\\\"");
  CHECK(dot_id("a\nb") == "\"a b\"");
}

TEST_CASE("html_text escapes markup characters") {
  CHECK(html_text(kHostile) == "&lt;script&gt;alert(1)&lt;/script&gt; &quot;];x[");
  CHECK(html_text("a&b'c") == "a&amp;b&#39;c");
  CHECK(html_text("a\nb", "<BR/>") == "a<BR/>b");
  CHECK(html_text("a\nb") == "a b");
}

TEST_CASE("clean_text makes valid UTF-8 and drops control characters") {
  CHECK(clean_text("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(clean_text("bad\xFFhere") == "bad\xEF\xBF\xBDhere");
  CHECK(clean_text("over\xC0\xAFlong") == "over\xEF\xBF\xBD\xEF\xBF\xBDlong");
  CHECK(clean_text(std::string("nul\0x", 5)) == "nul x");
  CHECK(clean_text("bell\x07") == "bell ");
  CHECK(clean_text("keep\nnewline") == "keep\nnewline");
}

TEST_CASE("safe_url keeps only plain http(s) URLs") {
  CHECK(safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2");
  CHECK(safe_url("http://example.org") == "http://example.org");
  CHECK(safe_url("javascript:alert(1)") == "");
  CHECK(safe_url("data:text/html,x") == "");
  CHECK(safe_url(" https://example.org") == "");
  CHECK(safe_url(kHostileUrl) == "");
  CHECK(safe_url("https://example.org/\\x") == "");
  CHECK(dot_url("javascript:alert(1)") == "");
}

TEST_CASE("safe_id is injective and plain") {
  CHECK(safe_id("b-", "03N") == "b-03N");
  CHECK(safe_id("b-", "a_b") == "b-a_5Fb");
  CHECK(safe_id("b-", "a b") == "b-a_20b");
  CHECK(safe_id("b-", "a_20b") != safe_id("b-", "a b"));
  std::string id = safe_id("b-", kHostile);
  CHECK(id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") ==
        std::string::npos);
}

TEST_CASE("wrap_words wraps at spaces and keeps long words whole") {
  CHECK(wrap_words("NHS Sheffield Clinical Commissioning Group", 20) ==
        "NHS Sheffield\nClinical\nCommissioning Group");
  CHECK(wrap_words("Supercalifragilistic word", 5) == "Supercalifragilistic\nword");
  CHECK(wrap_words("  spaced   out  ", 40) == "spaced out");
}

TEST_CASE("a hostile name, note, legal basis and source become text and nothing else") {
  std::vector<Drawn> hostile = draw_all(fixture(kHostile, kHostileUrl));
  std::vector<Drawn> benign = draw_all(fixture("Benign name", "https://example.org/ok"));
  REQUIRE(hostile.size() == 3);
  for (size_t i = 0; i < hostile.size(); ++i) {
    CAPTURE(i);
    const std::string& dot = hostile[i].dot;
    const std::string& svg = hostile[i].svg;
    // DOT: the hostile text appears only escaped; the quote never closes a string.
    CHECK(unescaped_quotes_before(dot, "];x[") == 0);
    CHECK(count(dot, "\\\"];x[") > 0);
    CHECK(dot.find("URL=\"javascript:") == std::string::npos);
    CHECK(dot.find("<script>alert(1)</script> \\\"];x[") != std::string::npos);     // in tooltips
    CHECK(dot.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);  // in labels
    // SVG: no markup from data, no script links, and the text is shown.
    CHECK(lower(svg).find("<script") == std::string::npos);
    CHECK(svg.find("href=\"javascript:") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(svg.find("example.org/\"") == std::string::npos);
    // The same structure as with benign text: the quote injected no node, edge
    // or attribute.
    CHECK(count(svg, "class=\"node") == count(benign[i].svg, "class=\"node"));
    CHECK(count(svg, "class=\"edge") == count(benign[i].svg, "class=\"edge"));
    CHECK(count(svg, "<title>x</title>") == 0);
    CHECK(count(svg, "xlink:href") < count(benign[i].svg, "xlink:href"));  // unsafe URL dropped
  }
}

TEST_CASE("a hostile curated map imports and renders as text") {
  std::string dir = temp_dir();
  {
    Store store(dir + "/h.db", Database::Mode::kReadWrite);
    import_paths(store, {std::string(GOVMAP_TEST_DATA) + "/render/hostile"}, {});
  }
  Store store(dir + "/h.db", Database::Mode::kReadOnly);
  SnapshotOptions o;
  o.at = day("2015-01-01");
  Snapshot snap = build_snapshot(store, o);
  REQUIRE(snap.vertex_count() == 3);
  DiagramOptions options;
  for (const Source& s : store.sources()) options.sources.emplace(s.id, s);
  std::string svg = render_diagram(snapshot_dot(snap, {}, options), DiagramFormat::kSvg).bytes;
  CHECK(lower(svg).find("<script") == std::string::npos);
  CHECK(lower(svg).find("<img") == std::string::npos);
  CHECK(lower(svg).find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;img&gt;\xE2\xA7\xB5N]x") != std::string::npos);  // the id, in a tooltip
  CHECK(count(svg, "--") == 2 * count(svg, "<!--"));                   // no comment breakout
  CHECK(count(svg, "<!--") == count(svg, "-->"));
  CHECK(svg.find("Council &amp; &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("the HTML report keeps hostile text as text everywhere") {
  Fixture f = fixture(kHostile, kHostileUrl);
  f.options.sources["s3"] =
      Source{"s3", kHostile, kHostile, "https://example.org/</script>", "", "t"};
  f.rels[0].cite().sources.push_back("s3");
  Snapshot a = snapshot_at(f.orgs, f.rels, "2015-01-01");
  Snapshot b = snapshot_at(f.orgs, f.rels, "2021-01-01");
  ReportInput in;
  in.options = f.options;
  DiagramOptions side = f.options;
  side.id_side = "1";
  Distances da = {{"council", 1000}, {"ccg-" + kHostile, std::nullopt}};
  in.before = {&a, da, render_diagram(snapshot_dot(a, da, side), DiagramFormat::kSvg).bytes, "1"};
  side.id_side = "2";
  in.after = {&b, {}, render_diagram(snapshot_dot(b, {}, side), DiagramFormat::kSvg).bytes, "2"};
  in.diff_svg = render_diagram(diff_dot(a, da, b, {}, f.options), DiagramFormat::kSvg).bytes;
  std::string html = html_report(in);
  // Only the page's own two scripts: the paths data (x2) and the code.
  CHECK(count(lower(html), "<script") == 3);
  CHECK(count(lower(html), "</script") == 3);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("href=\"javascript:") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &quot;];x[") != std::string::npos);
  CHECK(html.find("has no route to the voters") != std::string::npos);  // a gap
  CHECK(html.find("http://") == html.find("http://www.w3.org"));        // nothing fetched
  // Paths: the council's path reaches the voters.
  auto paths = accountability_paths(a, "1");
  auto council = paths.at(body_element_id("council", "1"));
  CHECK(std::find(council.begin(), council.end(), body_element_id("voters", "1")) != council.end());
}
