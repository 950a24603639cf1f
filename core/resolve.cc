#include "core/resolve.h"

#include <map>

#include "core/error.h"
#include "core/kinds.h"
#include "core/store.h"
#include "core/suggest.h"

namespace govmap {

std::string resolve_org(const Store& store, const std::string& text) {
  std::vector<std::string> ids = store.lookup(text);
  if (ids.size() == 1) return ids[0];
  if (ids.size() > 1)
    throw Error(Error::Kind::kUsage, "'" + text + "' is an identifier of several organisations: " +
                                         join(ids) + "; use an organisation id");
  // Name fragments, compared folded (case, accents and punctuation ignored).
  std::map<std::string, std::string> matches;  // id -> a matching name
  std::map<std::string, std::string> latest;   // id -> latest name, for suggestions
  Suggester suggester;
  const std::string needle = fold_for_matching(text);
  for (const Organisation& o : store.organisations()) {
    suggester.add(o.id);
    for (const Identifier& i : o.identifiers) suggester.add(o.id, i.value);
    for (const OrgPeriod& p : o.periods) {
      suggester.add(o.id, p.name);
      if (!needle.empty() && fold_for_matching(p.name).find(needle) != std::string::npos)
        matches[o.id] = p.name;
    }
    if (!o.periods.empty()) latest[o.id] = o.periods.back().name;
  }
  if (matches.size() == 1) return matches.begin()->first;
  if (matches.empty()) {
    const size_t shown = 8;
    std::vector<std::string> best = suggester.suggest(text, shown + 1);
    std::string message = "unknown organisation '" + text + "'";
    if (best.size() == 1)
      message += ", did you mean '" + best[0] + "' (" + latest[best[0]] + ")?";
    else if (!best.empty()) {
      message += "; did you mean one of these?";
      for (size_t i = 0; i < best.size() && i < shown; ++i)
        message += "\n  " + best[i] + "  " + latest[best[i]];
      if (best.size() > shown) message += "\n  ...";
    }
    throw Error(Error::Kind::kNotFound, message);
  }
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
