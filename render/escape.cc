#include "render/escape.h"

#include <cstdint>

namespace govmap {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp > 0x10FFFF) return 0;
  return n;
}

bool is_utf8_continuation(char c) {
  return (static_cast<uint8_t>(c) & 0xC0) == 0x80;
}

}  // namespace

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (n == 1) {
      char c = s[i];
      bool control = (static_cast<uint8_t>(c) < 0x20 && c != '\n') || c == 0x7F;
      out += control ? ' ' : c;
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string dot_string(std::string_view s) {
  std::string out = "\"";
  for (char c : clean_text(s)) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      // Graphviz reads backslashes in these strings as escapes (\N, \G, \l ...)
      // and its handling of "\\" differs between versions: a backslash is shown
      // as U+29F5 REVERSE SOLIDUS OPERATOR, which looks the same.
      case '\\':
        out += "\xE2\xA7\xB5";
        break;
      case '\n':
        out += "\\n";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

std::string dot_id(std::string_view s) {
  std::string out = "\"";
  for (char c : clean_text(s)) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;  // the lexer keeps both: still one distinct name
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

std::string dot_url(std::string_view url) {
  std::string safe = safe_url(url);
  return safe.empty() ? std::string() : "\"" + safe + "\"";
}

std::string html_text(std::string_view s, std::string_view br) {
  std::string out;
  for (char c : clean_text(s)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += br;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string safe_url(std::string_view url) {
  auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
  if (!starts("https://") && !starts("http://")) return "";
  if (clean_text(url) != url) return "";
  for (char c : url)
    if (c == ' ' || c == '\n' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`')
      return "";
  return std::string(url);
}

std::string safe_id(std::string_view prefix, std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out(prefix);
  for (char c : s) {
    bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (plain) {
      out += c;
    } else {
      uint8_t b = static_cast<uint8_t>(c);
      out += '_';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

std::string wrap_words(std::string_view text, size_t width) {
  std::string out;
  size_t line_len = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j == i) break;
    std::string_view word = text.substr(i, j - i);
    size_t chars = 0;
    for (char c : word)
      if (!is_utf8_continuation(c)) ++chars;
    if (line_len > 0 && line_len + 1 + chars > width) {
      out += '\n';
      line_len = 0;
    } else if (line_len > 0) {
      out += ' ';
      ++line_len;
    }
    out += word;
    line_len += chars;
    i = j;
  }
  return out;
}

}  // namespace govmap
