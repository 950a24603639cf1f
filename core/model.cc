#include "core/model.h"

#include <tuple>

namespace govmap {

const OrgPeriod* Organisation::period_at(Date d) const {
  for (const OrgPeriod& p : periods)
    if (p.valid.contains(d)) return &p;
  return nullptr;
}

bool Organisation::covers(const Interval& iv) const {
  // Periods are sorted and disjoint: walk them, extending the covered prefix.
  Date need = iv.from;
  for (const OrgPeriod& p : periods) {
    if (p.valid.from > need) break;
    if (!p.valid.contains(need)) continue;
    if (!p.valid.to) return true;
    if (iv.to && *p.valid.to >= *iv.to) return true;
    need = p.valid.to->next_day();
  }
  return false;
}

Country Organisation::country() const {
  for (auto it = periods.rbegin(); it != periods.rend(); ++it)
    if (it->country != Country::kUnknown) return it->country;
  return Country::kUnknown;
}

std::string Relationship::key() const {
  return from + "\x1f" + to + "\x1f" + name_of(kind) + "\x1f" + name_of(layer) + "\x1f" +
         valid.from.str();
}

bool operator<(const Relationship& a, const Relationship& b) {
  // Kinds and layers compare by name so this order matches SQL's ORDER BY on text.
  return std::tie(a.from, a.to, name_of(a.kind), name_of(a.layer), a.valid.from) <
         std::tie(b.from, b.to, name_of(b.kind), name_of(b.layer), b.valid.from);
}

}  // namespace govmap
