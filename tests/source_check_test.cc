// The source check (importers/source_check.h): publisher domains, the NOTES.md
// record of secondary sources, and each warning on small maps.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>

#include "importers/source_check.h"
#include "test_util.h"

using namespace govmap;

namespace {

std::vector<Diagnostic> check_one(const std::string& dir) {
  return check_sources(read_maps_for_check({dir}));
}

std::string fixture(const char* name) {
  return std::string(GOVMAP_SOURCE_DIR) + "/tests/data/check/" + name;
}

// "line:column: message" of each warning, for comparing whole lists.
std::vector<std::string> brief(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) {
    std::string file = d.file.substr(d.file.rfind('/') + 1);
    out.push_back(file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column));
  }
  return out;
}

}  // namespace

TEST_CASE("publisher domains: a host matches its domain and every host under it, nothing else") {
  struct Case {
    const char* url;
    const char* domain;  // nullptr: on no list
  };
  const Case cases[] = {
      {"https://www.legislation.gov.uk/ukpga/2012/7", "gov.uk"},
      {"http://democracy.sheffield.gov.uk/mgAi.aspx?ID=1", "gov.uk"},
      {"https://gov.uk/government/publications/x", "gov.uk"},
      {"https://notgov.uk/", nullptr},
      {"https://gov.uk.example.com/", nullptr},
      {"https://www.england.nhs.uk/", "nhs.uk"},
      {"HTTPS://EN.WIKIPEDIA.ORG/wiki/X", "wikipedia.org"},
      {"https://user@hansard.parliament.uk:443/Lords", "parliament.uk"},
      {"https://docslib.org/doc/1", "docslib.org"},
      {"https://doncaster.moderngov.co.uk/ieListDocuments.aspx", "moderngov.co.uk"},
      {"https://example.com/", nullptr},
  };
  for (const Case& c : cases) {
    CAPTURE(c.url);
    const PublisherDomain* d = publisher_domain_of(c.url);
    if (!c.domain) {
      CHECK(d == nullptr);
    } else {
      REQUIRE(d != nullptr);
      CHECK(std::string(d->domain) == c.domain);
    }
  }
  CHECK(publisher_domain_of("https://docslib.org/x")->standing == Standing::kCopy);
  CHECK(publisher_domain_of("https://www.kingsfund.org.uk/x")->standing == Standing::kSecondary);
  CHECK(publisher_domain_of("https://www.cqc.org.uk/x")->standing == Standing::kPrimary);
}

TEST_CASE("docs/map-format.md lists exactly the publisher domains the check uses") {
  std::ifstream in(std::string(GOVMAP_SOURCE_DIR) + "/docs/map-format.md");
  REQUIRE(in);
  std::regex row(R"(^\| `([a-z0-9.-]+)` \| (primary|secondary|copy) \| (.*) \|$)");
  std::vector<std::string> documented, used;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, row)) documented.push_back(m[1].str() + " " + m[2].str());
  }
  const char* names[] = {"primary", "secondary", "copy"};
  for (const PublisherDomain& d : publisher_domains())
    used.push_back(std::string(d.domain) + " " + names[static_cast<int>(d.standing)]);
  CHECK(documented == used);
}

TEST_CASE("NOTES.md: the source ids under a 'Secondary sources' heading") {
  std::string notes =
      "# x: notes\n"
      "\n"
      "Modelling choices\n"
      "- `not-this` is outside the section\n"
      "## Secondary sources (kept with a caveat)\n"
      "- `S1` The King's Fund\n"
      "  a continuation line with `S9` in it\n"
      "- `S2`, `S3` two at once, and not `S7` after other words\n"
      "-no-space `S4`\n"
      "\r\n"
      "Left out\n"
      "- `S5` outside again\n"
      "Secondary sources\n"
      "- `S6` a second section\n";
  CHECK(recorded_secondary_sources(notes) == std::set<std::string>{"S1", "S2", "S3", "S6"});
  CHECK(recorded_secondary_sources("").empty());
}

TEST_CASE("check: one warning of each kind, on its row and column") {
  std::vector<Diagnostic> ws = check_one(fixture("doubtful-sources"));
  CHECK(brief(ws) == std::vector<std::string>{
                         "sources.csv:3:74",        // wiki: no date
                         "sources.csv:4:63",        // copy: a mirror, not recorded
                         "sources.csv:5:47",        // blog: host on no list
                         "organisations.csv:2:85",  // RZZ 2005: only Wikipedia
                         "organisations.csv:4:9",   // RZZ-cog: the trust's later name
                         "relationships.csv:3:75",  // appointed_by: only a copy and a blog
                     });
  for (const Diagnostic& d : ws) CHECK(d.severity == Diagnostic::Severity::kWarning);
  REQUIRE(ws.size() == 6);
  CHECK(ws[0].message.find("source 'wiki' has no date") == 0);
  CHECK(ws[1].message.find("'copy' is a copy on docslib.org") != std::string::npos);
  CHECK(ws[2].message.find("'blog.example.com' is not on the list") != std::string::npos);
  CHECK(ws[3].message.find("'RZZ' from 2005-01-01 rests only on secondary sources: wiki "
                           "(en.wikipedia.org, secondary)") == 0);
  CHECK(ws[4].message.find("'RZZ-cog' (part_of 'RZZ') is named after 'Example Teaching Hospitals "
                           "NHS Foundation Trust', a name 'RZZ' had only from 2017-01-01; on "
                           "2005-01-01 'RZZ' was 'Example Hospitals NHS Foundation Trust'") == 0);
  CHECK(ws[5].message.find("RZZ appointed_by RZZ-cog rests only on secondary sources: blog "
                           "(blog.example.com, unlisted), copy (docslib.org, copy)") == 0);
  std::string text = ws[0].format();
  CHECK(text.find("/sources.csv:3:74: warning: source 'wiki' has no date") != std::string::npos);
}

TEST_CASE("check: recorded secondary sources, dated sources and following names are quiet") {
  CHECK(check_one(fixture("recorded-secondary")).empty());
}

TEST_CASE("check: a fact with one primary source among secondary ones is not warned about") {
  test::TempDir dir;
  std::string map = test::write_map(
      dir, "mixed",
      "id,title,publisher,url,date\n"
      "act,Act,legislation.gov.uk,https://www.legislation.gov.uk/ukpga/2012/7,2012-03-27\n"
      "news,News,HSJ,https://www.hsj.co.uk/x,2017-06-19\n",
      "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
      "a,Body A,other,,2017-01-01,,,news;act\n"
      "b,Body B,other,,2017-01-01,,,news\n",
      "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n");
  std::vector<Diagnostic> ws = check_one(map);
  REQUIRE(ws.size() == 1);
  CHECK(ws[0].line == 3);
  CHECK(ws[0].message.find("'b' from 2017-01-01 rests only on secondary sources: news") == 0);
}

TEST_CASE("check: a name with a trailing parenthesis is compared without it") {
  test::TempDir dir;
  std::string map = test::write_map(
      dir, "paren",
      "id,title,publisher,url,date\n"
      "act,Act,legislation.gov.uk,https://www.legislation.gov.uk/ukpga/2012/7,2012-03-27\n",
      "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
      "X24,NHS Commissioning Board,nhs_england,,2012-10-01,2013-03-31,,act\n"
      "X24,NHS England (operating name of the NHS Commissioning Board),nhs_england,,"
      "2013-04-01,2022-06-30,,act\n"
      "X24,NHS England,nhs_england,,2022-07-01,,,act\n"
      "Y56,NHS England London region,nhse_region,,2013-04-01,,,act\n"
      "Y99,NHS England Far North region,nhse_region,,2012-10-01,,,act\n",
      "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n"
      "Y56,X24,part_of,shadow,2013-04-01,,,act,\n"
      "Y99,X24,part_of,shadow,2012-10-01,,,act,\n");
  std::vector<Diagnostic> ws = check_one(map);
  // Y56 was only ever part of "NHS England"; Y99 carried the name before it was the Board's.
  REQUIRE(ws.size() == 1);
  CHECK(ws[0].message.find("'Y99' (part_of 'X24') is named after 'NHS England'") == 0);
}

TEST_CASE("check: a folder of maps is every map folder inside it, in name order") {
  std::vector<std::string> dirs = expand_map_paths({fixture("")});
  CHECK(dirs.size() == 2);
  CHECK(dirs[0].find("doubtful-sources") != std::string::npos);
  CHECK(dirs[1].find("recorded-secondary") != std::string::npos);
  CHECK_THROWS_AS(expand_map_paths({std::string(GOVMAP_SOURCE_DIR) + "/docs"}), Error);
}
