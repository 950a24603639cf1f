// What changed in the governance graph between two dates: each body and each
// relationship classified as added, removed, changed (and how) or unchanged.
//
// The classification behind the what-changed picture (render/dot_writer.h,
// diff_dot) and the report's change list (render/html_report.h). Pure model
// code: no Graphviz, no text layout.
//
// Determinism: bodies come in id order and relationships in relationship
// order (from, to, kind, layer, valid_from), whatever the import order.
#ifndef GOVMAP_RENDER_SNAPSHOT_DIFF_H_
#define GOVMAP_RENDER_SNAPSHOT_DIFF_H_

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/snapshot.h"

namespace govmap {

enum class Change { kUnchanged, kAdded, kRemoved, kChanged };
const char* change_name(Change c);  // "unchanged", "added", "removed", "changed"

struct BodyChange {
  std::string id;
  Change change = Change::kUnchanged;
  std::optional<VertexData> before, after;
  std::vector<std::string> what;  // for kChanged: "renamed from ...", "kind stp -> ics"
};

// Relationships are matched by (from, to, kind, layer). A matched pair whose
// dates, legal basis, note, sources or share differ is kChanged.
struct RelationshipChange {
  Change change = Change::kUnchanged;
  std::optional<Relationship> before, after;
  std::vector<std::string> what;  // for kChanged: "legal basis", "dates", ...
  const Relationship& rel() const { return after ? *after : *before; }
};

struct SnapshotDiff {
  std::vector<BodyChange> bodies;                 // by id
  std::vector<RelationshipChange> relationships;  // in relationship order
};

SnapshotDiff diff_snapshots(const Snapshot& before, const Snapshot& after);

// A snapshot's bodies in id order and its relationships in relationship order
// (ties broken by key): the order every picture and the diff emit them in.
// The pointers are into snap.graph and live as long as it does.
std::vector<const VertexData*> bodies_of(const Snapshot& snap);
std::vector<Relationship> relationships_of(const Snapshot& snap);

}  // namespace govmap

#endif  // GOVMAP_RENDER_SNAPSHOT_DIFF_H_
