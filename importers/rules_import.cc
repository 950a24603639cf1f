#include "importers/rules_import.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/csv.h"
#include "core/hash.h"
#include "core/path.h"
#include "core/store.h"
#include "importers/dataset.h"
#include "importers/rules_file.h"

namespace govmap {
namespace {

bool readable(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string map_name_of(const std::string& map_dataset) {
  return map_dataset.compare(0, 4, "map:") == 0 ? map_dataset.substr(4) : map_dataset;
}

// Finds the row of an imported file a fact came from, as FILE:LINE. The files
// are those the import records name, read again only when their bytes still
// match what was imported; otherwise the fact is described by its dataset.
class FileRowLocator : public RowLocator {
 public:
  FileRowLocator(const Store& store, const std::vector<Organisation>& orgs) {
    for (const ImportRecord& rec : store.imports()) {
      // Data files: sources are named <format>-<first 12 hex digits of sha>.
      files_by_sha_[rec.sha256.substr(0, 12)] = rec;
      datasets_[rec.dataset] = rec;  // the latest import of each dataset
    }
    for (const Organisation& o : orgs) {
      std::vector<std::string>& codes = codes_[o.id];
      codes.push_back(o.id);
      for (const Identifier& i : o.identifiers) codes.push_back(i.value);
    }
  }

  std::string locate(const std::string& org_id, const OrgPeriod& period) const override {
    if (period.dataset.compare(0, 4, "map:") == 0) {
      if (auto at = map_row(period.dataset, "organisations.csv", {org_id})) return *at;
    } else {
      for (const std::string& s : period.sources)
        if (auto at = data_row(s, codes(org_id), {})) return *at;
    }
    return RowLocator::locate(org_id, period);
  }

  std::string locate(const Relationship& rel) const override {
    if (rel.dataset.compare(0, 4, "map:") == 0) {
      if (auto at = map_row(rel.dataset, "relationships.csv", {rel.from, rel.to})) return *at;
    } else {
      for (const std::string& s : rel.cited().sources)
        if (auto at = data_row(s, codes(rel.from), codes(rel.to))) return *at;
    }
    return RowLocator::locate(rel);
  }

 private:
  struct Index {
    bool ok = false;
    std::string path;
    std::map<std::string, std::vector<int>> lines;  // field value -> lines holding it
  };

  const std::vector<std::string>& codes(const std::string& id) const {
    static const std::vector<std::string> none;
    auto it = codes_.find(id);
    return it == codes_.end() ? none : it->second;
  }

  const Index& index(const std::string& path, const std::string& sha) const {
    auto it = index_.find(path);
    if (it != index_.end()) return *it->second;
    auto idx = std::make_unique<Index>();
    idx->path = path;
    try {
      if (readable(path) && (sha.empty() || sha256_file(path) == sha)) {
        CsvReader reader(path);
        CsvRecord rec;
        while (reader.next(rec))
          for (const std::string& f : rec.fields)
            if (!f.empty()) {
              std::vector<int>& l = idx->lines[f];
              if (l.empty() || l.back() != rec.line) l.push_back(rec.line);
            }
        idx->ok = true;
      }
    } catch (const Error&) {
      idx->ok = false;  // unreadable now: describe the fact by its dataset instead
    }
    return *(index_[path] = std::move(idx));
  }

  // The first line holding one of a's codes and (when b is not empty) one of b's.
  static std::optional<int> first_line(const Index& idx, const std::vector<std::string>& a,
                                       const std::vector<std::string>& b) {
    std::optional<int> best;
    for (const std::string& x : a) {
      auto ia = idx.lines.find(x);
      if (ia == idx.lines.end()) continue;
      if (b.empty()) {
        if (!best || ia->second.front() < *best) best = ia->second.front();
        continue;
      }
      for (const std::string& y : b) {
        auto ib = idx.lines.find(y);
        if (ib == idx.lines.end()) continue;
        std::vector<int> both;
        std::set_intersection(ia->second.begin(), ia->second.end(), ib->second.begin(),
                              ib->second.end(), std::back_inserter(both));
        if (!both.empty() && (!best || both.front() < *best)) best = both.front();
      }
    }
    return best;
  }

  std::optional<std::string> data_row(const std::string& source, const std::vector<std::string>& a,
                                      const std::vector<std::string>& b) const {
    size_t dash = source.rfind('-');
    if (dash == std::string::npos) return std::nullopt;
    auto rec = files_by_sha_.find(source.substr(dash + 1));
    if (rec == files_by_sha_.end()) return std::nullopt;
    const Index& idx = index(rec->second.path, rec->second.sha256);
    if (!idx.ok) return std::nullopt;
    // Named by its file name (as data/MANIFEST.toml names it), not by the path
    // it was imported from, so a note does not change with the working folder.
    if (auto line = first_line(idx, a, b)) return base_name(idx.path) + ":" + std::to_string(*line);
    return std::nullopt;
  }

  std::optional<std::string> map_row(const std::string& dataset, const std::string& file,
                                     const std::vector<std::string>& first_fields) const {
    auto rec = datasets_.find(dataset);
    if (rec == datasets_.end()) return std::nullopt;
    std::string path = rec->second.path + "/" + file;
    const Index& idx = index(path, "");
    if (!idx.ok) return std::nullopt;
    std::vector<std::string> b;
    if (first_fields.size() > 1) b = {first_fields[1]};
    if (auto line = first_line(idx, {first_fields[0]}, b))
      return map_name_of(dataset) + "/" + file + ":" + std::to_string(*line);
    return std::nullopt;
  }

  std::map<std::string, ImportRecord> files_by_sha_, datasets_;
  std::map<std::string, std::vector<std::string>> codes_;
  mutable std::map<std::string, std::unique_ptr<Index>> index_;
};

}  // namespace

void check_map_rules(const CuratedMap& map, DiagnosticSink& sink) {
  if (!map.rules_text) return;
  std::set<std::string> sources;
  for (const Source& s : map.content.sources) sources.insert(s.id);
  parse_rules(map.rules_path, *map.rules_text, map_name_of(map.content.dataset), sources, sink);
}

void store_map_rules(Store& store, const CuratedMap& map) {
  if (!map.rules_text) return;  // apply_dataset already removed any earlier one
  store.set_rule_file(
      {map.content.dataset, map.rules_path, sha256_text(*map.rules_text), *map.rules_text});
}

std::vector<RuleSet> stored_rule_sets(const Store& store) {
  std::vector<RuleSet> out;
  for (const Store::RuleFileRow& row : store.rule_files())
    out.push_back(parse_rules_or_throw(row.path, row.text, map_name_of(row.dataset)));
  return out;
}

size_t derive_rules(Store& store) {
  // The rules read the combined view without their own earlier output.
  std::set<std::string> old;
  {
    auto st = store.db().prepare(
        // A range on the dataset indexes, not LIKE (a scan of every row).
        "SELECT DISTINCT dataset FROM relationship WHERE dataset >= 'rules:' AND dataset < "
        "'rules;' "
        "UNION SELECT DISTINCT dataset FROM org_period WHERE dataset >= 'rules:' AND dataset < "
        "'rules;'");
    while (st.step()) old.insert(st.text(0));
  }
  for (const std::string& d : old) store.delete_dataset(d);
  std::vector<RuleSet> sets = stored_rule_sets(store);
  if (sets.empty()) return 0;
  std::vector<Organisation> orgs = store.organisations();
  std::vector<Relationship> rels = store.relationships();
  FileRowLocator locator(store, orgs);
  size_t count = 0;
  for (const RuleSet& set : sets) {
    Derivation d = derive(set, orgs, rels, locator);
    DatasetContent c;
    c.dataset = set.dataset;
    c.organisations = d.organisations;
    c.periods = std::move(d.periods);
    c.relationships = std::move(d.relationships);
    count += c.relationships.size();
    apply_dataset(store, c);
  }
  return count;
}

}  // namespace govmap
