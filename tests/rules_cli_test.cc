// govmap rules and govmap national end to end, on a small map with a rules
// file written from inline text, run in-process the way main() runs them.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/command.h"
#include "cli_run.h"
#include "core/error.h"
#include "core/store.h"
#include "importers/import.h"
#include "test_util.h"

using namespace govmap;

namespace {

const char* kOrgs =
    "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
    "voters,Voters of England,electorate,,1801-01-01,,,s1\n"
    "X24,NHS England,nhs_england,,2013-04-01,,,s1\n"
    "la,A Council,local_authority,unitary,1974-04-01,,ons:E06000099,s1\n"
    "C1,A CCG,ccg,,2013-04-01,2022-06-30,,s1\n";
const char* kRels =
    "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n"
    "X24,voters,accountable_to,statutory,2013-04-01,,NHS Act 2006 s13A,s1,\n"
    "la,C1,part_of,statutory,2013-04-01,2022-06-30,ONS lookup,s1,\n";
const char* kSources =
    "id,title,publisher,url,date\n"
    "s1,A source,A publisher,https://example.org/s1,\n";
const char* kRulesToml = R"toml(
[[body]]
type = "electorate"
kind = "electorate"
owners = { kinds = ["local_authority"] }
from = 1974-04-01
id = "electorate-{id}"
name = "Electorate of {name}"
existing = "owner elected_by"

[[rule]]
id = "council-elected"
statement = "councils are elected"
subjects = { kinds = ["local_authority"] }
relationship = "elected_by"
layer = "statutory"
target = "electorate of self"
from = 1974-04-01
legal_basis = "RPA 1983 s2"
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
)toml";

using Result = test::CliResult;

Result run(const std::string& db, std::vector<std::string> args) {
  return test::run_cli(db, std::move(args));
}

}  // namespace

TEST_CASE("govmap rules and national on a map with a rules file") {
  test::TempDir dir;
  std::string orgs = kOrgs;
  std::string map = dir.path() + "/mini";
  ::mkdir(map.c_str(), 0755);
  test::write_text(map + "/organisations.csv", orgs);
  test::write_text(map + "/relationships.csv", kRels);
  test::write_text(map + "/sources.csv", kSources);
  test::write_text(map + "/rules.toml", kRulesToml);
  test::TempDb db;
  test::import(db.store(), {map});

  Result r = run(db.path(), {"rules", "--at", "2019-04-01", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("rules:mini,council-elected,local_authority,elected_by,statutory,electorate of "
                   "self,1974-04-01,,1,") != std::string::npos);
  CHECK(
      r.out.find("rules:mini,ccg-nhse,ccg,accountable_to,statutory,X24,2013-04-01,2022-06-30,1,") !=
      std::string::npos);
  // After the CCG's life the rule derives nothing in force.
  r = run(db.path(), {"rules", "--at", "2023-07-01", "--format", "csv"});
  CHECK(r.out.find("ccg-nhse,ccg,accountable_to,statutory,X24,2013-04-01,2022-06-30,0,") !=
        std::string::npos);

  // The derived route explains itself.
  r = run(db.path(), {"distance", "C1", "--at", "2019-04-01", "--explain"});
  CHECK(r.code == 0);
  // Files are named by map and file name, not by the path they were imported
  // from, so the note is the same whatever the working folder.
  CHECK(r.out.find("derived by rule ccg-nhse (mini/rules.toml:") != std::string::npos);
  CHECK(r.out.find("from mini/organisations.csv:5") != std::string::npos);
  CHECK(r.out.find(map) == std::string::npos);

  r = run(db.path(), {"national", "--date", "2019-04-01", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "date,id,name,kind,distance,hops,shadow_hops,next\n"
        "2019-04-01,C1,A CCG,ccg,2,2,0,accountable_to X24\n");
  r = run(db.path(), {"national", "--years", "2019-2020", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("2019-07-01,ccg,1,0,0\n") != std::string::npos);
  CHECK(r.out.find("2020-07-01,local_authority,1,0,0\n") != std::string::npos);
  r = run(db.path(), {"national", "--years", "2020-2019"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--years: expected FIRST-LAST") != std::string::npos);

  // A rules file with a mistake stops the import with file:line:column.
  test::write_text(map + "/rules.toml",
                   std::string(kRulesToml) + "\n[[rule]]\nid = \"x\"\nlayr = 1\n");
  CHECK_THROWS_WITH_AS(test::import(db.store(), {map}),
                       doctest::Contains("unknown key 'layr' in [[rule]], did you mean 'layer'?"),
                       Error);
}
