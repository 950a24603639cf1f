#include "importers/curated_map.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string_view>
#include <unordered_map>

#include "core/hash.h"
#include "core/kinds.h"
#include "core/path.h"
#include "core/precedence.h"
#include "core/store.h"
#include "core/suggest.h"
#include "core/utf8.h"

namespace govmap {
namespace {

const std::vector<std::string> kSourceRequired = {"id", "title", "url"};
const std::vector<std::string> kSourceOptional = {"publisher", "date"};
const std::vector<std::string> kOrgRequired = {"id", "name", "kind", "valid_from", "source"};
const std::vector<std::string> kOrgOptional = {"tier", "valid_to", "identifiers"};
const std::vector<std::string> kRelRequired = {"from",  "to",         "kind",
                                               "layer", "valid_from", "source"};
const std::vector<std::string> kRelOptional = {"valid_to", "legal_basis", "note"};

std::string join_path(const std::string& dir, const std::string& file) {
  return (dir.empty() || dir.back() == '/') ? dir + file : dir + "/" + file;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// One CSV file of a map being read: header checked, rows handed out with helpers
// that turn a bad field into a positioned diagnostic.
class MapFile {
 public:
  MapFile(const std::string& path, const std::vector<std::string>& required,
          const std::vector<std::string>& optional, DiagnosticSink& sink)
      : reader_(path), sink_(sink) {
    CsvRecord header;
    if (!reader_.next(header)) {
      Diagnostic d;
      d.file = path;
      d.message = "file is empty; expected a header row: " + join(required);
      sink.add(d);
      return;
    }
    header_ = std::make_unique<CsvHeader>(reader_, header, required, optional, sink);
    if (!header_->ok()) header_.reset();
  }
  bool ok() const { return header_ != nullptr; }
  bool next(CsvRecord& rec) {
    while (reader_.next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;  // blank line
      if (rec.fields.size() != header_->width()) {
        sink_.add(reader_.at(rec, std::min(rec.fields.size(), header_->width()),
                             "expected " + std::to_string(header_->width()) + " fields, found " +
                                 std::to_string(rec.fields.size())));
        continue;
      }
      return true;
    }
    return false;
  }
  const std::string& get(const CsvRecord& rec, const char* column) const {
    return header_->get(rec, column);
  }
  void error(const CsvRecord& rec, const char* column, std::string message) {
    sink_.add(reader_.at(rec, header_->index(column), std::move(message)));
  }
  // The required field, or a diagnostic and nullptr when empty.
  const std::string* required(const CsvRecord& rec, const char* column) {
    const std::string& v = get(rec, column);
    if (!v.empty()) return &v;
    error(rec, column, std::string("missing value for '") + column + "'");
    return nullptr;
  }
  std::optional<Date> date(const CsvRecord& rec, const char* column) {
    const std::string& v = get(rec, column);
    if (v.empty()) return std::nullopt;
    std::string problem = Date::parse_problem(v);
    if (!problem.empty()) {
      error(rec, column, std::string("invalid ") + column + ": " + problem);
      return std::nullopt;
    }
    return Date::parse(v);
  }
  CuratedMap::Where where(const CsvRecord& rec) {
    if (!where_file_) {
      auto wf = std::make_shared<CuratedMap::WhereFile>();
      wf->name = reader_.name();
      for (const std::string& c : kOrgRequired) wf->columns[c] = header_->index(c);
      for (const char* c : {"tier", "valid_to", "identifiers", "from", "to", "layer", "legal_basis",
                            "note", "title", "publisher", "url", "date"})
        wf->columns[c] = header_->index(c);
      where_file_ = std::move(wf);
    }
    CuratedMap::Where w{where_file_, rec.line, rec.raw_line, {}};
    w.field_sizes.reserve(rec.fields.size());
    for (const std::string& f : rec.fields)
      w.field_sizes.push_back(static_cast<unsigned>(f.size()));
    return w;
  }
  const std::string& name() const { return reader_.name(); }

 private:
  CsvReader reader_;
  DiagnosticSink& sink_;
  std::unique_ptr<CsvHeader> header_;
  std::shared_ptr<const CuratedMap::WhereFile> where_file_;
};

// Lines in the file: an upper bound on its rows (a quoted field may span
// lines), so the row vectors are allocated once instead of doubling, which
// moves every row read so far (a tenth of a large import).
size_t line_count(const std::string& path) {
  size_t lines = 0;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
      lines += static_cast<size_t>(std::count(buf, buf + n, '\n'));
    std::fclose(f);
  }
  return lines;
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.find_first_of(" \t,;:\"'") == std::string::npos;
}

// An id or name holding a zero-width or bidirectional control character prints
// like another body's ("X24" + U+200B shows as "X24"). Returns a description
// of the first one, "" when there is none.
std::string invisible_character(const std::string& text) {
  char32_t c = 0;
  size_t at = find_invisible_character(text, &c);
  if (at == std::string::npos) return "";
  return "an invisible or direction-changing character, " + code_point_name(c) + ", at byte " +
         std::to_string(at + 1);
}

// Reads [valid_from, valid_to] checking order; nullopt after reporting.
std::optional<Interval> interval(MapFile& f, const CsvRecord& rec) {
  bool from_present = !f.get(rec, "valid_from").empty();
  if (!from_present) {
    f.required(rec, "valid_from");
    return std::nullopt;
  }
  auto from = f.date(rec, "valid_from");
  bool to_present = !f.get(rec, "valid_to").empty();
  auto to = f.date(rec, "valid_to");
  if (!from || (to_present && !to)) return std::nullopt;
  if (to && *to < *from) {
    f.error(rec, "valid_to", "valid_to " + to->str() + " is before valid_from " + from->str());
    return std::nullopt;
  }
  return Interval{*from, to};
}

void read_sources(const std::string& path, CuratedMap& map, DiagnosticSink& sink,
                  std::map<std::string, int>& lines) {
  MapFile f(path, kSourceRequired, kSourceOptional, sink);
  if (!f.ok()) return;
  CsvRecord rec;
  while (f.next(rec)) {
    const std::string* id = f.required(rec, "id");
    const std::string* title = f.required(rec, "title");
    const std::string* url = f.required(rec, "url");
    if (!id || !title || !url) continue;
    if (lines.count(*id)) {
      f.error(rec, "id",
              "duplicate source id '" + *id + "' (first defined on line " +
                  std::to_string(lines[*id]) + ")");
      continue;
    }
    lines[*id] = rec.line;
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
      f.error(rec, "url", "source url must start with http:// or https://");
    else if (url->find_first_of(" \t\r\n\v\f") != std::string::npos)
      f.error(rec, "url",
              "source url contains white space or a line break; write a space as %20 and put "
              "the url on one line");
    if (!f.get(rec, "date").empty() && !f.date(rec, "date")) continue;
    map.content.sources.push_back(
        {*id, *title, f.get(rec, "publisher"), *url, f.get(rec, "date"), map.content.dataset});
    map.source_where.push_back(f.where(rec));
  }
}

void read_organisations(const std::string& path, CuratedMap& map, DiagnosticSink& sink) {
  MapFile f(path, kOrgRequired, kOrgOptional, sink);
  if (!f.ok()) return;
  const size_t lines = line_count(path);
  map.content.periods.reserve(lines);
  map.period_where.reserve(lines);
  map.period_source_fields.reserve(lines);
  std::set<std::string> seen_ids;
  std::map<std::string, size_t> identifier_index;  // "scheme:value" -> index in content.identifiers
  CsvRecord rec;
  while (f.next(rec)) {
    const std::string* id = f.required(rec, "id");
    const std::string* name = f.required(rec, "name");
    const std::string* kind_text = f.required(rec, "kind");
    bool ok = id && name && kind_text;
    if (id && !valid_id(*id)) {
      f.error(rec, "id",
              "invalid organisation id '" + *id +
                  "': ids may not contain spaces, quotes, ',', ';' or ':'");
      ok = false;
    } else if (id && !invisible_character(*id).empty()) {
      f.error(rec, "id",
              "invalid organisation id: it holds " + invisible_character(*id) +
                  ", so it would look like another id; remove it");
      ok = false;
    }
    if (name && !invisible_character(*name).empty()) {
      map.warnings.push_back(base_name(f.name()) + ":" + std::to_string(rec.line) + ": name '" +
                             make_visible(*name) + "' holds " + invisible_character(*name) +
                             ", which can make it look like another body's name");
    }
    std::optional<OrgKind> kind;
    if (kind_text) {
      kind = parse_org_kind(*kind_text);
      if (!kind || *kind == OrgKind::kUnknown) {
        f.error(rec, "kind",
                "unknown organisation kind '" + *kind_text + "'" +
                    did_you_mean(*kind_text, all_org_kind_names()) +
                    " (valid kinds: " + join(all_org_kind_names()) + ")");
        ok = false;
      }
    }
    const std::string& tier = f.get(rec, "tier");
    if (kind && *kind == OrgKind::kLocalAuthority) {
      const auto& tiers = all_la_tier_names();
      if (tier.empty()) {
        f.error(rec, "kind", "a local_authority needs a tier (one of: " + join(tiers) + ")");
        ok = false;
      } else if (std::find(tiers.begin(), tiers.end(), tier) == tiers.end()) {
        f.error(rec, "tier",
                "unknown tier '" + tier + "'" + did_you_mean(tier, tiers) +
                    " (valid tiers: " + join(tiers) + ")");
        ok = false;
      }
    } else if (kind && !tier.empty()) {
      f.error(rec, "tier", "tier '" + tier + "' is only for kind local_authority");
      ok = false;
    }
    auto valid = interval(f, rec);
    std::vector<std::string> sources = split_list(f.get(rec, "source"));
    if (sources.empty()) {
      f.error(rec, "source", "missing source: every organisation period must cite a source");
      ok = false;
    }
    std::vector<Identifier> idents;
    for (const std::string& item : split_list(f.get(rec, "identifiers"))) {
      size_t colon = item.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == item.size()) {
        f.error(rec, "identifiers",
                "malformed identifier '" + item + "', expected scheme:value (e.g. ods:03N)");
        ok = false;
        continue;
      }
      idents.push_back({item.substr(0, colon), item.substr(colon + 1)});
    }
    if (!ok || !valid) continue;
    if (seen_ids.insert(*id).second) map.content.organisations.push_back(*id);
    OrgPeriod p;
    p.valid = *valid;
    p.name = *name;
    p.kind = *kind;
    p.tier = tier;
    p.sources = sources;
    std::sort(p.sources.begin(), p.sources.end());
    p.sources.erase(std::unique(p.sources.begin(), p.sources.end()), p.sources.end());
    for (const std::string& s : p.sources) p.source_lines[s] = rec.line;  // organisations.csv
    p.dataset = map.content.dataset;
    p.country = Country::kEngland;  // curated maps are maps of England (core/country.h)
    map.period_source_fields.push_back(p.sources);
    map.content.periods.emplace_back(*id, std::move(p));
    map.period_where.push_back(f.where(rec));
    for (const Identifier& i : idents) {
      std::string key = i.scheme + ":" + i.value;
      auto it = map.identifier_where.find(key);
      if (it == map.identifier_where.end()) {
        map.identifier_where.emplace(key, f.where(rec));
        identifier_index.emplace(key, map.content.identifiers.size());
        map.content.identifiers.emplace_back(*id, i);
      } else {
        // The entry added when this key was first seen (a map lookup, not a scan:
        // a map repeats identifiers on every period of an organisation).
        auto owner = map.content.identifiers.begin() + identifier_index.at(key);
        if (owner->first != *id)
          f.error(rec, "identifiers",
                  "identifier '" + key + "' already belongs to '" + owner->first + "' (line " +
                      std::to_string(it->second.line) + ")");
      }
    }
  }
}

void read_relationships(const std::string& path, CuratedMap& map, DiagnosticSink& sink) {
  MapFile f(path, kRelRequired, kRelOptional, sink);
  if (!f.ok()) return;
  const size_t lines = line_count(path);
  map.content.relationships.reserve(lines);
  map.relationship_where.reserve(lines);
  CsvRecord rec;
  while (f.next(rec)) {
    const std::string* from = f.required(rec, "from");
    const std::string* to = f.required(rec, "to");
    const std::string* kind_text = f.required(rec, "kind");
    const std::string* layer_text = f.required(rec, "layer");
    bool ok = from && to && kind_text && layer_text;
    std::optional<RelKind> kind;
    if (kind_text && !(kind = parse_rel_kind(*kind_text))) {
      f.error(rec, "kind",
              "unknown relationship kind '" + *kind_text + "'" +
                  did_you_mean(*kind_text, all_rel_kind_names()) +
                  " (valid kinds: " + join(all_rel_kind_names()) + ")");
      ok = false;
    }
    std::optional<Layer> layer;
    if (layer_text && !(layer = parse_layer(*layer_text))) {
      f.error(rec, "layer",
              "unknown layer '" + *layer_text + "'" + did_you_mean(*layer_text, all_layer_names()) +
                  " (valid layers: " + join(all_layer_names()) + ")");
      ok = false;
    }
    auto valid = interval(f, rec);
    std::vector<std::string> sources = split_list(f.get(rec, "source"));
    if (sources.empty()) {
      f.error(rec, "source", "missing source: every relationship must cite a source");
      ok = false;
    }
    if (!ok || !valid) continue;
    Relationship r;
    r.from = *from;
    r.to = *to;
    r.kind = *kind;
    r.layer = *layer;
    r.valid = *valid;
    Citation& c = r.cite();
    c.legal_basis = f.get(rec, "legal_basis");
    c.note = f.get(rec, "note");
    c.sources = std::move(sources);
    std::sort(c.sources.begin(), c.sources.end());
    c.sources.erase(std::unique(c.sources.begin(), c.sources.end()), c.sources.end());
    for (const std::string& s : c.sources) c.source_lines[s] = rec.line;  // relationships.csv
    r.dataset = map.content.dataset;
    map.content.relationships.push_back(std::move(r));
    map.relationship_where.push_back(f.where(rec));
  }
}

// Hash keys of the checker, holding views of strings that outlive it.
struct PeriodKey {
  std::string_view id;
  int from;  // Date::days()
  bool operator==(const PeriodKey& o) const { return from == o.from && id == o.id; }
};
struct PeriodKeyHash {
  size_t operator()(const PeriodKey& k) const {
    return std::hash<std::string_view>()(k.id) ^
           (static_cast<size_t>(k.from) * 0x9E3779B97F4A7C15u);
  }
};
struct EdgeKey {
  std::string_view from, to;
  RelKind kind;
  Layer layer;
  bool operator==(const EdgeKey& o) const {
    return kind == o.kind && layer == o.layer && from == o.from && to == o.to;
  }
};
struct EdgeKeyHash {
  size_t operator()(const EdgeKey& k) const {
    size_t h = std::hash<std::string_view>()(k.from);
    h = h * 0x9E3779B97F4A7C15u ^ std::hash<std::string_view>()(k.to);
    return h * 31 + static_cast<size_t>(k.kind) * 4 + static_cast<size_t>(k.layer);
  }
};

// The same diagnostic diagnostic_at() (core/csv.h) makes from the whole record.
Diagnostic at(const CuratedMap::Where& w, const std::string& column, std::string message) {
  auto it = w.source->columns.find(column);
  size_t index = it == w.source->columns.end() ? std::string::npos : it->second;
  Diagnostic d;
  d.file = w.file();
  d.line = w.line;
  CsvRecord line_only;
  line_only.raw_line = w.raw_line;
  d.column = index < w.field_sizes.size() ? line_only.column_of(index) : 0;
  d.source_line = w.raw_line;
  if (index < w.field_sizes.size() && w.field_sizes[index] > 0)
    d.span = static_cast<int>(w.field_sizes[index]);
  d.message = std::move(message);
  return d;
}

std::string lifetime_text(const Organisation& o) {
  std::vector<std::string> parts;
  for (const OrgPeriod& p : o.periods) parts.push_back(p.valid.str());
  return join(parts, ", ");
}

}  // namespace

Diagnostic diagnostic_at(const CuratedMap::Where& where, const std::string& column,
                         std::string message) {
  return at(where, column, std::move(message));
}

void CuratedMap::forget_positions() {
  for (auto* v : {&source_where, &period_where, &relationship_where}) std::vector<Where>().swap(*v);
  std::vector<std::vector<std::string>>().swap(period_source_fields);
  identifier_where.clear();
}

std::string curated_dataset_name(const std::string& dir) {
  return "map:" + base_name(dir);
}

bool is_curated_map(const std::string& dir) {
  return exists(join_path(dir, "organisations.csv"));
}

CuratedMap read_curated_map(const std::string& dir, DiagnosticSink& sink) {
  CuratedMap map;
  map.dir = dir;
  map.content.dataset = curated_dataset_name(dir);
  Sha256 hash;
  bool complete = true;
  for (const char* file : {"sources.csv", "organisations.csv", "relationships.csv"}) {
    std::string path = join_path(dir, file);
    if (!exists(path)) {
      Diagnostic d;
      d.file = path;
      d.message = std::string("missing ") + file + " in map folder '" + dir + "'";
      sink.add(d);
      complete = false;
      continue;
    }
    hash.update(file);
    hash.update(std::string(1, '\0'));
    hash.update(sha256_file(path));
  }
  // The rules file counts only when present, so maps without one keep their hash.
  std::string rules = join_path(dir, "rules.toml");
  if (exists(rules)) {
    map.rules_path = rules;
    map.rules_text = read_file(rules);
    hash.update("rules.toml");
    hash.update(std::string(1, '\0'));
    hash.update(sha256_text(*map.rules_text));
  }
  map.sha256 = hash.hex();
  if (!complete) return map;
  std::map<std::string, int> source_lines;
  // A malformed CSV file stops that file only; the others are still checked.
  auto guarded = [&](auto&& read) {
    try {
      read();
    } catch (const Error& e) {
      for (const Diagnostic& d : e.diagnostics()) sink.add(d);
    }
  };
  guarded([&] { read_sources(join_path(dir, "sources.csv"), map, sink, source_lines); });
  guarded([&] { read_organisations(join_path(dir, "organisations.csv"), map, sink); });
  guarded([&] { read_relationships(join_path(dir, "relationships.csv"), map, sink); });
  return map;
}

World world_from(const Store& store, const std::set<std::string>& excluded) {
  World w;
  for (Organisation& o : store.organisations(excluded)) w.organisations.emplace(o.id, std::move(o));
  for (const Source& s : store.sources())
    if (!excluded.count(s.dataset)) w.sources.emplace(s.id, s);
  for (const Relationship& r : store.relationships())
    if (!excluded.count(r.dataset)) w.relationships.push_back(r);
  for (const Store::IdentifierRow& row : store.identifier_rows())
    if (!excluded.count(row.dataset) && dataset_rank(row.dataset) == 0)
      w.map_identifiers.insert(row.identifier.scheme + ":" + row.identifier.value);
  return w;
}

void check_curated_maps(std::vector<CuratedMap>& maps, const World& world, DiagnosticSink& sink) {
  // Everything known after the import: world plus every map, as organisations
  // with sorted periods, identifier owners and sources. Of each period only
  // what the checks below read is copied (its interval and dataset, for
  // overlaps and lifetimes): copies of every name, source list and line map
  // were the largest allocation of a check, and of a small map's import into
  // a large database.
  auto lifetime_of = [](const OrgPeriod& p) {
    OrgPeriod slim;
    slim.valid = p.valid;
    slim.dataset = p.dataset;
    return slim;
  };
  std::map<std::string, Organisation> orgs;
  for (const auto& [id, o] : world.organisations) {
    Organisation& copy = orgs.emplace_hint(orgs.end(), id, Organisation{})->second;
    copy.id = id;
    copy.periods.reserve(o.periods.size());
    for (const OrgPeriod& p : o.periods) copy.periods.push_back(lifetime_of(p));
  }
  // Looked up, never iterated: hashed.
  // (id, first day) -> map row; the id is a view of the period's own id.
  std::unordered_map<PeriodKey, const CuratedMap::Where*, PeriodKeyHash> period_line;
  std::map<std::string, std::string> ident_owner;  // "scheme:value" -> id
  for (const auto& [id, o] : world.organisations)
    for (const Identifier& i : o.identifiers) ident_owner[i.scheme + ":" + i.value] = id;
  std::set<std::string> map_identifiers = world.map_identifiers;
  std::map<std::string, std::string> source_dataset;
  std::map<std::string, const Source*> source_def;
  for (const auto& [id, s] : world.sources) {
    source_dataset[id] = s.dataset;
    source_def[id] = &s;
  }

  for (CuratedMap& m : maps) {
    // Sources shared between maps must agree.
    for (const Source& s : m.content.sources) {
      auto it = source_def.find(s.id);
      if (it != source_def.end()) {
        const Source& o = *it->second;
        if (o.title != s.title || o.url != s.url || o.publisher != s.publisher ||
            o.date != s.date) {
          Diagnostic d;
          d.file = join_path(m.dir, "sources.csv");
          d.message =
              "source '" + s.id + "' is already defined differently by dataset '" + o.dataset + "'";
          sink.add(d);
        }
        continue;
      }
      source_def[s.id] = &s;
      source_dataset[s.id] = s.dataset;
    }
    for (size_t i = 0; i < m.content.periods.size(); ++i) {
      const auto& [id, p] = m.content.periods[i];
      Organisation& o = orgs[id];
      o.id = id;
      for (const OrgPeriod& q : o.periods) {
        // Periods from ODS and ONS yield to maps (core/precedence.h): no conflict.
        if (!q.valid.overlaps(p.valid) || dataset_rank(q.dataset) != 0) continue;
        auto line = period_line.find({id, q.valid.from.days()});
        std::string where =
            line != period_line.end() && line->second->file() == m.period_where[i].file()
                ? "on line " + std::to_string(line->second->line)
            : line != period_line.end()
                ? "in " + line->second->file() + ":" + std::to_string(line->second->line)
                : "from dataset '" + q.dataset + "'";
        sink.add(at(m.period_where[i], "valid_from",
                    "period " + p.valid.str() + " of '" + id + "' overlaps its period " +
                        q.valid.str() + " " + where));
      }
      o.periods.push_back(lifetime_of(p));
      std::sort(o.periods.begin(), o.periods.end(),
                [](const OrgPeriod& a, const OrgPeriod& b) { return a.valid.from < b.valid.from; });
      period_line[{id, p.valid.from.days()}] = &m.period_where[i];
    }
    for (const auto& [id, ident] : m.content.identifiers) {
      std::string key = ident.scheme + ":" + ident.value;
      auto it = ident_owner.find(key);
      if (it != ident_owner.end() && it->second != id && map_identifiers.count(key)) {
        sink.add(at(m.identifier_where.at(key), "identifiers",
                    "identifier '" + key + "' already belongs to '" + it->second + "'"));
        continue;
      }
      ident_owner[key] = id;
      map_identifiers.insert(key);
      orgs.try_emplace(id);  // a body named only by its identifier still resolves
    }
  }

  // Name lookup: ids first, then identifier values and scheme:value forms.
  std::map<std::string, std::set<std::string>> by_identifier;
  for (const auto& [key, id] : ident_owner) {
    by_identifier[key].insert(id);
    by_identifier[key.substr(key.find(':') + 1)].insert(id);
  }
  std::vector<std::string> all_names;
  for (const auto& [id, o] : orgs) all_names.push_back(id);
  for (const auto& [key, ids] : by_identifier) all_names.push_back(key);
  std::vector<std::string> all_sources;
  for (const auto& [id, s] : source_dataset) all_sources.push_back(id);

  // Every organisation by id, hashed: two lookups per relationship.
  std::unordered_map<std::string_view, const Organisation*> org_by_id;
  org_by_id.reserve(orgs.size());
  for (const auto& [id, o] : orgs) org_by_id.emplace(id, &o);
  auto resolve = [&](const CuratedMap::Where& w, const char* column,
                     const std::string& text) -> std::optional<std::string> {
    if (org_by_id.count(text)) return text;
    auto it = by_identifier.find(text);
    if (it == by_identifier.end()) {
      sink.add(
          at(w, column, "unknown organisation '" + text + "'" + did_you_mean(text, all_names)));
      return std::nullopt;
    }
    if (it->second.size() > 1) {
      sink.add(at(w, column,
                  "ambiguous organisation '" + text + "': it is an identifier of " +
                      join(std::vector<std::string>(it->second.begin(), it->second.end())) +
                      "; use the organisation id"));
      return std::nullopt;
    }
    return *it->second.begin();
  };

  for (CuratedMap& m : maps) {
    for (size_t i = 0; i < m.content.periods.size(); ++i)
      for (const std::string& s : m.content.periods[i].second.sources)
        if (!source_dataset.count(s))
          sink.add(at(m.period_where[i], "source",
                      "unknown source '" + s + "'" + did_you_mean(s, all_sources)));
  }

  // Relationships: resolve ends, then lifetimes, then duplicates.
  struct Seen {
    Interval valid;
    // Pointers, not copies (two strings per relationship): the Where's file
    // name, nullptr for facts already in the database.
    const std::string* file;
    int line;
    const std::string* dataset;  // the relationship's own, which outlives this check
  };
  // The relationships seen of each (from, to, kind, layer), in the order seen:
  // a list threaded through one vector (most edges have one), its first and
  // last entries in a hash keyed by views of the relationships' own ends,
  // which outlive this check. No string is built per relationship.
  struct SeenNode {
    Seen seen;
    uint32_t next;
  };
  constexpr uint32_t kEnd = UINT32_MAX;
  std::vector<SeenNode> seen_nodes;
  std::unordered_map<EdgeKey, std::pair<uint32_t, uint32_t>, EdgeKeyHash> edges;  // first, last
  size_t rel_count = world.relationships.size();
  for (const CuratedMap& m : maps) rel_count += m.content.relationships.size();
  edges.reserve(rel_count);
  seen_nodes.reserve(rel_count);
  auto edge_key = [](const Relationship& r) { return EdgeKey{r.from, r.to, r.kind, r.layer}; };
  auto add_seen = [&](const Relationship& r, const Seen& seen) {
    auto [it, added] = edges.try_emplace(edge_key(r), uint32_t(seen_nodes.size()), kEnd);
    if (!added) seen_nodes[it->second.second].next = static_cast<uint32_t>(seen_nodes.size());
    it->second.second = static_cast<uint32_t>(seen_nodes.size());
    seen_nodes.push_back({seen, kEnd});
  };
  for (const Relationship& r : world.relationships)
    if (dataset_rank(r.dataset) == 0) add_seen(r, {r.valid, nullptr, 0, &r.dataset});

  for (CuratedMap& m : maps) {
    for (size_t i = 0; i < m.content.relationships.size(); ++i) {
      Relationship& r = m.content.relationships[i];
      const CuratedMap::Where& w = m.relationship_where[i];
      for (const std::string& s : r.cited().sources)
        if (!source_dataset.count(s))
          sink.add(at(w, "source", "unknown source '" + s + "'" + did_you_mean(s, all_sources)));
      auto from = resolve(w, "from", r.from);
      auto to = resolve(w, "to", r.to);
      if (!from || !to) continue;
      r.from = *from;
      r.to = *to;
      if (r.from == r.to) {
        sink.add(at(w, "to", "relationship from '" + r.from + "' to itself"));
        continue;
      }
      const Organisation& fo = *org_by_id.at(r.from);
      const Organisation& tor = *org_by_id.at(r.to);
      // A succession may be dated on its effective date, the successor's first
      // day (as ODS and the legislation date it), or on the predecessor's last
      // day; it is stored on the last day.
      // It is the effective date when the successor starts that day, or when
      // the predecessor no longer exists on it.
      if (r.kind == RelKind::kSucceededBy && r.valid.to && *r.valid.to == r.valid.from &&
          tor.period_at(r.valid.from) &&
          fo.covers({r.valid.from.prev_day(), r.valid.from.prev_day()}) &&
          (!fo.covers(r.valid) || !tor.period_at(r.valid.from.prev_day()))) {
        Date last = r.valid.from.prev_day();
        r.valid = {last, last};
      }
      bool bad = false;
      if (!fo.covers(r.valid)) {
        sink.add(at(w, "valid_from",
                    "relationship " + r.valid.str() + " lies outside the lifetime of '" + r.from +
                        "' (" + lifetime_text(fo) + ")"));
        bad = true;
      }
      // A succession links the last day of one body to the first of the next.
      bool to_ok = tor.covers(r.valid) || (r.kind == RelKind::kSucceededBy && r.valid.to &&
                                           tor.period_at(r.valid.to->next_day()) != nullptr);
      if (!to_ok) {
        sink.add(at(w, "valid_from",
                    "relationship " + r.valid.str() + " lies outside the lifetime of '" + r.to +
                        "' (" + lifetime_text(tor) + ")"));
        bad = true;
      }
      if (bad) continue;
      auto same = edges.find(edge_key(r));
      for (uint32_t n = same == edges.end() ? kEnd : same->second.first; n != kEnd;
           n = seen_nodes[n].next) {
        const Seen& seen = seen_nodes[n].seen;
        if (!seen.valid.overlaps(r.valid)) continue;
        std::string where = !seen.file ? "from dataset '" + *seen.dataset + "'"
                            : *seen.file == w.file()
                                ? "on line " + std::to_string(seen.line)
                                : "in " + *seen.file + ":" + std::to_string(seen.line);
        sink.add(at(w, "from",
                    "duplicate relationship: " + r.from + " " + name_of(r.kind) + " " + r.to +
                        " (" + name_of(r.layer) + ", " + r.valid.str() + ") overlaps the one " +
                        where));
        break;
      }
      add_seen(r, {r.valid, &w.file(), w.line, &r.dataset});
    }
  }
}

}  // namespace govmap
