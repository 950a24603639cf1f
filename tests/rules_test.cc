// The rule engine and the rules file, from short inline text.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "core/rules.h"
#include "importers/rules_file.h"

using namespace govmap;

namespace {

Date d(const char* iso) {
  return *Date::parse(iso);
}

Organisation org(const std::string& id, OrgKind kind, const char* from, const char* to = nullptr,
                 const std::string& tier = "", const std::string& dataset = "ods:x") {
  OrgPeriod p;
  p.valid = {d(from), to ? std::optional<Date>(d(to)) : std::nullopt};
  p.name = "Body " + id;
  p.kind = kind;
  p.tier = tier;
  p.dataset = dataset;
  return Organisation{id, {}, {p}};
}

Relationship rel(const std::string& from, const std::string& to, RelKind kind, const char* vfrom,
                 const char* vto = nullptr, std::optional<double> share = std::nullopt,
                 const std::string& dataset = "ons:lookups") {
  Relationship r;
  r.from = from;
  r.to = to;
  r.kind = kind;
  r.valid = {d(vfrom), vto ? std::optional<Date>(d(vto)) : std::nullopt};
  r.share = share;
  r.dataset = dataset;
  return r;
}

const char* kRules = R"toml(
[[body]]
type = "electorate"
kind = "electorate"
owners = { kinds = ["local_authority"] }
from = 1974-04-01
id = "electorate-{id}"
name = "Electorate of {name}"
existing = "owner elected_by"

[[body]]
type = "osc"
kind = "osc"
owners = { kinds = ["local_authority"], tiers = ["county", "unitary"] }
from = 2013-04-01
id = "osc-{id}"
name = "{name} scrutiny"
existing = "committee_of owner"

[[rule]]
id = "elected"
statement = "councils are elected"
subjects = { kinds = ["local_authority"] }
relationship = "elected_by"
layer = "statutory"
target = "electorate of self"
from = 1974-04-01
legal_basis = "RPA 1983 s2"
sources = ["s1"]

[[rule]]
id = "osc"
statement = "scrutiny is a committee"
subjects = { body = "osc" }
relationship = "committee_of"
layer = "statutory"
target = "owner"
from = 2013-04-01
legal_basis = "SI 2013/218"
sources = ["s1"]

[[rule]]
id = "ccg-nhse"
statement = "CCGs answer to NHS England"
subjects = { kinds = ["ccg"] }
relationship = "accountable_to"
layer = "statutory"
target = "X24"
from = 2013-04-01
to = 2022-06-30
legal_basis = "NHS Act 2006 s14Z16"
sources = ["s1"]

[[rule]]
id = "scrutiny"
statement = "commissioners and trusts are scrutinised"
subjects = { kinds = ["ccg", "icb", "nhs_trust"] }
relationship = "scrutinised_by"
layer = "statutory"
target = "osc of councils"
from = 2013-04-01
legal_basis = "NHS Act 2006 s244"
sources = ["s1"]

[[rule]]
id = "ratified"
statement = "an STP's decisions are ratified by its members"
subjects = { kinds = ["stp"] }
relationship = "ratified_by"
layer = "shadow"
target = "members"
from = 2016-03-01
to = 2022-06-30
sources = ["s1"]

[[boundary]]
id = "move"
from = 2022-07-01
area = "L2"
commissioner = "C1"
to = "C2"
legal_basis = "an establishment order"
sources = ["s1"]
)toml";

// A small England: NHS England; CCG C1 covering unitary U1 and part of district
// L2 (in county K1); CCG C2 covering the rest of L2; C1, C2 and trust T1 in STP S1,
// which becomes ICB S1 on 2022-07-01; Welsh council W06000001.
struct World {
  std::vector<Organisation> orgs;
  std::vector<Relationship> rels;
  World() {
    orgs = {
        org("X24", OrgKind::kNhsEngland, "2012-10-01"),
        org("C1", OrgKind::kCcg, "2013-04-01", "2022-06-30"),
        org("C2", OrgKind::kCcg, "2013-04-01", "2022-06-30"),
        org("U1", OrgKind::kLocalAuthority, "2018-04-01", nullptr, "unitary", "ons:lookups"),
        org("L2", OrgKind::kLocalAuthority, "2018-04-01", nullptr, "district", "ons:lookups"),
        org("K1", OrgKind::kLocalAuthority, "2018-04-01", nullptr, "county", "ons:lookups"),
        org("W06000001", OrgKind::kLocalAuthority, "2018-04-01", nullptr, "unitary", "ons:lookups"),
        org("T1", OrgKind::kNhsTrust, "1994-04-01")};
    Organisation s1 = org("S1", OrgKind::kStp, "2016-03-01", "2022-06-30");
    OrgPeriod icb = s1.periods[0];
    icb.valid = {d("2022-07-01"), std::nullopt};
    icb.kind = OrgKind::kIcb;
    s1.periods.push_back(icb);
    orgs.push_back(s1);
    // C1 and C2 continue as sub-ICB locations.
    for (Organisation& o : orgs)
      if (o.id == "C1" || o.id == "C2") {
        OrgPeriod p = o.periods[0];
        p.valid = {d("2022-07-01"), std::nullopt};
        p.kind = OrgKind::kSubIcbLocation;
        o.periods.push_back(p);
      }
    std::sort(orgs.begin(), orgs.end(),
              [](const Organisation& a, const Organisation& b) { return a.id < b.id; });
    rels = {rel("U1", "C1", RelKind::kPartOf, "2018-04-01", nullptr, 1.0),
            rel("L2", "C1", RelKind::kPartOf, "2018-04-01", nullptr, 0.3),
            rel("L2", "C2", RelKind::kPartOf, "2018-04-01", nullptr, 0.7),
            rel("L2", "K1", RelKind::kPartOf, "2019-04-01"),
            rel("C1", "S1", RelKind::kPartOf, "2018-04-01"),
            rel("C2", "S1", RelKind::kPartOf, "2018-04-01"),
            rel("T1", "S1", RelKind::kPartOf, "2020-03-27", nullptr, std::nullopt, "ods:trusts")};
    std::sort(rels.begin(), rels.end());
  }
};

bool has(const Derivation& dv, const std::string& from, RelKind kind, const std::string& to,
         Date at) {
  for (const Relationship& r : dv.relationships)
    if (r.from == from && r.kind == kind && r.to == to && r.valid.contains(at)) return true;
  return false;
}

RuleSet rules(const char* text = kRules) {
  return parse_rules_or_throw("rules.toml", text, "test");
}

}  // namespace

TEST_CASE("rules: each rule derives what the law says, on the days the data supports") {
  World w;
  Derivation dv = derive(rules(), w.orgs, w.rels, RowLocator());
  struct Case {
    const char* from;
    RelKind kind;
    const char* to;
    const char* at;
    bool expected;
  };
  const Case cases[] = {
      // Fixed target, within the rule's dates and the subject's life only.
      {"C1", RelKind::kAccountableTo, "X24", "2019-04-01", true},
      {"C1", RelKind::kAccountableTo, "X24", "2013-04-01", true},
      {"C1", RelKind::kAccountableTo, "X24", "2022-07-01", false},
      // Derived bodies: every council's electorate, upper tiers' scrutiny.
      {"U1", RelKind::kElectedBy, "electorate-U1", "2019-04-01", true},
      {"L2", RelKind::kElectedBy, "electorate-L2", "2019-04-01", true},
      {"osc-U1", RelKind::kCommitteeOf, "U1", "2019-04-01", true},
      {"osc-K1", RelKind::kCommitteeOf, "K1", "2019-04-01", true},
      {"osc-L2", RelKind::kCommitteeOf, "L2", "2019-04-01", false},  // a district: none
      // Outside England nothing is derived.
      {"W06000001", RelKind::kElectedBy, "electorate-W06000001", "2019-04-01", false},
      // Scrutiny by the councils of the area; a district's is its county's.
      {"C1", RelKind::kScrutinisedBy, "osc-U1", "2019-04-01", true},
      {"C1", RelKind::kScrutinisedBy, "osc-K1", "2019-04-01", true},
      {"C2", RelKind::kScrutinisedBy, "osc-K1", "2019-04-01", true},
      {"C2", RelKind::kScrutinisedBy, "osc-U1", "2019-04-01", false},
      // A district's county holds before the first lookup showing the link
      // (2019): counties do not change but by reorganisation.
      {"C2", RelKind::kScrutinisedBy, "osc-K1", "2018-06-01", true},
      // Nothing before the councils exist in the data (2018-04-01).
      {"C2", RelKind::kScrutinisedBy, "osc-K1", "2017-06-01", false},
      // A trust serves its system's councils, also before the first extract.
      {"T1", RelKind::kScrutinisedBy, "osc-U1", "2019-04-01", true},
      {"T1", RelKind::kScrutinisedBy, "osc-K1", "2021-01-01", true},
      // The ICB: its sub-ICB locations' areas.
      {"S1", RelKind::kScrutinisedBy, "osc-U1", "2023-07-01", true},
      {"S1", RelKind::kScrutinisedBy, "osc-K1", "2023-07-01", true},
      // The shadow layer: an STP ratified by commissioners, trusts and councils.
      {"S1", RelKind::kRatifiedBy, "C1", "2019-04-01", true},
      {"S1", RelKind::kRatifiedBy, "T1", "2020-06-01", true},
      {"S1", RelKind::kRatifiedBy, "K1", "2019-04-01", true},
      {"S1", RelKind::kRatifiedBy, "C1", "2022-07-01", false},
  };
  for (const Case& c : cases) {
    std::string what = std::string(c.from) + " " + name_of(c.kind) + " " + c.to + " on " + c.at;
    CAPTURE(what);
    CHECK(has(dv, c.from, c.kind, c.to, d(c.at)) == c.expected);
  }
  // Facts are merged into runs: C1's accountability is one fact for its whole life.
  int runs = 0;
  for (const Relationship& r : dv.relationships)
    if (r.from == "C1" && r.kind == RelKind::kAccountableTo) {
      ++runs;
      CHECK(r.valid.str() == "2013-04-01..2022-06-30");
      CHECK(r.cited().legal_basis == "NHS Act 2006 s14Z16");
      CHECK(derived_rule_id(r) == "ccg-nhse");
      CHECK(r.cited().note.find("derived by rule ccg-nhse (test/rules.toml:") == 0);
      CHECK(r.dataset == "rules:test");
    }
  CHECK(runs == 1);
  // Derived bodies are organisations of the rules dataset, named from templates.
  auto body = std::find_if(dv.periods.begin(), dv.periods.end(),
                           [](const auto& p) { return p.first == "osc-U1"; });
  REQUIRE(body != dv.periods.end());
  CHECK(body->second.name == "Body U1 scrutiny");
  CHECK(body->second.kind == OrgKind::kOsc);
  CHECK(body->second.valid.str() == "2018-04-01..");
}

TEST_CASE("rules: a boundary change moves part of an area to another commissioner") {
  World w;
  Derivation dv = derive(rules(), w.orgs, w.rels, RowLocator());
  // Before 2022-07-01, C1 covers part of L2 (county K1); after, C2 does. The ICB
  // S1 still covers K1 through C2; C1 (a sub-ICB location) is not a rule subject.
  CHECK(has(dv, "C1", RelKind::kScrutinisedBy, "osc-K1", d("2022-06-30")));
  Relationship last;
  for (const Relationship& r : dv.relationships)
    if (r.from == "C1" && r.to == "osc-K1" && r.kind == RelKind::kScrutinisedBy) last = r;
  CHECK(last.valid.to == d("2022-06-30"));
}

TEST_CASE("rules: an existing body stands for the derived one; a curated map overrides") {
  World w;
  // A curated map gives U1 its own electorate and scrutiny committee, and its
  // own record of C1's accountability for part of C1's life.
  w.orgs.push_back(org("voters-u1", OrgKind::kElectorate, "1974-04-01", nullptr, "", "map:m"));
  w.orgs.push_back(org("scrutiny-u1", OrgKind::kOsc, "2013-04-01", nullptr, "", "map:m"));
  std::sort(w.orgs.begin(), w.orgs.end(),
            [](const Organisation& a, const Organisation& b) { return a.id < b.id; });
  w.rels.push_back(rel("U1", "voters-u1", RelKind::kElectedBy, "1974-04-01", nullptr, {}, "map:m"));
  w.rels.push_back(
      rel("scrutiny-u1", "U1", RelKind::kCommitteeOf, "2013-04-01", nullptr, {}, "map:m"));
  w.rels.push_back(
      rel("C1", "X24", RelKind::kAccountableTo, "2013-04-01", "2017-03-31", {}, "map:m"));
  std::sort(w.rels.begin(), w.rels.end());
  Derivation dv = derive(rules(), w.orgs, w.rels, RowLocator());
  CHECK_FALSE(has(dv, "U1", RelKind::kElectedBy, "electorate-U1", d("2019-04-01")));
  CHECK(has(dv, "C1", RelKind::kScrutinisedBy, "scrutiny-u1", d("2019-04-01")));
  CHECK(std::none_of(dv.periods.begin(), dv.periods.end(), [](const auto& p) {
    return p.first == "osc-U1" || p.first == "electorate-U1";
  }));
  // The curated record covers 2013-2017: the derived one fills only the rest.
  CHECK_FALSE(has(dv, "C1", RelKind::kAccountableTo, "X24", d("2015-01-01")));
  CHECK(has(dv, "C1", RelKind::kAccountableTo, "X24", d("2017-04-01")));
}

TEST_CASE("rules: the derivation does not depend on the order of its input") {
  World w;
  Derivation a = derive(rules(), w.orgs, w.rels, RowLocator());
  std::reverse(w.orgs.begin(), w.orgs.end());
  std::reverse(w.rels.begin(), w.rels.end());
  Derivation b = derive(rules(), w.orgs, w.rels, RowLocator());
  REQUIRE(a.relationships.size() == b.relationships.size());
  for (size_t i = 0; i < a.relationships.size(); ++i)
    CHECK(a.relationships[i].key() == b.relationships[i].key());
  CHECK(a.organisations == b.organisations);
}

TEST_CASE("rules file: every problem is reported with its line and a suggestion") {
  struct Case {
    const char* text;
    const char* message;
    int line;
  };
  const Case cases[] = {
      {"[[rule]]\nid = \"a\"\nstatement = \"s\"\nsubjects = { kinds = [\"cgg\"] }\n"
       "relationship = \"accountable_to\"\nlayer = \"statutory\"\ntarget = \"X24\"\n"
       "from = 2013-04-01\nlegal_basis = \"b\"\nsources = [\"s1\"]\n",
       "unknown organisation kind 'cgg', did you mean 'ccg'?", 4},
      {"[[rule]]\nid = \"a\"\nstatement = \"s\"\nsubjects = { kinds = [\"ccg\"] }\n"
       "relationship = \"acountable_to\"\nlayer = \"statutory\"\ntarget = \"X24\"\n"
       "from = 2013-04-01\nlegal_basis = \"b\"\nsources = [\"s1\"]\n",
       "unknown relationship kind 'acountable_to', did you mean 'accountable_to'?", 5},
      {"[[rule]]\nid = \"a\"\nstatement = \"s\"\nsubjects = { kinds = [\"ccg\"] }\n"
       "relationship = \"accountable_to\"\nlayer = \"statutory\"\ntarget = \"X24\"\n"
       "from = 2013-04-01\nsources = [\"s1\"]\n",
       "is in the statutory layer and needs 'legal_basis'", 1},
      {"[[rule]]\nid = \"a\"\nstatement = \"s\"\nsubjects = { kinds = [\"ccg\"] }\n"
       "relationship = \"scrutinised_by\"\nlayer = \"statutory\"\ntarget = \"osc of councils\"\n"
       "from = 2013-04-01\nlegal_basis = \"b\"\nsources = [\"s1\"]\n",
       "no [[body]] of type 'osc' is defined above", 7},
      {"[[rule]]\nid = \"a\"\nstatement = \"s\"\nsubjects = { kinds = [\"ccg\"] }\n"
       "relationship = \"member_of\"\nlayer = \"shadow\"\ntarget = \"the system\"\n"
       "from = 2013-04-01\nsources = [\"s1\"]\n",
       "unknown target set 'the system'", 7},
      {"[[rule]]\nid = \"a\"\nstatment = \"s\"\n",
       "unknown key 'statment' in [[rule]], did you mean 'statement'?", 3},
      {"[[rule]]\nid = \"a\"\nstatement = \"s\"\nsubjects = { kinds = [\"ccg\"] }\n"
       "relationship = \"member_of\"\nlayer = \"shadow\"\ntarget = \"system\"\n"
       "from = 2013-04-01\nto = 2012-01-01\nsources = [\"s1\"]\n",
       "'to' 2012-01-01 is before 'from' 2013-04-01", 9},
      {"[[rule]]\nid = \"a\"\nstatement = \"s\"\nsubjects = { kinds = [\"ccg\"] }\n"
       "relationship = \"member_of\"\nlayer = \"shadow\"\ntarget = \"system\"\n"
       "from = 2013-04-01\nsources = [\"s2\"]\n",
       "source 's2' is not in the map's sources.csv", 9},
      {"[[rule]\n", "", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    DiagnosticSink sink;
    parse_rules("r.toml", c.text, "m", {"s1"}, sink);
    REQUIRE_FALSE(sink.empty());
    try {
      sink.throw_if_any();
    } catch (const Error& e) {
      std::string all = e.format();
      CHECK(all.find(c.message) != std::string::npos);
      CHECK(all.find("r.toml:" + std::to_string(c.line) + ":") != std::string::npos);
    }
  }
}

TEST_CASE("rules file: the shipped rules of maps/england-national parse") {
  std::string path = std::string(GOVMAP_SOURCE_DIR) + "/maps/england-national/rules.toml";
  std::ifstream in(path);
  REQUIRE(in.good());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  RuleSet set = parse_rules_or_throw(path, text, "england-national");
  CHECK(set.dataset == "rules:england-national");
  CHECK(set.rules.size() >= 20);
  for (const Rule& r : set.rules) {
    CAPTURE(r.id);
    CHECK(!r.sources.empty());
    if (r.layer == Layer::kStatutory) CHECK(!r.legal_basis.empty());
  }
}
