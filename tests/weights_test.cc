// Weights: defaults, the file format, and every kind of bad row.
#include <doctest/doctest.h>

#include "core/error.h"
#include "core/weights.h"

namespace govmap {
namespace {

// All diagnostics of the error thrown by parsing text, formatted.
std::string errors_of(const std::string& text) {
  try {
    parse_weights("w.csv", text);
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kInput);
    return e.format();
  }
  FAIL("no error thrown");
  return "";
}

TEST_CASE("default weights: 1, scrutiny and regulation 2, shadow one more") {
  Weights w;
  CHECK(w.of(RelKind::kAccountableTo, Layer::kStatutory) == 1000);
  CHECK(w.of(RelKind::kAccountableTo, Layer::kShadow) == 2000);
  CHECK(w.of(RelKind::kScrutinisedBy, Layer::kStatutory) == 2000);
  CHECK(w.of(RelKind::kScrutinisedBy, Layer::kShadow) == 3000);
  CHECK(w.of(RelKind::kRegulatedBy, Layer::kStatutory) == 2000);
  CHECK(w.of(RelKind::kRegulatedBy, Layer::kShadow) == 3000);
  for (RelKind k : {RelKind::kElectedBy, RelKind::kCommitteeOf, RelKind::kRatifiedBy,
                    RelKind::kPerformanceManagedBy, RelKind::kAppointedBy, RelKind::kMemberOf}) {
    CHECK(w.of(k, Layer::kStatutory) == 1000);
    CHECK(w.of(k, Layer::kShadow) == 2000);
  }
}

TEST_CASE("a weights file replaces the pairs it names and keeps the rest") {
  Weights w = parse_weights("w.csv",
                            "kind,layer,weight\n"
                            "scrutinised_by,statutory,3\n"
                            "regulated_by,*,1.5\n"
                            "\n"
                            "ratified_by,shadow,none\n"
                            "appointed_by, shadow ,0.125\n");
  CHECK(w.of(RelKind::kScrutinisedBy, Layer::kStatutory) == 3000);
  CHECK(w.of(RelKind::kScrutinisedBy, Layer::kShadow) == 3000);  // default kept
  CHECK(w.of(RelKind::kRegulatedBy, Layer::kStatutory) == 1500);
  CHECK(w.of(RelKind::kRegulatedBy, Layer::kShadow) == 1500);
  CHECK_FALSE(w.of(RelKind::kRatifiedBy, Layer::kShadow).has_value());
  CHECK(w.of(RelKind::kRatifiedBy, Layer::kStatutory) == 1000);
  CHECK(w.of(RelKind::kAppointedBy, Layer::kShadow) == 125);
  CHECK(w.of(RelKind::kAccountableTo, Layer::kStatutory) == 1000);
}

TEST_CASE("columns may come in any order") {
  Weights w = parse_weights("w.csv", "weight,kind,layer\n4,accountable_to,statutory\n");
  CHECK(w.of(RelKind::kAccountableTo, Layer::kStatutory) == 4000);
}

TEST_CASE("bad rows are reported with file:line:column, all of them") {
  std::string e = errors_of(
      "kind,layer,weight\n"
      "scrutinized_by,statutory,2\n"     // line 2: misspelt kind
      "accountable_to,shadw,2\n"         // line 3: misspelt layer
      "elected_by,statutory,-1\n"        // line 4: negative
      "elected_by,shadow,abc\n"          // line 5: not a number
      "committee_of,statutory,1.2345\n"  // line 6: too many decimals
      "committee_of,shadow,0\n"          // line 7: zero
      "regulated_by,statutory\n"         // line 8: short row
      "funds,statutory,2\n"              // line 9: fine
      "funds,*,3\n");                    // line 10: duplicate of line 9
  CHECK(e.find("w.csv:2:1: error: unknown relationship kind 'scrutinized_by', did you mean "
               "'scrutinised_by'?") != std::string::npos);
  CHECK(e.find("w.csv:3:16: error: unknown layer 'shadw', did you mean 'shadow'?") !=
        std::string::npos);
  CHECK(e.find("w.csv:4:22: error: invalid weight '-1'") != std::string::npos);
  CHECK(e.find("w.csv:5:19: error: invalid weight 'abc'") != std::string::npos);
  CHECK(e.find("w.csv:6:24: error: invalid weight '1.2345'") != std::string::npos);
  CHECK(e.find("w.csv:7:21: error: invalid weight '0'") != std::string::npos);
  CHECK(e.find("w.csv:8: error: expected 3 fields, found 2") != std::string::npos);
  CHECK(e.find("w.csv:10:1: error: duplicate weight for funds in the statutory layer (first "
               "given on line 9)") != std::string::npos);
  CHECK(e.find("w.csv:9") == std::string::npos);
  // The offending line is shown under each message.
  CHECK(e.find(" 2 | scrutinized_by,statutory,2\n") != std::string::npos);
}

TEST_CASE("header problems") {
  CHECK(errors_of("kind,layr,weight\n")
            .find("w.csv:1:6: error: unknown column 'layr', did you "
                  "mean 'layer'?") != std::string::npos);
  CHECK(errors_of("kind,weight\n").find("missing column 'layer'") != std::string::npos);
  CHECK(errors_of("").find("w.csv: error: weights file is empty") != std::string::npos);
}

TEST_CASE("a missing weights file is an I/O error naming it") {
  try {
    load_weights("/nonexistent/weights.csv");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kIo);
    CHECK(std::string(e.what()).find("/nonexistent/weights.csv") != std::string::npos);
  }
}

TEST_CASE("milli-units: exact, shortest text") {
  CHECK(format_milli(3000) == "3");
  CHECK(format_milli(1500) == "1.5");
  CHECK(format_milli(125) == "0.125");
  CHECK(format_milli(10050) == "10.05");
  CHECK(parse_milli("2") == 2000);
  CHECK(parse_milli("0.5") == 500);
  CHECK(parse_milli("1.25") == 1250);
  CHECK_FALSE(parse_milli("1.").has_value());
  CHECK_FALSE(parse_milli(".5").has_value());
  CHECK_FALSE(parse_milli("1e3").has_value());
  CHECK_FALSE(parse_milli("0.000").has_value());
  CHECK_FALSE(parse_milli("99999999").has_value());
}

}  // namespace
}  // namespace govmap
