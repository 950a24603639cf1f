#include "core/store.h"

#include <sqlite3.h>

#include <algorithm>

#include "core/error.h"
#include "core/precedence.h"
#include "core/schema.h"

namespace govmap {
namespace {

std::optional<std::string> opt_date(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(d->str()) : std::nullopt;
}

// Dates in the database were validated on the way in; a bad one means the file
// was edited by hand, which is worth a clear message rather than a crash.
Date stored_date(std::string_view s, const char* what) {
  if (auto d = Date::parse(s)) return *d;
  throw Error(Error::Kind::kDatabase,
              std::string("database holds a malformed ") + what + " '" + std::string(s) + "'");
}

OrgKind stored_kind(std::string_view s) {
  if (auto k = parse_org_kind(s)) return *k;
  throw Error(Error::Kind::kDatabase,
              "database holds an unknown organisation kind '" + std::string(s) + "'");
}

// One citation as the reads select it: source_id, char(30), line (empty when
// NULL); or the source_id alone. lines null: the line is not kept
// (RelationshipFilter::source_lines).
void add_citation(const std::string& text, std::vector<std::string>& sources, SourceLines* lines) {
  size_t sep = text.find('\x1e');
  std::string id = text.substr(0, sep);
  if (lines && sep != std::string::npos && sep + 1 < text.size())
    (*lines)[id] = static_cast<int>(std::stol(text.substr(sep + 1)));
  sources.push_back(std::move(id));
}

// Citations joined by char(31) (group_concat), sorted by source id.
void split_citations(const std::string& joined, std::vector<std::string>& sources,
                     SourceLines* lines) {
  size_t start = 0;
  while (start <= joined.size() && !joined.empty()) {
    size_t end = joined.find('\x1f', start);
    if (end == std::string::npos) end = joined.size();
    add_citation(joined.substr(start, end - start), sources, lines);
    start = end + 1;
  }
  std::sort(sources.begin(), sources.end());
}

void bind_line(Statement& st, int index, const SourceLines& lines, const std::string& source) {
  auto it = lines.find(source);
  if (it == lines.end())
    st.bind_null(index);
  else
    st.bind(index, int64_t{it->second});
}

}  // namespace

// ---- reads ----

namespace {

// The largest row id of a table, found in O(log n): it bounds the rows a
// whole-table read returns, so the list they go into is allocated once
// instead of regrown by doublings (each moving everything read so far and
// touching fresh memory). Rows deleted since count too: it can only be high.
size_t max_row_id(Database& db, const char* table) {
  auto st = db.prepare(std::string("SELECT coalesce(max(rowid), 0) FROM ") + table);
  st.step();
  return static_cast<size_t>(st.integer(0));
}

const char* const kPeriodColumns =
    "p.org_id, p.valid_from, p.valid_to, p.name, p.kind, coalesce(p.tier, ''), p.dataset, "
    "(SELECT group_concat(source_id || char(30) || coalesce(line, ''), char(31)) "
    "  FROM org_period_source s "
    "  WHERE s.org_id = p.org_id AND s.dataset = p.dataset AND s.valid_from = p.valid_from), "
    "p.country, p.placeholder ";
// The same without the correlated subquery (column 7 is then unused): for
// whole-table reads, whose sources come from one ordered scan merged with the
// rows (SourceCursor), not from one index probe per row.
const char* const kPeriodColumnsNoSources =
    "p.org_id, p.valid_from, p.valid_to, p.name, p.kind, coalesce(p.tier, ''), p.dataset, '', "
    "p.country, p.placeholder ";

OrgPeriod read_period(const Statement& st) {
  OrgPeriod p;
  p.valid.from = stored_date(st.view(1), "valid_from");
  if (!st.is_null(2)) p.valid.to = stored_date(st.view(2), "valid_to");
  p.name = st.text(3);
  p.kind = stored_kind(st.view(4));
  p.tier = st.text(5);
  p.dataset = st.text(6);
  split_citations(st.text(7), p.sources, &p.source_lines);
  auto country = parse_country(st.view(8));
  if (!country)
    throw Error(Error::Kind::kDatabase, "database holds an unknown country '" + st.text(8) + "'");
  p.country = *country;
  p.placeholder = st.integer(9) != 0;
  return p;
}

const char* const kRelationshipColumns =
    "r.from_id, r.to_id, r.kind, r.layer, r.valid_from, r.valid_to, r.legal_basis, "
    "r.note, r.share, r.dataset, "
    "(SELECT group_concat(source_id || char(30) || coalesce(line, ''), char(31)) "
    "  FROM relationship_source s WHERE s.relationship_id = r.id) ";
// Without the subquery; column 10 is the row id the sources are merged on.
const char* const kRelationshipColumnsNoSources =
    "r.from_id, r.to_id, r.kind, r.layer, r.valid_from, r.valid_to, r.legal_basis, "
    "r.note, r.share, r.dataset, r.id ";

// Walks a source table in its primary key's order alongside rows read in the
// same order, so that each row's sources (already sorted by source_id, as
// BINARY collation and std::string compare bytes alike) come from one linear
// scan instead of a correlated subquery per row.
class SourceCursor {
 public:
  // sql selects the key columns, then the citation (source_id, char(30),
  // line), in the key's order.
  SourceCursor(Database& db, const std::string& sql, int key_columns)
      : st_(db.prepare(sql)), row_(static_cast<size_t>(key_columns) + 1) {
    advance();
  }
  // Sources of the row whose key equals key; rows of the scan before it
  // (sources of rows the reader skipped) are passed over.
  void take(const std::vector<std::string_view>& key, std::vector<std::string>& sources,
            SourceLines& lines) {
    while (more_) {
      int c = 0;
      for (size_t i = 0; i < key.size() && c == 0; ++i)
        c = std::string_view(row_[i]).compare(key[i]);
      if (c > 0) break;  // the scan is past key: key has no (more) sources
      if (c == 0) add_citation(row_.back(), sources, &lines);
      advance();
    }
  }

 private:
  void advance() {
    more_ = st_.step();
    if (more_)
      for (size_t i = 0; i < row_.size(); ++i) row_[i] = st_.text(static_cast<int>(i));
  }
  Statement st_;
  std::vector<std::string> row_;  // the scan's current row
  bool more_ = false;
};

// The same walk for relationship_source, keyed by the relationship's row id:
// compared as integers, not as formatted text.
class RelationshipSourceCursor {
 public:
  // lines false: only the source ids are read (RelationshipFilter::source_lines).
  RelationshipSourceCursor(Database& db, bool lines)
      : st_(db.prepare(std::string("SELECT relationship_id, ") +
                       (lines ? "source_id || char(30) || coalesce(line, '')" : "source_id") +
                       " FROM relationship_source ORDER BY relationship_id, source_id")),
        lines_(lines) {
    more_ = st_.step();
  }
  // r's citation is made only when the row has a source.
  void take(int64_t id, Relationship& r) {
    for (; more_; more_ = st_.step()) {
      int64_t at = st_.integer(0);
      if (at > id) break;
      if (at == id) {
        Citation& c = r.cite();
        add_citation(st_.text(1), c.sources, lines_ ? &c.source_lines : nullptr);
      }
    }
  }

 private:
  Statement st_;
  bool lines_;
  bool more_ = false;
};

// Fills r (default-constructed in place by the caller: no move of a whole
// relationship per row).
// with_citations false: legal_basis and note are left empty too; with_lines
// false: the sources' lines are not kept.
void read_relationship(const Statement& st, Relationship& r, bool with_sources,
                       bool with_citations = true, bool with_lines = true) {
  auto kind = parse_rel_kind(st.view(2));
  auto layer = parse_layer(st.view(3));
  if (!kind || !layer)
    throw Error(Error::Kind::kDatabase, "database holds an unknown relationship kind or layer");
  r.from = st.text(0);
  r.to = st.text(1);
  r.kind = *kind;
  r.layer = *layer;
  r.valid.from = stored_date(st.view(4), "valid_from");
  if (!st.is_null(5)) r.valid.to = stored_date(st.view(5), "valid_to");
  // A citation is made only for a row that cites something: most rows of a
  // large map have no legal basis or note (model.h Citation).
  if (with_citations && (!st.view(6).empty() || !st.view(7).empty())) {
    Citation& c = r.cite();
    c.legal_basis = st.text(6);
    c.note = st.text(7);
  }
  if (!st.is_null(8)) r.share = st.real(8);
  r.dataset = st.text(9);
  if (with_sources && !st.view(10).empty()) {
    Citation& c = r.cite();
    split_citations(st.text(10), c.sources, with_lines ? &c.source_lines : nullptr);
  }
}

Relationship read_relationship(const Statement& st, bool with_sources = true) {
  Relationship r;
  read_relationship(st, r, with_sources);
  return r;
}

}  // namespace

std::vector<Organisation> Store::organisations(const std::set<std::string>& excluded,
                                               bool citations) const {
  // Three scans ordered by organisation id, merged against the id-ordered list
  // (SQLite's BINARY collation and std::string compare bytes alike), rather
  // than a map lookup per row. Periods follow the primary key's order, which
  // needs no sort; effective_periods() orders them itself.
  std::vector<Organisation> orgs;
  orgs.reserve(max_row_id(db_, "organisation"));
  auto st = db_.prepare("SELECT id FROM organisation ORDER BY id");
  while (st.step()) orgs.push_back(Organisation{st.text(0), {}, {}});
  auto owner = [&orgs](size_t& i, std::string_view id) -> Organisation* {
    while (i < orgs.size() && orgs[i].id < id) ++i;
    return i < orgs.size() && orgs[i].id == id ? &orgs[i] : nullptr;
  };
  auto ids = db_.prepare(
      "SELECT DISTINCT org_id, scheme, value FROM identifier ORDER BY org_id, scheme, value");
  for (size_t i = 0; ids.step();)
    if (Organisation* o = owner(i, ids.view(0)))
      o->identifiers.push_back({ids.text(1), ids.text(2)});
  auto per = db_.prepare(std::string("SELECT ") + kPeriodColumnsNoSources +
                         "FROM org_period p ORDER BY p.org_id, p.dataset, p.valid_from");
  std::optional<SourceCursor> sources;
  if (citations)
    sources.emplace(db_,
                    "SELECT org_id, dataset, valid_from, "
                    "  source_id || char(30) || coalesce(line, '') FROM org_period_source "
                    "ORDER BY org_id, dataset, valid_from, source_id",
                    3);
  for (size_t i = 0; per.step();) {
    Organisation* o = owner(i, per.view(0));
    if (!o) continue;
    OrgPeriod p = read_period(per);
    if (sources) sources->take({o->id, p.dataset, per.view(1)}, p.sources, p.source_lines);
    if (excluded.count(p.dataset)) continue;
    o->periods.push_back(std::move(p));
  }
  // Bodies left with no period are dropped in place (moved down over), not
  // copied into a second list.
  size_t kept = 0;
  for (size_t i = 0; i < orgs.size(); ++i) {
    if (orgs[i].periods.empty()) continue;
    orgs[i].periods = effective_periods(std::move(orgs[i].periods));
    if (kept != i) orgs[kept] = std::move(orgs[i]);
    ++kept;
  }
  orgs.resize(kept);
  return orgs;
}

namespace {

// ids as a JSON array of strings, for SQLite's json_each(): one bound value
// for a set of any size. Bytes from 0x80 up pass as they are (ids are UTF-8).
std::string json_array(const std::set<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (unsigned char c : id) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        static const char* const kHex = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
    out += '"';
  }
  return out + "]";
}

}  // namespace

std::vector<Organisation> Store::organisations_of(const std::set<std::string>& ids) const {
  const std::string list = json_array(ids);
  std::vector<Organisation> out;
  auto known = db_.query(
      "SELECT id FROM organisation WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id");
  known->bind(1, list);
  while (known->step()) out.push_back(Organisation{known->text(0), {}, {}});
  // Both scans come in id order, as out does (BINARY collation and
  // std::string compare bytes alike): each row goes to the body at the cursor.
  auto ids_st = db_.query(
      "SELECT DISTINCT org_id, scheme, value FROM identifier "
      "WHERE org_id IN (SELECT value FROM json_each(?1)) ORDER BY org_id, scheme, value");
  ids_st->bind(1, list);
  size_t at = 0;
  while (ids_st->step()) {
    while (at < out.size() && out[at].id < ids_st->view(0)) ++at;
    if (at < out.size() && out[at].id == ids_st->view(0))
      out[at].identifiers.push_back({ids_st->text(1), ids_st->text(2)});
  }
  auto per = db_.query(std::string("SELECT ") + kPeriodColumns +
                       "FROM org_period p WHERE p.org_id IN (SELECT value FROM json_each(?1)) "
                       "ORDER BY p.org_id, p.valid_from, p.dataset");
  per->bind(1, list);
  at = 0;
  while (per->step()) {
    while (at < out.size() && out[at].id < per->view(0)) ++at;
    if (at < out.size() && out[at].id == per->view(0)) out[at].periods.push_back(read_period(*per));
  }
  for (Organisation& o : out) o.periods = effective_periods(std::move(o.periods));
  return out;
}

std::optional<Organisation> Store::organisation(const std::string& id) const {
  // One body is a neighbourhood of one: one read of bodies, not two.
  std::vector<Organisation> one = organisations_of({id});
  if (one.empty()) return std::nullopt;
  return std::move(one.front());
}

bool Store::has_organisation(const std::string& id) const {
  auto st = db_.query("SELECT 1 FROM organisation WHERE id = ?1");
  st->bind(1, id);
  return st->step();
}

std::vector<std::string> Store::lookup(const std::string& text) const {
  // Each form by an index (a `scheme || ':' || value = ?` test scans every
  // identifier): the id, an identifier's value, and "scheme:value" split at
  // each ':' the text holds, since a scheme or a value may hold one too.
  std::set<std::string> found;  // sorted as SQLite's BINARY collation sorts
  auto collect = [&](const char* sql, const std::string& a, const std::string* b) {
    auto st = db_.query(sql);
    st->bind(1, a);
    if (b) st->bind(2, *b);
    while (st->step()) found.insert(st->text(0));
  };
  collect("SELECT id FROM organisation WHERE id = ?1", text, nullptr);
  collect("SELECT org_id FROM identifier WHERE value = ?1", text, nullptr);
  for (size_t colon = text.find(':'); colon != std::string::npos;
       colon = text.find(':', colon + 1)) {
    const std::string value = text.substr(colon + 1);
    collect("SELECT org_id FROM identifier WHERE scheme = ?1 AND value = ?2", text.substr(0, colon),
            &value);
  }
  return std::vector<std::string>(found.begin(), found.end());
}

std::vector<Relationship> Store::relationships(const RelationshipFilter& f) const {
  // A listing of one body's links probes the indexes on from_id / to_id and
  // each row's sources; a whole-map listing scans the table in row id order
  // (NOT INDEXED: the date index would turn that scan into a lookup per row)
  // and merges the sources from one scan of relationship_source in the same
  // order. The date filter runs again after combining: a relationship in force
  // at the date can be shadowed there only by another one in force then too.
  const bool whole = !f.from && !f.to;
  std::string sql =
      std::string("SELECT ") +
      (whole || !f.citations ? kRelationshipColumnsNoSources : kRelationshipColumns) +
      (whole ? "FROM relationship r NOT INDEXED WHERE 1" : "FROM relationship r WHERE 1");
  if (f.at) sql += " AND r.valid_from <= ?1 AND (r.valid_to IS NULL OR r.valid_to >= ?1)";
  if (f.from) sql += " AND r.from_id = ?2";
  if (f.to) sql += " AND r.to_id = ?3";
  if (f.layer) sql += " AND r.layer = ?4";
  if (whole) sql += " ORDER BY r.id";
  auto lease = db_.query(sql);  // cached: neighbourhoods read one body's links at a time
  Statement& st = *lease;
  if (f.at) st.bind(1, f.at->str());
  if (f.from) st.bind(2, *f.from);
  if (f.to) st.bind(3, *f.to);
  if (f.layer) st.bind(4, name_of(*f.layer));
  std::optional<RelationshipSourceCursor> sources;
  if (whole && f.citations) sources.emplace(db_, f.source_lines);
  std::vector<Relationship> raw;
  if (whole) raw.reserve(max_row_id(db_, "relationship"));
  while (st.step()) {
    Relationship& r = raw.emplace_back();
    read_relationship(st, r, !whole && f.citations, f.citations, f.source_lines);
    if (sources) sources->take(st.integer(10), r);
    if (!f.kinds.empty() && !f.kinds.count(r.kind)) raw.pop_back();
  }
  // Every row read is in force at f.at; only a relationship cut short by a
  // higher-ranked dataset's can have left it (a pass over every row saved
  // otherwise).
  bool cut = false;
  std::vector<Relationship> out = effective_relationships(std::move(raw), &cut);
  if (f.at && cut)
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Relationship& r) { return !r.valid.contains(*f.at); }),
              out.end());
  return out;
}

std::vector<std::pair<std::string, OrgPeriod>> Store::dataset_periods(
    const std::string& dataset) const {
  auto st = db_.prepare(std::string("SELECT ") + kPeriodColumns +
                        "FROM org_period p WHERE p.dataset = ?1 ORDER BY p.org_id, p.valid_from");
  st.bind(1, dataset);
  std::vector<std::pair<std::string, OrgPeriod>> out;
  while (st.step()) out.emplace_back(st.text(0), read_period(st));
  return out;
}

std::vector<std::pair<std::string, OrgPeriod>> Store::all_periods() const {
  auto st = db_.prepare(std::string("SELECT ") + kPeriodColumns +
                        "FROM org_period p ORDER BY p.org_id, p.valid_from, p.dataset");
  std::vector<std::pair<std::string, OrgPeriod>> out;
  while (st.step()) out.emplace_back(st.text(0), read_period(st));
  return out;
}

std::vector<Relationship> Store::dataset_relationships(const std::string& dataset) const {
  auto st = db_.prepare(std::string("SELECT ") + kRelationshipColumns +
                        "FROM relationship r WHERE r.dataset = ?1");
  st.bind(1, dataset);
  std::vector<Relationship> out;
  while (st.step()) out.push_back(read_relationship(st));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Store::IdentifierRow> Store::identifier_rows() const {
  auto st = db_.prepare("SELECT org_id, scheme, value, dataset FROM identifier ORDER BY 1, 2, 3");
  std::vector<IdentifierRow> out;
  while (st.step()) out.push_back({st.text(0), {st.text(1), st.text(2)}, st.text(3)});
  return out;
}

std::vector<std::pair<std::string, Identifier>> Store::identifiers_of(
    const std::string& dataset) const {
  auto st = db_.prepare(
      "SELECT org_id, scheme, value FROM identifier WHERE dataset = ?1 ORDER BY 1, 2, 3");
  st.bind(1, dataset);
  std::vector<std::pair<std::string, Identifier>> out;
  while (st.step()) out.push_back({st.text(0), {st.text(1), st.text(2)}});
  return out;
}

std::vector<Source> Store::sources() const {
  auto st = db_.prepare(
      "SELECT id, title, publisher, url, coalesce(date, ''), dataset FROM source ORDER BY id");
  std::vector<Source> out;
  while (st.step())
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  return out;
}

std::optional<Source> Store::source(const std::string& id) const {
  auto st = db_.prepare(
      "SELECT id, title, publisher, url, coalesce(date, ''), dataset FROM source WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return Source{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)};
}

std::vector<ImportRecord> Store::imports() const {
  auto st = db_.prepare(
      "SELECT path, sha256, importer, dataset, imported_at, counts FROM import ORDER BY id");
  std::vector<ImportRecord> out;
  while (st.step())
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  return out;
}

std::optional<ImportRecord> Store::last_import(const std::string& dataset) const {
  auto st = db_.prepare(
      "SELECT path, sha256, importer, dataset, imported_at, counts FROM import "
      "WHERE dataset = ?1 ORDER BY id DESC LIMIT 1");
  st.bind(1, dataset);
  if (!st.step()) return std::nullopt;
  return ImportRecord{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)};
}

std::vector<Store::RuleFileRow> Store::rule_files() const {
  std::vector<RuleFileRow> out;
  {
    // A database opened read-only may predate the table.
    auto has =
        db_.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rule_file'");
    if (!has.step()) return out;
  }
  auto st = db_.prepare("SELECT dataset, path, sha256, text FROM rule_file ORDER BY dataset");
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
  return out;
}

std::vector<StoredInput> Store::stored_inputs() const {
  auto st = db_.prepare(
      "SELECT sha256, format, dataset, as_of, path, content FROM input_file "
      "ORDER BY dataset, coalesce(as_of, ''), sha256, format");
  std::vector<StoredInput> out;
  while (st.step()) {
    StoredInput in;
    in.sha256 = st.text(0);
    in.format = st.text(1);
    in.dataset = st.text(2);
    if (auto d = st.optional_text(3)) in.as_of = stored_date(*d, "as_of");
    in.path = st.text(4);
    in.content = st.text(5);
    out.push_back(std::move(in));
  }
  return out;
}

std::map<std::string, std::string> Store::input_paths() const {
  auto st = db_.prepare("SELECT sha256, path FROM input_file ORDER BY sha256, format");
  std::map<std::string, std::string> out;
  while (st.step()) out.emplace(st.text(0), st.text(1));
  return out;
}

// ---- writes ----

void Store::set_rule_file(const RuleFileRow& row) {
  auto st = db_.prepare(
      "INSERT INTO rule_file(dataset, path, sha256, text) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(dataset) DO UPDATE SET path = ?2, sha256 = ?3, text = ?4");
  st.bind(1, row.dataset).bind(2, row.path).bind(3, row.sha256).bind(4, row.text);
  st.run();
}

void Store::put_input(const StoredInput& in) {
  auto st = db_.prepare(
      "INSERT OR REPLACE INTO input_file(sha256, format, dataset, as_of, path, content) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, in.sha256).bind(2, in.format).bind(3, in.dataset);
  st.bind_optional(4, opt_date(in.as_of)).bind(5, in.path);
  st.bind(6, std::string_view(in.content));  // CSV text; stored as it came
  st.run();
}

void Store::delete_dataset(const std::string& dataset) {
  for (const char* sql : {
           "DELETE FROM relationship_source WHERE relationship_id IN "
           "  (SELECT id FROM relationship WHERE dataset = ?1)",
           "DELETE FROM relationship WHERE dataset = ?1",
           "DELETE FROM org_period_source WHERE dataset = ?1",
           "DELETE FROM org_period WHERE dataset = ?1",
           "DELETE FROM identifier WHERE dataset = ?1",
           "DELETE FROM source WHERE dataset = ?1",
           "DELETE FROM rule_file WHERE dataset = ?1",
       }) {
    auto st = db_.prepare(sql);
    st.bind(1, dataset);
    st.run();
  }
  db_.exec("DELETE FROM organisation WHERE id NOT IN (SELECT org_id FROM org_period)");
}

// The add_ functions run once per row of an import: their SQL is a static
// string, made once, not a std::string built from the literal on every call,
// and their values are bound in place (the row, the dates' texts held here
// and name_of()'s static names all outlive the statement's run()).
void Store::add_organisation(const std::string& id) {
  static const std::string kStSql("INSERT OR IGNORE INTO organisation(id) VALUES (?1)");
  auto& st = db_.cached(kStSql);
  st.bind_in_place(1, id);
  st.run();
}

void Store::add_identifier(const std::string& org_id, const Identifier& ident,
                           const std::string& dataset) {
  static const std::string kStSql(
      "INSERT INTO identifier(scheme, value, org_id, dataset) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(scheme, value, dataset) DO NOTHING");
  auto& st = db_.cached(kStSql);
  st.bind_in_place(1, ident.scheme)
      .bind_in_place(2, ident.value)
      .bind_in_place(3, org_id)
      .bind_in_place(4, dataset);
  st.run();
}

void Store::add_period(const std::string& org_id, const OrgPeriod& p) {
  static const std::string kStSql(
      "INSERT INTO org_period(org_id, valid_from, valid_to, name, kind, tier, dataset, country, "
      "placeholder) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  auto& st = db_.cached(kStSql);
  const std::string from = p.valid.from.str();
  const std::string to = p.valid.to ? p.valid.to->str() : std::string();
  st.bind_in_place(1, org_id).bind_in_place(2, from);
  if (p.valid.to)
    st.bind_in_place(3, to);
  else
    st.bind_null(3);
  st.bind_in_place(4, p.name).bind_in_place(5, name_of(p.kind));
  if (p.tier.empty())
    st.bind_null(6);
  else
    st.bind_in_place(6, p.tier);
  st.bind_in_place(7, p.dataset).bind_in_place(8, name_of(p.country));
  st.bind(9, int64_t{p.placeholder ? 1 : 0});
  st.run();
  static const std::string kSrcSql(
      "INSERT OR IGNORE INTO org_period_source(org_id, dataset, valid_from, source_id, line) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  auto& src = db_.cached(kSrcSql);
  for (const std::string& s : p.sources) {
    src.bind_in_place(1, org_id).bind_in_place(2, p.dataset).bind_in_place(3, from);
    src.bind_in_place(4, s);
    bind_line(src, 5, p.source_lines, s);
    src.run();
  }
}

void Store::add_relationship(const Relationship& r) {
  static const std::string kStSql(
      "INSERT INTO relationship(from_id, to_id, kind, layer, valid_from, valid_to, legal_basis, "
      "note, share, dataset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  auto& st = db_.cached(kStSql);
  const std::string from = r.valid.from.str();
  const std::string to = r.valid.to ? r.valid.to->str() : std::string();
  st.bind_in_place(1, r.from).bind_in_place(2, r.to);
  st.bind_in_place(3, name_of(r.kind)).bind_in_place(4, name_of(r.layer));
  st.bind_in_place(5, from);
  if (r.valid.to)
    st.bind_in_place(6, to);
  else
    st.bind_null(6);
  st.bind_in_place(7, r.cited().legal_basis).bind_in_place(8, r.cited().note);
  if (r.share)
    st.bind(9, *r.share);
  else
    st.bind_null(9);
  st.bind_in_place(10, r.dataset);
  st.run();
  int64_t id = sqlite3_last_insert_rowid(db_.handle());
  static const std::string kSrcSql(
      "INSERT OR IGNORE INTO relationship_source(relationship_id, source_id, line) "
      "VALUES (?1, ?2, ?3)");
  auto& src = db_.cached(kSrcSql);
  for (const std::string& s : r.cited().sources) {
    src.bind(1, id).bind_in_place(2, s);
    bind_line(src, 3, r.cited().source_lines, s);
    src.run();
  }
}

void Store::add_source(const Source& s) {
  static const std::string kStSql(
      "INSERT INTO source(id, title, publisher, url, date, dataset) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6) "
      "ON CONFLICT(id) DO NOTHING");
  auto& st = db_.cached(kStSql);
  st.bind(1, s.id).bind(2, s.title).bind(3, s.publisher).bind(4, s.url);
  if (s.date.empty())
    st.bind_null(5);
  else
    st.bind(5, s.date);
  st.bind(6, s.dataset);
  st.run();
}

void Store::record_import(const ImportRecord& r) {
  auto st = db_.prepare(
      "INSERT INTO import(path, sha256, importer, dataset, imported_at, counts) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, r.path).bind(2, r.sha256).bind(3, r.importer).bind(4, r.dataset);
  st.bind(5, r.imported_at).bind(6, r.counts);
  st.run();
}

std::vector<std::string> Store::drop_indexes() {
  std::vector<std::pair<std::string, std::string>> found;  // name, sql
  {
    // Automatic indexes (keys, UNIQUE) have no SQL and cannot be dropped.
    auto st = db_.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "ORDER BY name");
    while (st.step()) found.emplace_back(st.text(0), st.text(1));
  }
  std::vector<std::string> out;
  for (const auto& [name, sql] : found) {
    db_.exec("DROP INDEX \"" + name + "\"");
    out.push_back(sql);
  }
  return out;
}

void Store::create_indexes(const std::vector<std::string>& sql) {
  for (const std::string& s : sql) db_.exec(s);
}

bool Store::references_resolved() const {
  // The count of deferred foreign-key violations SQLite keeps for the open
  // transaction (every reference of the schema is a deferred foreign key).
  int current = 0, highest = 0;
  if (sqlite3_db_status(db_.handle(), SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0) !=
      SQLITE_OK)
    return false;
  return current == 0;
}

std::vector<std::string> Store::dangling_references() const {
  std::vector<std::string> out;
  auto st = db_.prepare(
      "SELECT 'relationship ' || r.from_id || ' ' || r.kind || ' ' || r.to_id || ' (dataset ' || "
      "r.dataset || ') refers to missing organisation ' || "
      "CASE WHEN NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = r.from_id) THEN r.from_id "
      "ELSE r.to_id END "
      "FROM relationship r WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = r.from_id) "
      "OR NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = r.to_id) "
      "UNION ALL "
      "SELECT 'organisation ' || s.org_id || ' (period from ' || s.valid_from || ') cites missing "
      "source ' || s.source_id FROM org_period_source s "
      "WHERE NOT EXISTS (SELECT 1 FROM source x WHERE x.id = s.source_id) "
      "UNION ALL "
      "SELECT 'relationship ' || r.from_id || ' ' || r.kind || ' ' || r.to_id || ' (dataset ' || "
      "r.dataset || ') cites missing source ' || s.source_id "
      "FROM relationship_source s JOIN relationship r ON r.id = s.relationship_id "
      "WHERE NOT EXISTS (SELECT 1 FROM source x WHERE x.id = s.source_id) "
      "UNION ALL "
      "SELECT 'identifier ' || scheme || ':' || value || ' refers to missing organisation ' || "
      "org_id "
      "FROM identifier i WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = i.org_id) "
      "ORDER BY 1");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace govmap
