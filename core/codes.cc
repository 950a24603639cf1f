#include "core/codes.h"

#include "core/utf8.h"

namespace govmap {

std::string ods_code_problem(std::string_view code) {
  if (code.empty()) return "it is empty";
  char32_t c = 0;
  size_t at = find_invisible_character(code, &c);
  if (at != std::string_view::npos)
    return "an invisible or direction-changing character, " + code_point_name(c) + ", at byte " +
           std::to_string(at + 1) + "; ODS codes are letters and digits";
  for (size_t i = 0; i < code.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(code[i]);
    bool alnum = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    if (alnum) continue;
    std::string what =
        b < 0x80 ? "'" + std::string(1, static_cast<char>(b)) + "'" : "a non-ASCII character";
    if (b == ' ') what = "a space";
    return what + " at byte " + std::to_string(i + 1) + "; ODS codes are letters and digits";
  }
  return "";
}

}  // namespace govmap
