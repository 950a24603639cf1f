// Reading a TOML file (map.toml, a map's rules.toml, data/MANIFEST.toml) with
// errors like a compiler's.
//
// toml++ parses the text and keeps each node's position; TomlChecker turns
// what is wrong with a table into Diagnostics at that position (file, line,
// column, the offending line), collecting every problem rather than stopping at
// the first. The typed getters report a value of the wrong type and return an
// empty value, so a caller can go on checking the rest of the file and throw
// once (throw_if_any). One class serves every TOML format govmap reads, so their
// messages agree ("unknown key 'x' in [[output]], did you mean ...").
#ifndef GOVMAP_IMPORTERS_TOML_CHECKER_H_
#define GOVMAP_IMPORTERS_TOML_CHECKER_H_

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace govmap {

class TomlChecker {
 public:
  // Diagnostics go to sink when given (it must outlive the checker), else to
  // a sink of the checker's own. text is the file's content, for quoted lines.
  TomlChecker(std::string file, const std::string& text, DiagnosticSink* sink = nullptr);
  TomlChecker(const TomlChecker&) = delete;
  TomlChecker& operator=(const TomlChecker&) = delete;

  void error(const toml::source_region& where, std::string message);
  // A Diagnostic pointing at where, without a message (for positions kept for
  // later checks, e.g. a map.toml reference checked against the folder).
  Diagnostic position(const toml::source_region& where) const;

  // Every key of t must be in allowed: "unknown key 'k' in WHERE, did you mean".
  void check_keys(const toml::table& t, const std::vector<std::string>& allowed,
                  const std::string& where);
  // A string value; "" when absent. With required_in, absence is an error
  // "REQUIRED_IN needs 'key'".
  std::string string(const toml::table& t, const char* key, const std::string& required_in = "");
  // A TOML date (2018-08-08) or a string holding one; nullopt when absent or
  // wrong. example is shown in the message for a value of another type.
  std::optional<Date> date(const toml::table& t, const char* key,
                           const char* example = "2018-08-08");
  // A list of strings; hint follows "must be a list of strings" (e.g.
  // ", e.g. [\"svg\"]").
  std::vector<std::string> strings(const toml::table& t, const char* key, const char* hint = "");

  void throw_if_any() { sink_.throw_if_any(); }
  DiagnosticSink& sink() { return sink_; }
  const std::string& file() const { return file_; }
  // Line n (1-based) of the text, without its line break; "" outside it.
  const std::string& line(int n) const;

 private:
  std::string file_;
  std::vector<std::string> lines_;
  DiagnosticSink own_;
  DiagnosticSink& sink_;
};

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_TOML_CHECKER_H_
