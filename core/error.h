// The one error model of govmap.
//
// Every failure is reported by throwing govmap::Error. An Error carries a kind
// (which main() maps to an exit code; nothing else chooses exit codes) and one or
// more Diagnostics. A Diagnostic is a compiler-style message: where (file, line,
// column, all 1-based, 0 when unknown), what is wrong, the offending source line
// and an optional hint. Validators collect many Diagnostics and throw once, so a
// user sees every problem in a file, not just the first.
#ifndef GOVMAP_CORE_ERROR_H_
#define GOVMAP_CORE_ERROR_H_

#include <exception>
#include <string>
#include <vector>

namespace govmap {

struct Diagnostic {
  // A warning reports something doubtful that does not stop the command
  // (govmap check); everything else is an error.
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string file;         // path as the user gave it; empty when not about a file
  int line = 0;             // 1-based; 0 = unknown
  int column = 0;           // 1-based character column; 0 = unknown
  std::string message;      // one sentence, lower case, no trailing period
  std::string source_line;  // the offending line, without its newline
  int span = 1;             // how many characters to underline from column

  // "file:line:column: error: message" ("warning:" for a warning) followed, when source_line is
  // known, by the line and a caret marker under the column. Ends with a newline.
  std::string format() const;
};

class Error : public std::exception {
 public:
  enum class Kind {
    kUsage,     // bad command-line use
    kInput,     // bad input data (file contents, dates, identifiers)
    kNotFound,  // a named thing does not exist
    kIo,        // a file could not be read or written
    kDatabase,  // SQLite failed or the database is not a govmap database
  };

  Error(Kind kind, std::string message);
  Error(Kind kind, std::vector<Diagnostic> diagnostics);

  Kind kind() const { return kind_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // All diagnostics, formatted, in order.
  std::string format() const;
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  Kind kind_;
  std::vector<Diagnostic> diagnostics_;
  std::string what_;
};

// Collects diagnostics up to a limit, then remembers how many were dropped.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(size_t limit = 50) : limit_(limit) {}
  void add(Diagnostic d);
  bool empty() const { return diagnostics_.empty() && dropped_ == 0; }
  size_t count() const { return diagnostics_.size() + dropped_; }
  // Throws Error(kInput) holding everything collected, if anything was.
  void throw_if_any() const;

 private:
  size_t limit_;
  size_t dropped_ = 0;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace govmap

#endif  // GOVMAP_CORE_ERROR_H_
