#include "core/resolve.h"

#include <map>

#include "core/error.h"
#include "core/kinds.h"
#include "core/store.h"
#include "core/suggest.h"

namespace govmap {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string resolve_org(const Store& store, const std::string& text) {
  std::vector<std::string> ids = store.lookup(text);
  if (ids.size() == 1) return ids[0];
  if (ids.size() > 1)
    throw Error(Error::Kind::kUsage, "'" + text + "' is an identifier of several organisations: " +
                                         join(ids) + "; use an organisation id");
  // Name fragments: latest name first for the candidate list.
  std::map<std::string, std::string> matches;  // id -> a matching name
  std::vector<std::string> all;
  std::string needle = lower(text);
  for (const Organisation& o : store.organisations()) {
    all.push_back(o.id);
    for (const Identifier& i : o.identifiers) all.push_back(i.value);
    for (const OrgPeriod& p : o.periods)
      if (!needle.empty() && lower(p.name).find(needle) != std::string::npos)
        matches[o.id] = p.name;
  }
  if (matches.size() == 1) return matches.begin()->first;
  if (matches.empty())
    throw Error(Error::Kind::kNotFound,
                "unknown organisation '" + text + "'" + did_you_mean(text, all));
  std::string list;
  size_t shown = 0;
  for (const auto& [id, name] : matches) {
    if (shown++ == 10) {
      list += "\n  ... and " + std::to_string(matches.size() - 10) + " more";
      break;
    }
    list += "\n  " + id + "  " + name;
  }
  throw Error(Error::Kind::kUsage, "'" + text + "' matches " + std::to_string(matches.size()) +
                                       " organisations; name one by id:" + list);
}

}  // namespace govmap
