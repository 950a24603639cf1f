#include "core/path.h"

#include <dirent.h>

#include <algorithm>

#include "core/error.h"

namespace govmap {
namespace {

std::string without_trailing_slashes(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

}  // namespace

std::string base_name(const std::string& path) {
  std::string p = without_trailing_slashes(path);
  size_t slash = p.rfind('/');
  if (slash == std::string::npos || p.size() == 1) return p;
  return p.substr(slash + 1);
}

std::string parent_dir(const std::string& path) {
  std::string p = without_trailing_slashes(path);
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : p.substr(0, slash);
}

std::vector<std::string> folder_entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) throw Error(Error::Kind::kIo, "cannot read folder '" + dir + "'");
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace govmap
