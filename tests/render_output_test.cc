// Atomic output files.
#include <doctest/doctest.h>

#include <dirent.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "core/error.h"
#include "render/output_file.h"
#include "render_test_support.h"

using namespace govmap;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  closedir(d);
  return out;
}

}  // namespace

TEST_CASE("write_file_atomically writes, replaces and leaves no temporary file") {
  std::string dir = test::temp_dir();
  std::string path = dir + "/out.svg";
  write_file_atomically(path, "first");
  CHECK(slurp(path) == "first");
  write_file_atomically(path, std::string("second\0bytes", 12));
  CHECK(slurp(path) == std::string("second\0bytes", 12));
  CHECK(entries(dir) == std::vector<std::string>{"out.svg"});
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  mode_t mask = umask(0);
  umask(mask);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));  // not mkstemp's 0600
}

TEST_CASE("write_file_atomically reports a folder that does not exist") {
  CHECK_THROWS_AS(write_file_atomically("/nonexistent-govmap-dir/out.svg", "x"), Error);
  try {
    write_file_atomically("/nonexistent-govmap-dir/out.svg", "x");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kIo);
    CHECK(std::string(e.what()).find("/nonexistent-govmap-dir/out.svg") != std::string::npos);
  }
}
