#include "importers/ons.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "core/codes.h"
#include "core/hash.h"
#include "core/kinds.h"
#include "core/utf8.h"

namespace govmap {

const char* const kOnsDataset = "ons:lookups";

namespace {

const char* const kPublisher = "Office for National Statistics (Open Geography Portal)";
const char* const kUrl = "https://geoportal.statistics.gov.uk/";
const char* const kShareNote =
    "geographic overlap from an LSOA lookup: share = fraction of the from-area's LSOAs lying in "
    "the to-area";

enum class Fam { kCcg, kStp, kNhser, kNhsrlo, kIcs, kLad, kUtla, kCty, kLsoa };

struct FamInfo {
  const char* prefix;
  Fam fam;
  int level;  // part_of links each family to the next level up present
};

const FamInfo kFamilies[] = {
    {"LSOA", Fam::kLsoa, 0},   {"LAD", Fam::kLad, 1},       {"LTLA", Fam::kLad, 1},
    {"UTLA", Fam::kUtla, 2},   {"CTY", Fam::kCty, 2},       {"CCG", Fam::kCcg, 3},
    {"SICBL", Fam::kCcg, 3},   {"LOC", Fam::kCcg, 3},       {"STP", Fam::kStp, 4},
    {"ICB", Fam::kStp, 4},     {"NHSRLO", Fam::kNhsrlo, 4}, {"ICS", Fam::kIcs, 4},
    {"NHSER", Fam::kNhser, 5},
};

const FamInfo* family_info(const std::string& prefix) {
  for (const FamInfo& f : kFamilies)
    if (prefix == f.prefix) return &f;
  return nullptr;
}

// The family of a parsed header column (always one of kFamilies).
const FamInfo& info(const OnsFamily& f) {
  const FamInfo* i = family_info(f.prefix);
  return i ? *i : kFamilies[0];
}

bool is_nhs(Fam f) {
  return f == Fam::kCcg || f == Fam::kStp || f == Fam::kNhser || f == Fam::kNhsrlo;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// "CCG21CDH" -> {"CCG", 21, "CDH"}; nullopt for anything else.
struct ColumnName {
  std::string prefix;
  int yy = 0;
  std::string suffix;
};
std::optional<ColumnName> parse_column(const std::string& raw) {
  std::string name = upper(trim(raw));
  for (const char* suffix : {"CDH", "CD", "NMW", "NM"}) {
    size_t n = std::char_traits<char>::length(suffix);
    if (name.size() < n + 3 || name.compare(name.size() - n, n, suffix) != 0) continue;
    size_t d = name.size() - n - 2;
    if (!std::isdigit(static_cast<unsigned char>(name[d])) ||
        !std::isdigit(static_cast<unsigned char>(name[d + 1])))
      return std::nullopt;
    std::string prefix = name.substr(0, d);
    if (prefix.empty() ||
        !std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      return std::nullopt;
    return ColumnName{prefix, (name[d] - '0') * 10 + (name[d + 1] - '0'), suffix};
  }
  return std::nullopt;
}

bool is_ons_code(const std::string& s) {
  return s.size() == 9 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Header {
  std::vector<OnsFamily> families;
  std::vector<std::string> ignored;
};

Header parse_header(const CsvRecord& rec) {
  Header h;
  std::map<std::string, size_t> at;  // PREFIXyy -> index in families
  std::set<std::string> ignored;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    auto col = parse_column(rec.fields[i]);
    if (!col) continue;
    std::string key = col->prefix + (col->yy < 10 ? "0" : "") + std::to_string(col->yy);
    if (!family_info(col->prefix)) {
      ignored.insert(key);
      continue;
    }
    auto [it, fresh] = at.emplace(key, h.families.size());
    if (fresh) h.families.push_back(OnsFamily{col->prefix, 2000 + col->yy});
    OnsFamily& f = h.families[it->second];
    if (col->suffix == "CD")
      f.cd = i;
    else if (col->suffix == "CDH")
      f.cdh = i;
    else if (col->suffix == "NM")
      f.nm = i;
  }
  // A family is usable only with its code column.
  std::vector<OnsFamily> usable;
  for (const OnsFamily& f : h.families) {
    if (f.cd != SIZE_MAX)
      usable.push_back(f);
    else
      ignored.insert(f.prefix + std::to_string(f.year % 100));
  }
  h.families = usable;
  h.ignored.assign(ignored.begin(), ignored.end());
  return h;
}

bool has_area_family(const std::vector<OnsFamily>& fams) {
  for (const OnsFamily& f : fams)
    if (info(f).fam != Fam::kLsoa) return true;
  return false;
}

std::string family_label(const OnsFamily& f) {
  return f.prefix + (f.year % 100 < 10 ? "0" : "") + std::to_string(f.year % 100);
}

// Kind and tier of an entity of a family, from its ONS code.
std::pair<OrgKind, std::string> kind_of(Fam fam, const std::string& code) {
  switch (fam) {
    case Fam::kCcg:
      return {OrgKind::kCcg, ""};
    case Fam::kStp:
      return {OrgKind::kStp, ""};
    case Fam::kNhser:
      return {OrgKind::kNhseRegion, ""};
    case Fam::kNhsrlo:
      return {OrgKind::kNhseLocalOffice, ""};
    case Fam::kIcs:
      return {OrgKind::kIcs, ""};
    default:
      break;
  }
  std::string type = code.substr(0, 3);
  if (type == "E06" || type == "W06" || type == "S12" || type == "N09")
    return {OrgKind::kLocalAuthority, "unitary"};
  if (type == "E07") return {OrgKind::kLocalAuthority, "district"};
  if (type == "E08") return {OrgKind::kLocalAuthority, "metropolitan_borough"};
  if (type == "E09") return {OrgKind::kLocalAuthority, "london_borough"};
  if (type == "E10") return {OrgKind::kLocalAuthority, "county"};
  return {OrgKind::kOther, ""};
}

// What one snapshot says about one organisation.
struct Obs {
  std::string name;
  OrgKind kind = OrgKind::kOther;  // base kind
  std::string tier;
  int line = 0;  // of the (first) row naming it; 0 when not known
};

int line_of(const SourceLines& lines, const std::string& source) {
  auto it = lines.find(source);
  return it == lines.end() ? 0 : it->second;
}

// The class a snapshot covers: a family, and for councils the tier and country,
// so that a lookup of English districts says nothing about Welsh unitaries.
std::string class_key(const std::string& id, const Obs& o) {
  switch (base_kind(o.kind)) {
    case OrgKind::kCcg:
      return "ccg";
    case OrgKind::kStp:
      return "stp";
    case OrgKind::kNhseRegion:
      return "nhser";
    case OrgKind::kNhseLocalOffice:
      return "nhsrlo";
    case OrgKind::kIcs:
      return "ics";
    default:
      break;
  }
  char country = is_ons_code(id) ? id[0] : 'E';
  return "la:" + (o.tier.empty() ? std::string(name_of(o.kind)) : o.tier) + ":" + country;
}

double round_share(double x) {
  return std::round(x * 1e6) / 1e6;
}

using Share = std::optional<double>;

// Each snapshot date of a series with the day from which it speaks: its own
// date, except that for CCGs / sub-ICB locations and STPs / ICBs the first
// snapshot after 1 July 2022 speaks from that day, when the Health and Care Act
// 2022 replaced CCGs by ICBs and their areas: nothing could have changed
// between then and that snapshot that an earlier snapshot would show.
std::vector<std::pair<Date, Date>> speaking_dates(const std::set<Date>& dates, bool commissioning) {
  std::vector<std::pair<Date, Date>> out;
  std::optional<Date> previous;
  for (Date d : dates) {
    Date from = d;
    if (commissioning && d > icb_day() && (!previous || *previous < icb_day())) from = icb_day();
    out.emplace_back(from, d);
    previous = d;
  }
  return out;
}

}  // namespace

bool detect_ons(const std::string& path, std::string* why) {
  try {
    CsvReader reader(path);
    CsvRecord rec;
    if (!reader.next(rec)) {
      if (why) *why = "the file is empty";
      return false;
    }
    Header h = parse_header(rec);
    if (has_area_family(h.families)) return true;
    if (why) {
      if (!h.ignored.empty())
        *why = "a header with ONS-style columns (" + join(h.ignored) + ") but none govmap imports";
      else
        *why = "no header with ONS-style column names such as CCG21CD";
    }
  } catch (const Error& e) {
    // Say why: "line 1 is longer than ...", "malformed CSV: ...".
    if (why) *why = "not readable as CSV (" + e.diagnostics().front().message + ")";
  }
  return false;
}

OnsFile read_ons(const std::string& path, DiagnosticSink& sink) {
  return read_ons_text(path, read_file(path), sink);
}

OnsFile read_ons_text(const std::string& path, std::string text, DiagnosticSink& sink) {
  OnsFile file;
  file.path = path;
  file.sha256 = sha256_text(text);
  file.text = text;
  CsvReader reader(path, std::move(text));
  CsvRecord header;
  try {
    if (!reader.next(header)) {
      Diagnostic d;
      d.file = path;
      d.message = "file is empty; expected an ONS header row";
      sink.add(d);
      return file;
    }
    Header h = parse_header(header);
    file.families = h.families;
    file.ignored = h.ignored;
    for (const OnsFamily& f : file.families) {
      if (info(f).fam == Fam::kLsoa)
        file.lsoa_based = true;
      else
        file.year = std::max(file.year, f.year);
    }
    if (file.year == 0) {
      sink.add(
          reader.at(header, 0, "no column family govmap imports (such as CCG21CD) in the header"));
      return file;
    }
    file.date = first_april(file.year);
    CsvRecord rec;
    while (reader.next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
      if (rec.fields.size() != header.fields.size()) {
        sink.add(reader.at(rec, std::min(rec.fields.size(), header.fields.size()),
                           "expected " + std::to_string(header.fields.size()) +
                               " fields as in the header, found " +
                               std::to_string(rec.fields.size())));
        continue;
      }
      std::vector<OnsEntity> row;
      bool ok = true;
      for (const OnsFamily& f : file.families) {
        OnsEntity e;
        e.code = trim(rec.fields[f.cd]);
        if (f.cdh != SIZE_MAX) e.ods_code = trim(rec.fields[f.cdh]);
        if (f.nm != SIZE_MAX) e.name = trim(rec.fields[f.nm]);
        if (!e.code.empty() && !is_ons_code(e.code)) {
          sink.add(reader.at(rec, f.cd,
                             "malformed ONS code '" + e.code + "' in column " +
                                 trim(header.fields[f.cd]) +
                                 " (expected a letter and 8 digits, e.g. E38000001)"));
          ok = false;
        }
        if (std::string problem = e.ods_code.empty() ? "" : ods_code_problem(e.ods_code);
            !problem.empty()) {
          sink.add(reader.at(rec, f.cdh,
                             "malformed ODS code '" + make_visible(e.ods_code) + "' in column " +
                                 trim(header.fields[f.cdh]) + ": " + problem));
          ok = false;
        }
        row.push_back(std::move(e));
      }
      if (!ok) continue;
      file.rows.push_back(std::move(row));
      file.lines.push_back(rec.line);
    }
  } catch (const Error& e) {
    for (const Diagnostic& d : e.diagnostics()) sink.add(d);
  }
  return file;
}

DatasetContent merge_ons(const DatasetContent& before, const OnsFile& file, const OrgIndex& index,
                         Warnings& warnings) {
  const std::string dataset = kOnsDataset;
  std::vector<std::string> labels;
  size_t areas = 0;
  for (const OnsFamily& f : file.families) {
    labels.push_back(family_label(f));
    if (info(f).fam != Fam::kLsoa) ++areas;
  }
  std::string src_id = "ons";
  for (const std::string& l : labels) src_id += "-" + lower(l);
  src_id += "-" + file.sha256.substr(0, 12);
  if (!file.ignored.empty())
    warnings.add("columns of " + join(file.ignored) +
                 " are not imported (govmap does not use them)");

  DatasetContent out;
  out.dataset = dataset;
  std::map<std::string, Date> snapshot_dates = carry_snapshot_sources(before, src_id, out);
  Source src;
  src.id = src_id;
  src.title =
      std::string(areas == 1 && !file.lsoa_based ? "ONS names and codes: " : "ONS lookup: ") +
      join(labels, " -> ") + " (" + std::to_string(file.year) + ")";
  src.publisher = kPublisher;
  src.url = kUrl;
  src.date = file.date.str();
  src.dataset = dataset;
  out.sources.push_back(src);
  std::sort(out.sources.begin(), out.sources.end(),
            [](const Source& a, const Source& b) { return a.id < b.id; });
  snapshot_dates[src_id] = file.date;

  // ONS code -> ODS code pairs this file gives, to resolve rows without CDH.
  std::map<std::string, std::string> cd_to_ods;
  for (const auto& row : file.rows)
    for (const OnsEntity& e : row)
      if (!e.code.empty() && !e.ods_code.empty()) cd_to_ods.emplace(e.code, e.ods_code);
  std::map<std::string, std::string> resolved;
  auto resolve = [&](const std::string& cd, const std::string& cdh) -> std::string {
    auto cached = resolved.find(cd + "|" + cdh);
    if (cached != resolved.end()) return cached->second;
    std::string ods = cdh;
    if (ods.empty()) {
      auto it = cd_to_ods.find(cd);
      if (it != cd_to_ods.end()) ods = it->second;
    }
    std::string id;
    if (!ods.empty())
      id = index.find_ods(ods).value_or(ods);
    else
      id = index.find_ons(cd).value_or(cd);
    resolved.emplace(cd + "|" + cdh, id);
    return id;
  };
  // Ids keyed by an ONS code move to the organisation that code now resolves to
  // (an ODS code learnt from a later file, or an organisation holding ons:CODE).
  auto rekey = [&](const std::string& id) { return is_ons_code(id) ? resolve(id, "") : id; };

  // ---- what every snapshot said ----
  std::map<std::string, std::map<std::string, Obs>> obs;  // id -> source -> what it said
  std::map<std::string, std::set<std::string>> ons_codes, ods_codes;
  for (const auto& [id, p] : before.periods) {
    std::string key = rekey(id);
    if (key != id) ons_codes[key].insert(id);
    for (const std::string& s : p.sources)
      if (s != src_id && snapshot_dates.count(s))
        obs[key].emplace(s, Obs{p.name, base_kind(p.kind), p.tier, line_of(p.source_lines, s)});
  }
  for (const auto& [id, i] : before.identifiers) {
    if (i.scheme == "ons") ons_codes[rekey(id)].insert(i.value);
    if (i.scheme == "ods") ods_codes[rekey(id)].insert(i.value);
  }
  std::map<std::pair<std::string, std::string>, std::map<std::string, Share>> robs;
  // The line of the (first) row each source gave a link on.
  std::map<std::pair<std::string, std::string>, SourceLines> rlines;
  for (const Relationship& r : before.relationships) {
    auto key = std::pair{rekey(r.from), rekey(r.to)};
    if (key.first == key.second) continue;
    for (const std::string& s : r.cited().sources)
      if (s != src_id && snapshot_dates.count(s)) {
        robs[key].emplace(s, r.share);
        if (int line = line_of(r.cited().source_lines, s)) rlines[key].emplace(s, line);
      }
  }

  // This file.
  std::vector<Fam> fams;
  std::vector<int> levels;
  for (const OnsFamily& f : file.families) {
    fams.push_back(info(f).fam);
    levels.push_back(info(f).level);
  }
  std::vector<std::vector<std::string>> ids(file.rows.size());
  for (size_t i = 0; i < file.rows.size(); ++i) {
    for (size_t j = 0; j < file.families.size(); ++j) {
      const OnsEntity& e = file.rows[i][j];
      if (e.code.empty() || fams[j] == Fam::kLsoa) {
        ids[i].push_back("");
        continue;
      }
      std::string id = resolve(e.code, e.ods_code);
      ids[i].push_back(id);
      auto [kind, tier] = kind_of(fams[j], e.code);
      obs[id].emplace(src_id, Obs{e.name.empty() ? e.code : e.name, kind, tier, file.lines[i]});
      if (id != e.code) ons_codes[id].insert(e.code);
      if (!e.ods_code.empty() && id == e.ods_code) ods_codes[id].insert(e.ods_code);
    }
  }
  // Links: each family to the families at the next level up present.
  std::vector<std::pair<size_t, size_t>> links;
  {
    std::set<int> present;
    for (size_t j = 0; j < fams.size(); ++j)
      if (fams[j] != Fam::kLsoa) present.insert(levels[j]);
    for (size_t a = 0; a < fams.size(); ++a) {
      if (fams[a] == Fam::kLsoa) continue;
      auto next = present.upper_bound(levels[a]);
      for (size_t b = 0; b < fams.size(); ++b) {
        bool chain = next != present.end() && levels[b] == *next;
        // In LSOA lookups a council area is also compared with every NHS area.
        bool overlap = file.lsoa_based && fams[a] == Fam::kLad && is_nhs(fams[b]);
        if (fams[b] != Fam::kLsoa && (chain || overlap)) links.push_back({a, b});
      }
    }
    std::sort(links.begin(), links.end());
    links.erase(std::unique(links.begin(), links.end()), links.end());
  }
  if (!file.lsoa_based) {
    for (size_t i = 0; i < file.rows.size(); ++i) {
      for (auto [a, b] : links) {
        // When the next level up is blank on this row, skip to the one above.
        const std::string& from = ids[i][a];
        const std::string& to = ids[i][b];
        if (from.empty() || to.empty() || from == to) continue;
        robs[{from, to}].emplace(src_id, std::nullopt);
        rlines[{from, to}].emplace(src_id, file.lines[i]);
      }
    }
  } else {
    for (auto [a, b] : links) {
      std::map<std::string, std::map<std::string, int>> counts;  // child -> parent -> LSOAs
      for (size_t i = 0; i < file.rows.size(); ++i)
        if (!ids[i][a].empty() && !ids[i][b].empty() && ids[i][a] != ids[i][b]) {
          ++counts[ids[i][a]][ids[i][b]];
          rlines[{ids[i][a], ids[i][b]}].emplace(src_id, file.lines[i]);  // the first LSOA's row
        }
      bool nested = true;
      for (const auto& [child, parents] : counts) nested = nested && parents.size() == 1;
      bool share = !nested || fams[a] == Fam::kLad;
      for (const auto& [child, parents] : counts) {
        int total = 0;
        for (const auto& [parent, n] : parents) total += n;
        for (const auto& [parent, n] : parents)
          robs[{child, parent}].emplace(
              src_id, share ? Share(round_share(double(n) / total)) : std::nullopt);
      }
    }
  }

  // ---- snapshots and what each covers ----
  std::map<std::string, std::set<std::string>> covers;  // source -> classes
  for (const auto& [id, by_source] : obs)
    for (const auto& [s, o] : by_source) covers[s].insert(class_key(id, o));
  auto class_of = [&](const std::string& id, const std::string& source) -> std::string {
    auto it = obs.find(id);
    if (it == obs.end() || it->second.empty()) return "?";
    auto o = it->second.find(source);
    return class_key(id, o != it->second.end() ? o->second : it->second.rbegin()->second);
  };
  std::map<std::string, std::set<std::string>> rel_covers;  // source -> "class>class"
  for (const auto& [key, by_source] : robs)
    for (const auto& [s, share] : by_source)
      rel_covers[s].insert(class_of(key.first, s) + ">" + class_of(key.second, s));

  // Distinct snapshot dates covering a set of classes.
  auto covering = [&](const std::map<std::string, std::set<std::string>>& cov,
                      const std::set<std::string>& classes) {
    std::set<Date> dates;
    for (const auto& [s, cs] : cov)
      for (const std::string& c : classes)
        if (cs.count(c)) dates.insert(snapshot_dates.at(s));
    return dates;
  };

  // ---- organisations ----
  for (const auto& [id, by_source] : obs) {
    std::set<std::string> classes;
    std::map<Date, std::vector<std::pair<std::string, const Obs*>>> seen;  // date -> observations
    for (const auto& [s, o] : by_source) {
      classes.insert(class_key(id, o));
      seen[snapshot_dates.at(s)].push_back({s, &o});
    }
    std::set<Date> dates = covering(covers, classes);
    // Runs of covering dates on which the organisation was listed.
    struct Segment {
      Date start;
      const Obs* obs;
      std::vector<std::string> sources;
    };
    std::vector<Segment> run;
    // Structured bindings cannot be captured by a lambda in C++17 (clang
    // refuses): capture a copy of the id.
    const std::string& org_id = id;
    SourceLines lines;
    for (const auto& [s, o] : by_source)
      if (o.line > 0) lines.emplace(s, o.line);
    auto flush = [&](std::optional<Date> end) {
      for (size_t k = 0; k < run.size(); ++k) {
        Interval iv{run[k].start,
                    k + 1 < run.size() ? std::optional<Date>(run[k + 1].start.prev_day()) : end};
        append_periods(out, org_id, iv, run[k].obs->name, run[k].obs->kind, run[k].obs->tier,
                       run[k].sources, lines);
      }
      run.clear();
    };
    bool commissioning = classes.count("ccg") || classes.count("stp");
    for (auto [d, at] : speaking_dates(dates, commissioning)) {
      auto it = seen.find(at);
      if (it == seen.end()) {
        if (!run.empty()) flush(d.prev_day());
        continue;
      }
      for (const auto& [s, o] : it->second) {
        if (!run.empty() && run.back().obs->name == o->name && run.back().obs->kind == o->kind &&
            run.back().obs->tier == o->tier) {
          run.back().sources.push_back(s);
        } else if (!run.empty() && run.back().start == d) {
          run.back().sources.push_back(s);  // two files of one date disagree: the first wins
        } else {
          run.push_back({d, o, {s}});
        }
      }
    }
    if (!run.empty()) flush(std::nullopt);
    out.organisations.push_back(id);
  }

  // ---- relationships ----
  for (const auto& [key, by_source] : robs) {
    std::string last = by_source.rbegin()->first;
    std::set<std::string> family = {class_of(key.first, last) + ">" + class_of(key.second, last)};
    std::map<Date, std::vector<std::pair<std::string, Share>>> seen;
    for (const auto& [s, share] : by_source) seen[snapshot_dates.at(s)].push_back({s, share});
    std::set<Date> dates = covering(rel_covers, family);
    struct Piece {
      Date start;
      Share share;
      std::vector<std::string> sources;
    };
    std::vector<Piece> pieces;
    std::optional<Date> open_end;
    const auto& rel_key = key;  // see flush above: no structured binding in a lambda
    auto emit = [&](std::optional<Date> end) {
      for (size_t k = 0; k < pieces.size(); ++k) {
        Interval valid{pieces[k].start, k + 1 < pieces.size()
                                            ? std::optional<Date>(pieces[k + 1].start.prev_day())
                                            : end};
        Relationship r = statutory_part_of(rel_key.first, rel_key.second, valid, pieces[k].sources,
                                           rlines[rel_key], dataset);
        r.share = pieces[k].share;
        if (r.share) r.cite().note = kShareNote;
        out.relationships.push_back(std::move(r));
      }
      pieces.clear();
    };
    const std::string& fam = *family.begin();
    bool commissioning = fam.rfind("ccg>", 0) == 0 || fam.rfind("stp>", 0) == 0;
    for (auto [d, at] : speaking_dates(dates, commissioning)) {
      auto it = seen.find(at);
      if (it == seen.end()) {
        if (!pieces.empty()) emit(d.prev_day());
        continue;
      }
      for (const auto& [s, share] : it->second) {
        if (!pieces.empty() && (pieces.back().share == share || pieces.back().start == d))
          pieces.back().sources.push_back(s);
        else
          pieces.push_back({d, share, {s}});
      }
    }
    if (!pieces.empty()) emit(open_end);
  }

  // ---- identifiers ----
  auto add_identifier = [&](const std::string& id, Identifier ident) {
    if (auto other = index.identifier_conflict(ident, id, dataset)) {
      warnings.add("identifier " + ident.scheme + ":" + ident.value + " already belongs to '" +
                   *other + "' in another dataset; not added to '" + id + "'");
      return;
    }
    out.identifiers.emplace_back(id, std::move(ident));
  };
  for (const auto& [id, codes] : ons_codes) {
    if (!obs.count(id)) continue;
    for (const std::string& c : codes)
      if (c != id) add_identifier(id, {"ons", c});
  }
  for (const auto& [id, codes] : ods_codes) {
    if (!obs.count(id)) continue;
    for (const std::string& c : codes)
      if (c == id) add_identifier(id, {"ods", c});
  }

  // ---- countries: the first letter of its GSS code (core/country.h) ----
  for (auto& [id, p] : out.periods) {
    std::optional<Country> c = country_of_gss(id);
    auto codes = ons_codes.find(id);
    if (!c && codes != ons_codes.end())
      for (const std::string& code : codes->second)
        if ((c = country_of_gss(code))) break;
    p.country = c.value_or(Country::kUnknown);
  }

  std::sort(out.periods.begin(), out.periods.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.valid.from < b.second.valid.from;
  });
  std::sort(out.identifiers.begin(), out.identifiers.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second) < std::tie(b.first, b.second);
  });
  std::sort(out.relationships.begin(), out.relationships.end());
  return out;
}

}  // namespace govmap
