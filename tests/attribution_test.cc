// The licence notices of public data, and outputs that carry them.
#include <doctest/doctest.h>

#include "cli/diagram_input.h"
#include "core/attribution.h"
#include "test_util.h"

using namespace govmap;

namespace {

Source source(const char* dataset) {
  Source s;
  s.id = dataset;
  s.dataset = dataset;
  return s;
}

}  // namespace

TEST_CASE("notices name the publishers whose data is among the sources") {
  struct Case {
    std::vector<Source> sources;
    size_t notices;
    const char* first;
  };
  std::vector<Case> cases = {
      {{}, 0, ""},
      {{source("map:syb")}, 0, ""},
      {{source("map:syb"), source("ods:trusts")}, 1, "NHS England Organisation Data Service"},
      {{source("ons:lookups")}, 1, "ONS Open Geography Portal: Source: Office for National"},
      {{source("ons:lookups"), source("ods:successions")}, 2, "NHS England"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> n = data_notices(c.sources);
    CHECK(n.size() == c.notices);
    if (!n.empty()) CHECK(n[0].rfind(c.first, 0) == 0);
  }
  CHECK(data_notice_line({source("ods:trusts"), source("ons:lookups")})
            .find("Open Government Licence v3.0. ONS") != std::string::npos);
}

TEST_CASE("a picture drawn on ODS data carries the notice; one of a curated map alone does not") {
  test::TempDir dir;
  std::string map = test::write_map(dir, "m", test::kSources, test::kOrgs, test::kRels);
  DiagramRequest request{"", "", "t", "", Weights()};
  {
    test::TempDb db;
    test::import(db.store(), {map});
    std::string dot =
        diagram_dot(db.store(), request, test::day("2018-08-08"), std::nullopt, false);
    CHECK(dot.find("comment=") == std::string::npos);
  }
  test::TempDb db;
  test::import(db.store(), {map, test::ods_fixture("etr-standard-27-fields.csv")}, "2023-07-01");
  std::string dot = diagram_dot(db.store(), request, test::day("2023-07-01"), std::nullopt, false);
  CHECK(dot.find("comment=\"NHS England Organisation Data Service (ODS): Contains public sector "
                 "information licensed under the Open Government Licence v3.0\"") !=
        std::string::npos);
}
