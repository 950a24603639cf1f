// DOT text for governance diagrams: one date, two dates side by side, and the
// difference between two dates.
//
// This is a pure text generator: it includes no Graphviz header, so its output
// can be tested byte for byte and written as a .dot file. render/graphviz.h
// lays the text out and draws it.
//
// What the text holds (docs/diagrams.md shows it to readers):
//   - rankdir=BT, so an edge from -> to points up: accountability edges (a body
//     accountable to, elected by, appointed by ... another) point towards the
//     voters, who sit in the top tier;
//   - one rank=same subgraph per tier (democratic, national, regional, system,
//     place, providers), chained by invisible edges between tier labels so the
//     tiers keep their order;
//   - one shape and colour per family of bodies (render/style.h); statutory
//     edges solid, shadow edges dashed; the relationships from one body to
//     another in one layer on one edge, their kinds one per line of its label;
//   - a title naming the area and the date(s), and a legend cluster;
//   - on every body and edge a tooltip (kind, dates, legal basis, note, sources)
//     and a link (URL) to its first source with an http(s) address.
//
// Determinism: bodies are emitted in id order and relationships in
// (from, to, kind, layer, valid_from) order; nothing depends on pointer or hash
// order, so the same data gives the same bytes whatever the import order.
//
// Escaping: every string taken from data goes through render/escape.h: node
// names, tooltips and URLs as DOT strings, labels as HTML-like label text.
#ifndef GOVMAP_RENDER_DOT_WRITER_H_
#define GOVMAP_RENDER_DOT_WRITER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/snapshot.h"
#include "core/weights.h"
#include "render/snapshot_diff.h"
#include "render/tier_rows.h"

namespace govmap {

// Accountability distance of each body (core/accountability.h: the least total
// weight of a route to the voters, in thousandths), by organisation id, as
// computed by the caller. An empty map shows no distances. A body absent from a
// non-empty map shows nothing; a body mapped to nullopt has no route to the voters.
using Distances = std::map<std::string, std::optional<Milli>>;

struct DiagramOptions {
  std::string title;                      // heading; "" = area_name, else a generic one
  std::string area_name;                  // the --area body's name; "" = no area
  std::optional<Layer> layer;             // shown in the title when set
  std::map<std::string, Source> sources;  // by id: for tooltips and links
  bool legend = true;
  // A one-council view: the subtitle says so ("What Sheffield City Council
  // oversees and sits on").
  bool council_view = false;
  // Draw a foundation trust's council of governors and its members inside
  // the trust's node (governor_folds, render/drawn_edges.h), as an area-wide
  // picture does to stay printable; a --layer view, a one-council view and a
  // picture of the trust itself leave it false and draw them as nodes.
  bool fold_governors = false;
  // snapshot_dot only: put after the letter of every element id (see
  // body_element_id), so that several diagrams can share one HTML page.
  std::string id_side;
  // snapshot_dot only: the systems or regions view (render/systems_view.h).
  // view_note ends the title's second line ("each health system drawn as one
  // body"); body_lines are plain-text lines under a body's name and kind,
  // body_tooltips more text for its tooltip.
  std::string view_note;
  std::map<std::string, std::vector<std::string>> body_lines;
  std::map<std::string, std::string> body_tooltips;
  // How wide a tier's rows are: about sqrt(row_factor x bodies) bodies
  // (bodies_per_row, render/tier_rows.h).
  double row_factor = kRowFactor;
};

// The heading of a diagram or report: options.title, else the area's name,
// else "Health and care governance".
std::string diagram_heading(const DiagramOptions& options);

// One date.
std::string snapshot_dot(const Snapshot& snap, const Distances& distances,
                         const DiagramOptions& options);

// Two dates side by side in one picture: a cluster per date, the same tiers in
// the same ranks across both.
std::string side_by_side_dot(const Snapshot& before, const Distances& before_distances,
                             const Snapshot& after, const Distances& after_distances,
                             const DiagramOptions& options);

// One picture of what changed: bodies and relationships added (green), removed
// (red), changed (amber) or unchanged (grey); each body shows its distance
// before -> after when distances are given.
std::string diff_dot(const Snapshot& before, const Distances& before_distances,
                     const Snapshot& after, const Distances& after_distances,
                     const DiagramOptions& options);

// The SVG/DOT id given to a body's node and a relationship's edge (also used by
// the HTML report to find them): "b-" / "r-" followed by safe_id() of the
// organisation id / relationship key, with side ("", "1-", "2-") after the letter.
std::string body_element_id(const std::string& org_id, const std::string& side = "");
std::string relationship_element_id(const Relationship& rel, const std::string& side = "");

// Relationships from one body to another in one layer are drawn as one edge
// (its label lists their kinds), whose id is the first one's
// relationship_element_id; an edge joined into a trunk (render/drawn_edges.h)
// is drawn by that edge and the trunk ("t-" for "r-" in the trunk's first
// relationship's id); a relationship inside a folded body's host by the
// host's node. This maps every relationship's element id in snap to the ids
// of the elements that draw it, for the report to highlight, as snapshot_dot
// draws snap with options.fold_governors = fold_governors.
std::map<std::string, std::vector<std::string>> drawn_relationship_ids(const Snapshot& snap,
                                                                       const std::string& side = "",
                                                                       bool fold_governors = false);

}  // namespace govmap

#endif  // GOVMAP_RENDER_DOT_WRITER_H_
