// Calendar dates and validity intervals.
//
// A Date is a day in the proleptic Gregorian calendar, written ISO YYYY-MM-DD.
// Validity is inclusive at both ends: valid_to is the last day in force (as ODS
// close dates are) and an empty valid_to means "still in force". "As at D" means
// valid_from <= D <= valid_to.
#ifndef GOVMAP_CORE_DATE_H_
#define GOVMAP_CORE_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace govmap {

class Date {
 public:
  Date() = default;
  static Date from_days(int days) { return Date(days); }
  static Date from_ymd(int y, int m, int d);  // caller guarantees a real date
  // Parses exactly YYYY-MM-DD (a real calendar day, years 1000-9999). Returns
  // nullopt otherwise; callers turn that into a Diagnostic with position.
  static std::optional<Date> parse(std::string_view text);
  // Why text is not a date, for messages: "month 13 is out of range", ...
  static std::string parse_problem(std::string_view text);
  // Parses or throws Error(kUsage) naming what (e.g. "--at").
  static Date parse_or_throw(std::string_view text, std::string_view what);

  int days() const { return days_; }  // days since 1970-01-01
  int year() const;
  std::string str() const;
  Date next_day() const { return Date(days_ + 1); }
  Date prev_day() const { return Date(days_ - 1); }

  friend bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
  friend bool operator<(Date a, Date b) { return a.days_ < b.days_; }
  friend bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
  friend bool operator>(Date a, Date b) { return a.days_ > b.days_; }
  friend bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }

 private:
  explicit Date(int days) : days_(days) {}
  int days_ = 0;
};

// An inclusive interval [from, to]; to == nullopt is open-ended.
struct Interval {
  Date from;
  std::optional<Date> to;

  bool contains(Date d) const { return from <= d && (!to || d <= *to); }
  bool overlaps(const Interval& o) const {
    return (!o.to || from <= *o.to) && (!to || o.from <= *to);
  }
  // "2016-03-01..2022-06-30" or "2016-03-01.." when open.
  std::string str() const;
};

// Today's date, UTC, for defaults such as `--at` when omitted. Honours the
// environment variable GOVMAP_TODAY (YYYY-MM-DD) so tests are reproducible.
Date today();

}  // namespace govmap

#endif  // GOVMAP_CORE_DATE_H_
