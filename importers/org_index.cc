#include "importers/org_index.h"

#include <algorithm>

#include "core/precedence.h"
#include "core/store.h"

namespace govmap {

OrgIndex::OrgIndex(const Store& store) {
  for (const auto& [id, p] : store.all_periods()) {
    exists_[id].insert(p.dataset);
    if (!p.placeholder) defined_[id].insert(p.dataset);
  }
  for (const Store::IdentifierRow& row : store.identifier_rows())
    identifiers_[row.identifier.scheme + ":" + row.identifier.value][row.dataset] = row.org_id;
}

void OrgIndex::update(const DatasetContent& c) {
  for (auto* m : {&defined_, &exists_})
    for (auto& [id, datasets] : *m) datasets.erase(c.dataset);
  for (auto& [key, holders] : identifiers_) holders.erase(c.dataset);
  for (const auto& [id, p] : c.periods) {
    exists_[id].insert(c.dataset);
    if (!p.placeholder) defined_[id].insert(c.dataset);
  }
  for (const auto& [id, i] : c.identifiers) identifiers_[i.scheme + ":" + i.value][c.dataset] = id;
}

std::optional<std::string> OrgIndex::find_ods(const std::string& code) const {
  auto it = identifiers_.find("ods:" + code);
  if (it != identifiers_.end())
    for (const auto& [dataset, id] : it->second)
      if (dataset_rank(dataset) == 0) return id;
  auto e = exists_.find(code);
  if (e != exists_.end() && !e->second.empty()) return code;
  if (it != identifiers_.end() && !it->second.empty()) return it->second.begin()->second;
  return std::nullopt;
}

std::optional<std::string> OrgIndex::find_ons(const std::string& code) const {
  auto it = identifiers_.find("ons:" + code);
  if (it != identifiers_.end())
    for (const auto& [dataset, id] : it->second)
      if (dataset_rank(dataset) == 0) return id;
  if (it != identifiers_.end() && !it->second.empty()) return it->second.begin()->second;
  auto e = exists_.find(code);
  if (e != exists_.end() && !e->second.empty()) return code;
  return std::nullopt;
}

bool OrgIndex::defined_outside(const std::string& id, const std::string& dataset) const {
  auto it = defined_.find(id);
  if (it == defined_.end()) return false;
  for (const std::string& d : it->second)
    if (d != dataset) return true;
  return false;
}

std::optional<std::string> OrgIndex::identifier_conflict(const Identifier& i, const std::string& id,
                                                         const std::string& dataset) const {
  auto it = identifiers_.find(i.scheme + ":" + i.value);
  if (it == identifiers_.end()) return std::nullopt;
  for (const auto& [d, holder] : it->second)
    if (d != dataset && holder != id) return holder;
  return std::nullopt;
}

void Warnings::add_list(const std::vector<std::string>& items, size_t limit) {
  for (size_t i = 0; i < items.size() && i < limit; ++i) add(items[i]);
  if (items.size() > limit)
    add("... and " + std::to_string(items.size() - limit) + " more like the above");
}

Date first_april(int year) {
  return Date::from_ymd(year, 4, 1);
}

Date icb_day() {
  return Date::from_ymd(2022, 7, 1);
}

OrgKind base_kind(OrgKind kind) {
  if (kind == OrgKind::kSubIcbLocation) return OrgKind::kCcg;
  if (kind == OrgKind::kIcb) return OrgKind::kStp;
  return kind;
}

void append_periods(DatasetContent& content, const std::string& id, const Interval& valid,
                    const std::string& name, OrgKind base, const std::string& tier,
                    const std::vector<std::string>& sources, const SourceLines& lines) {
  auto add = [&](Interval piece, OrgKind kind) {
    if (piece.to && *piece.to < piece.from) return;
    OrgPeriod p;
    p.valid = piece;
    p.name = name;
    p.kind = kind;
    p.tier = tier;
    p.sources = sources;
    normalise_sources(p.sources);
    p.source_lines = lines_for(p.sources, lines);
    p.dataset = content.dataset;
    content.periods.emplace_back(id, std::move(p));
  };
  if (base != OrgKind::kCcg && base != OrgKind::kStp) {
    add(valid, base);
    return;
  }
  OrgKind later = base == OrgKind::kCcg ? OrgKind::kSubIcbLocation : OrgKind::kIcb;
  Date day = icb_day();
  if (valid.from < day)
    add({valid.from, valid.to && *valid.to < day ? valid.to : day.prev_day()}, base);
  if (!valid.to || *valid.to >= day) add({std::max(valid.from, day), valid.to}, later);
}

SourceLines lines_for(const std::vector<std::string>& sources, const SourceLines& lines) {
  SourceLines out;
  for (const std::string& s : sources)
    if (auto it = lines.find(s); it != lines.end()) out.emplace(s, it->second);
  return out;
}

void normalise_sources(std::vector<std::string>& sources) {
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
}

Relationship statutory_part_of(const std::string& from, const std::string& to,
                               const Interval& valid, std::vector<std::string> sources,
                               const SourceLines& lines, const std::string& dataset) {
  Relationship r;
  r.from = from;
  r.to = to;
  r.kind = RelKind::kPartOf;
  r.layer = Layer::kStatutory;
  r.valid = valid;
  Citation& c = r.cite();
  c.sources = std::move(sources);
  normalise_sources(c.sources);
  c.source_lines = lines_for(c.sources, lines);
  r.dataset = dataset;
  return r;
}

}  // namespace govmap
