#include "core/model.h"

#include <memory>
#include <tuple>
#include <utility>

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

Relationship::Relationship(const Relationship& other)
    : from(other.from),
      to(other.to),
      kind(other.kind),
      layer(other.layer),
      valid(other.valid),
      share(other.share),
      dataset(other.dataset),
      citation_(other.citation_ ? std::make_unique<Citation>(*other.citation_) : nullptr) {}

Relationship& Relationship::operator=(const Relationship& other) {
  if (this != &other) {
    Relationship copy(other);
    *this = std::move(copy);
  }
  return *this;
}

const Citation& Relationship::cited() const {
  static const Citation kNoCitation;
  return citation_ ? *citation_ : kNoCitation;
}

Citation& Relationship::cite() {
  if (!citation_) citation_ = std::make_unique<Citation>();
  return *citation_;
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
