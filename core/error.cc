#include "core/error.h"

#include <algorithm>
#include <vector>

#include "core/utf8.h"

namespace govmap {

namespace {

// Longest quoted line shown, in characters; a longer one is shown as a window
// around the column, with "..." where it was cut.
constexpr size_t kMaxShown = 240;
constexpr size_t kBeforeColumn = 80;

// The line as a terminal should show it: control characters and malformed
// UTF-8 become '?', invisible and bidirectional control characters "<U+200B>",
// tabs stay (so the caret line can repeat them). Also gives, for each shown
// character, the byte offset in line where it starts.
std::vector<std::string> shown_characters(const std::string& line, std::vector<size_t>& starts) {
  std::vector<std::string> out;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    starts.push_back(i);
    if (c == '\t') {
      out.emplace_back("\t");
      ++i;
    } else if (c < 0x20 || c == 0x7f) {
      out.emplace_back("?");
      ++i;
    } else if (c < 0x80) {
      out.emplace_back(1, static_cast<char>(c));
      ++i;
    } else if (size_t n = utf8_sequence_length(line, i)) {
      out.push_back(make_visible(line.substr(i, n)));
      i += n;
    } else {
      out.emplace_back("?");
      ++i;
    }
  }
  return out;
}

// Terminal columns a shown character takes: one, or the length of "<U+200B>".
size_t width_of(const std::string& shown) {
  return shown.size() > 1 && shown[0] == '<' ? shown.size() : 1;
}

}  // namespace

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
  // Data quoted in a message must not drive the terminal (escape sequences).
  std::string text = message;
  for (char& c : text)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f) c = '?';
  out += (severity == Severity::kWarning ? "warning: " : "error: ") + text + "\n";
  if (line > 0 && !source_line.empty()) {
    std::string number = std::to_string(line);
    std::string gutter(number.size(), ' ');
    std::vector<size_t> starts;
    std::vector<std::string> chars = shown_characters(source_line, starts);
    // The column is a byte position; the caret goes under the character holding it.
    size_t caret = 0;
    if (column > 0) {
      size_t byte = static_cast<size_t>(column - 1);
      while (caret < starts.size() && starts[caret] < byte) ++caret;
      if (caret < starts.size() && starts[caret] > byte) --caret;
    }
    size_t first = 0, last = chars.size();
    if (chars.size() > kMaxShown) {
      first = caret > kBeforeColumn ? caret - kBeforeColumn : 0;
      last = std::min(chars.size(), first + kMaxShown - 6);
      if (last == chars.size()) first = chars.size() - (kMaxShown - 6);
    }
    std::string shown = first > 0 ? "..." : "";
    std::string pad = first > 0 ? "   " : "";
    for (size_t i = first; i < last; ++i) {
      shown += chars[i];
      if (i < caret) pad += chars[i] == "\t" ? "\t" : std::string(width_of(chars[i]), ' ');
    }
    if (last < chars.size()) shown += "...";
    out += " " + number + " | " + shown + "\n";
    if (column > 0) {
      // Underline span bytes, counted in characters and cut where the shown text ends.
      size_t end_byte = static_cast<size_t>(column - 1) + static_cast<size_t>(std::max(span, 1));
      size_t width = 0;
      for (size_t i = caret; i < last && (i == caret || starts[i] < end_byte); ++i)
        width += width_of(chars[i]);
      out += " " + gutter + " | " + pad + "^" + std::string(width > 1 ? width - 1 : 0, '~') + "\n";
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
