// The national picture from the real ODS and ONS files: a region's area holds
// its own systems and their commissioners, never its sibling regions.
#include <doctest/doctest.h>

#include "cli/diagram_input.h"
#include "test_util.h"

using namespace govmap;

TEST_CASE("shared data: North East and Yorkshire on 2023-04-01: its four ICBs, no other region") {
  if (!test::shared_data_available()) {
    MESSAGE(
        "SKIPPED: ../shared/data is not beside this checkout; the national picture is not tested");
    return;
  }
  const Store& store = test::shared_db().db->store();
  DiagramRequest request{"Y63", "", "", "", Weights()};
  std::string dot = diagram_dot(store, request, *Date::parse("2023-04-01"), std::nullopt, false);
  // Humber and North Yorkshire, North East and North Cumbria, South Yorkshire,
  // West Yorkshire (ODS codes of the ICBs).
  for (const char* icb : {"QF7", "QHM", "QOQ", "QWO"}) {
    CAPTURE(icb);
    CHECK(dot.find(std::string("id=\"b-") + icb + "\"") != std::string::npos);
  }
  for (const char* other : {"Y56", "Y58", "Y59", "Y60", "Y61", "Y62"}) {
    CAPTURE(other);
    CHECK(dot.find(std::string("id=\"b-") + other + "\"") == std::string::npos);
  }
  // An ICB of another region stays out too (NHS Greater Manchester, North West).
  CHECK(dot.find("id=\"b-QOP\"") == std::string::npos);
}
