// ODS codes: letters and digits only, whatever else a file's code column holds.
#include <doctest/doctest.h>

#include "core/codes.h"

using govmap::ods_code_problem;

TEST_CASE("ods_code_problem: well-formed codes of every length the registers use") {
  for (const char* code : {"X24", "02Q", "RHQ01", "5QH", "E54000008", "rhq", "7A1"})
    CHECK_MESSAGE(ods_code_problem(code) == "", code);
}

TEST_CASE("ods_code_problem: what is wrong, and where") {
  struct Case {
    const char* code;
    const char* problem;
  };
  const Case cases[] = {
      {"", "it is empty"},
      {"X24\u200b",
       "an invisible or direction-changing character, U+200B, at byte 4; ODS codes "
       "are letters and digits"},
      {"\u202eX24",
       "an invisible or direction-changing character, U+202E, at byte 1; ODS codes "
       "are letters and digits"},
      {"X 24", "a space at byte 2; ODS codes are letters and digits"},
      {"X24,", "',' at byte 4; ODS codes are letters and digits"},
      {"X2\xc3\xa9", "a non-ASCII character at byte 3; ODS codes are letters and digits"},
      {"X-24", "'-' at byte 2; ODS codes are letters and digits"},
  };
  for (const Case& c : cases) CHECK_MESSAGE(ods_code_problem(c.code) == c.problem, c.code);
}
