// Small builders shared by the render tests.
#ifndef GOVMAP_TESTS_RENDER_TEST_SUPPORT_H_
#define GOVMAP_TESTS_RENDER_TEST_SUPPORT_H_

#include <stdlib.h>

#include <string>
#include <vector>

#include "core/model.h"
#include "core/snapshot.h"

namespace govmap::test {

inline Date day(const char* iso) {
  return *Date::parse(iso);
}

inline Organisation make_org(const std::string& id, const std::string& name, OrgKind kind,
                             const char* from, const char* to = nullptr,
                             std::vector<std::string> sources = {}) {
  Organisation o;
  o.id = id;
  OrgPeriod p;
  p.valid.from = day(from);
  if (to) p.valid.to = day(to);
  p.name = name;
  p.kind = kind;
  p.sources = std::move(sources);
  o.periods.push_back(p);
  return o;
}

inline Relationship make_rel(const std::string& from, const std::string& to, RelKind kind,
                             const char* valid_from, const char* valid_to = nullptr,
                             Layer layer = Layer::kStatutory) {
  Relationship r;
  r.from = from;
  r.to = to;
  r.kind = kind;
  r.layer = layer;
  r.valid.from = day(valid_from);
  if (valid_to) r.valid.to = day(valid_to);
  return r;
}

inline Snapshot snapshot_at(const std::vector<Organisation>& orgs,
                            const std::vector<Relationship>& rels, const char* at) {
  SnapshotOptions o;
  o.at = day(at);
  return build_snapshot(orgs, rels, o);
}

// A fresh empty directory under the system temp folder.
inline std::string temp_dir() {
  std::string tmpl = "/tmp/govmap-test-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  const char* made = mkdtemp(buf.data());
  return made ? std::string(made) : std::string("/tmp");
}

inline size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

}  // namespace govmap::test

#endif  // GOVMAP_TESTS_RENDER_TEST_SUPPORT_H_
