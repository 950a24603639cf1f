// JsonStream writes what dump_json writes of the same document built whole.
#include "core/json_stream.h"

#include <doctest/doctest.h>

#include <sstream>

#include <stdexcept>

using govmap::Json;
using govmap::JsonStream;

namespace {

// Writes j through a JsonStream: containers member by member, leaves whole.
// split_depth: containers deeper than this are written whole with value().
void stream(JsonStream& s, const Json& j, const std::string* key, int split_depth, int depth) {
  const bool container = j.is_object() || j.is_array();
  if (!container || depth > split_depth) {
    key ? s.value(*key, j) : s.value(j);
    return;
  }
  if (j.is_object())
    key ? s.begin_object(*key) : s.begin_object();
  else
    key ? s.begin_array(*key) : s.begin_array();
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string k = it.key();
      stream(s, it.value(), &k, split_depth, depth + 1);
    }
  else
    for (const Json& e : j) stream(s, e, nullptr, split_depth, depth + 1);
  s.end();
}

std::string streamed(const Json& j, int split_depth, int indent = 2) {
  std::ostringstream out;
  JsonStream s(out, indent);
  stream(s, j, nullptr, split_depth, 0);
  return out.str();
}

}  // namespace

TEST_CASE("JsonStream writes the bytes dump_json writes") {
  const char* cases[] = {
      R"({})",
      R"([])",
      R"({"a": []})",
      R"({"a": {}, "b": [[], {}]})",
      R"([1, "two", null, true, 3.5])",
      R"({"from": "2018-08-08", "summary": {"added": 3, "removed": 0},
          "organisations": [{"id": "Q1", "before": {"name": "A\nB \"quoted\""}, "after": null},
                            {"id": "Q2", "before": null, "after": {"route": [1, 2]}}],
          "relationships": {"added": [{"sources": ["s1", "s2"]}], "removed": [], "changed": []}})",
      R"({"é key": "ünïcode", "tab\tkey": [{"deep": [[{"x": [1]}]]}]})",
      R"("a root string")",
      R"(42)",
  };
  for (const char* text : cases) {
    CAPTURE(text);
    Json j = Json::parse(text);
    for (int split = -1; split <= 4; ++split) {
      CAPTURE(split);
      CHECK(streamed(j, split) == govmap::dump_json(j));
      for (int indent : {0, 1, 4}) {  // export's node-link JSON is dump(1)
        CAPTURE(indent);
        CHECK(streamed(j, split, indent) ==
              j.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n");
      }
    }
  }
}

TEST_CASE("JsonStream shows invalid UTF-8 as U+FFFD, as dump_json does, in keys too") {
  Json j;
  j["k\xff"] = std::string("v\xfe");
  CHECK(streamed(j, 0) == govmap::dump_json(j));
  CHECK(streamed(j, 0).find("\xef\xbf\xbd") != std::string::npos);
}

TEST_CASE("JsonStream refuses a document out of order") {
  std::ostringstream out;
  SUBCASE("a member without a key") {
    JsonStream s(out);
    s.begin_object();
    CHECK_THROWS_AS(s.value(Json(1)), std::logic_error);
  }
  SUBCASE("a key in an array") {
    JsonStream s(out);
    s.begin_array();
    CHECK_THROWS_AS(s.value("k", Json(1)), std::logic_error);
  }
  SUBCASE("end with nothing open") {
    JsonStream s(out);
    CHECK_THROWS_AS(s.end(), std::logic_error);
  }
  SUBCASE("a second root") {
    JsonStream s(out);
    s.value(Json(1));
    CHECK_THROWS_AS(s.begin_array(), std::logic_error);
  }
}
