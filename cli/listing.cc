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
                                    r.cited().legal_basis,
                                    join(r.cited().sources, ";"),
                                    r.cited().note};
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
