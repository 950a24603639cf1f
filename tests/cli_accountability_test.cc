// The accountability commands end to end: tests/data/accountability-map is
// imported into a temporary database and each command is run in-process the
// way main() runs it (same exit-code rule: 0 ok, 1 different, 2 error).
#include <doctest/doctest.h>

#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "cli/command.h"
#include "cli_run.h"
#include "core/error.h"
#include "core/store.h"
#include "importers/import.h"

namespace govmap {
namespace {

using Result = test::CliResult;

// A fresh database holding the test map, made once for the whole file.
class TestDb {
 public:
  TestDb() {
    char pattern[] = "/tmp/govmap-acc-XXXXXX";
    dir_ = mkdtemp(pattern);
    db_ = dir_ + "/test.db";
    Store store(db_, Database::Mode::kReadWrite);
    import_paths(store, {std::string(GOVMAP_TEST_DATA) + "/accountability-map"}, {});
  }
  ~TestDb() {
    for (const char* f : {"/test.db", "/test.db-wal", "/test.db-shm", "/w.csv"})
      ::unlink((dir_ + f).c_str());
    ::rmdir(dir_.c_str());
  }
  const std::string& db() const { return db_; }
  std::string write(const std::string& name, const std::string& text) const {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

 private:
  std::string dir_, db_;
};

const TestDb& test_db() {
  static TestDb db;
  return db;
}

Result run(std::vector<std::string> args) {
  return test::run_cli(test_db().db(), std::move(args));
}

bool has(const std::string& text, const std::string& part) {
  bool found = text.find(part) != std::string::npos;
  if (!found) MESSAGE("not found: '" << part << "' in:\n" << text);
  return found;
}

TEST_CASE("distance: every organisation, hand-computed, CSV") {
  Result r = run({"distance", "--at", "2020-01-01", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "id,name,kind,distance,hops,shadow_hops,next\n"
        "dep,Members' Council,other,unaccountable,,,\n"
        "e1,Electorate One,electorate,0,0,0,\n"
        "e2,Electorate Two,electorate,0,0,0,\n"
        "forum,Test Partnership Board,other,3,2,1,ratified_by la1 (shadow)\n"
        "ics,Test Integrated Care System (shadow),ics,3,2,1,performance_managed_by la2 (shadow)\n"
        "island,Lonely Body,other,unaccountable,,,\n"
        "kc,Members of the Test Trust,other,unaccountable,,,\n"
        "la1,Council One,local_authority,1,1,0,elected_by e1\n"
        "la2,Council Two,local_authority,1,1,0,elected_by e2\n"
        "old-ccg,NHS Old CCG,ccg,2,2,0,accountable_to la1\n"
        "osc1,Council One Health Scrutiny Committee,osc,2,2,0,committee_of la1\n"
        "trust,Test Hospital NHS Foundation Trust,foundation_trust,2,2,0,accountable_to la2\n");
}

TEST_CASE("distance: named organisations, by id, identifier or name, in the order named") {
  Result r = run({"distance", "--at", "2021-01-01", "ods:RT1", "island", "NHS Test Integrated",
                  "kc", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "id,name,kind,distance,hops,shadow_hops,next\n"
        "trust,Test Hospital NHS Foundation Trust,foundation_trust,4,3,0,scrutinised_by osc1\n"
        "island,Lonely Body,other,unaccountable,,,\n"
        "ics,NHS Test Integrated Care Board,icb,2,2,0,accountable_to la2\n"
        "kc,Members of the Test Trust,electorate,0,0,0,\n");
}

TEST_CASE("distance: unaccountable is null plus a flag in JSON, never a number") {
  Result r = run({"distance", "--at", "2020-01-01", "island", "forum", "--format", "json"});
  CHECK(r.code == 0);
  Json j = Json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["id"] == "island");
  CHECK(j[0]["distance"].is_null());
  CHECK(j[0]["hops"].is_null());
  CHECK(j[0]["unaccountable"] == true);
  CHECK(j[0]["next"].is_null());
  CHECK(j[1]["distance"] == 3);
  CHECK(j[1]["unaccountable"] == false);
  CHECK(j[1]["next"] == Json{{"kind", "ratified_by"}, {"layer", "shadow"}, {"to", "la1"}});
}

TEST_CASE("distance --explain: each step with legal basis and sources") {
  Result r = run({"distance", "--at", "2021-01-01", "trust", "--explain"});
  CHECK(r.code == 0);
  CHECK(has(r.out,
            "trust  Test Hospital NHS Foundation Trust (foundation_trust)\n"
            "  distance 4: 3 hops, 0 in the shadow layer\n"
            "  1. trust scrutinised_by osc1  [statutory, weight 2]  Council One Health "
            "Scrutiny Committee\n"
            "     legal basis: Test Scrutiny Regulations reg 2\n"
            "     sources: T1\n"
            "  2. osc1 committee_of la1  [statutory, weight 1]  Council One\n"
            "     legal basis: none cited\n"));
  CHECK(has(r.out, "sources cited\n  T1  Test source one https://example.org/t1\n"));

  Result csv = run({"distance", "--at", "2021-01-01", "trust", "--explain", "--format", "csv"});
  CHECK(has(csv.out,
            "trust,Test Hospital NHS Foundation Trust,4,3,0,1,trust,Test Hospital NHS "
            "Foundation Trust,scrutinised_by,statutory,osc1,"));
  Result json = run({"distance", "--at", "2021-01-01", "trust", "--explain", "--format", "json"});
  Json j = Json::parse(json.out);
  CHECK(j[0]["path"].size() == 3);
  CHECK(j[0]["path"][0]["legal_basis"] == "Test Scrutiny Regulations reg 2");
  CHECK(j[0]["path"][1]["legal_basis"].is_null());
  CHECK(j[0]["path"][2]["sources"] == Json::array({"T1"}));
}

TEST_CASE("distance --weights: a file replaces defaults; bad rows give file:line") {
  std::string good = test_db().write("w.csv", "kind,layer,weight\naccountable_to,statutory,5\n");
  Result r = run({"distance", "--at", "2020-01-01", "trust", "--weights", good, "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(
      has(r.out,
          "trust,Test Hospital NHS Foundation Trust,foundation_trust,4,3,0,scrutinised_by osc1\n"));

  std::string bad = test_db().write("w.csv", "kind,layer,weight\n\naccountable_to,statutory,x\n");
  Result e = run({"distance", "--weights", bad});
  CHECK(e.code == 2);
  CHECK(has(e.err, bad + ":3:26: error: invalid weight 'x'"));
  CHECK(e.out.empty());
}

TEST_CASE("bad input: unknown organisation with did-you-mean, bad dates, not in force") {
  Result r = run({"distance", "--at", "2020-01-01", "trsut"});
  CHECK(r.code == 2);
  CHECK(has(r.err,
            "unknown organisation 'trsut', did you mean 'trust' (Test Hospital NHS "
            "Foundation Trust)?"));

  Result d = run({"distance", "--at", "2020-02-30"});
  CHECK(d.code == 2);
  CHECK(has(d.err, "--at: day 30 is out of range in '2020-02-30'"));
  CHECK(run({"distance", "--at", "yesterday"}).code == 2);

  Result gone = run({"distance", "--at", "2021-01-01", "old-ccg"});
  CHECK(gone.code == 2);
  CHECK(has(gone.err,
            "'old-ccg' is not in force on 2021-01-01 (it is in force 2000-01-01..2020-06-30)"));

  Result layer = run({"distance", "--layer", "shadw"});
  CHECK(layer.code == 2);
  CHECK(has(layer.err, "did you mean 'shadow'?"));
}

TEST_CASE("distance --area: distances from the whole map, rows for the area only") {
  Result r = run({"distance", "--at", "2020-01-01", "--area", "la1", "--format", "csv"});
  CHECK(r.code == 0);
  // la1's area: itself and osc1 (committee_of); the electorate is not in it,
  // but the distances still reach it.
  CHECK(r.out ==
        "id,name,kind,distance,hops,shadow_hops,next\n"
        "la1,Council One,local_authority,1,1,0,elected_by e1\n"
        "osc1,Council One Health Scrutiny Committee,osc,2,2,0,committee_of la1\n");
  Result gone = run({"distance", "--at", "2021-01-01", "--area", "old-ccg"});
  CHECK(gone.code == 2);
  CHECK(has(gone.err, "--area: 'old-ccg' is not in force on 2021-01-01"));
}

TEST_CASE("distance --layer statutory: shadow routes are not followed") {
  Result r = run({"distance", "--at", "2020-01-01", "forum", "ics", "--layer", "statutory",
                  "--format", "csv"});
  CHECK(has(r.out, "forum,Test Partnership Board,other,unaccountable,,,\n"));
  CHECK(has(r.out, "ics,Test Integrated Care System (shadow),ics,unaccountable,,,\n"));
}

TEST_CASE("path: least-weight path over chosen kinds, each step explained") {
  Result r = run({"path", "forum", "e1", "--at", "2020-01-01"});
  CHECK(r.code == 0);
  CHECK(has(r.out, "path from forum to e1 on 2020-01-01 over all kinds\n"));
  CHECK(has(r.out, "1. forum ratified_by la1  [shadow, weight 2]  Council One\n"));
  CHECK(has(r.out,
            "2. la1 elected_by e1  [statutory, weight 1]  Electorate One\n"
            "     legal basis: Test Elections Act s1\n"));

  // forum part_of ics is followed with all kinds, not with accountability ones.
  Result all = run({"path", "forum", "la2", "--at", "2020-01-01", "--format", "csv"});
  CHECK(all.out ==
        "step,from,from_name,kind,layer,to,to_name,weight,legal_basis,sources\n"
        "1,forum,Test Partnership Board,part_of,shadow,ics,Test Integrated Care System "
        "(shadow),2,,T2\n"
        "2,ics,Test Integrated Care System (shadow),performance_managed_by,shadow,la2,Council "
        "Two,2,,T2\n");
  Result acc = run({"path", "forum", "la2", "--at", "2020-01-01", "--kinds", "accountability"});
  CHECK(acc.code == 0);
  CHECK(has(acc.out, "no path: forum has no route to la2\n"));
  Result json = run({"path", "forum", "la2", "--at", "2020-01-01", "--kinds",
                     "ratified_by,elected_by", "--format", "json"});
  Json j = Json::parse(json.out);
  CHECK(j["reachable"] == false);
  CHECK(j["weight"].is_null());
  CHECK(j["kinds"] == Json::array({"elected_by", "ratified_by"}));

  Result bad = run({"path", "forum", "la2", "--kinds", "ratifed_by"});
  CHECK(bad.code == 2);
  CHECK(
      has(bad.err, "--kinds: unknown relationship kind 'ratifed_by', did you mean 'ratified_by'?"));
}

TEST_CASE("gaps: all five kinds") {
  Result r = run({"gaps", "--at", "2020-01-01", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(has(r.out, "gap,id,name,kind,related,detail\n"));
  CHECK(has(r.out, "unaccountable,dep,"));
  CHECK(has(r.out, "unaccountable,island,"));
  CHECK(has(r.out, "unaccountable,kc,"));
  CHECK(has(r.out, "shadow_only,forum,"));
  CHECK(has(r.out, "shadow_only,ics,"));
  CHECK(has(r.out, "double_running,forum,Test Partnership Board,other,la1,"));
  CHECK(has(r.out,
            "double_running,ics,Test Integrated Care System (shadow),ics,,shadow body that no "
            "statutory body ratifies\n"));
  CHECK(has(r.out, "unscrutinised,ics,"));
  CHECK(has(r.out, "unscrutinised,old-ccg,"));
  CHECK(has(r.out, "no_legal_basis,osc1,Council One Health Scrutiny Committee,osc,la1,"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 11);

  Result table = run({"gaps", "--at", "2020-01-01"});
  CHECK(has(table.out, "unaccountable: bodies with no route to voters (3)\n"));
  CHECK(has(table.out, "no_legal_basis: statutory relationships that cite no legal basis (1)\n"));
}

TEST_CASE("compare: exit 1 when the graph differs, 0 when it is the same, 2 on error") {
  Result diff = run({"compare", "--from", "2020-01-01", "--to", "2021-01-01"});
  CHECK(diff.code == 1);
  CHECK(has(diff.out, "compare 2020-01-01 with 2021-01-01: the graph differs\n"));
  CHECK(has(diff.out,
            "organisations: 12 before, 12 after; 1 added, 1 removed, 2 renamed or re-kinded\n"));
  CHECK(has(diff.out, "relationships: 1 added, 3 removed, 1 changed\n"));
  CHECK(has(diff.out,
            "distance to voters: 1 moved closer, 1 moved further, 7 the same, 0 became "
            "unaccountable, 2 became accountable, 1 added with no route to voters\n"));

  Result csv = run({"compare", "--from", "2020-01-01", "--to", "2021-01-01", "--format", "csv"});
  CHECK(csv.code == 1);
  CHECK(has(csv.out,
            "id,name,kind_before,kind_after,distance_before,hops_before,shadow_hops_before,"
            "distance_after,hops_after,shadow_hops_after,delta,change\n"));
  CHECK(has(csv.out, "ics,NHS Test Integrated Care Board,ics,icb,3,2,1,2,2,0,-1,closer\n"));
  CHECK(has(csv.out,
            "trust,Test Hospital NHS Foundation "
            "Trust,foundation_trust,foundation_trust,2,2,0,4,3,0,2,further\n"));
  CHECK(
      has(csv.out, "dep,Members' Council,other,other,unaccountable,,,1,1,0,,became_accountable\n"));
  CHECK(has(csv.out, "new-ccg,NHS New CCG,,ccg,,,,unaccountable,,,,added\n"));
  CHECK(has(csv.out, "old-ccg,NHS Old CCG,ccg,,2,2,0,,,,,removed\n"));

  Result json = run({"compare", "--from", "2020-01-01", "--to", "2021-01-01", "--format", "json"});
  Json j = Json::parse(json.out);
  CHECK(j["same_graph"] == false);
  CHECK(j["summary"]["became_accountable"] == 2);
  CHECK(j["relationships"]["changed"][0]["after"]["legal_basis"] == "Partnership agreement 2020");

  Result same = run({"compare", "--from", "2019-01-01", "--to", "2020-01-01"});
  CHECK(same.code == 0);
  CHECK(has(same.out, ": the same graph\n"));

  CHECK(run({"compare", "--from", "2020-01-01", "--to", "2021-13-01"}).code == 2);
  CHECK(run({"compare", "--from", "2020-01-01"}).code == 2);  // --to is required
  CHECK(run({"compare", "--from", "2020-01-01", "--to", "2021-01-01", "--area", "nowhere"}).code ==
        2);
}

TEST_CASE("compare --area: only the area's bodies and their relationships") {
  Result r = run({"compare", "--from", "2020-01-01", "--to", "2021-01-01", "--area", "la1",
                  "--format", "json"});
  CHECK(r.code == 0);  // la1 and osc1 did not change
  Json j = Json::parse(r.out);
  CHECK(j["organisations"].size() == 2);
}

TEST_CASE("centrality: betweenness and routes through each body") {
  Result r = run({"centrality", "--at", "2021-01-01", "--format", "csv", "--top", "3"});
  CHECK(r.code == 0);
  // Ordered pairs whose least-weight path passes through a body:
  // la1: (osc1,e1), (trust,e1), (forum,e1) = 3; osc1: (trust,la1), (trust,e1) = 2;
  // la2: (ics,e2) = 1. routes_through: la1 carries the chosen routes of osc1,
  // trust and forum; osc1 that of trust; la2 that of ics.
  CHECK(r.out ==
        "id,name,kind,betweenness,routes_through\n"
        "la1,Council One,local_authority,3,3\n"
        "osc1,Council One Health Scrutiny Committee,osc,2,1\n"
        "la2,Council Two,local_authority,1,1\n");
}

TEST_CASE("lineage: predecessors and successors with dates") {
  Result r = run({"lineage", "01A", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "generation,relation,id,name,kind,valid_from,valid_to,preceded_by,succeeded_by\n"
        "0,self,old-ccg,NHS Old CCG,ccg,2000-01-01,2020-06-30,,new-ccg from 2020-07-01\n"
        "1,successor,new-ccg,NHS New CCG,ccg,2020-07-01,,old-ccg from 2020-07-01,\n");
  Result before = run({"lineage", "new-ccg", "--at", "2020-01-01", "--format", "json"});
  CHECK(Json::parse(before.out).size() == 1);
  CHECK(run({"lineage", "nwe-ccg"}).code == 2);
}

}  // namespace
}  // namespace govmap
