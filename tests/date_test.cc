#include <doctest/doctest.h>

#include "core/date.h"
#include "core/error.h"

using govmap::Date;
using govmap::Interval;

TEST_CASE("dates parse only as real YYYY-MM-DD days") {
  struct Case {
    const char* text;
    const char* problem;  // "" when valid
  };
  const Case cases[] = {
      {"2013-04-01", ""},
      {"2020-02-29", ""},
      {"2000-02-29", ""},
      {"2019-02-29", "day 29 is out of range in '2019-02-29'"},
      {"1900-02-29", "day 29 is out of range in '1900-02-29'"},
      {"2013-13-01", "month 13 is out of range in '2013-13-01'"},
      {"2013-00-10", "month 0 is out of range in '2013-00-10'"},
      {"2013-4-1", "malformed date '2013-4-1', expected YYYY-MM-DD"},
      {"01/04/2013", "malformed date '01/04/2013', expected YYYY-MM-DD"},
      {"2013-04-01T00:00", "malformed date '2013-04-01T00:00', expected YYYY-MM-DD"},
      {"0999-01-01", "year 999 is out of range in '0999-01-01'"},
      {"", "empty date"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(Date::parse_problem(c.text) == c.problem);
    CHECK(Date::parse(c.text).has_value() == (std::string(c.problem).empty()));
  }
}

TEST_CASE("dates round-trip and order") {
  for (const char* s : {"1974-04-01", "2013-04-01", "2022-06-30", "2022-07-01", "2100-12-31"})
    CHECK(Date::parse(s)->str() == s);
  CHECK(Date::parse("2022-06-30")->next_day().str() == "2022-07-01");
  CHECK(Date::parse("2020-03-01")->prev_day().str() == "2020-02-29");
  CHECK(*Date::parse("2013-04-01") < *Date::parse("2013-04-02"));
  CHECK(Date::parse("1970-01-01")->days() == 0);
}

TEST_CASE("every day of years 1000 to 9999 is written as it is read") {
  // str() writes the digits itself: each of them, on every day, against parse.
  size_t wrong = 0;
  const int last = Date::from_ymd(9999, 12, 31).days();
  for (int days = Date::from_ymd(1000, 1, 1).days(); days <= last; ++days) {
    std::string text = Date::from_days(days).str();
    auto back = Date::parse(text);
    if (text.size() != 10 || !back || back->days() != days) ++wrong;
  }
  CHECK(wrong == 0);
  CHECK(Date::from_ymd(1000, 1, 1).str() == "1000-01-01");
  CHECK(Date::from_ymd(9999, 12, 31).str() == "9999-12-31");
  // Past four digits (reachable only by arithmetic, never by parsing).
  CHECK(Date::from_ymd(10000, 1, 1).str() == "10000-01-01");
}

TEST_CASE("intervals are inclusive at both ends and may be open") {
  Interval ccg{*Date::parse("2013-04-01"), Date::parse("2022-06-30")};
  Interval icb{*Date::parse("2022-07-01"), std::nullopt};
  CHECK(ccg.contains(*Date::parse("2013-04-01")));
  CHECK(ccg.contains(*Date::parse("2022-06-30")));
  CHECK_FALSE(ccg.contains(*Date::parse("2022-07-01")));
  CHECK(icb.contains(*Date::parse("2999-01-01")));
  CHECK_FALSE(ccg.overlaps(icb));
  CHECK(icb.overlaps(Interval{*Date::parse("2030-01-01"), Date::parse("2030-01-01")}));
  CHECK(ccg.str() == "2013-04-01..2022-06-30");
  CHECK(icb.str() == "2022-07-01..");
}

TEST_CASE("a bad command-line date names the option") {
  try {
    Date::parse_or_throw("2018-02-30", "--at");
    FAIL("expected an error");
  } catch (const govmap::Error& e) {
    CHECK(e.kind() == govmap::Error::Kind::kUsage);
    CHECK(e.format() == "govmap: error: --at: day 30 is out of range in '2018-02-30'\n");
  }
}
