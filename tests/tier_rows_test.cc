// Unit tests for render/tier_rows.h: how a tier wraps onto rows.
#include "render/tier_rows.h"

#include <doctest/doctest.h>

namespace govmap {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("tier rows: bodies per row grows as the square root, at least 4") {
  CHECK(bodies_per_row(0) == 4);
  CHECK(bodies_per_row(13) == 4);
  CHECK(bodies_per_row(14) == 5);
  CHECK(bodies_per_row(53) == 8);
  CHECK(bodies_per_row(54) == 9);
  CHECK(bodies_per_row(4000) == 70);
}

TEST_CASE("tier rows: a tier that fits one row stays one row, whatever its edges") {
  CHECK(tier_rows({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}}, 3) == Rows{{"a", "b", "c"}});
  CHECK(tier_rows({}, {}, 4) == Rows{{}});
}

TEST_CASE("tier rows: every edge inside the tier points up a row") {
  // council on top, its committees under it, the CCG they scrutinise under those
  std::vector<std::string> nodes = {"ccg", "council", "hosc", "hwb", "other"};
  std::vector<FlatEdge> edges = {{"hosc", "council"}, {"hwb", "council"}, {"ccg", "hosc"}};
  CHECK(tier_rows(nodes, edges, 2) == Rows{{"council", "other"}, {"hosc", "hwb"}, {"ccg"}});
}

TEST_CASE("tier rows: a wide level is spread evenly over as few rows as hold it") {
  CHECK(tier_rows({"a", "b", "c", "d", "e"}, {}, 4) == Rows{{"a", "b", "c"}, {"d", "e"}});
  CHECK(tier_rows({"a", "b", "c", "d", "e", "f", "g"}, {}, 3) ==
        Rows{{"a", "b", "c"}, {"d", "e", "f"}, {"g"}});
}

TEST_CASE("tier rows: a cycle is cut where the walk closes it; outside edges are ignored") {
  std::vector<FlatEdge> edges = {{"a", "b"}, {"b", "a"}, {"c", "elsewhere"}, {"c", "c"}};
  CHECK(tier_rows({"a", "b", "c"}, edges, 2) == Rows{{"b", "c"}, {"a"}});
}

}  // namespace
}  // namespace govmap
