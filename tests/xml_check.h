// A well-formedness check for XML 1.0 documents (SVG, GraphML, GEXF and the
// report page, which is written as polyglot HTML): the test and fuzz oracle for
// "every output parses as XML whatever the data".
//
// It checks what a browser's or NetworkX's XML parser rejects: characters
// outside XML's Char production (C0 controls, U+FFFE, U+FFFF, bad UTF-8),
// unbalanced or crossed tags, unquoted or repeated attributes, '<' in attribute
// values, '&' that does not start one of the five predefined entities or a
// character reference, "]]>" in text, "--" in comments, and more than one root.
// It does not validate against a DTD or schema.
#ifndef GOVMAP_TESTS_XML_CHECK_H_
#define GOVMAP_TESTS_XML_CHECK_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace govmap::test {

class XmlChecker {
 public:
  explicit XmlChecker(std::string_view text) : s_(text) {}

  // "" when well-formed, else "line:column: what is wrong".
  std::string check() {
    if (!valid_chars()) return error_;
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    bool root_seen = false;
    std::vector<std::string> open;
    while (i_ < s_.size()) {
      if (s_[i_] != '<') {
        if (open.empty()) {
          if (!is_space(s_[i_])) return fail("text outside the root element");
          ++i_;
          continue;
        }
        if (!text()) return error_;
        continue;
      }
      if (starts("<!--")) {
        if (!comment()) return error_;
      } else if (starts("<?")) {
        size_t end = s_.find("?>", i_ + 2);
        if (end == std::string_view::npos) return fail("unterminated processing instruction");
        i_ = end + 2;
      } else if (starts("<![CDATA[")) {
        if (open.empty()) return fail("CDATA outside the root element");
        size_t end = s_.find("]]>", i_);
        if (end == std::string_view::npos) return fail("unterminated CDATA section");
        i_ = end + 3;
      } else if (starts("<!DOCTYPE")) {
        if (root_seen || !open.empty()) return fail("DOCTYPE after the root element");
        if (!doctype()) return error_;
      } else if (starts("</")) {
        i_ += 2;
        std::string name = read_name();
        if (name.empty()) return fail("end tag without a name");
        skip_space();
        if (i_ >= s_.size() || s_[i_] != '>') return fail("malformed end tag </" + name);
        ++i_;
        if (open.empty() || open.back() != name)
          return fail("end tag </" + name + "> does not match " +
                      (open.empty() ? std::string("anything") : "<" + open.back() + ">"));
        open.pop_back();
      } else {
        if (open.empty() && root_seen) return fail("a second root element");
        ++i_;
        std::string name = read_name();
        if (name.empty()) return fail("'<' that starts no tag");
        bool empty = false;
        if (!attributes(empty)) return error_;
        root_seen = true;
        if (!empty) open.push_back(name);
      }
    }
    if (!open.empty()) return fail("element <" + open.back() + "> is never closed");
    if (!root_seen) return fail("no root element");
    return "";
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  static bool name_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '-' || c == '.';
  }
  bool starts(std::string_view p) const { return s_.substr(i_, p.size()) == p; }
  void skip_space() {
    while (i_ < s_.size() && is_space(s_[i_])) ++i_;
  }

  std::string fail(const std::string& what) {
    size_t line = 1, col = 1;
    for (size_t k = 0; k < i_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    error_ = std::to_string(line) + ":" + std::to_string(col) + ": " + what;
    return error_;
  }

  // Every character is valid UTF-8 and an XML Char.
  bool valid_chars() {
    for (size_t k = 0; k < s_.size();) {
      uint8_t c = static_cast<uint8_t>(s_[k]);
      size_t n = c < 0x80             ? 1
                 : (c & 0xE0) == 0xC0 ? 2
                 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4
                                      : 0;
      uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
      bool ok = n != 0 && k + n <= s_.size();
      for (size_t j = 1; ok && j < n; ++j) {
        uint8_t d = static_cast<uint8_t>(s_[k + j]);
        ok = (d & 0xC0) == 0x80;
        cp = (cp << 6) | (d & 0x3Fu);
      }
      ok = ok && !((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000));
      ok = ok && (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                  (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF));
      if (!ok) {
        i_ = k;
        fail("a character XML does not allow (byte 0x" + hex(c) + ")");
        return false;
      }
      k += n;
    }
    return true;
  }
  static std::string hex(uint8_t c) {
    const char* d = "0123456789ABCDEF";
    return {d[c >> 4], d[c & 0xF]};
  }

  std::string read_name() {
    size_t start = i_;
    while (i_ < s_.size() && name_char(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  // At '&': one of the five predefined entities or a character reference.
  bool reference() {
    size_t end = s_.find(';', i_);
    if (end == std::string_view::npos || end - i_ > 12)
      return fail("'&' that starts no entity"), false;
    std::string_view ref = s_.substr(i_ + 1, end - i_ - 1);
    static const std::set<std::string_view> kNamed = {"amp", "lt", "gt", "quot", "apos"};
    bool ok = kNamed.count(ref) > 0;
    if (!ok && ref.size() >= 2 && ref[0] == '#') {
      bool hexa = ref[1] == 'x';
      std::string_view digits = ref.substr(hexa ? 2 : 1);
      uint32_t cp = 0;
      ok = !digits.empty();
      for (char c : digits) {
        int v = (c >= '0' && c <= '9')           ? c - '0'
                : hexa && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hexa && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                 : -1;
        if (v < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hexa ? 16 : 10) + static_cast<uint32_t>(v);
      }
      ok = ok && (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                  (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF));
    }
    if (!ok) return fail("unknown entity &" + std::string(ref) + ";"), false;
    i_ = end + 1;
    return true;
  }

  bool text() {
    while (i_ < s_.size() && s_[i_] != '<') {
      if (s_[i_] == '&') {
        if (!reference()) return false;
        continue;
      }
      if (starts("]]>")) return fail("']]>' in text"), false;
      ++i_;
    }
    return true;
  }

  bool comment() {
    size_t end = s_.find("-->", i_ + 4);
    if (end == std::string_view::npos) return fail("unterminated comment"), false;
    size_t dashes = s_.find("--", i_ + 4);
    if (dashes < end) {
      i_ = dashes;
      return fail("'--' inside a comment"), false;
    }
    i_ = end + 3;
    return true;
  }

  bool doctype() {
    int depth = 0;
    for (; i_ < s_.size(); ++i_) {
      if (s_[i_] == '[') ++depth;
      if (s_[i_] == ']') --depth;
      if (s_[i_] == '>' && depth == 0) {
        ++i_;
        return true;
      }
    }
    return fail("unterminated DOCTYPE"), false;
  }

  bool attributes(bool& empty) {
    std::set<std::string> seen;
    for (;;) {
      size_t before = i_;
      skip_space();
      if (i_ >= s_.size()) return fail("unterminated start tag"), false;
      if (s_[i_] == '>') {
        ++i_;
        return true;
      }
      if (starts("/>")) {
        i_ += 2;
        empty = true;
        return true;
      }
      if (i_ == before) return fail("attributes must be separated by spaces"), false;
      std::string name = read_name();
      if (name.empty()) return fail("malformed attribute"), false;
      if (!seen.insert(name).second) return fail("attribute " + name + " given twice"), false;
      skip_space();
      if (i_ >= s_.size() || s_[i_] != '=')
        return fail("attribute " + name + " has no value"), false;
      ++i_;
      skip_space();
      if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\''))
        return fail("attribute " + name + " is not quoted"), false;
      char quote = s_[i_++];
      while (i_ < s_.size() && s_[i_] != quote) {
        if (s_[i_] == '<') return fail("'<' in the value of attribute " + name), false;
        if (s_[i_] == '&') {
          if (!reference()) return false;
          continue;
        }
        ++i_;
      }
      if (i_ >= s_.size()) return fail("unterminated value of attribute " + name), false;
      ++i_;
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string error_;
};

// "" when text is a well-formed XML document, else where and what is wrong.
inline std::string xml_error(std::string_view text) {
  return XmlChecker(text).check();
}

}  // namespace govmap::test

#endif  // GOVMAP_TESTS_XML_CHECK_H_
