// Unit tests for render/systems_view.h: which bodies are drawn inside which
// system, what the system's label counts, and the relationships that stand
// for those of the bodies inside.
#include "render/systems_view.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "render/dot_writer.h"
#include "tests/render_test_support.h"

namespace govmap {
namespace {

using test::make_org;
using test::make_rel;
using test::snapshot_at;

// A region with two STPs. STP A holds a CCG, a council (with its committee
// and electorate) and a foundation trust (with its council of governors and
// members); a trust partners both STPs; a CCG of STP B sits on A's council's
// health and wellbeing board. The regulator and NHS England are outside.
struct Region {
  std::vector<Organisation> orgs = {
      make_org("nhse", "NHS England", OrgKind::kNhsEngland, "2013-04-01"),
      make_org("region", "A region", OrgKind::kNhseRegion, "2013-04-01"),
      make_org("cqc", "Care Quality Commission", OrgKind::kRegulator, "2009-04-01"),
      make_org("stp-a", "STP A", OrgKind::kStp, "2016-03-01"),
      make_org("stp-b", "STP B", OrgKind::kStp, "2016-03-01"),
      make_org("ccg-a", "CCG A", OrgKind::kCcg, "2013-04-01"),
      make_org("ccg-b", "CCG B", OrgKind::kCcg, "2013-04-01"),
      make_org("la", "A council", OrgKind::kLocalAuthority, "1974-04-01"),
      make_org("la-voters", "Electorate of A", OrgKind::kElectorate, "1974-04-01"),
      make_org("hwb", "A health and wellbeing board", OrgKind::kHwb, "2013-04-01"),
      make_org("ft", "A Foundation Trust", OrgKind::kFoundationTrust, "2005-01-01"),
      make_org("ft-cog", "A council of governors", OrgKind::kCouncilOfGovernors, "2005-01-01"),
      make_org("ft-members", "A trust's members", OrgKind::kOther, "2005-01-01"),
      make_org("shared", "A shared trust", OrgKind::kNhsTrust, "2000-04-01")};
  std::vector<Relationship> rels = {
      make_rel("stp-a", "region", RelKind::kPartOf, "2016-03-01"),
      make_rel("stp-b", "region", RelKind::kPartOf, "2016-03-01"),
      make_rel("region", "nhse", RelKind::kPartOf, "2013-04-01"),
      make_rel("ccg-a", "stp-a", RelKind::kPartOf, "2016-03-01"),
      make_rel("ccg-a", "nhse", RelKind::kAccountableTo, "2013-04-01"),
      make_rel("ccg-b", "stp-b", RelKind::kPartOf, "2016-03-01"),
      make_rel("ccg-b", "nhse", RelKind::kAccountableTo, "2013-04-01"),
      make_rel("ccg-b", "hwb", RelKind::kMemberOf, "2013-04-01"),
      make_rel("la", "stp-a", RelKind::kMemberOf, "2016-03-01"),
      make_rel("la", "la-voters", RelKind::kElectedBy, "1974-04-01"),
      make_rel("hwb", "la", RelKind::kCommitteeOf, "2013-04-01"),
      make_rel("ft", "stp-a", RelKind::kMemberOf, "2016-03-01"),
      make_rel("ft", "cqc", RelKind::kRegulatedBy, "2010-04-01"),
      make_rel("ft-cog", "ft", RelKind::kPartOf, "2005-01-01"),
      make_rel("ft-cog", "ft-members", RelKind::kElectedBy, "2005-01-01"),
      make_rel("shared", "stp-a", RelKind::kMemberOf, "2016-03-01"),
      make_rel("shared", "stp-b", RelKind::kMemberOf, "2016-03-01"),
      make_rel("shared", "cqc", RelKind::kRegulatedBy, "2010-04-01")};
};

std::vector<std::string> ids_of(const Snapshot& snap) {
  std::vector<std::string> out;
  for (auto [v, end] = boost::vertices(snap.graph); v != end; ++v) out.push_back(snap[*v].id);
  std::sort(out.begin(), out.end());
  return out;
}

const Relationship* find_rel(const Snapshot& snap, const std::string& from, const std::string& to,
                             RelKind kind) {
  for (const Relationship& r : snap.relationships())
    if (r.from == from && r.to == to && r.kind == kind) return &r;
  return nullptr;
}

TEST_CASE("systems view: each body goes inside its nearest system, shared ones stay out") {
  Region r;
  Snapshot snap = snapshot_at(r.orgs, r.rels, "2020-01-01");
  SystemsView view = systems_view(snap, {});
  std::map<std::string, std::string> want = {
      {"ccg-a", "stp-a"}, {"la", "stp-a"},     {"hwb", "stp-a"},        {"la-voters", "stp-a"},
      {"ft", "stp-a"},    {"ft-cog", "stp-a"}, {"ft-members", "stp-a"}, {"ccg-b", "stp-b"}};
  // ccg-b sits on A's board but is part_of B: its nearest system is B. The
  // shared trust partners both and is drawn between them; the region, NHS
  // England and the regulator are never inside a system.
  CHECK(view.inside == want);
  CHECK(ids_of(view.snapshot) ==
        std::vector<std::string>{"cqc", "nhse", "region", "shared", "stp-a", "stp-b"});
}

TEST_CASE("systems view: a system's label counts what is inside, its tooltip names them") {
  Region r;
  Snapshot snap = snapshot_at(r.orgs, r.rels, "2020-01-01");
  Distances dist = {{"ccg-a", 2000},
                    {"la", 1000},
                    {"hwb", 2000},
                    {"la-voters", 0},
                    {"ft", 4000},
                    {"ft-cog", std::nullopt},
                    {"ft-members", std::nullopt}};
  SystemsView view = systems_view(snap, dist);
  REQUIRE(view.lines.count("stp-a"));
  // CCGs, trusts, councils and partnerships by kind; the board, governors,
  // members and electorate together. The electorate is the voters themselves,
  // so the range leaves it out.
  CHECK(view.lines["stp-a"] == std::vector<std::string>{"1 CCG, 1 trust, 1 council, and 4 more",
                                                        "inside 1\xE2\x80\x93"
                                                        "4 from the voters; 2 with no route"});
  CHECK(view.lines["stp-b"] == std::vector<std::string>{"1 CCG"});
  CHECK(view.tooltips["stp-a"].find("drawn inside this system (7):") == 0);
  CHECK(view.tooltips["stp-a"].find(
            "\nA Foundation Trust, foundation trust (foundation_trust)\n") != std::string::npos);
}

TEST_CASE("systems view: relationships of bodies inside become the system's, one per kind") {
  Region r;
  // A second trust of A, also regulated: two relationships, one line.
  r.orgs.push_back(make_org("ft2", "Another trust", OrgKind::kNhsTrust, "2000-04-01"));
  r.rels.push_back(make_rel("ft2", "stp-a", RelKind::kMemberOf, "2016-03-01"));
  r.rels.push_back(make_rel("ft2", "cqc", RelKind::kRegulatedBy, "2012-04-01"));
  Snapshot snap = snapshot_at(r.orgs, r.rels, "2020-01-01");
  SystemsView view = systems_view(snap, {});
  const Relationship* regulated = find_rel(view.snapshot, "stp-a", "cqc", RelKind::kRegulatedBy);
  REQUIRE(regulated);
  CHECK(regulated->cited().note ==
        "stands for 2 relationships of bodies inside the system: A Foundation Trust; Another "
        "trust");
  // In force on the day for all it stands for: from the later start.
  CHECK(regulated->valid.from.str() == "2012-04-01");
  // The CCGs' accountability to NHS England, one from each system.
  CHECK(find_rel(view.snapshot, "stp-a", "nhse", RelKind::kAccountableTo));
  CHECK(find_rel(view.snapshot, "stp-b", "nhse", RelKind::kAccountableTo));
  // B's CCG sits on A's board: B's line to A.
  CHECK(find_rel(view.snapshot, "stp-b", "stp-a", RelKind::kMemberOf));
  // Relationships inside one system are summarised, not drawn; those between
  // drawn bodies are kept as they are.
  CHECK_FALSE(find_rel(view.snapshot, "stp-a", "stp-a", RelKind::kMemberOf));
  const Relationship* shared = find_rel(view.snapshot, "shared", "cqc", RelKind::kRegulatedBy);
  REQUIRE(shared);
  CHECK(shared->cited().note.empty());
}

TEST_CASE("systems view: the picture says what it is and draws the counts") {
  Region r;
  Snapshot snap = snapshot_at(r.orgs, r.rels, "2020-01-01");
  SystemsView view = systems_view(snap, {});
  DiagramOptions options;
  options.area_name = "A region";
  options.view_note = "each health system drawn as one body";
  options.body_lines = view.lines;
  options.body_tooltips = view.tooltips;
  std::string dot = snapshot_dot(view.snapshot, {}, options);
  CHECK(dot.find("each health system drawn as one body") != std::string::npos);
  CHECK(dot.find("1 CCG, 1 trust, 1 council,<BR/>and 4 more") != std::string::npos);
  CHECK(dot.find("drawn inside this system (7):") != std::string::npos);
  CHECK(dot.find("\"b-ccg-a\"") == std::string::npos);
}

}  // namespace
}  // namespace govmap
