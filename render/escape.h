// Escaping for everything that carries data into DOT, SVG and HTML.
//
// Names, notes, legal bases, source titles and URLs come from data files and may
// hold anything. Every string that reaches a diagram or a page passes through one
// of these functions, chosen by where it lands:
//
//   dot_string()    a double-quoted DOT attribute value (tooltips, plain labels)
//   dot_id()        a double-quoted DOT node name
//   dot_url()       a double-quoted link target
//   html_text()     text inside a Graphviz HTML-like label, or HTML/XML text and
//                   attribute values in the report page
//   safe_url()      a link target: only http:// and https:// survive
//
// All of them first make the text valid UTF-8 (bad bytes become U+FFFD) and turn
// control characters into spaces, so nothing downstream sees a byte it might
// interpret.
#ifndef GOVMAP_RENDER_ESCAPE_H_
#define GOVMAP_RENDER_ESCAPE_H_

#include <string>
#include <string_view>

namespace govmap {

// Valid UTF-8, with C0 controls other than '\n' and DEL replaced by spaces, and
// U+FFFE / U+FFFF (valid UTF-8, forbidden in XML) replaced by U+FFFD.
std::string clean_text(std::string_view s);

// clean_text(s) cut to at most max_chars characters (code points), ending with
// an ellipsis when cut. Keeps a label or tooltip from growing past what Graphviz
// reads back (a 16 KiB name otherwise gives DOT it cannot parse).
std::string clip_text(std::string_view s, size_t max_chars);

// The text as a quoted DOT string for an attribute value (tooltip, plain
// label), quotes included: "...". Quotes are escaped, '&' becomes "&amp;"
// (Graphviz expands entities in plain strings), newlines become "\n" (a line
// break) and a backslash becomes U+29F5, which looks the same, so Graphviz never
// sees an escape sequence (\N, \G, \l ...) that the data did not mean. Text
// that would make the string longer than Graphviz reads (16 KiB) is cut and
// ends with an ellipsis.
std::string dot_string(std::string_view s);

// The text as a quoted DOT node name: quotes and backslashes escaped (Graphviz
// keeps "\\" as two characters in names, which still names one distinct node),
// newlines as spaces. Names are identities, never shown.
std::string dot_id(std::string_view s);

// safe_url(url) as a quoted DOT string with '&' written as "&amp;" (Graphviz
// copies the value into SVG unescaped), or "" when the URL is not safe.
std::string dot_url(std::string_view url);

// The text with & < > " ' replaced by entities; newlines become spaces unless
// br is given, in which case each newline becomes br (e.g. "<BR/>").
std::string html_text(std::string_view s, std::string_view br = " ");

// The URL when it is an absolute http or https URL of at most 2000 bytes without
// spaces or control characters; otherwise "" (so javascript:, data: and the like never become
// links).
std::string safe_url(std::string_view url);

// An identifier safe for DOT, SVG ids and CSS selectors: prefix followed by the
// text with every byte outside [A-Za-z0-9-] written as _XX (hex). Injective.
std::string safe_id(std::string_view prefix, std::string_view s);

// Word-wraps text at spaces so that lines have at most width characters (a word
// longer than width stays whole). Lines are joined with '\n'.
std::string wrap_words(std::string_view text, size_t width);

}  // namespace govmap

#endif  // GOVMAP_RENDER_ESCAPE_H_
