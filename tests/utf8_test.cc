#include <doctest/doctest.h>

#include <string>

#include "core/csv.h"
#include "core/error.h"
#include "core/utf8.h"

using govmap::find_invalid_utf8;
using govmap::find_invisible_character;

TEST_CASE("UTF-8: malformed sequences are found at their first byte") {
  struct Case {
    const char* name;
    std::string text;
    size_t offset;  // npos = valid
    const char* what;
  };
  const Case cases[] = {
      {"ASCII", "NHS England", std::string::npos, ""},
      {"two, three and four bytes", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x8F\xA5", std::string::npos,
       ""},
      {"largest code point", "\xF4\x8F\xBF\xBF", std::string::npos, ""},
      {"overlong NUL", "a\xC0\x80", 1, "an overlong encoding (C0 80)"},
      {"overlong slash", "\xC0\xAF", 0, "an overlong encoding (C0 AF)"},
      {"overlong three bytes", "x\xE0\x80\xAF", 1, "an overlong encoding (E0 80 AF)"},
      {"overlong four bytes", "\xF0\x80\x80\xAF", 0, "an overlong encoding (F0 80 80 AF)"},
      {"high surrogate", "ab\xED\xA0\x80", 2, "a UTF-16 surrogate (ED A0 80)"},
      {"low surrogate", "\xED\xBF\xBF", 0, "a UTF-16 surrogate (ED BF BF)"},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0, "a code point above U+10FFFF (F4 90 80 80)"},
      {"F5 lead byte", "\xF5\x80\x80\x80", 0, "a byte that never occurs in UTF-8 (F5)"},
      {"lone continuation", "a\x80", 1, "a continuation byte (80) with no lead byte"},
      {"cut short at the end", "NHS \xE2\x82", 4, "a sequence cut short (E2 82)"},
      {"cut short before ASCII", "\xE2\x82,x", 0, "a sequence cut short (E2 82)"},
      {"Latin-1 text", "Caf\xE9", 3, "a sequence cut short (E9)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    govmap::Utf8Problem p = find_invalid_utf8(c.text);
    CHECK(p.offset == c.offset);
    if (p.found()) CHECK(p.what == c.what);
  }
}

TEST_CASE("UTF-8: zero-width and bidirectional control characters are found") {
  char32_t c = 0;
  CHECK(find_invisible_character("X24", &c) == std::string::npos);
  CHECK(find_invisible_character("Caf\xC3\xA9") == std::string::npos);
  CHECK(find_invisible_character("X24\xE2\x80\x8B", &c) == 3);  // zero width space
  CHECK(c == 0x200B);
  CHECK(find_invisible_character("\xE2\x80\xAE"
                                 "abc",
                                 &c) == 0);  // right-to-left override
  CHECK(c == 0x202E);
  CHECK(find_invisible_character("a\xE2\x81\xA6", &c) == 1);  // left-to-right isolate
  CHECK(c == 0x2066);
  CHECK(find_invisible_character("a\xEF\xBB\xBF", &c) == 1);  // byte-order mark inside text
  CHECK(find_invisible_character("soft\xC2\xADhyphen", &c) == 4);
  CHECK(govmap::code_point_name(0x200B) == "U+200B");
}

TEST_CASE("CSV: invalid UTF-8 and NUL bytes are refused with file:line:column") {
  struct Case {
    const char* name;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"overlong", "id,name\nX24,NHS \xC0\xAF\n",
       "t.csv:2:9: error: invalid UTF-8: an overlong encoding (C0 AF)"},
      {"surrogate", "id,name\nX24,\xED\xA0\x80\n",
       "t.csv:2:5: error: invalid UTF-8: a UTF-16 surrogate (ED A0 80)"},
      {"truncated", "id,name\nX24,ab\xE2\x82\n",
       "t.csv:2:7: error: invalid UTF-8: a sequence cut short (E2 82)"},
      {"NUL in a field", std::string("id,name\nX24,NHS\0England\n", 24),
       "t.csv:2:8: error: NUL byte in the text"},
      {"NUL in the header", std::string("id,na\0me\n", 9),
       "t.csv:1:6: error: NUL byte in the text"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    govmap::CsvReader r("t.csv", c.text);
    govmap::CsvRecord rec;
    std::string message;
    try {
      while (r.next(rec)) {
      }
    } catch (const govmap::Error& e) {
      message = e.format();
    }
    CHECK(message.rfind(c.expected, 0) == 0);
    // The quoted line shows '?' for the bad bytes and the caret under the first.
    CHECK(message.find('\0') == std::string::npos);
  }
}
