// Fuzzes the escaping functions against what they promise (render/escape.h):
// html_text leaves no markup characters, dot_string no unescaped quote,
// safe_url nothing but http(s), safe_id only [A-Za-z0-9_-].
#include <cstdlib>
#include <string>

#include "render/escape.h"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string h = govmap::html_text(in);
  require(h.find_first_of("<>\"'") == std::string::npos);
  std::string d = govmap::dot_string(in);
  require(d.size() >= 2 && d.front() == '"' && d.back() == '"');
  for (size_t i = 1; i + 1 < d.size(); ++i) {
    if (d[i] == '\\') {
      ++i;  // an escape pair
      continue;
    }
    require(d[i] != '"');
  }
  std::string u = govmap::safe_url(in);
  require(u.empty() || u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0);
  require(u.find_first_of(" \"<>\n\r\t") == std::string::npos);
  std::string id = govmap::safe_id("b-", in);
  for (char c : id) require(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  std::string clean = govmap::clean_text(in);
  for (unsigned char c : clean) require(c >= 0x20 || c == '\n');
  return 0;
}
