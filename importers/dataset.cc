#include "importers/dataset.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <string_view>
#include <tuple>

#include "core/store.h"

namespace govmap {
namespace {

template <typename K, typename V>
void count(const std::map<K, V>& before, const std::map<K, V>& after, ChangeCounts& c) {
  for (const auto& [k, v] : after) {
    auto it = before.find(k);
    if (it == before.end())
      ++c.added;
    else if (!(it->second == v))
      ++c.changed;
  }
  for (const auto& [k, v] : before)
    if (!after.count(k)) ++c.removed;
}

// Closed: in both, open-ended before and ending after (the texts below start
// with valid_to, empty when open).
template <typename K>
void count_closed(const std::map<K, std::string>& before, const std::map<K, std::string>& after,
                  ChangeCounts& c) {
  for (const auto& [k, v] : after) {
    auto it = before.find(k);
    if (it != before.end() && it->second.rfind("\x1f", 0) == 0 && v.rfind("\x1f", 0) != 0)
      ++c.closed;
  }
}

std::string lines_text(const SourceLines& lines) {
  std::string out;
  for (const auto& [source, line] : lines) out += source + ":" + std::to_string(line) + ";";
  return out;
}

std::string period_text(const OrgPeriod& p) {
  return (p.valid.to ? p.valid.to->str() : "") + "\x1f" + p.valid.str() + "\x1f" + p.name + "\x1f" +
         name_of(p.kind) + "\x1f" + p.tier + "\x1f" + join(p.sources, ";") + "\x1f" +
         name_of(p.country) + "\x1f" + (p.placeholder ? "placeholder" : "") + "\x1f" +
         lines_text(p.source_lines);
}

std::string rel_text(const Relationship& r) {
  return (r.valid.to ? r.valid.to->str() : "") + "\x1f" + r.cited().legal_basis + "\x1f" +
         r.cited().note + "\x1f" + join(r.cited().sources, ";") + "\x1f" +
         (r.share ? std::to_string(*r.share) : "") + "\x1f" + lines_text(r.cited().source_lines);
}

std::string source_text(const Source& s) {
  return s.title + "\x1f" + s.publisher + "\x1f" + s.url + "\x1f" + s.date;
}

// The first 8 bytes of s as a big-endian number, zero-padded: when two
// prefixes differ they order as the strings do (bytes compare unsigned).
uint64_t prefix8(const std::string& s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i)
    v = v << 8 | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  return v;
}

// The relationships in their key order (operator<), as pointers. Sorting
// 500,000 rows by operator< alone chases a pointer into a row and compares
// strings at every step; here the ends' first bytes sit beside the pointer,
// which decides most comparisons without touching the row.
std::vector<const Relationship*> relationship_order(const std::vector<Relationship>& rows) {
  struct Keyed {
    uint64_t from, to;
    const Relationship* r;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(rows.size());
  for (const Relationship& r : rows) keyed.push_back({prefix8(r.from), prefix8(r.to), &r});
  auto less = [](const Keyed& a, const Keyed& b) {
    if (a.from != b.from) return a.from < b.from;
    if (int c = a.r->from.compare(b.r->from)) return c < 0;
    if (a.to != b.to) return a.to < b.to;
    return *a.r < *b.r;
  };
  // Stable, as before: rows of equal keys keep their order.
  std::stable_sort(keyed.begin(), keyed.end(), less);
  std::vector<const Relationship*> out;
  out.reserve(rows.size());
  for (const Keyed& k : keyed) out.push_back(k.r);
  return out;
}

bool same_key(const Relationship& a, const Relationship& b) {
  return a.valid.from == b.valid.from && a.kind == b.kind && a.layer == b.layer &&
         a.from == b.from && a.to == b.to;
}

}  // namespace

bool DatasetDiff::empty() const {
  for (const ChangeCounts* c : {&organisations, &periods, &identifiers, &relationships, &sources})
    if (c->added || c->changed || c->removed) return false;
  return true;
}

DatasetContent load_dataset(const Store& store, const std::string& dataset) {
  DatasetContent c;
  c.dataset = dataset;
  for (const Source& s : store.sources())
    if (s.dataset == dataset) c.sources.push_back(s);
  c.periods = store.dataset_periods(dataset);
  for (const auto& [id, p] : c.periods)
    if (c.organisations.empty() || c.organisations.back() != id) c.organisations.push_back(id);
  c.identifiers = store.identifiers_of(dataset);
  c.relationships = store.dataset_relationships(dataset);
  return c;
}

DatasetDiff diff_datasets(const DatasetContent& before, const DatasetContent& after) {
  return diff_datasets(before, after, nullptr);
}

namespace {

// Keeps the keys of a before/after pair whose row cites the source (after's
// row when there is one, else before's).
void restrict_to(std::map<std::string, std::string>& before,
                 std::map<std::string, std::string>& after, const std::set<std::string>& keep) {
  for (auto* m : {&before, &after})
    for (auto it = m->begin(); it != m->end();)
      it = keep.count(it->first) ? std::next(it) : m->erase(it);
}

}  // namespace

namespace {

// How many distinct keys the rows give: each is one row of the diff.
// The keys are views (or pairs of views and days) of the rows: no text is
// built per row.
template <typename Rows, typename Key>
int distinct(const Rows& rows, Key key) {
  std::vector<decltype(key(*rows.begin()))> keys;
  keys.reserve(rows.size());
  for (const auto& row : rows) keys.push_back(key(row));
  std::sort(keys.begin(), keys.end());
  return static_cast<int>(std::unique(keys.begin(), keys.end()) - keys.begin());
}

}  // namespace

DatasetDiff diff_datasets(const DatasetContent& before, const DatasetContent& after,
                          const std::function<bool(const std::vector<std::string>&)>& counted) {
  DatasetDiff d;
  if (!counted && before.organisations.empty() && before.periods.empty() &&
      before.identifiers.empty() && before.relationships.empty() && before.sources.empty()) {
    // A dataset imported for the first time: every row is added, and only
    // the keys are needed (the texts compared below would all be new).
    d.organisations.added =
        distinct(after.organisations, [](const std::string& id) { return std::string_view(id); });
    d.periods.added = distinct(after.periods, [](const std::pair<std::string, OrgPeriod>& p) {
      return std::make_pair(std::string_view(p.first), p.second.valid.from.days());
    });
    // Pairs for "scheme:value": a scheme holds no ':', so the two agree.
    d.identifiers.added =
        distinct(after.identifiers, [](const std::pair<std::string, Identifier>& i) {
          return std::make_pair(std::string_view(i.second.scheme),
                                std::string_view(i.second.value));
        });
    // Counted in key order, without building each row's key text.
    std::vector<const Relationship*> order = relationship_order(after.relationships);
    for (size_t i = 0; i < order.size(); ++i)
      if (i == 0 || !same_key(*order[i - 1], *order[i])) ++d.relationships.added;
    d.sources.added =
        distinct(after.sources, [](const Source& s) { return std::string_view(s.id); });
    return d;
  }
  auto orgs = [](const DatasetContent& c) {
    std::map<std::string, int> m;
    for (const std::string& id : c.organisations) m[id] = 0;
    return m;
  };
  auto periods = [](const DatasetContent& c) {
    std::map<std::string, std::string> m;
    for (const auto& [id, p] : c.periods) m[id + "\x1f" + p.valid.from.str()] = period_text(p);
    return m;
  };
  auto idents = [](const DatasetContent& c) {
    std::map<std::string, std::string> m;
    for (const auto& [id, i] : c.identifiers) m[i.scheme + ":" + i.value] = id;
    return m;
  };
  auto rels = [](const DatasetContent& c) {
    std::map<std::string, std::string> m;
    for (const Relationship& r : c.relationships) m[r.key()] = rel_text(r);
    return m;
  };
  auto sources = [](const DatasetContent& c) {
    std::map<std::string, std::string> m;
    for (const Source& s : c.sources) m[s.id] = source_text(s);
    return m;
  };
  auto ob = orgs(before), oa = orgs(after);
  auto pb = periods(before), pa = periods(after);
  auto ib = idents(before), ia = idents(after);
  auto rb = rels(before), ra = rels(after);
  auto sb = sources(before), sa = sources(after);
  if (counted) {
    // After's row decides, before's for a removed row.
    std::set<std::string> periods_kept, rels_kept, bodies;
    for (const DatasetContent* c : {&after, &before}) {
      for (const auto& [id, p] : c->periods) {
        std::string key = id + "\x1f" + p.valid.from.str();
        bool in_after = c == &after || !pa.count(key);
        if (in_after && counted(p.sources)) {
          periods_kept.insert(key);
          bodies.insert(id);
        }
      }
      for (const Relationship& r : c->relationships)
        if ((c == &after || !ra.count(r.key())) && counted(r.cited().sources))
          rels_kept.insert(r.key());
    }
    restrict_to(pb, pa, periods_kept);
    restrict_to(rb, ra, rels_kept);
    for (auto* m : {&ob, &oa})
      for (auto it = m->begin(); it != m->end();)
        it = bodies.count(it->first) ? std::next(it) : m->erase(it);
    for (auto* m : {&ib, &ia})
      for (auto it = m->begin(); it != m->end();)
        it = bodies.count(it->second) ? std::next(it) : m->erase(it);
    std::set<std::string> sources_kept;
    for (const auto* m : {&sb, &sa})
      for (const auto& [id, text] : *m)
        if (counted({id})) sources_kept.insert(id);
    restrict_to(sb, sa, sources_kept);
  }
  count(ob, oa, d.organisations);
  count(pb, pa, d.periods);
  count_closed(pb, pa, d.periods);
  count(ib, ia, d.identifiers);
  count(rb, ra, d.relationships);
  count_closed(rb, ra, d.relationships);
  count(sb, sa, d.sources);
  return d;
}

namespace {

// Pointers to rows in the order less gives (stable: rows with equal keys keep
// their order, so where the first of them wins, as for identifiers, the same
// one does).
template <typename T, typename Less>
std::vector<const T*> in_order(const std::vector<T>& rows, Less less) {
  std::vector<const T*> out;
  out.reserve(rows.size());
  for (const T& r : rows) out.push_back(&r);
  auto by = [&less](const T* a, const T* b) { return less(*a, *b); };
  if (!std::is_sorted(out.begin(), out.end(), by)) std::stable_sort(out.begin(), out.end(), by);
  return out;
}

// Each table's rows are written in the order of its key: SQLite then appends
// to each key's B-tree instead of inserting at random places (row ids are not
// part of any answer; every read orders its rows). Whole-map reads of the
// relationships, which scan in row id order, then come out already sorted.
void write_rows(Store& store, const DatasetContent& c) {
  for (const Source& s : c.sources) store.add_source(s);
  for (const std::string* id : in_order(c.organisations, std::less<std::string>()))
    store.add_organisation(*id);
  auto period_key = [](const std::pair<std::string, OrgPeriod>& a,
                       const std::pair<std::string, OrgPeriod>& b) {
    return a.first != b.first ? a.first < b.first : a.second.valid.from < b.second.valid.from;
  };
  for (const auto* p : in_order(c.periods, period_key)) store.add_period(p->first, p->second);
  // (scheme, value): the primary key within one dataset.
  auto identifier_key = [](const std::pair<std::string, Identifier>& a,
                           const std::pair<std::string, Identifier>& b) {
    return a.second < b.second;
  };
  for (const auto* i : in_order(c.identifiers, identifier_key))
    store.add_identifier(i->first, i->second, c.dataset);
  for (const Relationship* r : relationship_order(c.relationships)) store.add_relationship(*r);
}

size_t row_count(const DatasetContent& c) {
  return c.sources.size() + c.organisations.size() + c.periods.size() + c.identifiers.size() +
         c.relationships.size();
}

}  // namespace

void apply_dataset(Store& store, const DatasetContent& c) {
  apply_datasets(store, {&c});
}

void apply_datasets(Store& store, const std::vector<const DatasetContent*>& contents) {
  // Every dataset is removed before any is written: the rows of all of them
  // are then written with the indexes dropped, if that pays.
  size_t rows = 0;
  for (const DatasetContent* c : contents) {
    store.delete_dataset(c->dataset);
    rows += row_count(*c);
  }
  std::vector<std::string> indexes;
  if (rows > kBulkRows) indexes = store.drop_indexes();
  for (const DatasetContent* c : contents) write_rows(store, *c);
  store.create_indexes(indexes);
}

std::map<std::string, Date> carry_snapshot_sources(const DatasetContent& before,
                                                   const std::string& replaced_id,
                                                   DatasetContent& out) {
  std::map<std::string, Date> snapshot_dates;
  for (const Source& s : before.sources) {
    if (s.id == replaced_id) continue;
    out.sources.push_back(s);
    if (auto d = Date::parse(s.date)) snapshot_dates[s.id] = *d;
  }
  return snapshot_dates;
}

}  // namespace govmap
