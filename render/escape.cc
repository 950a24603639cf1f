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

// Graphviz 2.42/2.43 reads no DOT string longer than 16384 bytes; a quoted
// string is cut well below that, whole characters and escapes only.
constexpr size_t kMaxDotStringBytes = 12000;

// Identifiers longer than this are shortened to their first kNameKeepBytes and a
// hash of the whole, so a node name or element id stays far below that limit.
constexpr size_t kMaxNameBytes = 256;
constexpr size_t kNameKeepBytes = 128;

// FNV-1a, 64 bits, in hex: the same on every platform and run.
std::string hash_hex(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ULL;
  }
  static const char kHex[] = "0123456789ABCDEF";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 0xF];
  return out;
}

// A node name: short names as they are, long ones shortened with their hash.
std::string long_name(std::string_view s) {
  if (s.size() <= kMaxNameBytes) return std::string(s);
  size_t keep = kNameKeepBytes;
  while (keep > 0 && is_utf8_continuation(s[keep])) --keep;
  return std::string(s.substr(0, keep)) + "#" + hash_hex(s);
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
    } else if (n == 3 && s.substr(i, 2) == "\xEF\xBF" &&
               (static_cast<uint8_t>(s[i + 2]) == 0xBE || static_cast<uint8_t>(s[i + 2]) == 0xBF)) {
      // U+FFFE and U+FFFF are valid UTF-8 but forbidden in XML documents.
      out += "\xEF\xBF\xBD";
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
    if (!is_utf8_continuation(c) && out.size() >= kMaxDotStringBytes) {
      out += "\xE2\x80\xA6";  // U+2026: the rest would not fit Graphviz's lexer
      break;
    }
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
  for (char c : clean_text(long_name(s))) {
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
  if (safe.empty()) return "";
  // Graphviz 2.42/2.43 copies URL values into SVG attributes without escaping
  // '&', so the XML entity is written here; render_diagram() turns it back into
  // '&' for formats that are not XML (PDF link annotations).
  std::string out = "\"";
  for (char c : safe) out += c == '&' ? std::string("&amp;") : std::string(1, c);
  return out + "\"";
}

std::string clip_text(std::string_view s, size_t max_chars) {
  std::string text = clean_text(s);
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_utf8_continuation(text[i])) continue;
    if (chars == max_chars) return text.substr(0, i) + "\xE2\x80\xA6";  // U+2026
    ++chars;
  }
  return text;
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
  if (url.size() > 2000 || clean_text(url) != url) return "";
  for (char c : url)
    if (c == ' ' || c == '\n' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`')
      return "";
  return std::string(url);
}

std::string safe_id(std::string_view prefix, std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out(prefix);
  std::string tail;
  if (s.size() > kMaxNameBytes) {
    tail = "_H" + hash_hex(s);  // 'H' never follows '_' otherwise: still injective
    s = s.substr(0, kNameKeepBytes);
  }
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
  return out + tail;
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
