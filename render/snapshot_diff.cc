#include "render/snapshot_diff.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "core/kinds.h"
#include "render/style.h"

namespace govmap {
namespace {

std::vector<std::string> rel_differences(const Relationship& a, const Relationship& b) {
  std::vector<std::string> what;
  if (a.valid.from != b.valid.from || a.valid.to != b.valid.to)
    what.push_back("dates " + a.valid.str() + " \xE2\x86\x92 " + b.valid.str());
  if (a.cited().legal_basis != b.cited().legal_basis) what.push_back("legal basis");
  if (a.cited().sources != b.cited().sources) what.push_back("sources");
  if (a.cited().note != b.cited().note) what.push_back("note");
  if (a.share != b.share) what.push_back("share");
  return what;
}

std::string rel_identity(const Relationship& r) {
  return r.from + "\x1f" + r.to + "\x1f" + name_of(r.kind) + "\x1f" + name_of(r.layer);
}

}  // namespace

std::vector<Relationship> relationships_of(const Snapshot& snap) {
  std::vector<Relationship> rels;
  for (auto [e, end] = boost::edges(snap.graph); e != end; ++e) rels.push_back(*snap.graph[*e].rel);
  std::sort(rels.begin(), rels.end(), [](const Relationship& a, const Relationship& b) {
    if (a < b) return true;
    if (b < a) return false;
    return a.key() < b.key();
  });
  return rels;
}

std::vector<const VertexData*> bodies_of(const Snapshot& snap) {
  std::vector<const VertexData*> out;
  for (auto [v, end] = boost::vertices(snap.graph); v != end; ++v) out.push_back(&snap.graph[*v]);
  std::sort(out.begin(), out.end(),
            [](const VertexData* a, const VertexData* b) { return a->id < b->id; });
  return out;
}

const char* change_name(Change c) {
  switch (c) {
    case Change::kUnchanged:
      return "unchanged";
    case Change::kAdded:
      return "added";
    case Change::kRemoved:
      return "removed";
    case Change::kChanged:
      return "changed";
  }
  return "unchanged";
}

SnapshotDiff diff_snapshots(const Snapshot& before, const Snapshot& after) {
  SnapshotDiff d;
  std::map<std::string, BodyChange> bodies;
  for (const VertexData* b : bodies_of(before)) {
    BodyChange& c = bodies[b->id];
    c.id = b->id;
    c.before = *b;
  }
  for (const VertexData* a : bodies_of(after)) {
    BodyChange& c = bodies[a->id];
    c.id = a->id;
    c.after = *a;
  }
  for (auto& [id, c] : bodies) {
    if (!c.before) {
      c.change = Change::kAdded;
    } else if (!c.after) {
      c.change = Change::kRemoved;
    } else {
      const OrgPeriod& p = c.before->period;
      const OrgPeriod& q = c.after->period;
      if (p.name != q.name) c.what.push_back("renamed from \xE2\x80\x9C" + p.name + "\xE2\x80\x9D");
      if (p.kind != q.kind)
        c.what.push_back("was " + kind_short(p.kind, p.tier));
      else if (p.tier != q.tier)
        c.what.push_back("was " + kind_short(p.kind, p.tier));
      c.change = c.what.empty() ? Change::kUnchanged : Change::kChanged;
    }
    d.bodies.push_back(std::move(c));
  }

  // Group by identity; exact matches first, then pair what is left in order.
  std::map<std::string, std::pair<std::vector<Relationship>, std::vector<Relationship>>> groups;
  for (const Relationship& r : relationships_of(before)) groups[rel_identity(r)].first.push_back(r);
  for (const Relationship& r : relationships_of(after)) groups[rel_identity(r)].second.push_back(r);
  for (auto& [identity, g] : groups) {
    auto& [bs, as] = g;
    std::vector<bool> b_used(bs.size()), a_used(as.size());
    for (size_t i = 0; i < bs.size(); ++i)
      for (size_t j = 0; j < as.size(); ++j)
        if (!a_used[j] && bs[i].key() == as[j].key() && rel_differences(bs[i], as[j]).empty()) {
          b_used[i] = a_used[j] = true;
          d.relationships.push_back({Change::kUnchanged, bs[i], as[j], {}});
          break;
        }
    size_t j = 0;
    for (size_t i = 0; i < bs.size(); ++i) {
      if (b_used[i]) continue;
      while (j < as.size() && a_used[j]) ++j;
      if (j < as.size()) {
        a_used[j] = true;
        b_used[i] = true;
        d.relationships.push_back({Change::kChanged, bs[i], as[j], rel_differences(bs[i], as[j])});
      } else {
        d.relationships.push_back({Change::kRemoved, bs[i], std::nullopt, {}});
      }
    }
    for (size_t k = 0; k < as.size(); ++k)
      if (!a_used[k]) d.relationships.push_back({Change::kAdded, std::nullopt, as[k], {}});
  }
  std::stable_sort(d.relationships.begin(), d.relationships.end(),
                   [](const RelationshipChange& x, const RelationshipChange& y) {
                     const Relationship& a = x.rel();
                     const Relationship& b = y.rel();
                     if (a < b) return true;
                     if (b < a) return false;
                     return std::make_tuple(a.key(), static_cast<int>(x.change)) <
                            std::make_tuple(b.key(), static_cast<int>(y.change));
                   });
  return d;
}

}  // namespace govmap
