#include "core/cited_rows.h"

#include <algorithm>

#include "core/kinds.h"
#include "core/store.h"

namespace govmap {
namespace {

void add_unique(std::vector<std::string>& out, std::vector<std::string> more) {
  for (std::string& row : more)
    if (std::find(out.begin(), out.end(), row) == out.end()) out.push_back(std::move(row));
}

}  // namespace

CitedRows::CitedRows(const Store& store) {
  for (const auto& [sha, path] : store.input_paths()) {
    size_t slash = path.find_last_of('/');
    files_[sha.substr(0, 12)] = slash == std::string::npos ? path : path.substr(slash + 1);
  }
}

std::string CitedRows::of(const OrgPeriod& p) const {
  return join(rows(p.sources, p.source_lines, p.dataset, "organisations.csv"), ";");
}

std::string CitedRows::of(const Relationship& r) const {
  return join(rows(r.cited().sources, r.cited().source_lines, r.dataset, "relationships.csv"), ";");
}

std::string CitedRows::of(const Organisation& o) const {
  std::vector<std::string> out;
  for (const OrgPeriod& p : o.periods)
    add_unique(out, rows(p.sources, p.source_lines, p.dataset, "organisations.csv"));
  return join(out, ";");
}

std::vector<std::string> CitedRows::rows(const std::vector<std::string>& sources,
                                         const SourceLines& lines, const std::string& dataset,
                                         const char* map_file) const {
  std::vector<std::string> out;
  for (const std::string& s : sources) {
    auto line = lines.find(s);
    if (line == lines.end()) continue;
    // Data sources are named <format>-<first 12 hex digits of the file's sha256>.
    size_t dash = s.rfind('-');
    auto file = dash == std::string::npos ? files_.end() : files_.find(s.substr(dash + 1));
    std::string name;
    if (file != files_.end())
      name = file->second;
    else if (dataset.compare(0, 4, "map:") == 0)
      name = dataset.substr(4) + "/" + map_file;
    else
      continue;
    add_unique(out, {name + ":" + std::to_string(line->second)});
  }
  return out;
}

}  // namespace govmap
