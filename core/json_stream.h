// JsonStream: a JSON document written member by member and element by
// element, byte for byte as dump_json (core/table.h) writes the same document
// built whole: two-space indentation (or `indent` spaces: nlohmann's
// dump(indent)), members in the order written, "[]" and "{}" for empty
// containers, invalid UTF-8 shown as U+FFFD, a final newline.
//
// A large listing (compare of two dates at 10^6 bodies: two gigabytes of
// text) built as one nlohmann tree held ten times its text in memory; written
// through this only one element at a time is held.
//
// Use: begin_object() / begin_array() (with a key inside an object), value()
// for each member or element, end() for each begin, in the order of the text.
// Misuse (a key inside an array, none inside an object, end() with nothing
// open, a second root) throws std::logic_error: a bug, not bad input. The
// stream is written as it goes; the caller owns it and keeps it alive until
// the last end().
#ifndef GOVMAP_CORE_JSON_STREAM_H_
#define GOVMAP_CORE_JSON_STREAM_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"

namespace govmap {

class JsonStream {
 public:
  explicit JsonStream(std::ostream& out, int indent = 2) : out_(out), indent_(indent) {}

  void begin_object() { open(nullptr, '{'); }
  void begin_object(std::string_view key) { open(&key, '{'); }
  void begin_array() { open(nullptr, '['); }
  void begin_array(std::string_view key) { open(&key, '['); }
  // An element of the array open, or the root when nothing is open.
  void value(const Json& v);
  // A member of the object open.
  void value(std::string_view key, const Json& v);
  // Closes the innermost container; after the root, writes the final newline.
  void end();

 private:
  struct Level {
    bool object;
    bool empty = true;
  };
  // Starts an element or member (the key when inside an object).
  void start(const std::string_view* key);
  void open(const std::string_view* key, char bracket);
  void indent(size_t depth);

  std::ostream& out_;
  int indent_;  // spaces per level, >= 0
  std::vector<Level> open_;
  bool done_ = false;  // the root has been written
};

}  // namespace govmap

#endif  // GOVMAP_CORE_JSON_STREAM_H_
