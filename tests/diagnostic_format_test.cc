#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/csv.h"
#include "core/error.h"

using govmap::Diagnostic;

namespace {

// The quoted line and the caret line of a formatted diagnostic, without the
// " N | " gutters.
std::pair<std::string, std::string> quoted_and_caret(const std::string& formatted) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < formatted.size()) {
    size_t nl = formatted.find('\n', start);
    lines.push_back(formatted.substr(start, nl - start));
    start = nl + 1;
  }
  REQUIRE(lines.size() >= 3);
  auto body = [](const std::string& l) { return l.substr(l.find(" | ") + 3); };
  return {body(lines[1]), body(lines[2])};
}

}  // namespace

TEST_CASE("diagnostics: a long quoted line is clipped around the column, caret still right") {
  std::string line;
  for (int i = 0; i < 2000; ++i) line += static_cast<char>('a' + i % 26);
  for (int column : {1, 30, 81, 82, 500, 1000, 1999, 2000, 2001}) {
    CAPTURE(column);
    Diagnostic d;
    d.file = "t.csv";
    d.line = 7;
    d.column = column;
    d.source_line = line;
    d.message = "something";
    auto [shown, caret] = quoted_and_caret(d.format());
    CHECK(shown.size() <= 250);
    size_t at = caret.find('^');
    REQUIRE(at != std::string::npos);
    if (column <= 2000)
      CHECK(shown[at] == line[static_cast<size_t>(column - 1)]);
    else
      CHECK(at == shown.size());  // just past the end of the line
    CHECK((column > 81) == (shown.rfind("...", 0) == 0));
  }
}

TEST_CASE("diagnostics: the caret counts characters, not bytes, and shows bad bytes as '?'") {
  Diagnostic d;
  d.file = "t.csv";
  d.line = 2;
  d.source_line = "caf\xC3\xA9,\xC0\xAF,x\x01y";
  d.column = 7;  // the byte C0, after a two-byte character
  d.message = "bad";
  auto [shown, caret] = quoted_and_caret(d.format());
  CHECK(shown == "caf\xC3\xA9,??,x?y");
  CHECK(caret == "     ^");
}

TEST_CASE("diagnostics: invisible and bidi control characters are shown as <U+XXXX>") {
  Diagnostic d;
  d.file = "t.csv";
  d.line = 2;
  d.source_line =
      "X24\xE2\x80\x8B,NHS \xE2\x80\xAE"
      "England,ccg";
  d.column = 23;  // "ccg", after both
  d.span = 3;
  d.message = "bad";
  auto [shown, caret] = quoted_and_caret(d.format());
  CHECK(shown == "X24<U+200B>,NHS <U+202E>England,ccg");
  CHECK(caret == std::string(shown.find("ccg"), ' ') + "^~~");
}

TEST_CASE("diagnostics: control characters in a message cannot drive the terminal") {
  Diagnostic d;
  d.message = "unknown column '\x1b[31mred'";
  CHECK(d.format() == "govmap: error: unknown column '?[31mred'\n");
}

TEST_CASE("diagnostics: a short line is shown whole, span underlined") {
  Diagnostic d;
  d.file = "t.csv";
  d.line = 3;
  d.column = 5;
  d.span = 3;
  d.source_line = "abc,def,ghi";
  d.message = "bad";
  CHECK(d.format() ==
        "t.csv:3:5: error: bad\n"
        " 3 | abc,def,ghi\n"
        "   |     ^~~\n");
}

TEST_CASE("at scale: a CSV header of 500,000 columns is checked in one pass and reported briefly") {
  std::string header = "id,title,url";
  for (int i = 0; i < 499997; ++i) header += ",x";
  header += ",id,id\n";
  REQUIRE(header.size() < govmap::CsvReader::kMaxLineBytes);
  govmap::CsvReader reader("sources.csv", header);
  govmap::CsvRecord rec;
  REQUIRE(reader.next(rec));
  govmap::DiagnosticSink sink;
  govmap::CsvHeader h(reader, rec, {"id", "title", "url"}, {"publisher", "date"}, sink);
  CHECK_FALSE(h.ok());
  std::string text;
  try {
    sink.throw_if_any();
  } catch (const govmap::Error& e) {
    text = e.format();
  }
  CHECK(text.size() < 5000);
  CHECK(text.find("... and 499992 more unknown columns in this header") != std::string::npos);
  CHECK(text.find("sources.csv:1:14: error: unknown column 'x'") != std::string::npos);
  CHECK(text.find("sources.csv:1:1000008: error: duplicate column 'id'") != std::string::npos);
  CHECK(h.index("url") == 2);
}
