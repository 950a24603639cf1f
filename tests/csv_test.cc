#include <doctest/doctest.h>

#include "core/csv.h"
#include "core/error.h"

using govmap::CsvReader;
using govmap::CsvRecord;

namespace {
std::vector<CsvRecord> read_all(const std::string& text) {
  CsvReader r("t.csv", text);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}
}  // namespace

TEST_CASE("CSV: BOM, CRLF, quoting and line numbers") {
  auto recs = read_all(
      "\xEF\xBB\xBFid,name\r\n03N,\"NHS Sheffield, CCG\"\r\n\r\n02P,\"say \"\"hi\"\"\"\r\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].fields == std::vector<std::string>{"id", "name"});
  CHECK(recs[1].fields[1] == "NHS Sheffield, CCG");
  CHECK(recs[1].line == 2);
  CHECK(recs[2].line == 4);  // the blank line 3 is skipped but still counted
  CHECK(recs[2].fields[1] == "say \"hi\"");
}

TEST_CASE("CSV: one record reused for every row holds each row's own fields") {
  // The reader refills strings kept from earlier rows: a long row, then a
  // shorter one with fewer fields, then an empty field, must not show
  // anything left over from the rows before.
  CsvReader r("t.csv",
              "a much longer first field than the others,b,c,d\nx,y\n\"\",zz,\"q\nr\"\n1,2,3\n");
  CsvRecord rec;
  REQUIRE(r.next(rec));
  CHECK(rec.fields ==
        std::vector<std::string>{"a much longer first field than the others", "b", "c", "d"});
  REQUIRE(r.next(rec));
  CHECK(rec.fields == std::vector<std::string>{"x", "y"});
  CHECK(rec.line == 2);
  CHECK(rec.raw_line == "x,y");
  REQUIRE(r.next(rec));
  CHECK(rec.fields == std::vector<std::string>{"", "zz", "q\nr"});
  CHECK(rec.line == 3);
  CHECK(rec.raw_line == "\"\",zz,\"q");
  CsvRecord other;  // a fresh record works as well as the reused one
  REQUIRE(r.next(other));
  CHECK(other.fields == std::vector<std::string>{"1", "2", "3"});
  CHECK(other.line == 5);
  CHECK_FALSE(r.next(rec));
}

TEST_CASE("CSV: a quoted newline keeps the record's first line") {
  auto recs = read_all("a,b\n1,\"two\nlines\"\n3,4\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[1].fields[1] == "two\nlines");
  CHECK(recs[1].line == 2);
  CHECK(recs[2].line == 4);
}

TEST_CASE("CSV: column_of finds a field's first character, quote-aware") {
  CsvRecord rec;
  rec.raw_line = "syb-cpb,\"a, b\",O3N";
  rec.fields = {"syb-cpb", "a, b", "O3N"};
  CHECK(rec.column_of(0) == 1);
  CHECK(rec.column_of(1) == 9);
  CHECK(rec.column_of(2) == 16);
}

TEST_CASE("CSV: malformed quoting is reported with line and column") {
  try {
    read_all("a,b\n1,2\n3,x\"y\n");
    FAIL("expected an error");
  } catch (const govmap::Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const auto& d = e.diagnostics()[0];
    CHECK(d.line == 3);
    CHECK(d.column == 4);
    CHECK(d.message == "malformed CSV: a quote inside an unquoted field or after a closing quote");
    CHECK(d.format() ==
          "t.csv:3:4: error: malformed CSV: a quote inside an unquoted field or after a closing "
          "quote\n"
          " 3 | 3,x\"y\n"
          "   |    ^\n");
  }
}

TEST_CASE("CSV: an unclosed quote at the end of the file") {
  CHECK_THROWS_WITH_AS(
      read_all("a,b\n1,\"open\n"),
      "t.csv:2: error: malformed CSV: quoted field is not closed before the end of the file\n"
      " 2 | 1,\"open\n",
      govmap::Error);
}

TEST_CASE("CSV: quoting for output") {
  CHECK(govmap::csv_quote("plain") == "plain");
  CHECK(govmap::csv_quote("a,b") == "\"a,b\"");
  CHECK(govmap::csv_quote("say \"x\"") == "\"say \"\"x\"\"\"");
  CHECK(govmap::csv_quote("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("split_list trims and drops empties") {
  CHECK(govmap::split_list(" ods:03N ; ons:E38000146;;") ==
        std::vector<std::string>{"ods:03N", "ons:E38000146"});
  CHECK(govmap::split_list("").empty());
}

TEST_CASE("CSV: lines across read blocks, no final newline, and a line too long") {
  std::string big(100000, 'x');
  auto recs = read_all("a,b\n" + big + ",y\nlast,z");
  REQUIRE(recs.size() == 3);
  CHECK(recs[1].fields[0].size() == 100000);
  CHECK(recs[2].fields == std::vector<std::string>{"last", "z"});
  CHECK(recs[2].line == 3);
  std::string huge(CsvReader::kMaxLineBytes + 10, 'x');
  CHECK_THROWS_WITH_AS(read_all("a\n" + huge + "\n"),
                       doctest::Contains("t.csv:2: error: line is longer than 1048576 bytes"),
                       govmap::Error);
}

namespace govmap {
namespace {

TEST_CASE("looks_semicolon_separated") {
  struct Case {
    const char* line;
    bool semicolons;
  };
  for (const Case& c : std::vector<Case>{
           {"id;name;kind", true},
           {"\"id\";\"name\";\"kind\"", true},
           {"id,name,kind", false},
           {"id,note", false},
           {"a,\"x;y;z\",b", false},  // semicolons inside quotes do not count
           {"sources,a;b;c", true},   // more semicolons than commas
           {"from,to,sources\n", false},
           {"", false},
       }) {
    CAPTURE(c.line);
    CHECK(looks_semicolon_separated(c.line) == c.semicolons);
  }
}

TEST_CASE("a semicolon-separated header is one diagnostic that says so") {
  CsvReader reader("orgs.csv", "id;name;kind\n03N;NHS Sheffield CCG;ccg\n");
  CsvRecord header;
  REQUIRE(reader.next(header));
  DiagnosticSink sink;
  CsvHeader h(reader, header, {"id", "name", "kind"}, {}, sink);
  CHECK_FALSE(h.ok());
  REQUIRE(sink.count() == 1);
  try {
    sink.throw_if_any();
  } catch (const Error& e) {
    CHECK(e.format().find("orgs.csv:1:1: error: the header looks semicolon-separated") !=
          std::string::npos);
    CHECK(e.format().find("unknown column") == std::string::npos);
  }
}

}  // namespace
}  // namespace govmap
