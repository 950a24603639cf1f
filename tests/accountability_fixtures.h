// Small helpers for building hand-computed graphs in the accountability tests.
#ifndef GOVMAP_TESTS_ACCOUNTABILITY_FIXTURES_H_
#define GOVMAP_TESTS_ACCOUNTABILITY_FIXTURES_H_

#include <string>
#include <vector>

#include "core/accountability.h"
#include "core/date.h"
#include "core/model.h"
#include "core/snapshot.h"

namespace govmap::testing {

inline Date day(const char* text) {
  return *Date::parse(text);
}

// One organisation with one period from 2000-01-01 (or the given dates).
inline Organisation org(const std::string& id, OrgKind kind = OrgKind::kOther,
                        const char* from = "2000-01-01", const char* to = nullptr) {
  Organisation o;
  o.id = id;
  OrgPeriod p;
  p.valid.from = day(from);
  if (to) p.valid.to = day(to);
  p.name = "Name of " + id;
  p.kind = kind;
  if (kind == OrgKind::kLocalAuthority) p.tier = "unitary";
  o.periods.push_back(p);
  return o;
}

// Adds a later period with another kind (and name) to o.
inline void add_period(Organisation& o, OrgKind kind, const char* from, const char* to = nullptr,
                       const std::string& name = "") {
  OrgPeriod p;
  p.valid.from = day(from);
  if (to) p.valid.to = day(to);
  p.name = name.empty() ? o.periods.back().name : name;
  p.kind = kind;
  o.periods.push_back(p);
}

inline Relationship rel(const std::string& from, RelKind kind, const std::string& to,
                        Layer layer = Layer::kStatutory, const char* valid_from = "2000-01-01",
                        const char* valid_to = nullptr) {
  Relationship r;
  r.from = from;
  r.to = to;
  r.kind = kind;
  r.layer = layer;
  r.valid.from = day(valid_from);
  if (valid_to) r.valid.to = day(valid_to);
  r.cite().legal_basis = "Test Act s1";
  r.cite().sources = {"T1"};
  return r;
}

inline Snapshot snapshot_at(const std::vector<Organisation>& orgs,
                            const std::vector<Relationship>& rels, const char* at = "2020-01-01") {
  SnapshotOptions options;
  options.at = day(at);
  return build_snapshot(orgs, rels, options);
}

// The ids along v's chosen route, v first; empty when unaccountable.
inline std::vector<std::string> route_ids(const ShortestPaths& paths, const Snapshot& snap,
                                          const std::string& id) {
  auto v = snap.find(id);
  if (!v) return {};
  auto r = paths.route(*v);
  if (!r) return {};
  std::vector<std::string> ids = {id};
  for (const PathStep& s : r->steps) ids.push_back(s.rel.to);
  return ids;
}

}  // namespace govmap::testing

#endif  // GOVMAP_TESTS_ACCOUNTABILITY_FIXTURES_H_
