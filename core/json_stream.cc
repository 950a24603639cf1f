#include "core/json_stream.h"

#include <stdexcept>

namespace govmap {

namespace {

// dump(indent)'s text of v, every line after the first indented by depth
// levels: nlohmann escapes control characters inside strings, so each raw
// newline of the text is one of its own line breaks.
std::string dumped_at(const Json& v, int indent, size_t depth) {
  std::string text = v.dump(indent, ' ', false, Json::error_handler_t::replace);
  if (depth == 0 || indent == 0 || text.find('\n') == std::string::npos) return text;
  const std::string pad(static_cast<size_t>(indent) * depth, ' ');
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

}  // namespace

void JsonStream::indent(size_t depth) {
  out_ << std::string(static_cast<size_t>(indent_) * depth, ' ');
}

void JsonStream::start(const std::string_view* key) {
  if (open_.empty()) {
    if (done_ || key) throw std::logic_error("JsonStream: a second root, or a key at the root");
    return;
  }
  Level& level = open_.back();
  if (level.object != (key != nullptr))
    throw std::logic_error(level.object ? "JsonStream: a member without a key"
                                        : "JsonStream: a key in an array");
  out_ << (level.empty ? "\n" : ",\n");
  level.empty = false;
  indent(open_.size());
  if (key)
    out_ << Json(std::string(*key)).dump(-1, ' ', false, Json::error_handler_t::replace) << ": ";
}

void JsonStream::open(const std::string_view* key, char bracket) {
  start(key);
  out_ << bracket;
  open_.push_back(Level{bracket == '{'});
}

void JsonStream::value(const Json& v) {
  start(nullptr);
  out_ << dumped_at(v, indent_, open_.size());
  if (open_.empty()) {
    done_ = true;
    out_ << '\n';
  }
}

void JsonStream::value(std::string_view key, const Json& v) {
  start(&key);
  out_ << dumped_at(v, indent_, open_.size());
}

void JsonStream::end() {
  if (open_.empty()) throw std::logic_error("JsonStream: end() with nothing open");
  Level level = open_.back();
  open_.pop_back();
  if (!level.empty) {
    out_ << '\n';
    indent(open_.size());
  }
  out_ << (level.object ? '}' : ']');
  if (open_.empty()) {
    done_ = true;
    out_ << '\n';
  }
}

}  // namespace govmap
