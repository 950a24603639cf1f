#include "core/rules_geography.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <tuple>

namespace govmap {
namespace {

bool kind_ever(const Organisation& o, std::initializer_list<OrgKind> kinds) {
  for (const OrgPeriod& p : o.periods)
    for (OrgKind k : kinds)
      if (p.kind == k) return true;
  return false;
}

bool is_system_kind(OrgKind k) {
  return k == OrgKind::kStp || k == OrgKind::kIcs || k == OrgKind::kIcb;
}

// A GSS code of Wales (W), Scotland (S) or Northern Ireland (N): W06000015.
bool non_english_gss(const std::string& code) {
  if (code.size() != 9 || (code[0] != 'W' && code[0] != 'S' && code[0] != 'N')) return false;
  return std::all_of(code.begin() + 1, code.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

Geography::Geography(const std::vector<Organisation>& orgs, const std::vector<Relationship>& rels,
                     const std::vector<BoundaryChange>& changes)
    : changes_(changes) {
  for (const Organisation& o : orgs) {
    orgs_[o.id] = &o;
    for (const Identifier& i : o.identifiers) {
      by_identifier_.emplace(i.value, o.id);
      by_identifier_.emplace(i.scheme + ":" + i.value, o.id);
    }
    if (kind_ever(o, {OrgKind::kCcg, OrgKind::kSubIcbLocation})) commissioners_.insert(o.id);
    if (kind_ever(o, {OrgKind::kNhsTrust, OrgKind::kFoundationTrust})) trusts_.insert(o.id);
    if (kind_ever(o, {OrgKind::kStp, OrgKind::kIcs, OrgKind::kIcb})) systems_.insert(o.id);
  }
  for (const Relationship& r : rels) {
    out_[r.from].push_back(&r);
    in_[r.to].push_back(&r);
  }
}

const Organisation* Geography::org(const std::string& id) const {
  auto it = orgs_.find(id);
  return it == orgs_.end() ? nullptr : it->second;
}

const OrgPeriod* Geography::period_at(const std::string& id, Date d) const {
  const Organisation* o = org(id);
  return o ? o->period_at(d) : nullptr;
}

std::string Geography::resolve_id(const std::string& text) const {
  if (orgs_.count(text)) return text;
  auto it = by_identifier_.find(text);
  return it == by_identifier_.end() ? "" : it->second;
}

bool Geography::upper_tier(const OrgPeriod& p) {
  return p.kind == OrgKind::kLocalAuthority &&
         (p.tier == "county" || p.tier == "unitary" || p.tier == "metropolitan_borough" ||
          p.tier == "london_borough");
}

bool Geography::in_england(const std::string& id) const {
  auto memo = english_.find(id);
  if (memo != english_.end()) return memo->second;
  return english_[id] = compute_in_england(id);
}

bool Geography::compute_in_england(const std::string& id) const {
  const Organisation* o = org(id);
  if (!o) return false;
  // The country its rows record (core/country.h); the reasoning below only
  // for bodies no row places.
  Country c = o->country();
  if (c != Country::kUnknown) return c == Country::kEngland;
  if (non_english_gss(o->id)) return false;
  for (const Identifier& i : o->identifiers)
    if (i.scheme == "ons" && non_english_gss(i.value)) return false;
  if (!trusts_.count(id)) return true;
  // ODS gives a Welsh trust no NHS England region (W00 or nothing), so an open
  // trust that no extract places in a region or system is outside England. A
  // trust closed before every extract we hold has no such links either; it is
  // taken to be English (the etr full-history file lists only English closures).
  if (!o->periods.empty() && o->periods.back().valid.to) return true;
  auto it = out_.find(id);
  if (it != out_.end())
    for (const Relationship* r : it->second) {
      if (r->kind != RelKind::kPartOf) continue;
      const Organisation* t = org(r->to);
      if (t && (kind_ever(*t, {OrgKind::kNhseRegion, OrgKind::kStp, OrgKind::kIcs, OrgKind::kIcb})))
        return true;
    }
  return false;
}

const std::vector<Geography::AreaLink>& Geography::commissioner_areas(const std::string& id) const {
  auto memo = areas_.find(id);
  if (memo != areas_.end()) return memo->second;
  areas_[id];  // guards against succession cycles: a cycle sees an empty list
  std::vector<AreaLink> own;
  auto in = in_.find(id);
  if (in != in_.end())
    for (const Relationship* r : in->second) {
      if (r->kind != RelKind::kPartOf || !r->share) continue;
      const Organisation* from = org(r->from);
      if (from && kind_ever(*from, {OrgKind::kLocalAuthority}))
        own.push_back({r->from, {r, nullptr}});
    }
  // A commissioner no lookup shows covers what its predecessors covered (a
  // 2019 merger), failing that part of what its successor covers.
  if (own.empty() && in != in_.end())
    for (const Relationship* r : in->second)
      if (r->kind == RelKind::kSucceededBy && commissioners_.count(r->from) && r->from != id)
        for (const AreaLink& a : commissioner_areas(r->from)) own.push_back(a);
  if (own.empty()) {
    auto out = out_.find(id);
    if (out != out_.end())
      for (const Relationship* r : out->second)
        if (r->kind == RelKind::kSucceededBy && commissioners_.count(r->to) && r->to != id)
          for (const AreaLink& a : commissioner_areas(r->to)) own.push_back(a);
  }
  std::sort(own.begin(), own.end(), [](const AreaLink& a, const AreaLink& b) {
    return a.area != b.area ? a.area < b.area
                            : (a.basis.rel && b.basis.rel && *a.basis.rel < *b.basis.rel);
  });
  auto last = std::unique(own.begin(), own.end(),
                          [](const AreaLink& a, const AreaLink& b) { return a.area == b.area; });
  own.erase(last, own.end());
  return areas_[id] = std::move(own);
}

std::vector<Geography::AreaLink> Geography::areas_on(const std::string& commissioner,
                                                     Date d) const {
  std::vector<AreaLink> out = commissioner_areas(commissioner);
  for (const BoundaryChange& c : changes_) {
    if (c.area.empty() || d < c.from) continue;
    std::string area = resolve_id(c.area), from = resolve_id(c.commissioner), to = resolve_id(c.to);
    if (from == commissioner)
      out.erase(
          std::remove_if(out.begin(), out.end(), [&](const AreaLink& a) { return a.area == area; }),
          out.end());
    if (to == commissioner && !area.empty()) out.push_back({area, {nullptr, &c}});
  }
  return out;
}

void Geography::resolve_area(const std::string& area, Date d, int depth, const Basis& basis,
                             std::map<std::string, Basis>& out) const {
  if (depth > 8) return;
  const OrgPeriod* p = period_at(area, d);
  if (p) {
    if (p->kind != OrgKind::kLocalAuthority) return;
    if (upper_tier(*p)) {
      out.emplace(area, basis);
      return;
    }
    if (p->tier != "district") return;
    // A district's county: the county in force it is part_of, the latest
    // started where stale lookups show more than one.
    const Relationship* best = nullptr;
    auto it = out_.find(area);
    if (it != out_.end())
      for (const Relationship* r : it->second) {
        if (r->kind != RelKind::kPartOf) continue;
        const OrgPeriod* t = period_at(r->to, d);
        if (!t || t->kind != OrgKind::kLocalAuthority || t->tier != "county") continue;
        if (!best ||
            std::make_tuple(r->valid.from, best->to) > std::make_tuple(best->valid.from, r->to))
          best = r;
      }
    if (best) out.emplace(best->to, basis);
    return;
  }
  // Not in force: a council abolished before d stands for its successors.
  auto it = out_.find(area);
  if (it == out_.end()) return;
  for (const Relationship* r : it->second)
    if (r->kind == RelKind::kSucceededBy && r->valid.from < d)
      resolve_area(r->to, d, depth + 1, basis, out);
}

std::map<std::string, Basis> Geography::area_councils(const std::string& area, Date d) const {
  std::map<std::string, Basis> out;
  resolve_area(area, d, 0, {}, out);
  return out;
}

std::map<std::string, Basis> Geography::commissioner_councils(const std::string& commissioner,
                                                              Date d) const {
  std::map<std::string, Basis> out;
  for (const AreaLink& a : areas_on(commissioner, d)) resolve_area(a.area, d, 0, a.basis, out);
  return out;
}

std::string Geography::system_of(const std::string& id, Date d, Basis* basis) const {
  for (auto c = changes_.rbegin(); c != changes_.rend(); ++c) {
    if (!c->area.empty() || d < c->from || resolve_id(c->commissioner) != id) continue;
    std::string to = resolve_id(c->to);
    const OrgPeriod* p = period_at(to, d);
    if (p && is_system_kind(p->kind)) {
      if (basis) *basis = {nullptr, &*c};
      return to;
    }
  }
  // Links in force on d, the latest started first; then the earliest one
  // starting after d; then the latest one ending before d.
  const Relationship* best = nullptr;
  int best_class = 3;
  auto it = out_.find(id);
  if (it != out_.end())
    for (const Relationship* r : it->second) {
      if (r->kind != RelKind::kPartOf) continue;
      const OrgPeriod* t = period_at(r->to, d);
      if (!t || !is_system_kind(t->kind)) continue;
      int cls = r->valid.contains(d) ? 0 : d < r->valid.from ? 1 : 2;
      bool better = false;
      if (!best || cls < best_class) {
        better = true;
      } else if (cls == best_class) {
        if (cls == 0)
          better =
              std::make_tuple(r->valid.from, best->to) > std::make_tuple(best->valid.from, r->to);
        else if (cls == 1)
          better =
              std::make_tuple(r->valid.from, r->to) < std::make_tuple(best->valid.from, best->to);
        else
          better =
              std::make_tuple(*r->valid.to, best->to) > std::make_tuple(*best->valid.to, r->to);
      }
      if (better) {
        best = r;
        best_class = cls;
      }
    }
  if (!best) return "";
  if (basis) *basis = {best, nullptr};
  return best->to;
}

std::string Geography::nearest_system(const std::string& id, Date d, Date* when,
                                      Basis* basis) const {
  const Relationship* best = nullptr;
  Date best_day;
  int best_gap = 0;
  auto it = out_.find(id);
  if (it == out_.end()) return "";
  for (const Relationship* r : it->second) {
    if (r->kind != RelKind::kPartOf) continue;
    const Organisation* t = org(r->to);
    if (!t) continue;
    // The first day both the link and the system are in force.
    for (const OrgPeriod& p : t->periods) {
      if (!is_system_kind(p.kind) || !p.valid.overlaps(r->valid)) continue;
      Date day = std::max(p.valid.from, r->valid.from);
      int gap = std::abs(day.days() - d.days());
      if (!best || gap < best_gap || (gap == best_gap && r->to < best->to)) {
        best = r;
        best_day = day;
        best_gap = gap;
      }
      break;
    }
  }
  if (!best) return "";
  *when = best_day;
  if (basis) *basis = {best, nullptr};
  return best->to;
}

std::map<std::string, std::map<std::string, Basis>> Geography::all_members(Date d) const {
  std::map<std::string, std::map<std::string, Basis>> out;
  for (const std::set<std::string>* group : {&commissioners_, &trusts_})
    for (const std::string& id : *group) {
      const OrgPeriod* p = period_at(id, d);
      if (!p) continue;
      bool member_kind = p->kind == OrgKind::kCcg || p->kind == OrgKind::kSubIcbLocation ||
                         p->kind == OrgKind::kNhsTrust || p->kind == OrgKind::kFoundationTrust;
      if (!member_kind) continue;
      Basis b;
      std::string s = system_of(id, d, &b);
      if (!s.empty()) out[s][id] = b;
    }
  return out;
}

std::set<Date> Geography::boundaries() const {
  std::set<Date> out;
  for (const auto& [id, o] : orgs_)
    for (const OrgPeriod& p : o->periods) {
      out.insert(p.valid.from);
      if (p.valid.to) out.insert(p.valid.to->next_day());
    }
  for (const auto& [id, list] : out_)
    for (const Relationship* r : list) {
      if (r->kind != RelKind::kPartOf && r->kind != RelKind::kSucceededBy &&
          !is_accountability(r->kind))
        continue;
      out.insert(r->valid.from);
      if (r->valid.to) out.insert(r->valid.to->next_day());
    }
  for (const BoundaryChange& c : changes_) out.insert(c.from);
  return out;
}

}  // namespace govmap
