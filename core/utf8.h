// Checks on the text of input files: well-formed UTF-8 (RFC 3629) and the
// invisible format characters that let one identifier look like another.
//
// Every input is UTF-8 text: the JSON, GraphML and SVG writers cannot carry
// anything else, so malformed bytes are refused where they enter (CsvReader),
// with the position of the first bad byte. RFC 3629 forbids overlong forms
// (C0 80 for NUL), UTF-16 surrogates (ED A0 80 .. ED BF BF), code points above
// U+10FFFF and sequences cut short; all are refused.
#ifndef GOVMAP_CORE_UTF8_H_
#define GOVMAP_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace govmap {

struct Utf8Problem {
  size_t offset = std::string::npos;  // byte offset of the first bad byte; npos = none
  std::string what;                   // e.g. "overlong encoding (C0 AF)"
  bool found() const { return offset != std::string::npos; }
};

// The first malformed sequence in text, if any.
Utf8Problem find_invalid_utf8(std::string_view text);

// Zero-width and bidirectional control characters (U+00AD soft hyphen, U+061C,
// U+180E, U+200B..U+200F, U+202A..U+202E, U+2060..U+2064, U+2066..U+2069,
// U+FEFF): they are invisible or reorder text, so "X24" followed by U+200B
// prints as "X24". Returns the byte offset of the first one (npos when none)
// and its code point in *code_point. text must be valid UTF-8.
size_t find_invisible_character(std::string_view text, char32_t* code_point = nullptr);

// Length of the well-formed sequence starting at text[i], 0 when malformed.
size_t utf8_sequence_length(std::string_view text, size_t i);

// text with each character find_invisible_character() finds written as
// "<U+200B>", so a message or a quoted line shows it instead of hiding it or
// reordering the terminal's line.
std::string make_visible(std::string_view text);

// "U+200B".
std::string code_point_name(char32_t c);

// Number of characters (code points) in text: bytes that are not UTF-8
// continuation bytes. For placing a caret under a byte offset.
size_t character_count(std::string_view text);

}  // namespace govmap

#endif  // GOVMAP_CORE_UTF8_H_
