// The licence notices an output must carry for the public data it draws on.
//
// Facts imported from ODS extracts (datasets ods:*) and ONS files (ons:*) are
// published under the Open Government Licence v3.0, which asks every reuse to
// carry the publisher's attribution. Every renderer and table writer asks
// this one function for the notices of the sources behind what it shows, so
// the wording lives in one place (data/README.md quotes it).
#ifndef GOVMAP_CORE_ATTRIBUTION_H_
#define GOVMAP_CORE_ATTRIBUTION_H_

#include <string>
#include <vector>

#include "core/model.h"

namespace govmap {

// One line per publisher whose data is among sources, in a fixed order;
// empty when none is (curated maps cite their own sources).
std::vector<std::string> data_notices(const std::vector<Source>& sources);

// The notices joined into one line ("" when there are none).
std::string data_notice_line(const std::vector<Source>& sources);

}  // namespace govmap

#endif  // GOVMAP_CORE_ATTRIBUTION_H_
