#include "cli/listing.h"

#include <algorithm>

#include "core/kinds.h"
#include "core/store.h"

namespace govmap {

NameIndex::NameIndex(const Store& store) {
  for (Organisation& o : store.organisations()) orgs_.emplace(o.id, std::move(o));
}

NameIndex::NameIndex(const Store& store, const std::set<std::string>& ids) {
  for (const std::string& id : ids)
    if (auto o = store.organisation(id); o && !o->periods.empty()) orgs_.emplace(id, std::move(*o));
}

std::string NameIndex::name(const std::string& id, Date d) const {
  auto it = orgs_.find(id);
  if (it == orgs_.end() || it->second.periods.empty()) return "";
  const Organisation& o = it->second;
  if (const OrgPeriod* p = o.period_at(d)) return p->name;
  const OrgPeriod* best = &o.periods.front();
  for (const OrgPeriod& p : o.periods)
    if (p.valid.from <= d) best = &p;
  return best->name;
}

CitedRows::CitedRows(const Store& store) {
  for (const auto& [sha, path] : store.input_paths()) {
    size_t slash = path.find_last_of('/');
    // Named by its file name, not the folder it was imported from, so that
    // the output does not depend on the working folder.
    files_[sha.substr(0, 12)] = slash == std::string::npos ? path : path.substr(slash + 1);
  }
}

std::string CitedRows::of(const OrgPeriod& p) const {
  return rows(p.sources, p.source_lines, p.dataset, "organisations.csv");
}

std::string CitedRows::of(const Relationship& r) const {
  return rows(r.sources, r.source_lines, r.dataset, "relationships.csv");
}

std::string CitedRows::rows(const std::vector<std::string>& sources,
                            const std::map<std::string, int>& lines, const std::string& dataset,
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
    std::string row = name + ":" + std::to_string(line->second);
    if (std::find(out.begin(), out.end(), row) == out.end()) out.push_back(row);
  }
  return join(out, ";");
}

Table relationship_table(const std::vector<Relationship>& rels, const NameIndex& names,
                         std::optional<Date> at, bool with_dataset, const CitedRows* rows) {
  std::vector<std::string> columns = {"from",        "from_name", "kind",       "layer",
                                      "to",          "to_name",   "valid_from", "valid_to",
                                      "legal_basis", "sources",   "note"};
  if (with_dataset) columns.push_back("dataset");
  if (rows) columns.push_back("rows");
  Table t(columns);
  for (const Relationship& r : rels) {
    Date when = at ? *at : r.valid.from;
    std::vector<Table::Cell> row = {r.from,
                                    names.name(r.from, when),
                                    name_of(r.kind),
                                    name_of(r.layer),
                                    r.to,
                                    names.name(r.to, when),
                                    r.valid.from.str(),
                                    r.valid.to ? Table::Cell(r.valid.to->str()) : Table::Cell(),
                                    r.legal_basis,
                                    join(r.sources, ";"),
                                    r.note};
    if (with_dataset) row.push_back(r.dataset);
    if (rows) {
      std::string at_rows = rows->of(r);
      row.push_back(at_rows.empty() ? Table::Cell() : Table::Cell(at_rows));
    }
    t.add_row(row);
  }
  return t;
}

Table source_table(const std::vector<Source>& sources) {
  Table t({"id", "title", "publisher", "url", "date"});
  for (const Source& s : sources)
    t.add_row({s.id, s.title, s.publisher, s.url, s.date.empty() ? Table::Cell() : s.date});
  return t;
}

}  // namespace govmap
