// Turning what a user typed into one organisation id.
#ifndef GOVMAP_CORE_RESOLVE_H_
#define GOVMAP_CORE_RESOLVE_H_

#include <string>

namespace govmap {

class Store;

// Accepts an organisation id, any identifier ("03N", "E38000146",
// "ons:E38000146") or a fragment of a name used in any period that matches
// exactly one organisation (case, accents and punctuation ignored). Throws
// Error(kNotFound) with a did-you-mean (core/suggest.h: ids, identifiers and
// every name each body has had, typos and word order tolerated) when nothing
// matches, Error(kUsage) listing the candidates when more than one does.
std::string resolve_org(const Store& store, const std::string& text);

}  // namespace govmap

#endif  // GOVMAP_CORE_RESOLVE_H_
