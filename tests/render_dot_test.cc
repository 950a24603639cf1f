// The DOT writer: diff classification, determinism and golden output.
#include <doctest/doctest.h>

#include <regex>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/store.h"
#include "importers/import.h"
#include "render/dot_writer.h"
#include "render/graphviz.h"
#include "render_test_support.h"

using namespace govmap;
using namespace govmap::test;

namespace {

const BodyChange* body(const SnapshotDiff& d, const std::string& id) {
  for (const BodyChange& b : d.bodies)
    if (b.id == id) return &b;
  return nullptr;
}

const RelationshipChange* rel(const SnapshotDiff& d, const std::string& from,
                              const std::string& to) {
  for (const RelationshipChange& r : d.relationships)
    if (r.rel().from == from && r.rel().to == to) return &r;
  return nullptr;
}

struct SmallMap {
  std::vector<Organisation> orgs;
  std::vector<Relationship> rels;
};

// An STP that becomes an ICB; a CCG replaced by it; a council and its voters.
SmallMap stp_to_icb() {
  SmallMap m;
  m.orgs.push_back(make_org("voters", "Voters of Town", OrgKind::kElectorate, "1974-04-01"));
  m.orgs.push_back(make_org("council", "Town Council", OrgKind::kLocalAuthority, "1974-04-01"));
  m.orgs.push_back(make_org("ccg", "NHS Town CCG", OrgKind::kCcg, "2013-04-01", "2022-06-30"));
  Organisation sys = make_org("QX1", "Town STP", OrgKind::kStp, "2016-03-01", "2022-06-30");
  OrgPeriod icb = sys.periods[0];
  icb.name = "NHS Town ICB";
  icb.kind = OrgKind::kIcb;
  icb.valid.from = day("2022-07-01");
  icb.valid.to.reset();
  sys.periods.push_back(icb);
  m.orgs.push_back(sys);
  m.orgs.push_back(make_org("X24", "NHS England", OrgKind::kNhsEngland, "2013-04-01"));
  m.rels.push_back(make_rel("council", "voters", RelKind::kElectedBy, "1974-04-01"));
  m.rels.push_back(make_rel("ccg", "X24", RelKind::kAccountableTo, "2013-04-01", "2022-06-30"));
  m.rels.push_back(make_rel("ccg", "council", RelKind::kScrutinisedBy, "2013-04-01", "2022-06-30"));
  m.rels.push_back(make_rel("QX1", "council", RelKind::kScrutinisedBy, "2022-07-01"));
  Relationship shadow =
      make_rel("ccg", "QX1", RelKind::kMemberOf, "2016-03-01", "2022-06-30", Layer::kShadow);
  m.rels.push_back(shadow);
  Relationship before =
      make_rel("QX1", "X24", RelKind::kPerformanceManagedBy, "2016-03-01", "2022-06-30");
  before.cite().legal_basis = "none (NHS England guidance)";
  Relationship after = make_rel("QX1", "X24", RelKind::kPerformanceManagedBy, "2022-07-01");
  after.cite().legal_basis = "NHS Act 2006 s14Z59";
  m.rels.push_back(before);
  m.rels.push_back(after);
  return m;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares text with a golden file; GOVMAP_UPDATE_GOLDEN=1 rewrites the file.
void check_golden(const std::string& text, const std::string& name) {
  std::string path = std::string(GOVMAP_TEST_DATA) + "/render/" + name;
  const char* update = std::getenv("GOVMAP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << text;
    MESSAGE("rewrote " << path);
  }
  std::string expected = read_file(path);
  CAPTURE(path);
  CHECK_MESSAGE(text == expected,
                "differs from the golden file; rerun with GOVMAP_UPDATE_GOLDEN=1 "
                "and review the diff if the change is intended");
}

// Imports maps in the order given: all in one import when together is set,
// else one import each.
std::string import_db(const std::string& dir, const std::string& name,
                      const std::vector<std::string>& maps, bool together = false) {
  std::string path = dir + "/" + name;
  Store store(path, Database::Mode::kReadWrite);
  std::vector<std::string> paths;
  for (const std::string& m : maps) paths.push_back(std::string(GOVMAP_SOURCE_DIR) + "/maps/" + m);
  if (together) {
    import_paths(store, paths, {});
  } else {
    for (const std::string& p : paths) import_paths(store, {p}, {});
  }
  return path;
}

DiagramOptions options_from(const Store& store) {
  DiagramOptions o;
  for (const Source& s : store.sources()) o.sources.emplace(s.id, s);
  return o;
}

struct Outputs {
  std::vector<std::string> dots, svgs;
};

Outputs draw_from_db(const std::string& db) {
  Store store(db, Database::Mode::kReadOnly);
  DiagramOptions options = options_from(store);
  Outputs out;
  SnapshotOptions all;
  all.at = day("2020-01-01");
  Snapshot everything = build_snapshot(store, all);
  out.dots.push_back(snapshot_dot(everything, {}, options));
  SnapshotOptions area_before, area_after;
  area_before.at = day("2017-01-01");
  area_after.at = day("2023-01-01");
  area_before.area = area_after.area = "QF7";
  Snapshot a = build_snapshot(store, area_before);
  Snapshot b = build_snapshot(store, area_after);
  Distances da = {{"QF7", 3000}}, dbb = {{"QF7", 2000}};
  options.area_name = "South Yorkshire";
  out.dots.push_back(snapshot_dot(a, da, options));
  out.dots.push_back(side_by_side_dot(a, da, b, dbb, options));
  out.dots.push_back(diff_dot(a, da, b, dbb, options));
  for (size_t i = 1; i < out.dots.size(); ++i)
    out.svgs.push_back(render_diagram(out.dots[i], DiagramFormat::kSvg).bytes);
  return out;
}

}  // namespace

TEST_CASE("diff classifies bodies: added, removed, changed, unchanged") {
  SmallMap m = stp_to_icb();
  SnapshotDiff d = diff_snapshots(snapshot_at(m.orgs, m.rels, "2020-01-01"),
                                  snapshot_at(m.orgs, m.rels, "2023-01-01"));
  REQUIRE(body(d, "ccg"));
  CHECK(body(d, "ccg")->change == Change::kRemoved);
  CHECK(body(d, "council")->change == Change::kUnchanged);
  CHECK(body(d, "voters")->change == Change::kUnchanged);
  const BodyChange* sys = body(d, "QX1");
  REQUIRE(sys);
  CHECK(sys->change == Change::kChanged);
  REQUIRE(sys->what.size() == 2);
  CHECK(sys->what[0].find("Town STP") != std::string::npos);
  CHECK(sys->what[1] == "was STP");
  // Bodies are listed by id.
  std::vector<std::string> ids;
  for (const BodyChange& b : d.bodies) ids.push_back(b.id);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
}

TEST_CASE("diff classifies relationships by (from, to, kind, layer)") {
  SmallMap m = stp_to_icb();
  SnapshotDiff d = diff_snapshots(snapshot_at(m.orgs, m.rels, "2020-01-01"),
                                  snapshot_at(m.orgs, m.rels, "2023-01-01"));
  CHECK(rel(d, "council", "voters")->change == Change::kUnchanged);
  CHECK(rel(d, "ccg", "X24")->change == Change::kRemoved);
  CHECK(rel(d, "ccg", "council")->change == Change::kRemoved);
  CHECK(rel(d, "ccg", "QX1")->change == Change::kRemoved);
  CHECK(rel(d, "QX1", "council")->change == Change::kAdded);
  const RelationshipChange* pm = rel(d, "QX1", "X24");
  REQUIRE(pm);
  CHECK(pm->change == Change::kChanged);
  CHECK(pm->before->cited().legal_basis == "none (NHS England guidance)");
  CHECK(pm->after->cited().legal_basis == "NHS Act 2006 s14Z59");
  CHECK(std::find(pm->what.begin(), pm->what.end(), "legal basis") != pm->what.end());
  CHECK(d.relationships.size() == 6);
}

TEST_CASE("diff of a date with itself changes nothing") {
  SmallMap m = stp_to_icb();
  Snapshot s = snapshot_at(m.orgs, m.rels, "2020-01-01");
  SnapshotDiff d = diff_snapshots(s, s);
  for (const BodyChange& b : d.bodies) CHECK(b.change == Change::kUnchanged);
  for (const RelationshipChange& r : d.relationships) CHECK(r.change == Change::kUnchanged);
}

TEST_CASE("the diff picture colours and labels each change") {
  SmallMap m = stp_to_icb();
  Snapshot a = snapshot_at(m.orgs, m.rels, "2020-01-01");
  Snapshot b = snapshot_at(m.orgs, m.rels, "2023-01-01");
  std::string dot = diff_dot(a, {{"QX1", 3000}, {"ccg", 2500}}, b, {{"QX1", 2000}}, {});
  CHECK(dot.find("distance to the voters: 3 \xE2\x86\x92 2") != std::string::npos);
  CHECK(dot.find("distance to the voters: 2.5 \xE2\x86\x92 \xE2\x80\x93") != std::string::npos);
  CHECK(dot.find("removed (gone by 2023-01-01)") != std::string::npos);
  CHECK(dot.find("renamed from") != std::string::npos);
  CHECK(count(dot, "fillcolor=\"#C7EBC0\"") == 1);            // no body was added: the legend only
  CHECK(dot.find("color=\"#1A7F2A\"") != std::string::npos);  // an edge was
  CHECK(dot.find("fillcolor=\"#F9C6C3\"") != std::string::npos);
  CHECK(dot.find("fillcolor=\"#FFDFA3\"") != std::string::npos);
  // Every body and relationship has a tooltip; the picture lays out.
  CHECK(render_diagram(dot, DiagramFormat::kSvg).bytes.find("<svg") != std::string::npos);
}

TEST_CASE("relationships between the same two bodies in one layer share one edge") {
  SmallMap m = stp_to_icb();
  // A second statutory relationship from the CCG to the council (besides
  // scrutinised_by), and a shadow one, which keeps its own dashed edge.
  m.rels.push_back(make_rel("ccg", "council", RelKind::kMemberOf, "2013-04-01", "2022-06-30"));
  m.rels.push_back(make_rel("ccg", "council", RelKind::kAccountableTo, "2013-04-01", "2022-06-30",
                            Layer::kShadow));
  Snapshot s = snapshot_at(m.orgs, m.rels, "2020-01-01");
  std::string dot = snapshot_dot(s, {}, {});
  CHECK(count(dot, "\"ccg\" -> \"council\"") == 2);  // statutory, shadow
  CHECK(dot.find("xlabel=\"member of\\nscrutinised by\"") != std::string::npos);
  // The shared edge's tooltip holds both relationships; it is an
  // accountability edge because scrutiny is.
  CHECK(dot.find("member of (statutory)") != std::string::npos);
  CHECK(dot.find("scrutinised by (statutory)") != std::string::npos);
  std::map<std::string, std::vector<std::string>> drawn = drawn_relationship_ids(s);
  std::vector<std::string> ccg_council;
  for (const Relationship& r : m.rels)
    if (r.from == "ccg" && r.to == "council") ccg_council.push_back(relationship_element_id(r));
  REQUIRE(ccg_council.size() == 3);
  // member_of sorts first: its id names the shared edge; the shadow edge its own.
  CHECK(drawn.at(ccg_council[0]) == drawn.at(ccg_council[1]));
  CHECK(drawn.at(ccg_council[1]) == std::vector<std::string>{ccg_council[1]});
  CHECK(drawn.at(ccg_council[2]) == std::vector<std::string>{ccg_council[2]});
  CHECK(dot.find("id=\"" + ccg_council[0] + "\"") == std::string::npos);
  // In the what-changed picture only relationships with the same change share.
  CHECK(count(diff_dot(s, {}, s, {}, {}), "\"ccg\" -> \"council\"") == 2);
  std::vector<Relationship> without = m.rels;
  without.erase(without.end() - 2);  // the member_of: removed, scrutiny unchanged
  Snapshot after = snapshot_at(m.orgs, without, "2020-01-01");
  CHECK(count(diff_dot(s, {}, after, {}, {}), "\"ccg\" -> \"council\"") == 3);
  CHECK(render_diagram(dot, DiagramFormat::kSvg).bytes.find("<svg") != std::string::npos);
}

// Three foundation trusts, each with a council of governors and members,
// each regulated by the CQC.
SmallMap three_trusts() {
  SmallMap m;
  m.orgs.push_back(make_org("cqc", "Care Quality Commission", OrgKind::kRegulator, "2009-04-01"));
  for (const char* t : {"ft1", "ft2", "ft3"}) {
    std::string id = t;
    m.orgs.push_back(
        make_org(id, id + " NHS Foundation Trust", OrgKind::kFoundationTrust, "2005-01-01"));
    m.orgs.push_back(make_org(id + "-cog", id + " Council of Governors",
                              OrgKind::kCouncilOfGovernors, "2005-01-01"));
    m.orgs.push_back(make_org(id + "-members", id + " members", OrgKind::kOther, "2005-01-01"));
    m.rels.push_back(make_rel(id + "-cog", id, RelKind::kPartOf, "2005-01-01"));
    m.rels.push_back(make_rel(id, id + "-cog", RelKind::kAccountableTo, "2012-10-01"));
    m.rels.push_back(make_rel(id + "-cog", id + "-members", RelKind::kElectedBy, "2005-01-01"));
    m.rels.push_back(make_rel(id, "cqc", RelKind::kRegulatedBy, "2010-04-01"));
  }
  return m;
}

TEST_CASE("an area-wide picture draws each council of governors inside its trust") {
  SmallMap m = three_trusts();
  Snapshot s = snapshot_at(m.orgs, m.rels, "2020-01-01");
  DiagramOptions folded;
  folded.fold_governors = true;
  std::string dot = snapshot_dot(s, {}, folded);
  CHECK(dot.find("id=\"b-ft1-cog\"") == std::string::npos);
  CHECK(dot.find("id=\"b-ft1-members\"") == std::string::npos);
  CHECK(count(dot, "with its governors") == 3);
  // The tooltip holds the folded bodies and the relationships drawn inside.
  CHECK(dot.find("drawn inside this node:") != std::string::npos);
  CHECK(dot.find("ft1 Council of Governors \xE2\x86\x92 ft1 members: elected by") !=
        std::string::npos);
  CHECK(dot.find("A foundation trust's node includes its council of governors") !=
        std::string::npos);
  // The report highlights the trust for a relationship drawn inside it.
  auto drawn = drawn_relationship_ids(s, "", true);
  CHECK(drawn.at(relationship_element_id(m.rels[2])) == std::vector<std::string>{"b-ft1"});
  // Unfolded (a --layer or one-council view), they are nodes of their own.
  std::string plain = snapshot_dot(s, {}, {});
  CHECK(plain.find("id=\"b-ft1-cog\"") != std::string::npos);
  CHECK(plain.find("with its governors") == std::string::npos);
  // The what-changed picture folds what did not change, and draws what did.
  std::vector<Relationship> later = m.rels;
  later.erase(later.begin() + 2);  // ft1's members no longer elect its council
  Snapshot after = snapshot_at(m.orgs, later, "2020-01-01");
  std::string diff = diff_dot(s, {}, after, {}, folded);
  CHECK(diff.find("id=\"b-ft1-cog\"") != std::string::npos);
  CHECK(diff.find("id=\"b-ft2-cog\"") == std::string::npos);
}

TEST_CASE("lines of one kind from three bodies of a tier to one body join at a dot") {
  SmallMap m = three_trusts();
  Snapshot s = snapshot_at(m.orgs, m.rels, "2020-01-01");
  DiagramOptions folded;
  folded.fold_governors = true;
  std::string dot = snapshot_dot(s, {}, folded);
  CHECK(count(dot, "class=\"junction\"") == 1);
  CHECK(count(dot, "xlabel=\"regulated by\"") == 1);
  CHECK(count(dot, "arrowhead=none") == 3);
  CHECK(dot.find("from each of 3 bodies:") != std::string::npos);
  CHECK(dot.find("Lines that meet at a dot") != std::string::npos);
  // Each relationship is highlighted by its own short line and the trunk.
  auto drawn = drawn_relationship_ids(s, "", true);
  const Relationship& first = m.rels[3];  // ft1 -> cqc
  std::string trunk = "t" + relationship_element_id(first).substr(1);
  CHECK(drawn.at(relationship_element_id(first)) ==
        std::vector<std::string>{relationship_element_id(first), trunk});
  CHECK(dot.find("id=\"" + trunk + "\"") != std::string::npos);
  CHECK(render_diagram(dot, DiagramFormat::kSvg).bytes.find("<svg") != std::string::npos);
}

TEST_CASE("distances: an empty map shows none, a nullopt shows no route") {
  SmallMap m = stp_to_icb();
  Snapshot s = snapshot_at(m.orgs, m.rels, "2020-01-01");
  CHECK(snapshot_dot(s, {}, {}).find("to the voters") == std::string::npos);
  std::string dot = snapshot_dot(s, {{"council", 1000}, {"ccg", std::nullopt}, {"voters", 0}}, {});
  CHECK(dot.find("distance 1 to the voters") != std::string::npos);
  CHECK(dot.find("no route to the voters") != std::string::npos);
  CHECK(dot.find("the voters themselves") != std::string::npos);
}

TEST_CASE("the order of the input does not change the DOT") {
  SmallMap m = stp_to_icb();
  SmallMap r = m;
  std::reverse(r.orgs.begin(), r.orgs.end());
  std::reverse(r.rels.begin(), r.rels.end());
  std::rotate(r.rels.begin(), r.rels.begin() + 2, r.rels.end());
  for (const char* at : {"2015-01-01", "2020-01-01", "2023-01-01"}) {
    CHECK(snapshot_dot(snapshot_at(m.orgs, m.rels, at), {}, {}) ==
          snapshot_dot(snapshot_at(r.orgs, r.rels, at), {}, {}));
  }
  Snapshot a1 = snapshot_at(m.orgs, m.rels, "2020-01-01"),
           b1 = snapshot_at(m.orgs, m.rels, "2023-01-01");
  Snapshot a2 = snapshot_at(r.orgs, r.rels, "2020-01-01"),
           b2 = snapshot_at(r.orgs, r.rels, "2023-01-01");
  CHECK(diff_dot(a1, {}, b1, {}, {}) == diff_dot(a2, {}, b2, {}, {}));
  CHECK(side_by_side_dot(a1, {}, b1, {}, {}) == side_by_side_dot(a2, {}, b2, {}, {}));
}

TEST_CASE("maps imported in two orders give byte-identical DOT and SVG") {
  std::string dir = temp_dir();
  // Frimley cites national sources, so separate imports start with the nation.
  std::string one =
      import_db(dir, "one.db", {"england-national", "south-yorkshire-bassetlaw", "frimley"});
  std::string two =
      import_db(dir, "two.db", {"frimley", "south-yorkshire-bassetlaw", "england-national"},
                /*together=*/true);
  std::string three =
      import_db(dir, "three.db", {"england-national", "frimley", "south-yorkshire-bassetlaw"});
  Outputs a = draw_from_db(one);
  for (const std::string& other : {two, three}) {
    Outputs b = draw_from_db(other);
    CAPTURE(other);
    REQUIRE(a.dots.size() == b.dots.size());
    for (size_t i = 0; i < a.dots.size(); ++i) {
      CAPTURE(i);
      CHECK(a.dots[i].size() > 1000);
      CHECK(a.dots[i] == b.dots[i]);
    }
    REQUIRE(a.svgs.size() == b.svgs.size());
    for (size_t i = 0; i < a.svgs.size(); ++i) {
      CAPTURE(i);
      CHECK(a.svgs[i] == b.svgs[i]);
    }
  }
  // Rendering the same text twice in one process gives the same bytes too.
  CHECK(render_diagram(a.dots[1], DiagramFormat::kSvg).bytes == a.svgs[0]);
}

TEST_CASE("golden DOT: maps/example") {
  std::string dir = temp_dir();
  std::string db = import_db(dir, "example.db", {"example"});
  Store store(db, Database::Mode::kReadOnly);
  DiagramOptions options = options_from(store);
  SnapshotOptions at2020, at2012;
  at2020.at = day("2020-01-01");
  at2012.at = day("2012-01-01");
  Snapshot s2020 = build_snapshot(store, at2020);
  Snapshot s2012 = build_snapshot(store, at2012);
  check_golden(snapshot_dot(s2020, {}, options), "example-2020-01-01.dot");
  Distances d2012 = {{"electorate-england", 0}, {"parliament", 1000}, {"sos-health", std::nullopt}};
  Distances d2020 = {
      {"electorate-england", 0}, {"parliament", 1000}, {"sos-health", 2000}, {"X24", 3000}};
  check_golden(diff_dot(s2012, d2012, s2020, d2020, options), "example-diff-2012-2020.dot");
  check_golden(side_by_side_dot(s2012, d2012, s2020, d2020, options), "example-2012-and-2020.dot");
}

TEST_CASE("formats come from the file extension") {
  CHECK(diagram_format_for("a.svg") == DiagramFormat::kSvg);
  CHECK(diagram_format_for("dir.x/a.PNG") == DiagramFormat::kPng);
  CHECK(diagram_format_for("a.pdf") == DiagramFormat::kPdf);
  CHECK(diagram_format_for("a.dot") == DiagramFormat::kDot);
  CHECK_FALSE(diagram_format_for("a.jpg"));
  CHECK_FALSE(diagram_format_for("dir.svg/a"));
  CHECK_THROWS_AS(diagram_format_or_throw("a.gif"), Error);
  try {
    diagram_format_or_throw("a.gif");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find(".svg") != std::string::npos);
  }
}

TEST_CASE("PNG and PDF render; unknown engines are refused") {
  SmallMap m = stp_to_icb();
  std::string dot = snapshot_dot(snapshot_at(m.orgs, m.rels, "2020-01-01"), {}, {});
  std::string png = render_diagram(dot, DiagramFormat::kPng).bytes;
  REQUIRE(png.size() > 8);
  CHECK(png.substr(1, 3) == "PNG");
  CHECK(render_diagram(dot, DiagramFormat::kPdf).bytes.substr(0, 5) == "%PDF-");
  CHECK(render_diagram(dot, DiagramFormat::kSvg, "sfdp").bytes.find("<svg") != std::string::npos);
  CHECK(render_diagram(dot, DiagramFormat::kDot).bytes == dot);
  CHECK_THROWS_AS(render_diagram(dot, DiagramFormat::kSvg, "nope"), Error);
  CHECK_THROWS_AS(render_diagram("digraph { a -> }", DiagramFormat::kSvg), Error);
}

// SVG y grows downwards: the key's top must lie below the lowest body.
TEST_CASE("force-directed pictures draw the key below the drawing, never over it") {
  SmallMap m = stp_to_icb();
  std::string dot = snapshot_dot(snapshot_at(m.orgs, m.rels, "2020-01-01"), {}, {});
  for (const char* engine : {"sfdp", "fdp", "neato"}) {
    CAPTURE(engine);
    std::string svg = render_diagram(dot, DiagramFormat::kSvg, engine).bytes;
    const std::regex node(
        R"(<g id="[^"]*" class="node[^"]*">\s*<title>([^<]*)</title>([\s\S]*?)</g>)");
    const std::regex y(R"((?:\by="|,)(-?[0-9.]+))");
    double lowest_body = -1e9, top_key = 1e9;
    int keys = 0, bodies = 0;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), node); it != std::sregex_iterator();
         ++it) {
      const bool key = (*it)[1].str().rfind("legend:", 0) == 0;
      const std::string inner = (*it)[2].str();
      for (auto v = std::sregex_iterator(inner.begin(), inner.end(), y);
           v != std::sregex_iterator(); ++v) {
        double value = std::stod((*v)[1].str());
        if (key)
          top_key = std::min(top_key, value);
        else
          lowest_body = std::max(lowest_body, value);
      }
      (key ? keys : bodies) += 1;
    }
    REQUIRE(keys > 0);
    REQUIRE(bodies > 0);
    CHECK(top_key > lowest_body);
  }
}
