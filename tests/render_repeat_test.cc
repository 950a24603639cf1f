// Drawing the same diagram twice in one process must give the same bytes:
// `govmap build` draws many diagrams per run. cgraph's default object ids are
// heap addresses, which made the second drawing of this very diagram differ
// (render/graphviz.cc reads DOT with an id discipline of its own to fix it).
#include <doctest/doctest.h>

#include "cli/diagram_input.h"
#include "core/store.h"
#include "importers/import.h"
#include "render/graphviz.h"
#include "test_util.h"

using namespace govmap;

TEST_CASE("the same diagram drawn twice in one process is byte-identical") {
  test::TempDir dir;
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  std::string maps = std::string(GOVMAP_SOURCE_DIR) + "/maps/";
  import_paths(store, {maps + "england-national", maps + "south-yorkshire-bassetlaw"}, {});
  DiagramRequest request{"QF7", "", "", "", Weights()};
  std::string side =
      diagram_dot(store, request, *Date::parse("2018-08-08"), Date::parse("2022-07-01"), false);
  std::string single = diagram_dot(store, request, *Date::parse("2018-08-08"), std::nullopt, false);
  std::string first = render_diagram(side, DiagramFormat::kSvg).bytes;
  std::string second = render_diagram(side, DiagramFormat::kSvg).bytes;
  (void)render_diagram(single, DiagramFormat::kSvg);
  std::string third = render_diagram(side, DiagramFormat::kSvg).bytes;
  CHECK(first.size() > 1000);
  CHECK(first == second);
  CHECK(first == third);
}
