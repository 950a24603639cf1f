#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "core/source_lines.h"

using namespace govmap;

namespace {
std::vector<std::pair<std::string, int>> entries(const SourceLines& lines) {
  return {lines.begin(), lines.end()};
}
}  // namespace

TEST_CASE("source lines behave as the std::map they replace") {
  // Each case applies the same operations to a SourceLines and a std::map.
  struct Case {
    const char* name;
    void (*apply)(SourceLines&, std::map<std::string, int>&);
  };
  const Case cases[] = {
      {"operator[] adds and overwrites",
       [](SourceLines& s, std::map<std::string, int>& m) {
         s["b"] = 2, m["b"] = 2;
         s["a"] = 1, m["a"] = 1;
         s["b"] = 7, m["b"] = 7;
         s["c"], m["c"];
       }},
      {"emplace keeps what is there",
       [](SourceLines& s, std::map<std::string, int>& m) {
         CHECK(s.emplace("x", 3).second == m.emplace("x", 3).second);
         CHECK(s.emplace("x", 4).second == m.emplace("x", 4).second);
         CHECK(s.emplace("a", 5).second == m.emplace("a", 5).second);
       }},
      {"insert of a range keeps what is there",
       [](SourceLines& s, std::map<std::string, int>& m) {
         s["m"] = 1, m["m"] = 1;
         const std::map<std::string, int> more = {{"z", 9}, {"m", 8}, {"b", 2}};
         s.insert(more.begin(), more.end());
         m.insert(more.begin(), more.end());
       }},
      {"erase and clear",
       [](SourceLines& s, std::map<std::string, int>& m) {
         for (const char* k : {"q", "r", "s"}) s[k] = 1, m[k] = 1;
         CHECK(s.erase("r") == m.erase("r"));
         CHECK(s.erase("nope") == m.erase("nope"));
         s.erase("q"), m.erase("q");
       }},
      {"clear", [](SourceLines& s, std::map<std::string, int>& m) {
         s["a"] = 1, m["a"] = 1;
         s.clear(), m.clear();
       }},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    SourceLines s;
    std::map<std::string, int> m;
    c.apply(s, m);
    CHECK(entries(s) == std::vector<std::pair<std::string, int>>(m.begin(), m.end()));
    CHECK(s.size() == m.size());
    CHECK(s.empty() == m.empty());
    for (const auto& [k, v] : m) {
      REQUIRE(s.find(k) != s.end());
      CHECK(s.find(k)->second == v);
      CHECK(s.count(k) == 1);
    }
    CHECK(s.find("absent") == s.end());
    CHECK(s.count("absent") == 0);
  }
}

TEST_CASE("source lines compare by their entries, whatever the order they were given in") {
  CHECK(SourceLines{{"b", 2}, {"a", 1}} == SourceLines{{"a", 1}, {"b", 2}});
  CHECK(SourceLines{{"a", 1}} != SourceLines{{"a", 2}});
  CHECK(SourceLines{{"a", 1}, {"a", 2}} == SourceLines{{"a", 1}});  // the first kept, as map's
}
