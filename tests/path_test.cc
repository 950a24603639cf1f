// core/path: the last component and the folder of a path, by its text.
#include <doctest/doctest.h>

#include <vector>

#include "core/error.h"
#include "core/path.h"
#include "test_util.h"

namespace govmap {
namespace {

TEST_CASE("base_name and parent_dir ignore trailing slashes and need no file system") {
  struct Case {
    const char* path;
    const char* base;
    const char* parent;
  };
  for (const Case& c : std::vector<Case>{
           {"maps/south-yorkshire-bassetlaw", "south-yorkshire-bassetlaw", "maps"},
           {"maps/south-yorkshire-bassetlaw/", "south-yorkshire-bassetlaw", "maps"},
           {"maps/frimley//", "frimley", "maps"},
           {"/work/data/etr.csv", "etr.csv", "/work/data"},
           {"etr.csv", "etr.csv", "."},
           {"/etr.csv", "etr.csv", "/"},
           {"/", "/", "/"},
           {"./maps", "maps", "."},
           {"a/b/c", "c", "a/b"},
       }) {
    CAPTURE(c.path);
    CHECK(base_name(c.path) == c.base);
    CHECK(parent_dir(c.path) == c.parent);
  }
}

TEST_CASE("folder_entries lists names sorted, without . and .., and fails on a missing folder") {
  test::TempDir dir;
  test::write_text(dir.file("b.csv"), "");
  test::write_text(dir.file("a/x.csv"), "");
  test::write_text(dir.file("C.toml"), "");
  CHECK(folder_entries(dir.path()) == std::vector<std::string>{"C.toml", "a", "b.csv"});
  CHECK_THROWS_AS(folder_entries(dir.file("missing")), Error);
}

}  // namespace
}  // namespace govmap
