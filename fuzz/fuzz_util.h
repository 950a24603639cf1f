// Shared by the fuzz targets: a private scratch folder per process.
#ifndef GOVMAP_FUZZ_FUZZ_UTIL_H_
#define GOVMAP_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace govmap::fuzz {

inline const std::string& scratch_dir() {
  static const std::string dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "govmap-fuzz-XXXXXX").string();
    return std::string(::mkdtemp(tmpl.data()));
  }();
  return dir;
}

inline void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Splits data into n parts at the byte 0x1e (record separator), so one fuzz
// input can stand for several files.
inline std::vector<std::string> split_parts(const uint8_t* data, size_t size, size_t n) {
  std::vector<std::string> parts(n);
  size_t part = 0;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0x1e && part + 1 < n)
      ++part;
    else
      parts[part].push_back(static_cast<char>(data[i]));
  }
  return parts;
}

// Writes the three files of a curated map, split from one input, into
// scratch_dir()/name and returns the folder.
inline std::string write_map_from(const uint8_t* data, size_t size, const std::string& name) {
  auto parts = split_parts(data, size, 3);
  std::string dir = scratch_dir() + "/" + name;
  std::filesystem::create_directories(dir);
  write(dir + "/sources.csv", parts[0]);
  write(dir + "/organisations.csv", parts[1]);
  write(dir + "/relationships.csv", parts[2]);
  return dir;
}

}  // namespace govmap::fuzz

#endif  // GOVMAP_FUZZ_FUZZ_UTIL_H_
