// Codes of the national registers, as the files spell them.
//
// An ODS code (NHS Organisation Data Service) is a short string of ASCII
// letters and digits: "X24", "02Q", "RHQ01", "E54000008" in a succession file.
// Anything else in a code column (a space, a comma, a zero-width or
// bidirectional control character that would make "X24" + U+200B print as NHS
// England's code) is a malformed row, refused at import like a malformed date.
#ifndef GOVMAP_CORE_CODES_H_
#define GOVMAP_CORE_CODES_H_

#include <string>
#include <string_view>

namespace govmap {

// "" when code is a well-formed ODS code (non-empty, ASCII letters and
// digits); otherwise what is wrong, for a diagnostic, e.g. "an invisible or
// direction-changing character, U+200B, at byte 4". code must be valid UTF-8
// (the CSV reader checks that first).
std::string ods_code_problem(std::string_view code);

}  // namespace govmap

#endif  // GOVMAP_CORE_CODES_H_
