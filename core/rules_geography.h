// The geography the rules read: which councils a commissioner, system or trust
// serves on a day, which system a body belongs to, and whether a body is in
// England at all. Part of the rule engine (core/rules.h); kept apart because it
// is the one place that interprets the lookups' part_of facts.
//
//   - A commissioner (CCG / sub-ICB location) covers the council areas the LSOA
//     lookups place in it: L part_of C with a share, from any vintage. One the
//     lookups never show covers its predecessors' areas (ODS successions),
//     failing that its successor's. Boundary changes move part of an area to
//     another commissioner from their date.
//   - A body's system (STP / ICS / ICB) on a day is the target of its part_of
//     in force that started last; before the first snapshot showing one, the
//     earliest later one; after the last, the latest. Boundary changes without
//     an area move a whole commissioner to another system.
//   - A council area resolves on a day to the upper-tier council in force: a
//     unitary, metropolitan or London borough or county itself, a district to
//     its county, a council no longer in force to its successors in force.
#ifndef GOVMAP_CORE_RULES_GEOGRAPHY_H_
#define GOVMAP_CORE_RULES_GEOGRAPHY_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/rules.h"

namespace govmap {

// Why a council, system or member was found: the relationship or boundary
// change it came from (either may be null: then the subject's own period).
struct Basis {
  const Relationship* rel = nullptr;
  const BoundaryChange* change = nullptr;
};

class Geography {
 public:
  Geography(const std::vector<Organisation>& orgs, const std::vector<Relationship>& rels,
            const std::vector<BoundaryChange>& changes);

  const Organisation* org(const std::string& id) const;
  const OrgPeriod* period_at(const std::string& id, Date d) const;
  // The organisation id an id or identifier names, or "" when none.
  std::string resolve_id(const std::string& text) const;
  bool in_england(const std::string& id) const;
  static bool upper_tier(const OrgPeriod& p);

  bool is_commissioner(const std::string& id) const { return commissioners_.count(id) > 0; }
  bool is_trust(const std::string& id) const { return trusts_.count(id) > 0; }
  // The upper-tier councils in force on d whose area commissioner serves, with why.
  std::map<std::string, Basis> commissioner_councils(const std::string& commissioner, Date d) const;
  // The upper-tier council(s) in force on d that a council area resolves to.
  std::map<std::string, Basis> area_councils(const std::string& area, Date d) const;
  // The subject's system in force on d, or "" (with why in *basis).
  std::string system_of(const std::string& id, Date d, Basis* basis) const;
  // The subject's nearest system link in time whatever the system's own dates
  // (a trust listed in 2020 under a system whose code starts in 2020): the
  // system and the first day it is in force within the link, or "".
  std::string nearest_system(const std::string& id, Date d, Date* when, Basis* basis) const;
  // Every system in force on d with its commissioners and trusts in force.
  std::map<std::string, std::map<std::string, Basis>> all_members(Date d) const;
  // Every date on which an answer above can change.
  std::set<Date> boundaries() const;

 private:
  struct AreaLink {
    std::string area;  // a council area (local_authority) id
    Basis basis;
  };
  const std::vector<AreaLink>& commissioner_areas(const std::string& id) const;
  std::vector<AreaLink> areas_on(const std::string& commissioner, Date d) const;
  void resolve_area(const std::string& area, Date d, int depth, const Basis& basis,
                    std::map<std::string, Basis>& out) const;

  std::map<std::string, const Organisation*> orgs_;
  std::map<std::string, std::string> by_identifier_;
  std::map<std::string, std::vector<const Relationship*>> out_;  // by from
  std::map<std::string, std::vector<const Relationship*>> in_;   // by to
  const std::vector<BoundaryChange>& changes_;
  std::set<std::string> commissioners_, trusts_, systems_;
  bool compute_in_england(const std::string& id) const;
  mutable std::map<std::string, std::vector<AreaLink>> areas_;  // memo
  mutable std::map<std::string, bool> english_;                 // memo
};

}  // namespace govmap

#endif  // GOVMAP_CORE_RULES_GEOGRAPHY_H_
