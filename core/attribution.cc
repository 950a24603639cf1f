#include "core/attribution.h"

namespace govmap {
namespace {

bool from_dataset(const std::vector<Source>& sources, const char* prefix) {
  for (const Source& s : sources)
    if (s.dataset.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

std::vector<std::string> data_notices(const std::vector<Source>& sources) {
  std::vector<std::string> out;
  if (from_dataset(sources, "ods:"))
    out.push_back(
        "NHS England Organisation Data Service (ODS): Contains public sector information licensed "
        "under the Open Government Licence v3.0");
  if (from_dataset(sources, "ons:"))
    out.push_back(
        "ONS Open Geography Portal: Source: Office for National Statistics licensed under the "
        "Open Government Licence v.3.0");
  return out;
}

std::string data_notice_line(const std::vector<Source>& sources) {
  std::string line;
  for (const std::string& n : data_notices(sources)) line += (line.empty() ? "" : ". ") + n;
  return line;
}

}  // namespace govmap
