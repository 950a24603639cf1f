#include "importers/ods.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/codes.h"
#include "core/hash.h"
#include "core/kinds.h"
#include "core/utf8.h"

namespace govmap {
namespace {

const std::vector<std::string> kFormatNames = {"ods-etr", "ods-eccg", "ods-ect", "ods-succ"};
const std::vector<std::string> kDatasets = {"ods:trusts", "ods:commissioners", "ods:care-trusts",
                                            "ods:successions"};

// Field positions (0-based) in the 27- and 24-field layouts.
constexpr size_t kCode = 0, kName = 1, kRegion = 2, kGeography = 3, kOpen = 10, kClose = 11,
                 kRole = 13, kGor = 23;

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool contains(const std::string& s, const char* what) {
  return s.find(what) != std::string::npos;
}

bool is_yyyymmdd(const std::string& s) {
  return s.size() == 8 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "20130401" -> 2013-04-01; problem says why not.
std::optional<Date> ods_date(const std::string& s, std::string& problem) {
  if (!is_yyyymmdd(s)) {
    problem = "malformed date '" + s + "', expected YYYYMMDD";
    return std::nullopt;
  }
  std::string iso = s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2);
  problem = Date::parse_problem(iso);
  if (!problem.empty()) {
    // "month 13 is out of range in '1994-13-01'": the ISO form is ours, not the file's.
    problem = "invalid date '" + s + "': " + problem.substr(0, problem.find(" in '"));
    return std::nullopt;
  }
  return Date::parse(iso);
}

std::vector<std::string> roles_of(const std::string& field) {
  return split_list(upper(field), '|');
}

bool has_role(const std::vector<std::string>& roles, const char* role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

// ---- what a row is ----

enum class RowClass { kTrust, kCareTrust, kCommissioner, kUnclear };

bool code_matches(const std::string& code, char first) {
  return code.size() == 3 && code[0] == first &&
         std::isalnum(static_cast<unsigned char>(code[1])) &&
         std::isalnum(static_cast<unsigned char>(code[2]));
}

bool is_ccg_code(const std::string& code) {
  return code.size() == 3 && std::isdigit(static_cast<unsigned char>(code[0])) &&
         std::isdigit(static_cast<unsigned char>(code[1])) &&
         std::isalpha(static_cast<unsigned char>(code[2]));
}

bool commissioner_name(const std::string& name) {
  std::string n = upper(name);
  return contains(n, " CCG") || contains(n, " ICB - ") || contains(n, "COMMISSIONING HUB") ||
         contains(n, "SUB-ICB") || contains(n, "CLINICAL COMMISSIONING GROUP");
}

RowClass classify(const std::string& code, const std::string& name, const std::string& role_field) {
  std::vector<std::string> roles = roles_of(role_field);
  if (has_role(roles, "T")) return RowClass::kCareTrust;
  for (const char* r : {"RO98", "RO319", "RO326", "RO327", "RO218", "C", "E"})
    if (has_role(roles, r)) return RowClass::kCommissioner;
  if (has_role(roles, "RO57") || has_role(roles, "RO197")) return RowClass::kTrust;
  if (code_matches(code, 'T')) return RowClass::kCareTrust;
  if (code_matches(code, 'R')) return RowClass::kTrust;
  if (is_ccg_code(code) || commissioner_name(name)) return RowClass::kCommissioner;
  std::string n = upper(name);
  if (contains(n, "CARE TRUST")) return RowClass::kCareTrust;
  if (contains(n, "TRUST")) return RowClass::kTrust;
  return RowClass::kUnclear;
}

bool is_foundation_trust(const std::string& name, const std::vector<std::string>& roles) {
  return contains(upper(name), "NHS FOUNDATION TRUST") || has_role(roles, "RO57");
}

enum class EccgRole { kCcg, kHub, kReportingEntity, kOther };

EccgRole eccg_role(const OdsRow& row) {
  std::vector<std::string> roles = roles_of(row.role);
  std::string n = upper(row.name);
  if (has_role(roles, "RO218") || has_role(roles, "E") || contains(n, "COMMISSIONING HUB"))
    return EccgRole::kHub;
  if (has_role(roles, "RO327") || contains(n, "SUB-ICB REPORTING ENTITY"))
    return EccgRole::kReportingEntity;
  if (roles.empty() || has_role(roles, "RO319") || has_role(roles, "RO98") || has_role(roles, "C"))
    return EccgRole::kCcg;
  return EccgRole::kOther;
}

// ---- reading ----

struct Probe {
  size_t records = 0;
  std::map<size_t, size_t> widths;  // fields -> records
  std::map<RowClass, size_t> classes;
  size_t succ_dated = 0;  // 5-field rows whose field 4 is a YYYYMMDD date
};

Probe probe(const std::string& path, size_t limit) {
  Probe p;
  CsvReader reader(path);
  CsvRecord rec;
  while (p.records < limit && reader.next(rec)) {
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    ++p.records;
    ++p.widths[rec.fields.size()];
    if (rec.fields.size() == 5) {
      if (is_yyyymmdd(trim(rec.fields[3])) && !trim(rec.fields[0]).empty() &&
          !trim(rec.fields[1]).empty())
        ++p.succ_dated;
    } else if (rec.fields.size() == 27 || rec.fields.size() == 24) {
      ++p.classes[classify(trim(rec.fields[kCode]), rec.fields[kName], trim(rec.fields[kRole]))];
    }
  }
  return p;
}

}  // namespace

const std::string& ods_format_name(OdsFormat f) {
  return kFormatNames[static_cast<size_t>(f)];
}
const std::string& ods_dataset(OdsFormat f) {
  return kDatasets[static_cast<size_t>(f)];
}

std::optional<OdsFormat> parse_ods_format(const std::string& name) {
  for (size_t i = 0; i < kFormatNames.size(); ++i)
    if (kFormatNames[i] == name) return static_cast<OdsFormat>(i);
  return std::nullopt;
}

std::string ods_source_id(OdsFormat f, const std::string& sha256) {
  // The source prefixes are the --format names.
  return ods_format_name(f) + "-" + sha256.substr(0, 12);
}

bool ods_needs_as_of(OdsFormat f) {
  return f != OdsFormat::kSucc;
}

std::optional<Date> ods_bounding_date(const OdsFile& file) {
  std::optional<Date> bound;
  bool any_close = false;
  for (const OdsRow& row : file.rows) {
    any_close = any_close || row.close;
    Date d = row.close ? std::max(row.open, row.close->next_day()) : row.open;
    if (!bound || d > *bound) bound = d;
  }
  if (!any_close) return std::nullopt;
  return bound;
}

OrgKind ods_row_kind(OdsFormat format, const OdsRow& row) {
  if (format == OdsFormat::kEccg)
    return eccg_role(row) == EccgRole::kCcg ? OrgKind::kCcg : OrgKind::kOther;
  return is_foundation_trust(row.name, roles_of(row.role)) ? OrgKind::kFoundationTrust
                                                           : OrgKind::kNhsTrust;
}

bool ods_row_is_hub(OdsFormat format, const OdsRow& row) {
  return format == OdsFormat::kEccg && eccg_role(row) == EccgRole::kHub;
}

bool is_placeholder_code(const std::string& code) {
  return code.empty() || code == "Q99" || code == "W00" || code == "Y99";
}

std::optional<OdsFormat> detect_ods(const std::string& path, std::string* why) {
  Probe p;
  try {
    p = probe(path, 2000);
  } catch (const Error& e) {
    // Say why: "line 1 is longer than ...", "malformed CSV: ...".
    if (why) *why = "not readable as CSV (" + e.diagnostics().front().message + ")";
    return std::nullopt;
  }
  auto say = [&](std::string s) {
    if (why) *why = std::move(s);
    return std::nullopt;
  };
  if (p.records == 0) return say("the file is empty");
  // The layout most rows have; read_ods() then reports the rows that differ.
  size_t width = 0, rows = 0;
  for (const auto& [w, n] : p.widths)
    if (n > rows) width = w, rows = n;
  if (rows * 2 <= p.records) return say("rows have different numbers of fields");
  if (width == 5) {
    if (p.succ_dated * 2 > p.records) return OdsFormat::kSucc;
    return say("5 fields per row, but field 4 is mostly not a YYYYMMDD date (ODS succ)");
  }
  if (width != 27 && width != 24)
    return say(std::to_string(width) + " fields per row (ODS extracts have 27 or 24, succ 5)");
  RowClass best = RowClass::kUnclear;
  size_t best_count = 0;
  for (const auto& [c, n] : p.classes)
    if (c != RowClass::kUnclear && n > best_count) best = c, best_count = n;
  if (best == RowClass::kUnclear || best_count * 2 <= p.records)
    return say(
        std::to_string(width) +
        " fields per row like an ODS extract, but the rows do not say whether it is etr, eccg "
        "or ect; use --format");
  if (best == RowClass::kTrust) return OdsFormat::kEtr;
  if (best == RowClass::kCareTrust) return OdsFormat::kEct;
  return OdsFormat::kEccg;
}

OdsFile read_ods(const std::string& path, OdsFormat format, DiagnosticSink& sink) {
  return read_ods_text(path, read_file(path), format, sink);
}

OdsFile read_ods_text(const std::string& path, std::string text, OdsFormat format,
                      DiagnosticSink& sink) {
  OdsFile file;
  file.path = path;
  file.format = format;
  file.sha256 = sha256_text(text);
  file.text = text;
  CsvReader reader(path, std::move(text));
  CsvRecord rec;
  std::map<std::string, int> seen;  // code -> first line
  try {
    while (reader.next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
      for (std::string& f : rec.fields) f = trim(f);
      if (format == OdsFormat::kSucc) {
        if (rec.fields.size() != 5) {
          sink.add(reader.at(
              rec, std::min<size_t>(rec.fields.size(), 5),
              "expected 5 fields (ODS succ layout), found " + std::to_string(rec.fields.size())));
          continue;
        }
        file.fields = 5;
        std::string problem;
        auto d = ods_date(rec.fields[3], problem);
        if (!d) sink.add(reader.at(rec, 3, "effective date: " + problem));
        bool codes_ok = true;
        for (size_t i : {size_t{0}, size_t{1}}) {
          const std::string& code = rec.fields[i];
          const char* which = i == 0 ? "predecessor" : "successor";
          if (code.empty()) {
            sink.add(reader.at(rec, i, std::string("missing ") + which + " code"));
            codes_ok = false;
          } else if (std::string code_problem = ods_code_problem(code); !code_problem.empty()) {
            sink.add(reader.at(rec, i,
                               std::string("invalid ") + which + " code '" + make_visible(code) +
                                   "': " + code_problem));
            codes_ok = false;
          }
        }
        if (!d || !codes_ok) continue;
        file.successions.push_back({rec, rec.fields[0], rec.fields[1], *d});
        continue;
      }
      size_t width = rec.fields.size();
      if (file.fields == 0 && (width == 27 || width == 24)) file.fields = width;
      if (width != file.fields) {
        sink.add(reader.at(rec, std::min(width, file.fields == 0 ? size_t{27} : file.fields),
                           "expected " + std::to_string(file.fields == 0 ? 27 : file.fields) +
                               " fields (ODS " +
                               (file.fields == 24 ? "legacy 24-field" : "standard 27-field") +
                               " layout), found " + std::to_string(width)));
        continue;
      }
      OdsRow row;
      row.rec = rec;
      row.code = rec.fields[kCode];
      row.name = rec.fields[kName];
      row.region = rec.fields[kRegion];
      row.geography = rec.fields[kGeography];
      row.role = rec.fields[kRole];
      row.gor = trim(rec.fields[kGor]);
      bool ok = true;
      if (row.code.empty()) {
        sink.add(reader.at(rec, kCode, "missing organisation code"));
        ok = false;
      } else if (std::string problem = ods_code_problem(row.code); !problem.empty()) {
        sink.add(reader.at(
            rec, kCode, "invalid organisation code '" + make_visible(row.code) + "': " + problem));
        ok = false;
      }
      if (row.name.empty()) {
        sink.add(reader.at(rec, kName, "missing organisation name"));
        ok = false;
      }
      std::string problem;
      auto open = ods_date(rec.fields[kOpen], problem);
      if (!open) {
        sink.add(reader.at(rec, kOpen, "open date: " + problem));
        ok = false;
      }
      if (!rec.fields[kClose].empty()) {
        auto close = ods_date(rec.fields[kClose], problem);
        if (!close) {
          sink.add(reader.at(rec, kClose, "close date: " + problem));
          ok = false;
        } else if (open && *close < *open) {
          sink.add(reader.at(rec, kClose,
                             "close date " + close->str() + " is before open date " + open->str()));
          ok = false;
        } else {
          row.close = close;
        }
      }
      if (!ok) continue;
      row.open = *open;
      auto [it, fresh] = seen.emplace(row.code, rec.line);
      if (!fresh) {
        sink.add(reader.at(rec, kCode,
                           "duplicate organisation code '" + row.code + "' (first on line " +
                               std::to_string(it->second) + ")"));
        continue;
      }
      file.rows.push_back(std::move(row));
    }
  } catch (const Error& e) {
    for (const Diagnostic& d : e.diagnostics()) sink.add(d);
  }
  return file;
}

}  // namespace govmap
