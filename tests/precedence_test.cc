// How datasets combine into the view every command sees (core/precedence.h).
#include <doctest/doctest.h>

#include <algorithm>

#include "core/precedence.h"

namespace govmap {
namespace {

Date d(const char* iso) {
  return *Date::parse(iso);
}

OrgPeriod period(const char* dataset, const char* from, const char* to,
                 OrgKind kind = OrgKind::kCcg) {
  OrgPeriod p;
  p.dataset = dataset;
  p.valid.from = d(from);
  if (to) p.valid.to = d(to);
  p.kind = kind;
  p.name = dataset;
  return p;
}

Relationship rel(const char* dataset, const char* from, const char* to) {
  Relationship r;
  r.from = "A";
  r.to = "B";
  r.kind = RelKind::kPartOf;
  r.dataset = dataset;
  r.valid.from = d(from);
  if (to) r.valid.to = d(to);
  return r;
}

}  // namespace

TEST_CASE("dataset ranks") {
  CHECK(dataset_rank("map:frimley") == 0);
  CHECK(dataset_rank("ods:trusts") == 1);
  CHECK(dataset_rank("ons:lookups") == 2);
}

TEST_CASE("ODS periods fill the days a map leaves uncovered") {
  auto out = effective_periods({period("ods:commissioners", "2013-04-01", nullptr),
                                period("map:syb", "2013-04-01", "2022-06-30")});
  REQUIRE(out.size() == 2);
  CHECK(out[0].dataset == "map:syb");
  CHECK(out[0].valid.str() == "2013-04-01..2022-06-30");
  CHECK(out[1].dataset == "ods:commissioners");
  CHECK(out[1].valid.str() == "2022-07-01..");

  auto middle = effective_periods(
      {period("ods:trusts", "2000-01-01", nullptr), period("map:x", "2005-01-01", "2009-12-31")});
  REQUIRE(middle.size() == 3);
  CHECK(middle[0].valid.str() == "2000-01-01..2004-12-31");
  CHECK(middle[2].valid.str() == "2010-01-01..");
}

TEST_CASE("ONS periods describe an organisation only when no map or ODS dataset does") {
  // A CCG merged on 1 April 2019 per ODS; ONS inferred it lasted to March 2020.
  auto out = effective_periods({period("ons:lookups", "2018-04-01", "2020-03-31"),
                                period("ods:commissioners", "2013-04-01", "2019-03-31")});
  REQUIRE(out.size() == 1);
  CHECK(out[0].dataset == "ods:commissioners");
  auto alone = effective_periods({period("ons:lookups", "2018-04-01", nullptr, OrgKind::kStp)});
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].dataset == "ons:lookups");
}

static OrgPeriod placeholder(const char* dataset, const char* from, OrgKind kind) {
  OrgPeriod p = period(dataset, from, nullptr, kind);
  p.placeholder = true;
  return p;
}

TEST_CASE("placeholders yield to anything else, whatever their kind") {
  // The mark, not the kind, makes a placeholder: an ICB inferred from an ODS
  // field 4 code yields to the ONS lookup naming it, and so does one of kind
  // unknown; a period of kind unknown that is not a placeholder does not.
  for (OrgKind kind : {OrgKind::kUnknown, OrgKind::kIcb}) {
    auto out = effective_periods({placeholder("ods:trusts", "2020-03-27", kind),
                                  period("ons:lookups", "2019-04-01", nullptr, OrgKind::kIcb)});
    REQUIRE(out.size() == 1);
    CHECK(out[0].dataset == "ons:lookups");
    CHECK_FALSE(out[0].placeholder);
    auto only = effective_periods({placeholder("ods:trusts", "2020-03-27", kind)});
    REQUIRE(only.size() == 1);
    CHECK(only[0].kind == kind);
    CHECK(only[0].placeholder);
  }
  auto not_marked =
      effective_periods({period("ods:trusts", "2020-03-27", nullptr, OrgKind::kUnknown),
                         period("ons:lookups", "2019-04-01", nullptr, OrgKind::kIcb)});
  REQUIRE(not_marked.size() == 1);
  CHECK(not_marked[0].dataset == "ods:trusts");
}

TEST_CASE("relationships from lower ranks fill only uncovered days") {
  auto out = effective_relationships(
      {rel("ons:lookups", "2020-04-01", nullptr), rel("ods:commissioners", "2025-01-01", nullptr)});
  REQUIRE(out.size() == 2);
  CHECK(out[0].dataset == "ons:lookups");
  CHECK(out[0].valid.str() == "2020-04-01..2024-12-31");
  CHECK(out[1].dataset == "ods:commissioners");
  // The same succession in a map and in ODS is shown once.
  auto once = effective_relationships({rel("ods:successions", "2018-03-31", "2018-03-31"),
                                       rel("map:frimley", "2018-03-31", "2018-03-31")});
  REQUIRE(once.size() == 1);
  CHECK(once[0].dataset == "map:frimley");
  // One dataset's own relationships never shadow each other.
  auto own = effective_relationships(
      {rel("ons:lookups", "2018-04-01", "2020-03-31"), rel("ons:lookups", "2020-04-01", nullptr)});
  CHECK(own.size() == 2);
}

TEST_CASE("relationships combine the same whatever order they are given in") {
  // The store hands them over in row order; tests and importers in any order.
  std::vector<Relationship> rels = {rel("ods:commissioners", "2025-01-01", nullptr),
                                    rel("map:frimley", "2019-01-01", "2021-12-31"),
                                    rel("ons:lookups", "2020-04-01", nullptr),
                                    rel("ons:lookups", "2016-04-01", "2020-03-31")};
  Relationship other = rel("ons:lookups", "2016-04-01", nullptr);
  other.from = "0";  // sorts first
  rels.push_back(other);
  Relationship member = rel("map:frimley", "2016-04-01", nullptr);
  member.kind = RelKind::kMemberOf;  // another group of the same two bodies
  rels.push_back(member);
  std::vector<Relationship> sorted = rels;
  std::sort(sorted.begin(), sorted.end());
  std::vector<Relationship> a = effective_relationships(rels);
  std::vector<Relationship> b = effective_relationships(sorted);
  std::vector<Relationship> reversed(rels.rbegin(), rels.rend());
  std::vector<Relationship> c = effective_relationships(reversed);
  auto text = [](const std::vector<Relationship>& v) {
    std::string out;
    for (const Relationship& r : v)
      out += r.from + " " + name_of(r.kind) + " " + r.valid.str() + " " + r.dataset + "\n";
    return out;
  };
  CHECK(text(a) == text(b));
  CHECK(text(a) == text(c));
  CHECK(text(a) ==
        "0 part_of 2016-04-01.. ons:lookups\n"
        "A member_of 2016-04-01.. map:frimley\n"
        "A part_of 2016-04-01..2018-12-31 ons:lookups\n"
        "A part_of 2019-01-01..2021-12-31 map:frimley\n"
        "A part_of 2022-01-01..2024-12-31 ons:lookups\n"
        "A part_of 2025-01-01.. ods:commissioners\n");
}

}  // namespace govmap
