#include "core/utf8.h"

#include <cstdio>

namespace govmap {
namespace {

std::string hex_bytes(std::string_view text, size_t from, size_t n) {
  std::string out;
  for (size_t i = from; i < from + n && i < text.size(); ++i) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(text[i]));
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Decodes one sequence at i; returns its length, or 0 with *why set.
size_t decode(std::string_view text, size_t i, char32_t* cp, std::string* why) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n;
  char32_t min;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
    *cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
    *cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
    n = 4;
    min = 0x10000;
    *cp = c & 0x07;
  } else {
    *why = is_continuation(c)
               ? "a continuation byte (" + hex_bytes(text, i, 1) + ") with no lead byte"
               : "a byte that never occurs in UTF-8 (" + hex_bytes(text, i, 1) + ")";
    return 0;
  }
  for (size_t k = 1; k < n; ++k) {
    if (i + k >= text.size() || !is_continuation(b(k))) {
      *why = "a sequence cut short (" + hex_bytes(text, i, k) + ")";
      return 0;
    }
    *cp = (*cp << 6) | (b(k) & 0x3F);
  }
  if (*cp < min) {
    *why = "an overlong encoding (" + hex_bytes(text, i, n) + ")";
    return 0;
  }
  if (*cp >= 0xD800 && *cp <= 0xDFFF) {
    *why = "a UTF-16 surrogate (" + hex_bytes(text, i, n) + ")";
    return 0;
  }
  if (*cp > 0x10FFFF) {
    *why = "a code point above U+10FFFF (" + hex_bytes(text, i, n) + ")";
    return 0;
  }
  return n;
}

bool is_invisible(char32_t c) {
  return c == 0x00AD || c == 0x061C || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

}  // namespace

Utf8Problem find_invalid_utf8(std::string_view text) {
  Utf8Problem p;
  size_t i = 0;
  while (i < text.size()) {
    // Fast path for ASCII runs.
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t n = decode(text, i, &cp, &p.what);
    if (n == 0) {
      p.offset = i;
      return p;
    }
    i += n;
  }
  return p;
}

size_t find_invisible_character(std::string_view text, char32_t* code_point) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    std::string why;
    size_t n = decode(text, i, &cp, &why);
    if (n == 0) {
      ++i;
      continue;
    }
    if (is_invisible(cp)) {
      if (code_point) *code_point = cp;
      return i;
    }
    i += n;
  }
  return std::string::npos;
}

size_t utf8_sequence_length(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  char32_t cp = 0;
  std::string why;
  return decode(text, i, &cp, &why);
}

std::string make_visible(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    std::string why;
    size_t n = decode(text, i, &cp, &why);
    if (n == 0) {
      out += text[i++];
      continue;
    }
    if (is_invisible(cp))
      out += "<" + code_point_name(cp) + ">";
    else
      out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

size_t character_count(std::string_view text) {
  size_t n = 0;
  for (char c : text)
    if (!is_continuation(static_cast<unsigned char>(c))) ++n;
  return n;
}

}  // namespace govmap
