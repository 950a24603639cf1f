// Rules of law as data, and the engine that derives the national graph from them.
//
// A rule says "every body of kind K in force on D has relationship R to T",
// with dates, a legal basis and sources (docs/rules.md). Its target T is a fixed
// body (NHS England, the CQC), the subject's owner, a body the law creates for
// every council or system (its electorate, health scrutiny function, health and
// wellbeing board, an ICB's integrated care partnership, a foundation trust's
// council of governors and members), or a set computed from geography: the
// upper-tier councils whose area the subject serves, its system, the systems
// covering a council, a system's statutory members.
//
// derive() evaluates every rule on every day on which anything it reads can
// change (the starts and ends of periods and relationships, and the rules' own
// dates), and merges identical consecutive days into dated facts. It reads only
// the combined view it is given (never the rules' own earlier output), so the
// result depends only on the data, never on import order. Each fact carries a
// note "derived by rule R (FILE:LINE) from FILE:LINE" naming the rule and the
// data row it came from. A curated map's relationship from the same body, of
// the same kind and layer, overrides derived facts on the days it covers.
//
// Areas: a commissioner serves the councils of the council areas the LSOA
// lookups place in it (part_of with a share); one the lookups do not show
// serves its predecessors' areas, failing that its successor's. A system serves
// its commissioners' areas on the day; a trust serves its system's (HLHG). A
// district resolves to its county, a council that no longer exists to its
// successors in force. Boundary changes the lookups cannot show (Glossop,
// Bassetlaw in 2022) are data of the rules file.
#ifndef GOVMAP_CORE_RULES_H_
#define GOVMAP_CORE_RULES_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"

namespace govmap {

// Which bodies a rule applies to, or which bodies own a derived body.
struct RuleSubjects {
  std::set<OrgKind> kinds;      // any of these kinds on the day
  std::set<std::string> tiers;  // local_authority tiers; empty = any tier
  std::string body_type;        // instead of kinds: the bodies standing as this derived type
};

// A body the law creates for each owner (a council's health scrutiny function).
struct DerivedBodyType {
  std::string type;  // name used by rules: "electorate", "osc", "hwb", "icp", ...
  OrgKind kind = OrgKind::kOther;
  RuleSubjects owners;
  Interval valid;
  std::string id_template;    // "{id}" is replaced by the owner's id
  std::string name_template;  // "{name}" by the owner's name on the day
  // An existing body of this kind stands for the derived one when it is linked
  // to the owner by this kind: X link owner, or owner link X when from_owner.
  std::optional<RelKind> existing_link;
  bool existing_from_owner = false;
  std::vector<std::string> sources;
  int line = 0;
};

// What a rule's target is.
enum class TargetSet {
  kFixed,          // one named body
  kSelf,           // the subject itself (with a body type: its derived body)
  kOwner,          // the owner of a derived subject
  kCouncils,       // upper-tier councils whose area the subject serves
  kOwnerCouncils,  // the councils of the subject's owner
  kSystem,         // the subject's STP / ICS / ICB
  kSystems,        // the systems whose area includes the subject (a council)
  kMembers,        // a system's statutory members: commissioners, trusts, councils
};

struct RuleTarget {
  TargetSet set = TargetSet::kFixed;
  std::string fixed_id;   // kFixed
  std::string body_type;  // empty: the bodies of the set; else each one's derived body
  std::string text;       // as written, for listings
};

struct Rule {
  std::string id;
  std::string statement;
  RuleSubjects subjects;
  RelKind kind = RelKind::kAccountableTo;
  Layer layer = Layer::kStatutory;
  RuleTarget target;
  Interval valid;
  std::string legal_basis;
  std::vector<std::string> sources;
  std::string url;
  std::string limits;  // what the data cannot tell, for docs and listings
  int line = 0;
};

// A boundary change the lookups do not show. With area set: from `from`, the
// part of council area `area` lying in commissioner `commissioner` belongs to
// commissioner `to`. Without: commissioner `commissioner` belongs to system `to`.
struct BoundaryChange {
  std::string id;
  Date from;
  std::string area;
  std::string commissioner;
  std::string to;
  std::string legal_basis;
  std::vector<std::string> sources;
  int line = 0;
};

struct RuleSet {
  std::string dataset;  // "rules:england-national"
  std::string file;     // the rules file as imported, for notes
  std::vector<DerivedBodyType> bodies;
  std::vector<Rule> rules;
  std::vector<BoundaryChange> boundaries;
};

// Turns the facts a rule read into "FILE:LINE" for notes. The default says
// only which dataset the fact came from.
class RowLocator {
 public:
  virtual ~RowLocator() = default;
  virtual std::string locate(const std::string& org_id, const OrgPeriod& period) const;
  virtual std::string locate(const Relationship& rel) const;
};

struct Derivation {
  std::vector<std::string> organisations;                  // derived bodies, sorted
  std::vector<std::pair<std::string, OrgPeriod>> periods;  // sorted by id, from
  std::vector<Relationship> relationships;                 // sorted
  // Facts derived per rule, in force on each date asked for (see count_by_rule).
};

// Derives set's facts from the combined view (organisations and relationships
// as the store shows them, without any rules dataset). Deterministic.
Derivation derive(const RuleSet& set, const std::vector<Organisation>& orgs,
                  const std::vector<Relationship>& rels, const RowLocator& locator);

// The rule id a derived relationship cites (from its note), or "" for others.
std::string derived_rule_id(const Relationship& rel);

// The note of a derived fact: "derived by rule R (FILE:LINE) from BASIS".
std::string derived_note(const Rule& rule, const std::string& rules_file, const std::string& basis);

bool is_rules_dataset(const std::string& dataset);

}  // namespace govmap

#endif  // GOVMAP_CORE_RULES_H_
