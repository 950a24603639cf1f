// The naming rule of the real-data tests: a test case that reads ../shared
// has a name starting "shared data: ". scripts/dev's sanitizer pass leaves
// the real data out by that prefix (`-E '^shared data: '`); a case that reads
// it under another name ran there unnoticed (one took 206 s of a 425 s pass).
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/path.h"

using namespace govmap;

namespace {

struct Case {
  std::string file;
  std::string name;
  std::string body;  // the text up to the next TEST_CASE
};

std::vector<Case> test_cases_of(const std::string& file, const std::string& text) {
  static const std::regex head(R"re(TEST_CASE\(\s*"((?:[^"\\]|\\.)*)")re");
  std::vector<Case> cases;
  std::vector<std::size_t> starts;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), head);
       it != std::sregex_iterator(); ++it) {
    cases.push_back({file, (*it)[1].str(), ""});
    starts.push_back(static_cast<std::size_t>(it->position()));
  }
  starts.push_back(text.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    cases[i].body = text.substr(starts[i], starts[i + 1] - starts[i]);
  return cases;
}

bool reads_shared_data(const std::string& body) {
  for (const char* use : {"shared_data_available", "REQUIRE_SHARED", "shared_db()"})
    if (body.find(use) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the case splitter finds each case's own body") {
  std::string text =
      "TEST_CASE(\"a\") { x(); }\nTEST_CASE(\"shared data: b\") { shared_db(); }\n";
  auto cases = test_cases_of("t.cc", text);
  REQUIRE(cases.size() == 2);
  CHECK(cases[0].name == "a");
  CHECK_FALSE(reads_shared_data(cases[0].body));
  CHECK(cases[1].name == "shared data: b");
  CHECK(reads_shared_data(cases[1].body));
}

TEST_CASE("every test case that reads ../shared is named \"shared data: ...\"") {
  const std::string dir = std::string(GOVMAP_SOURCE_DIR) + "/tests";
  int reading = 0;
  for (const std::string& entry : folder_entries(dir)) {
    if (entry.size() < 8 || entry.compare(entry.size() - 8, 8, "_test.cc") != 0) continue;
    if (entry == "test_names_test.cc") continue;  // its own example text
    for (const Case& c : test_cases_of(entry, read_file(dir + "/" + entry))) {
      if (!reads_shared_data(c.body)) continue;
      ++reading;
      CAPTURE(c.file);
      CAPTURE(c.name);
      CHECK(c.name.rfind("shared data: ", 0) == 0);
    }
  }
  CHECK(reading >= 8);  // the real-data cases of ods, ons, identity, rules, ...
}
