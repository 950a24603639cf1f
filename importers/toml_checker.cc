#include "importers/toml_checker.h"

#include <algorithm>
#include <cstdio>

#include "core/kinds.h"
#include "core/suggest.h"

namespace govmap {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string date_text(const toml::date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year),
                static_cast<int>(d.month), static_cast<int>(d.day));
  return buf;
}

}  // namespace

TomlChecker::TomlChecker(std::string file, const std::string& text, DiagnosticSink* sink)
    : file_(std::move(file)), lines_(split_lines(text)), sink_(sink ? *sink : own_) {}

const std::string& TomlChecker::line(int n) const {
  static const std::string none;
  return n >= 1 && static_cast<size_t>(n) <= lines_.size() ? lines_[static_cast<size_t>(n) - 1]
                                                           : none;
}

Diagnostic TomlChecker::position(const toml::source_region& where) const {
  Diagnostic d;
  d.file = file_;
  d.line = static_cast<int>(where.begin.line);
  d.column = static_cast<int>(where.begin.column);
  d.source_line = line(d.line);
  return d;
}

void TomlChecker::error(const toml::source_region& where, std::string message) {
  Diagnostic d = position(where);
  d.message = std::move(message);
  sink_.add(d);
}

void TomlChecker::check_keys(const toml::table& t, const std::vector<std::string>& allowed,
                             const std::string& where) {
  for (const auto& [key, node] : t) {
    std::string k(key.str());
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      error(key.source(), "unknown key '" + k + "' in " + where + did_you_mean(k, allowed) +
                              " (valid: " + join(allowed) + ")");
  }
}

std::string TomlChecker::string(const toml::table& t, const char* key,
                                const std::string& required_in) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (!required_in.empty()) error(t.source(), required_in + " needs '" + key + "'");
    return "";
  }
  if (auto s = n->value<std::string>()) return *s;
  error(n->source(), std::string("'") + key + "' must be a string");
  return "";
}

std::optional<Date> TomlChecker::date(const toml::table& t, const char* key, const char* example) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto d = n->value<toml::date>())
    if (auto parsed = Date::parse(date_text(*d))) return parsed;
  if (auto s = n->value<std::string>()) {
    std::string problem = Date::parse_problem(*s);
    if (problem.empty()) return Date::parse(*s);
    error(n->source(), std::string("'") + key + "': " + problem);
    return std::nullopt;
  }
  error(n->source(), std::string("'") + key + "' must be a date such as " + example);
  return std::nullopt;
}

std::vector<std::string> TomlChecker::strings(const toml::table& t, const char* key,
                                              const char* hint) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    error(n->source(), std::string("'") + key + "' must be a list of strings" + hint);
    return out;
  }
  for (const toml::node& item : *arr) {
    if (auto s = item.value<std::string>())
      out.push_back(*s);
    else
      error(item.source(), std::string("'") + key + "' must hold strings");
  }
  return out;
}

}  // namespace govmap
