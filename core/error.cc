#include "core/error.h"

#include <algorithm>

namespace govmap {

std::string Diagnostic::format() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    if (line > 0 && column > 0) out += ":" + std::to_string(column);
    out += ": ";
  } else {
    out += "govmap: ";
  }
  out += (severity == Severity::kWarning ? "warning: " : "error: ") + message + "\n";
  if (line > 0 && !source_line.empty()) {
    std::string number = std::to_string(line);
    std::string gutter(number.size(), ' ');
    out += " " + number + " | " + source_line + "\n";
    if (column > 0) {
      // Keep tabs so the caret lines up under tab-indented text.
      std::string pad;
      for (int i = 0; i < column - 1 && i < static_cast<int>(source_line.size()); ++i)
        pad += source_line[static_cast<size_t>(i)] == '\t' ? '\t' : ' ';
      out += " " + gutter + " | " + pad + "^" + std::string(std::max(span, 1) - 1, '~') + "\n";
    }
  }
  return out;
}

Error::Error(Kind kind, std::string message) : kind_(kind) {
  Diagnostic d;
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
  what_ = format();
}

Error::Error(Kind kind, std::vector<Diagnostic> diagnostics)
    : kind_(kind), diagnostics_(std::move(diagnostics)) {
  what_ = format();
}

std::string Error::format() const {
  std::string out;
  for (const Diagnostic& d : diagnostics_) out += d.format();
  return out;
}

void DiagnosticSink::add(Diagnostic d) {
  if (diagnostics_.size() >= limit_) {
    ++dropped_;
    return;
  }
  diagnostics_.push_back(std::move(d));
}

void DiagnosticSink::throw_if_any() const {
  if (empty()) return;
  std::vector<Diagnostic> all = diagnostics_;
  if (dropped_ > 0) {
    Diagnostic more;
    more.message = "too many errors: " + std::to_string(dropped_) + " more not shown";
    all.push_back(more);
  }
  throw Error(Error::Kind::kInput, std::move(all));
}

}  // namespace govmap
