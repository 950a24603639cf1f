#include "core/date.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "core/error.h"

namespace govmap {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for all Gregorian dates.
int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(int z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Date Date::from_ymd(int y, int m, int d) {
  return Date(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

namespace {

// The one check of a date's text, shared by parse() (which needs only
// whether it passed: every date the store reads, millions at 10^6 bodies)
// and parse_problem() (which says what failed). y, m, d are set as far as
// they could be read.
enum class DateCheck { kOk, kEmpty, kMalformed, kYear, kMonth, kDay };
DateCheck check_date(std::string_view s, int& y, int& m, int& d) {
  y = m = d = 0;
  if (s.empty()) return DateCheck::kEmpty;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) ||
      !digits(s, 8, 2, d))
    return DateCheck::kMalformed;
  if (y < 1000) return DateCheck::kYear;
  if (m < 1 || m > 12) return DateCheck::kMonth;
  if (d < 1 || d > days_in_month(y, m)) return DateCheck::kDay;
  return DateCheck::kOk;
}

}  // namespace

std::string Date::parse_problem(std::string_view s) {
  int y, m, d;
  switch (check_date(s, y, m, d)) {
    case DateCheck::kOk:
      return "";
    case DateCheck::kEmpty:
      return "empty date";
    case DateCheck::kMalformed:
      return "malformed date '" + std::string(s) + "', expected YYYY-MM-DD";
    case DateCheck::kYear:
      return "year " + std::to_string(y) + " is out of range in '" + std::string(s) + "'";
    case DateCheck::kMonth:
      return "month " + std::to_string(m) + " is out of range in '" + std::string(s) + "'";
    case DateCheck::kDay:
      return "day " + std::to_string(d) + " is out of range in '" + std::string(s) + "'";
  }
  return "";
}

std::optional<Date> Date::parse(std::string_view s) {
  int y, m, d;
  if (check_date(s, y, m, d) != DateCheck::kOk) return std::nullopt;
  return from_ymd(y, m, d);
}

Date Date::parse_or_throw(std::string_view text, std::string_view what) {
  std::string problem = parse_problem(text);
  if (!problem.empty()) throw Error(Error::Kind::kUsage, std::string(what) + ": " + problem);
  return *parse(text);
}

int Date::year() const {
  int y;
  unsigned m, d;
  civil_from_days(days_, y, m, d);
  return y;
}

std::string Date::str() const {
  int y;
  unsigned m, d;
  civil_from_days(days_, y, m, d);
  if (y < 0 || y > 9999) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
  }
  // Every stored date is written through here (once per row of an import):
  // the digits directly, not through printf's format parser.
  unsigned year = static_cast<unsigned>(y);
  const char text[10] = {static_cast<char>('0' + year / 1000),
                         static_cast<char>('0' + year / 100 % 10),
                         static_cast<char>('0' + year / 10 % 10),
                         static_cast<char>('0' + year % 10),
                         '-',
                         static_cast<char>('0' + m / 10),
                         static_cast<char>('0' + m % 10),
                         '-',
                         static_cast<char>('0' + d / 10),
                         static_cast<char>('0' + d % 10)};
  return std::string(text, sizeof text);
}

std::string Interval::str() const {
  return from.str() + ".." + (to ? to->str() : "");
}

Date today() {
  if (const char* env = std::getenv("GOVMAP_TODAY")) {
    if (auto d = Date::parse(env)) return *d;
  }
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace govmap
