// Every validation message of the curated map format, checked exactly.
#include <doctest/doctest.h>

#include "core/error.h"
#include "core/store.h"
#include "importers/import.h"
#include "test_util.h"

using namespace govmap;
using govmap::test::TempDir;

namespace {

std::string replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
  return text.replace(at, from.size(), to);
}

struct Expect {
  std::string file;  // which file the first diagnostic names
  int line, column;
  std::string message;
};

// Imports a variant of the base map and returns the diagnostics.
std::vector<Diagnostic> diagnostics_for(const std::string& sources, const std::string& orgs,
                                        const std::string& rels) {
  TempDir dir;
  std::string map = test::write_map(dir, "m", sources, orgs, rels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  try {
    import_paths(store, {map}, {});
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

void check_case(const char* name, const std::string& sources, const std::string& orgs,
                const std::string& rels, const Expect& want) {
  std::string case_name = name;
  CAPTURE(case_name);
  auto diags = diagnostics_for(sources, orgs, rels);
  REQUIRE(diags.size() >= 1);
  const Diagnostic& d = diags[0];
  CHECK(d.message == want.message);
  CHECK(d.file.size() >= want.file.size());
  CHECK(d.file.substr(d.file.size() - want.file.size()) == want.file);
  CHECK(d.line == want.line);
  CHECK(d.column == want.column);
}

}  // namespace

TEST_CASE("the base map imports cleanly") {
  CHECK(diagnostics_for(test::kSources, test::kOrgs, test::kRels).empty());
}

TEST_CASE("organisations.csv validation messages") {
  const std::string S = test::kSources, O = test::kOrgs, R = test::kRels;
  struct Case {
    const char* name;
    std::string from, to;
    Expect want;
  };
  const Case cases[] = {
      {"unknown kind",
       "03N,NHS Sheffield CCG,ccg,",
       "03N,NHS Sheffield CCG,ccgg,",
       {"organisations.csv", 4, 23,
        "unknown organisation kind 'ccgg', did you mean 'ccg'? (valid kinds: electorate, "
        "parliament, secretary_of_state, government_department, nhs_england, nhse_region, "
        "nhse_local_office, regulator, ccg, sub_icb_location, joint_committee, stp, ics, icb, icp, "
        "aco, nhs_trust, foundation_trust, council_of_governors, local_authority, hwb, osc, jhosc, "
        "healthwatch, pcn, gp_practice, place_partnership, provider_collaborative, other)"}},
      {"missing tier",
       "local_authority,metropolitan_borough,",
       "local_authority,,",
       {"organisations.csv", 3, 27,
        "a local_authority needs a tier (one of: county, district, unitary, metropolitan_borough, "
        "london_borough, combined_authority)"}},
      {"unknown tier",
       "local_authority,metropolitan_borough,",
       "local_authority,metropolitan,",
       {"organisations.csv", 3, 43,
        "unknown tier 'metropolitan', did you mean 'metropolitan_borough'? (valid tiers: county, "
        "district, unitary, metropolitan_borough, london_borough, combined_authority)"}},
      {"tier on another kind",
       "osc,Sheffield health scrutiny,osc,,",
       "osc,Sheffield health scrutiny,osc,county,",
       {"organisations.csv", 5, 35, "tier 'county' is only for kind local_authority"}},
      {"malformed date",
       "2013-04-01,2022-06-30,ods:03N",
       "2013-4-1,2022-06-30,ods:03N",
       {"organisations.csv", 4, 28,
        "invalid valid_from: malformed date '2013-4-1', expected YYYY-MM-DD"}},
      {"impossible date",
       "2013-04-01,2022-06-30,ods:03N",
       "2013-04-01,2022-06-31,ods:03N",
       {"organisations.csv", 4, 39, "invalid valid_to: day 31 is out of range in '2022-06-31'"}},
      {"end before start",
       "2013-04-01,2022-06-30,ods:03N",
       "2013-04-01,2012-06-30,ods:03N",
       {"organisations.csv", 4, 39, "valid_to 2012-06-30 is before valid_from 2013-04-01"}},
      {"overlapping periods",
       "QF7,SYB ICS,ics,,2018-02-01",
       "QF7,SYB ICS,ics,,2018-01-31",
       {"organisations.csv", 7, 18,
        "period 2018-01-31..2022-06-30 of 'QF7' overlaps its period 2016-03-01..2018-01-31 on line "
        "6"}},
      {"missing source",
       "2022-06-30,ods:03N;ons:E38000146,s1",
       "2022-06-30,ods:03N;ons:E38000146,",
       {"organisations.csv", 4, 72,
        "missing source: every organisation period must cite a source"}},
      {"unknown source",
       "2022-06-30,ods:03N;ons:E38000146,s1",
       "2022-06-30,ods:03N;ons:E38000146,s3",
       {"organisations.csv", 4, 72, "unknown source 's3', did you mean 's1'?"}},
      {"malformed identifier",
       "ods:03N;ons:E38000146",
       "ods:03N;E38000146",
       {"organisations.csv", 4, 50,
        "malformed identifier 'E38000146', expected scheme:value (e.g. ods:03N)"}},
      {"identifier owned twice",
       "ons:E08000019",
       "ons:E38000146",
       {"organisations.csv", 4, 50, "identifier 'ons:E38000146' already belongs to 'la' (line 3)"}},
      {"missing name",
       "osc,Sheffield health scrutiny,",
       "osc,,",
       {"organisations.csv", 5, 5, "missing value for 'name'"}},
      {"bad id",
       "osc,Sheffield health scrutiny,",
       "o s c,Sheffield health scrutiny,",
       {"organisations.csv", 5, 1,
        "invalid organisation id 'o s c': ids may not contain spaces, quotes, ',', ';' or ':'"}},
      {"short row",
       "osc,Sheffield health scrutiny,osc,,2013-04-01,,,s1",
       "osc,Sheffield health scrutiny,osc",
       {"organisations.csv", 5, 0, "expected 8 fields, found 3"}},
      {"unknown column",
       "identifiers,source",
       "identifers,source",
       {"organisations.csv", 1, 39,
        "unknown column 'identifers', did you mean 'identifiers'? (expected: id, name, kind, "
        "valid_from, source, tier, valid_to, identifiers)"}},
      {"missing column",
       "id,name,kind,tier,",
       "id,name,tier,",
       {"organisations.csv", 1, 1, "missing column 'kind'"}},
  };
  for (const Case& c : cases) check_case(c.name, S, replace(O, c.from, c.to), R, c.want);
}

TEST_CASE("relationships.csv validation messages") {
  const std::string S = test::kSources, O = test::kOrgs, R = test::kRels;
  struct Case {
    const char* name;
    std::string from, to;
    Expect want;
  };
  const Case cases[] = {
      {"unknown organisation",
       "03N,osc,scrutinised_by",
       "O3N,osc,scrutinised_by",
       {"relationships.csv", 4, 1, "unknown organisation 'O3N', did you mean '03N'?"}},
      {"unknown kind",
       "03N,osc,scrutinised_by",
       "03N,osc,scrutinized_by",
       {"relationships.csv", 4, 9,
        "unknown relationship kind 'scrutinized_by', did you mean 'scrutinised_by'? (valid kinds: "
        "accountable_to, elected_by, committee_of, ratified_by, scrutinised_by, regulated_by, "
        "performance_managed_by, appointed_by, member_of, commissions, funds, part_of, "
        "succeeded_by)"}},
      {"unknown layer",
       "member_of,shadow,",
       "member_of,shadw,",
       {"relationships.csv", 5, 25,
        "unknown layer 'shadw', did you mean 'shadow'? (valid layers: statutory, shadow)"}},
      {"outside lifetime",
       "03N,osc,scrutinised_by,statutory,2013-04-01",
       "03N,osc,scrutinised_by,statutory,2012-04-01",
       {"relationships.csv", 4, 34,
        "relationship 2012-04-01..2022-06-30 lies outside the lifetime of '03N' "
        "(2013-04-01..2022-06-30)"}},
      {"open end past a closed body",
       "2013-04-01,2022-06-30,NHS Act 2006 s244",
       "2013-04-01,,NHS Act 2006 s244",
       {"relationships.csv", 4, 34,
        "relationship 2013-04-01.. lies outside the lifetime of '03N' (2013-04-01..2022-06-30)"}},
      {"succession must touch the successor",
       "03N,QF7,succeeded_by,statutory,2022-06-30,2022-06-30",
       "03N,QF7,succeeded_by,statutory,2013-04-01,2013-04-01",
       {"relationships.csv", 6, 32,
        "relationship 2013-04-01..2013-04-01 lies outside the lifetime of 'QF7' "
        "(2016-03-01..2018-01-31, "
        "2018-02-01..2022-06-30, 2022-07-01..)"}},
      {"duplicate",
       "osc,la,committee_of,statutory,2013-04-01,,NHS Act 2006 s244,s1,\n",
       "osc,la,committee_of,statutory,2013-04-01,,NHS Act 2006 s244,s1,\n"
       "osc,la,committee_of,statutory,2020-01-01,,NHS Act 2006 s244,s1,\n",
       {"relationships.csv", 4, 1,
        "duplicate relationship: osc committee_of la (statutory, 2020-01-01..) overlaps the one "
        "on line 3"}},
      {"to itself",
       "osc,la,committee_of",
       "osc,osc,committee_of",
       {"relationships.csv", 3, 5, "relationship from 'osc' to itself"}},
      {"missing source",
       "2022-06-30,NHS Act 2006 s244,s1,",
       "2022-06-30,NHS Act 2006 s244,,",
       {"relationships.csv", 4, 74, "missing source: every relationship must cite a source"}},
  };
  for (const Case& c : cases) check_case(c.name, S, O, replace(R, c.from, c.to), c.want);
}

TEST_CASE("sources.csv validation messages") {
  const std::string S = test::kSources, O = test::kOrgs, R = test::kRels;
  check_case("duplicate source id", S + "s1,Again,x,https://example.org/again,\n", O, R,
             {"sources.csv", 4, 1, "duplicate source id 's1' (first defined on line 2)"});
  check_case("bad url", replace(S, "https://example.org/guide", "example.org/guide"), O, R,
             {"sources.csv", 3, 22, "source url must start with http:// or https://"});
  check_case(
      "bad source date", replace(S, "2012-03-27", "27/03/2012"), O, R,
      {"sources.csv", 2, 51, "invalid date: malformed date '27/03/2012', expected YYYY-MM-DD"});
}

TEST_CASE("every problem in a folder is reported, not just the first") {
  std::string orgs =
      replace(test::kOrgs, "03N,NHS Sheffield CCG,ccg,", "03N,NHS Sheffield CCG,ccgg,");
  orgs = replace(orgs, "osc,Sheffield health scrutiny,osc,,2013-04-01",
                 "osc,Sheffield health scrutiny,osc,,2013-04-31");
  auto diags = diagnostics_for(test::kSources, orgs, test::kRels);
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].line == 4);
  CHECK(diags[1].line == 5);
}

TEST_CASE("a missing file is reported with the folder") {
  TempDir dir;
  std::string map = test::write_map(dir, "m", test::kSources, test::kOrgs, test::kRels);
  std::filesystem::remove(map + "/relationships.csv");
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  try {
    import_paths(store, {map}, {});
    FAIL("expected an error");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message == "missing relationships.csv in map folder '" + map + "'");
  }
}

TEST_CASE("identifiers resolve relationship ends; scheme:value works too") {
  TempDir dir;
  std::string rels = std::string(test::kRels) +
                     "ons:E38000146,la,member_of,statutory,2013-04-01,2022-06-30,x,s1,\n";
  std::string map = test::write_map(dir, "m", test::kSources, test::kOrgs, rels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  import_paths(store, {map}, {});
  RelationshipFilter f;
  f.from = "03N";
  auto out = store.relationships(f);
  REQUIRE(out.size() == 4);
  CHECK(out[0].to == "QF7");
  CHECK(out[0].kind == RelKind::kMemberOf);
  CHECK(out[0].cited().note == "a note, with a comma");
  CHECK(out[2].to == "la");
}
