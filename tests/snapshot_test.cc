// build_snapshot: which bodies and edges each option keeps, table-driven on
// a small inline map. Every case is built three ways that must agree: from a
// list kept by the caller, from one handed over (which is then emptied), and
// from both lists reversed (the snapshot sorts what it is given). Without an
// area the kept bodies are chosen before the relationships are read, with
// one after: the cases cover both paths with each filter.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/kinds.h"
#include "core/snapshot.h"
#include "tests/accountability_fixtures.h"

namespace govmap {
namespace {

using namespace govmap::testing;

Organisation body(const std::string& id, OrgKind kind, Country country,
                  const char* from = "2000-01-01", const char* to = nullptr) {
  Organisation o = org(id, kind, from, to);
  o.periods.back().country = country;
  return o;
}

// A region r with an ICB inside it and a Welsh board member_of the ICB; a
// council la with its scrutiny committee; a trust part_of the ICB that closed
// in 2019; one shadow relationship.
std::vector<Organisation> map_orgs() {
  const Country en = Country::kEngland, wa = Country::kWales;
  return {body("e", OrgKind::kElectorate, en),         body("icb", OrgKind::kIcb, en),
          body("la", OrgKind::kLocalAuthority, en),    body("osc", OrgKind::kOsc, en),
          body("r", OrgKind::kNhseRegion, en),   body("t", OrgKind::kNhsTrust, en,
                                                            "2000-01-01", "2019-03-31"),
          body("w", OrgKind::kLocalAuthority, wa)};
}

std::vector<Relationship> map_rels() {
  return {rel("icb", RelKind::kAccountableTo, "r"),
          rel("icb", RelKind::kPartOf, "r"),
          rel("icb", RelKind::kScrutinisedBy, "osc", Layer::kShadow),
          rel("la", RelKind::kElectedBy, "e"),
          rel("osc", RelKind::kCommitteeOf, "la"),
          rel("t", RelKind::kPartOf, "icb", Layer::kStatutory, "2000-01-01", "2019-03-31"),
          rel("w", RelKind::kElectedBy, "e"),
          rel("w", RelKind::kMemberOf, "icb")};
}

std::string vertices_of(const Snapshot& s) {
  std::string out;
  for (Vertex v = 0; v < s.vertex_count(); ++v) out += (out.empty() ? "" : " ") + s[v].id;
  return out;
}

// In relationship order: from, to, kind, layer, valid_from.
std::string edges_of(const Snapshot& s) {
  std::string out;
  for (auto [e, end] = boost::edges(s.graph); e != end; ++e) {
    const Relationship& r = *s.graph[*e].rel;
    // Each edge joins the vertices its relationship names.
    CHECK(s[boost::source(*e, s.graph)].id == r.from);
    CHECK(s[boost::target(*e, s.graph)].id == r.to);
    out += (out.empty() ? "" : ", ") + r.from + " " + name_of(r.kind) + " " + r.to;
  }
  return out;
}

TEST_CASE("build_snapshot keeps the bodies and edges each option asks for") {
  struct Case {
    const char* name;
    const char* at;
    void (*set)(SnapshotOptions&);
    const char* vertices;
    const char* edges;
  };
  const Case cases[] = {
      {"everything in force", "2020-01-01", [](SnapshotOptions&) {}, "e icb la osc r w",
       "icb scrutinised_by osc, icb accountable_to r, icb part_of r, la elected_by e, "
       "osc committee_of la, w elected_by e, w member_of icb"},
      {"an earlier date keeps the trust", "2018-01-01", [](SnapshotOptions&) {},
       "e icb la osc r t w",
       "icb scrutinised_by osc, icb accountable_to r, icb part_of r, la elected_by e, "
       "osc committee_of la, t part_of icb, w elected_by e, w member_of icb"},
      {"one country", "2020-01-01", [](SnapshotOptions& o) { o.country = Country::kEngland; },
       "e icb la osc r",
       "icb scrutinised_by osc, icb accountable_to r, icb part_of r, la elected_by e, "
       "osc committee_of la"},
      {"one country, and a body named from another", "2020-01-01",
       [](SnapshotOptions& o) {
         o.country = Country::kEngland;
         o.named = {"w"};
       },
       "e icb la osc r w",
       "icb scrutinised_by osc, icb accountable_to r, icb part_of r, la elected_by e, "
       "osc committee_of la, w elected_by e, w member_of icb"},
      {"only some bodies", "2020-01-01",
       [](SnapshotOptions& o) { o.only = std::set<std::string>{"e", "la", "w", "gone"}; },
       "e la w", "la elected_by e, w elected_by e"},
      {"one layer", "2020-01-01", [](SnapshotOptions& o) { o.layer = Layer::kShadow; },
       "e icb la osc r w", "icb scrutinised_by osc"},
      {"some kinds", "2020-01-01",
       [](SnapshotOptions& o) { o.kinds = {RelKind::kElectedBy}; }, "e icb la osc r w",
       "la elected_by e, w elected_by e"},
      {"an area", "2020-01-01", [](SnapshotOptions& o) { o.area = "r"; }, "icb r w",
       "icb accountable_to r, icb part_of r, w member_of icb"},
      {"an area, one hop", "2020-01-01",
       [](SnapshotOptions& o) {
         o.area = "r";
         o.area_hops = 1;
       },
       "icb r", "icb accountable_to r, icb part_of r"},
      {"an area in one country", "2020-01-01",
       [](SnapshotOptions& o) {
         o.area = "r";
         o.country = Country::kEngland;
       },
       "icb r", "icb accountable_to r, icb part_of r"},
      {"an area and what it answers to", "2020-01-01",
       [](SnapshotOptions& o) {
         o.area = "la";
         o.area_upward = true;
       },
       "e la osc", "la elected_by e, osc committee_of la"},
      {"an area, some bodies of it", "2020-01-01",
       [](SnapshotOptions& o) {
         o.area = "r";
         o.only = std::set<std::string>{"r", "w"};
       },
       "r w", ""},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.name));
    SnapshotOptions options;
    options.at = day(c.at);
    c.set(options);
    const std::vector<Organisation> orgs = map_orgs();
    const std::vector<Relationship> rels = map_rels();

    Snapshot kept = build_snapshot(orgs, rels, options);
    CHECK(vertices_of(kept) == c.vertices);
    CHECK(edges_of(kept) == c.edges);
    for (Vertex v = 0; v < kept.vertex_count(); ++v) CHECK(kept.find(kept[v].id) == v);
    CHECK_FALSE(kept.find("nobody"));

    std::vector<Organisation> handed = map_orgs();
    Snapshot taken = build_snapshot(std::move(handed), map_rels(), options);
    CHECK(handed.empty());  // emptied once the vertices took their periods
    CHECK(vertices_of(taken) == c.vertices);
    CHECK(edges_of(taken) == c.edges);

    std::vector<Organisation> rorgs = map_orgs();
    std::vector<Relationship> rrels = map_rels();
    std::reverse(rorgs.begin(), rorgs.end());
    std::reverse(rrels.begin(), rrels.end());
    Snapshot reversed = build_snapshot(rorgs, rrels, options);
    CHECK(vertices_of(reversed) == c.vertices);
    CHECK(edges_of(reversed) == c.edges);

    // A move keeps the index working: it holds views of the vertices' ids.
    Snapshot moved(std::move(taken));
    for (Vertex v = 0; v < moved.vertex_count(); ++v) CHECK(moved.find(moved[v].id) == v);
    CHECK(edges_of(moved) == c.edges);
  }
}

}  // namespace
}  // namespace govmap
