#include "render/dot_writer.h"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "core/attribution.h"
#include "render/dot_text.h"
#include "render/drawn_edges.h"
#include "render/escape.h"
#include "render/snapshot_diff.h"
#include "render/style.h"
#include "render/tier_rows.h"

namespace govmap {
namespace {

// Names wrap at this many characters. Narrow bodies make narrow rows: the
// width of a picture is the width of its widest row. Every family's shape is
// a box of some kind (render/style.cc): Graphviz draws a house, a hexagon or
// an ellipse around its text's box scaled by 1.4 to 1.7 each way, and the
// voters' houses, the trusts' ellipses and the systems' hexagons were the
// widest and tallest rows of the SYB pictures (drawing revision 13).
constexpr size_t kWrapWidth = 20;
// "with its governors and members" in a trust's node: about as wide as the
// trust's name.
constexpr size_t kFoldWrapWidth = 18;
const char* const kFont = "Helvetica";

// Colours of the diff picture: fill, border/line.
struct ChangeColours {
  const char* fill;
  const char* line;
};
ChangeColours colours_of(Change c) {
  switch (c) {
    case Change::kAdded:
      return {"#C7EBC0", "#1A7F2A"};
    case Change::kRemoved:
      return {"#F9C6C3", "#C0231B"};
    case Change::kChanged:
      return {"#FFDFA3", "#C46A00"};
    case Change::kUnchanged:
      return {"#EEEEEE", "#8C8C8C"};
  }
  return {"#EEEEEE", "#8C8C8C"};
}

// Relationships that pull their ends into the tiers: everything except those
// that point down (funding, commissioning) or sideways in time (successions).
bool constrains(RelKind k) {
  return k != RelKind::kCommissions && k != RelKind::kFunds && k != RelKind::kSucceededBy;
}

// How one line of a picture draws its relationships: whole, from a body to a
// junction (no arrow, no label), or from a junction to the body the joined
// lines point to (render/drawn_edges.h, joined_runs).
enum class LineRole { kWhole, kFeeder, kTrunk };

class Writer {
 public:
  explicit Writer(const DiagramOptions& options) : options_(options) {}

  void header(const std::string& title_first_line, const std::string& tooltip) {
    out_ += "digraph govmap {\n";
    out_ += "  graph [rankdir=BT, newrank=true, nodesep=0.1, ranksep=0.25, splines=true,\n";
    out_ += "         fontname=\"" + std::string(kFont) + "\", labelloc=t, labeljust=c,\n";
    out_ += "         tooltip=" + dot_string(tooltip) + ",\n";
    // The licence notice of the public data behind the picture: Graphviz
    // writes a graph comment into SVG as an XML comment.
    std::vector<Source> sources;
    for (const auto& [id, s] : options_.sources) sources.push_back(s);
    if (std::string notice = data_notice_line(sources); !notice.empty())
      out_ += "         comment=" + dot_string(notice) + ",\n";
    out_ += "         label=" + title_html(title_first_line, options_) + "];\n";
    out_ += "  node [fontname=\"" + std::string(kFont) +
            "\", fontsize=11, penwidth=1.2, margin=\"0.12,0.06\"];\n";
    out_ += "  edge [fontname=\"" + std::string(kFont) +
            "\", fontsize=10, arrowsize=0.7, fontcolor=\"#444444\"];\n";
  }

  // The tier labels, written at the left of each tier's first row.
  void tier_anchors(const std::vector<Tier>& tiers) {
    if (tiers.empty()) return;
    out_ += "  // tiers, top (voters) to bottom (providers)\n";
    for (Tier t : tiers)
      out_ += "  " + anchor(t) + " [shape=plaintext, fontsize=13, fontcolor=\"#555555\", label=" +
              dot_string(tier_label(t)) + ", tooltip=" + dot_string(tier_label(t)) + "];\n";
  }

  // The rows of one tier (render/tier_rows.h), given the relationships
  // written so far between bodies of one tier.
  std::vector<std::vector<std::string>> rows_of(const std::vector<std::string>& nodes,
                                                size_t per_row) const {
    return govmap::tier_rows(nodes, flat_edges_, per_row);
  }

  // The name of row k of tier t: the tier's label on the first row, an empty
  // anchor on the others.
  std::string row_anchor(Tier t, size_t k) {
    if (k == 0) return anchor(t);
    std::string a = dot_id(std::string("tier:") + tier_key(t) + ":" + std::to_string(k));
    out_ += "  " + a + " [shape=plaintext, label=\"\", tooltip=\" \"];\n";
    return a;
  }

  // One row of a tier, below the rows emitted before it.
  void rank_row(const std::string& row_anchor, const std::vector<std::string>& node_names) {
    out_ += "  { rank=same; " + row_anchor + ";";
    for (const std::string& n : node_names) out_ += " " + n + ";";
    out_ += " }\n";
    row_anchors_.push_back(row_anchor);
  }

  // A tier wrapped onto rows (rows_of).
  void tier_rows(Tier t, const std::vector<std::string>& node_names, size_t per_row) {
    auto rows = rows_of(node_names, per_row);
    for (size_t k = 0; k < rows.size(); ++k) rank_row(row_anchor(t, k), rows[k]);
  }

  // The invisible chain that keeps the rows in order, top to bottom.
  void row_chain() {
    if (row_anchors_.size() < 2) return;
    out_ += "  ";
    for (size_t i = row_anchors_.size(); i-- > 0;) {
      out_ += row_anchors_[i];
      out_ += i ? " -> " : " [style=invis, weight=10];\n";
    }
  }
  std::string lowest_row() const { return row_anchors_.empty() ? "" : row_anchors_.back(); }

  // One body's node statement (indent included).
  void body(const std::string& indent, const std::string& node_name, const std::string& element_id,
            const VertexData& b, const std::vector<std::string>& extra_html,
            const std::string& tooltip, std::optional<Change> change) {
    Family fam = family_of(b.period.kind);
    families_.insert(fam);
    node_tier_[node_name] = tier_of(fam);
    const FamilyStyle& st = style_of(fam);
    std::string fill = st.fill, border = st.border, style = st.style;
    std::string penwidth = "1.2";
    if (change) {
      ChangeColours c = colours_of(*change);
      fill = c.fill;
      border = c.line;
      if (*change != Change::kUnchanged) penwidth = "2.2";
      if (*change == Change::kRemoved) style += ",dashed";
    }
    const std::string shape = st.shape;
    out_ += indent + node_name + " [id=" + dot_string(element_id) +
            ", class=" + dot_string(std::string("body ") + st.key) + ", shape=" + shape +
            ", style=" + dot_string(style) + ", fillcolor=" + dot_string(fill) +
            ", color=" + dot_string(border) + ", penwidth=" + penwidth + ",\n" + indent +
            "  label=" +
            body_label(b.period.name, kind_short(b.period.kind, b.period.tier), extra_html,
                       kWrapWidth) +
            ",\n" + indent + "  tooltip=" + dot_string(tooltip);
    std::string url = first_link(b.period.sources, options_.sources);
    if (!url.empty()) out_ += ",\n" + indent + "  URL=" + dot_url(url) + ", target=\"_blank\"";
    out_ += "];\n";
  }

  // One edge for one or more relationships from `from` to `to` in one layer
  // (parallel_runs): their words on one label, one line per kind. An edge of
  // several relationships is drawn as accountability when any of them is, and
  // pulls its ends into order when any of them would.
  void relationship(const std::string& indent, const std::string& from, const std::string& to,
                    const std::string& element_id, const std::vector<const Relationship*>& rels,
                    const std::string& tooltip, std::optional<Change> change,
                    LineRole role = LineRole::kWhole) {
    bool acc = false, constraint = false;
    std::vector<std::string> words, sources;
    for (const Relationship* r : rels) {
      acc = acc || is_accountability(r->kind);
      constraint = constraint || constrains(r->kind);
      std::string w = relationship_words(r->kind);
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
      sources.insert(sources.end(), r->cited().sources.begin(), r->cited().sources.end());
    }
    const Layer layer = rels.front()->layer;
    std::string colour = acc ? "#333333" : "#8C8C8C";
    std::string width = acc ? "1.5" : "1";
    if (change) {
      colour = colours_of(*change).line;
      if (*change != Change::kUnchanged) width = "2.4";
    }
    std::string style = layer == Layer::kShadow ? "dashed" : "solid";
    out_ += indent + from + " -> " + to + " [id=" + dot_string(element_id) + ", class=" +
            dot_string(std::string("rel ") + (acc ? "accountability " : "") + name_of(layer) +
                       (role == LineRole::kTrunk ? " joined" : "")) +
            ", style=" + style + ", color=" + dot_string(colour) + ", penwidth=" + width;
    // A relationship pulls its ends into order only when it points up or
    // sideways: one from a higher tier to a lower one (a joint committee of
    // CCGs scrutinised by a council's committee) would contradict the tiers.
    auto ft = node_tier_.find(from), tt = node_tier_.find(to);
    bool tiered = ft != node_tier_.end() && tt != node_tier_.end() && ft->second != Tier::kNone &&
                  tt->second != Tier::kNone;
    if (constraint && tiered && ft->second < tt->second) constraint = false;
    if (constraint && tiered && ft->second == tt->second) flat_edges_.push_back({from, to});
    if (!constraint) out_ += ", constraint=false";
    // xlabel, not label: Graphviz 2.42 frees memory twice after laying out
    // labelled flat edges (both ends in one rank=same tier).
    if (role == LineRole::kFeeder)
      out_ += ", arrowhead=none";
    else
      out_ += ",\n" + indent + "  xlabel=" + dot_string(join(words, "\n"));
    out_ += ", tooltip=" + dot_string(tooltip);
    std::string url = first_link(sources, options_.sources);
    if (!url.empty()) out_ += ",\n" + indent + "  URL=" + dot_url(url) + ", target=\"_blank\"";
    out_ += "];\n";
  }

  // The point where joined lines meet (LineRole).
  void junction(const std::string& indent, const std::string& node_name,
                const std::string& element_id, std::optional<Change> change) {
    std::string colour = change ? colours_of(*change).line : "#333333";
    out_ += indent + node_name + " [id=" + dot_string(element_id) +
            ", class=\"junction\", shape=point, width=0.07, color=" + dot_string(colour) +
            ", fillcolor=" + dot_string(colour) + ", tooltip=\" \"];\n";
    joined_ = true;
  }
  // A host node drew bodies inside it (governor_folds): the key says so.
  void note_folded() { folded_ = true; }

  // The key, drawn below the lowest tier in two rows: one sample per family
  // present, then the two line styles, the change colours (diff) and how to
  // read the arrows. Invisible flat edges keep each row in order.
  // (Cluster labels use labelloc=b: with rankdir=BT that is the top.)
  // The families sampled are those of the bodies drawn as nodes (a folded
  // body's family is not drawn).
  void legend(bool diff, bool distances) {
    if (!options_.legend) return;
    out_ += "  subgraph cluster_legend {\n";
    out_ +=
        "    label=<<B>Key</B>>; labelloc=b; fontsize=12; style=\"rounded\"; color=\"#999999\";"
        " tooltip=\"Key\";\n";
    out_ += "    node [fontsize=10, margin=\"0.08,0.04\"];\n";
    std::vector<std::string> top, bottom;
    for (Family f : all_families()) {
      if (!families_.count(f)) continue;
      const FamilyStyle& st = style_of(f);
      std::string n = dot_id(std::string("legend:") + st.key);
      top.push_back(n);
      std::string fill = diff ? "#FFFFFF" : st.fill;
      std::string border = diff ? "#555555" : st.border;
      out_ += "    " + n + " [shape=" + st.shape + ", style=" + dot_string(st.style) +
              ", fillcolor=" + dot_string(fill) + ", color=" + dot_string(border) +
              ", label=" + dot_string(st.legend) + ", tooltip=" + dot_string(st.legend) + "];\n";
    }
    // One sentence a line: the note is the tallest thing in the key, and the
    // key's rows are much narrower than the picture.
    std::string note =
        "Arrows point up, towards the voters: the lower body answers to the upper one.";
    if (joined_)
      note += "\nLines that meet at a dot: the same relationship from each body below them.";
    if (folded_)
      note +=
          "\nA foundation trust's node includes its council of governors and the members who "
          "elect them.";
    if (distances)
      note +=
          "\nUnder each name: its accountability distance (1 a step; scrutiny and regulation 2; "
          "a shadow step 1 more).";
    out_ += "    \"legend:note\" [shape=plaintext, fontsize=10, label=" + dot_string(note) +
            ", tooltip=\"How to read this diagram\"];\n";
    bottom.push_back("\"legend:note\"");
    const std::pair<const char*, const char*> lines[] = {{"statutory", "solid"},
                                                         {"shadow", "dashed"}};
    for (const auto& [layer, style] : lines) {
      std::string a = dot_id(std::string("legend:") + layer + ":a");
      std::string b = dot_id(std::string("legend:") + layer + ":b");
      bottom.push_back(a);
      bottom.push_back(b);
      std::string words = std::string(layer) == "statutory" ? "statutory (set in law)"
                                                            : "shadow (informal, no legal basis)";
      std::string words_node = dot_id(std::string("legend:") + layer + ":words");
      bottom.push_back(words_node);
      out_ += "    " + a + " [shape=point, width=0.06, tooltip=" + dot_string(words) + "];\n";
      out_ += "    " + b + " [shape=point, width=0.06, tooltip=" + dot_string(words) + "];\n";
      out_ += "    " + words_node + " [shape=plaintext, fontsize=10, label=" + dot_string(words) +
              ", tooltip=" + dot_string(words) + "];\n";
      out_ += "    " + a + " -> " + b + " [style=" + style +
              ", penwidth=1.5, minlen=2, tooltip=" + dot_string(words) + "];\n";
    }
    if (diff) {
      for (Change c : {Change::kAdded, Change::kRemoved, Change::kChanged, Change::kUnchanged}) {
        ChangeColours cc = colours_of(c);
        std::string n = dot_id(std::string("legend:") + change_name(c));
        bottom.push_back(n);
        out_ += "    " + n +
                " [shape=box, style=\"filled\", penwidth=2, fillcolor=" + dot_string(cc.fill) +
                ", color=" + dot_string(cc.line) + ", label=" + dot_string(change_name(c)) +
                ", tooltip=" + dot_string(change_name(c)) + "];\n";
      }
    }
    for (const auto* row : {&top, &bottom}) {
      if (row->empty()) continue;
      out_ += "    { rank=same;";
      for (const std::string& n : *row) out_ += " " + n + ";";
      out_ += " }\n";
      if (row->size() > 1) {
        out_ += "    ";
        for (size_t i = 0; i < row->size(); ++i)
          out_ += (*row)[i] + (i + 1 < row->size() ? " -> " : "");
        out_ += " [style=invis];\n";
      }
    }
    if (!top.empty()) out_ += "    \"legend:note\" -> " + top.front() + " [style=invis];\n";
    out_ += "  }\n";
    std::string low = lowest_row();
    if (!low.empty() && !top.empty())
      out_ += "  " + top.front() + " -> " + low + " [style=invis];\n";
    else if (!low.empty())
      out_ += "  \"legend:note\" -> " + low + " [style=invis];\n";
  }

  void line(const std::string& s) { out_ += s + "\n"; }
  std::string finish() {
    out_ += "}\n";
    return std::move(out_);
  }

  static std::string anchor(Tier t) { return dot_id(std::string("tier:") + tier_key(t)); }

 private:
  const DiagramOptions& options_;
  std::string out_;
  std::map<std::string, Tier> node_tier_;  // by node name
  std::vector<FlatEdge> flat_edges_;       // (lower, upper), one tier
  std::vector<std::string> row_anchors_;   // top to bottom
  bool joined_ = false, folded_ = false;   // for the key
  std::set<Family> families_;              // of the bodies drawn, for the key
};

// The tiers that hold at least one of the given kinds, in order.
std::vector<Tier> used_tiers(const std::set<Tier>& used) {
  std::vector<Tier> out;
  for (Tier t : all_tiers())
    if (used.count(t)) out.push_back(t);
  return out;
}

// The tier of each body drawn as a node of its own, 0 the top; bodies of no
// tier are left out (joined_runs).
std::map<std::string, int> drawn_tiers(const std::vector<const VertexData*>& bodies,
                                       const std::map<std::string, std::string>& folds) {
  std::map<std::string, int> out;
  for (const VertexData* b : bodies) {
    Tier t = tier_of(family_of(b->period.kind));
    if (t != Tier::kNone && !folds.count(b->id)) out[b->id] = static_cast<int>(t);
  }
  return out;
}

// A picture's lines: its relationships' runs (parallel_runs), and the runs
// joined into trunks (joined_runs). Relationships inside a folded body's host
// are drawn by no line: `drawn` is false for them.
struct LinePlan {
  std::vector<Relationship> rels;
  std::vector<bool> drawn;                  // by index into rels
  std::vector<std::vector<size_t>> runs;    // of drawn relationships
  std::vector<std::vector<size_t>> trunks;  // indices into runs
  std::vector<int> trunk_of;                // by run: index into trunks, -1 = none
};

LinePlan plan_lines(std::vector<Relationship> all, const std::vector<int>& all_tags,
                    const std::map<std::string, std::string>& folds,
                    const std::map<std::string, int>& tiers) {
  LinePlan p;
  p.rels = std::move(all);
  std::vector<Relationship> kept;
  std::vector<int> tags;
  std::vector<size_t> index;  // kept -> rels
  for (size_t i = 0; i < p.rels.size(); ++i) {
    const Relationship& r = p.rels[i];
    bool inside = folds.count(r.from) || folds.count(r.to);
    p.drawn.push_back(!inside);
    if (inside) continue;
    kept.push_back(r);
    if (!all_tags.empty()) tags.push_back(all_tags[i]);
    index.push_back(i);
  }
  std::vector<bool> up;
  for (const Relationship& r : kept) up.push_back(constrains(r.kind));
  std::vector<std::vector<size_t>> runs = parallel_runs(kept, tags);
  p.trunks = joined_runs(kept, runs, tiers, up, tags);
  for (auto& run : runs)
    for (size_t& i : run) i = index[i];
  p.runs = std::move(runs);
  p.trunk_of.assign(p.runs.size(), -1);
  for (size_t t = 0; t < p.trunks.size(); ++t)
    for (size_t r : p.trunks[t]) p.trunk_of[r] = static_cast<int>(t);
  return p;
}

// The element id of a trunk: its first relationship's, with "t-" for "r-".
std::string trunk_element_id(const Relationship& first, const std::string& side) {
  return "t" + relationship_element_id(first, side).substr(1);
}

// Draws a plan's lines. tip(i) is relationship i's tooltip, change(i) its
// change in a diff picture; node(id) the node name of a body.
void draw_lines(Writer& w, const std::string& indent, const LinePlan& plan,
                const std::string& id_side,
                const std::function<std::string(const std::string&)>& node,
                const std::function<std::string(const std::string&)>& name,
                const std::function<std::string(size_t)>& tip,
                const std::function<std::optional<Change>(size_t)>& change) {
  std::vector<bool> trunk_drawn(plan.trunks.size());
  for (size_t r = 0; r < plan.runs.size(); ++r) {
    const std::vector<size_t>& run = plan.runs[r];
    std::vector<const Relationship*> group;
    std::string t;
    for (size_t i : run) {
      group.push_back(&plan.rels[i]);
      if (!t.empty()) t += "\n\n";
      t += tip(i);
    }
    const Relationship& first = *group.front();
    const std::optional<Change> c = change(run.front());
    const int trunk = plan.trunk_of[r];
    if (trunk < 0) {
      w.relationship(indent, node(first.from), node(first.to),
                     relationship_element_id(first, id_side), group, t, c);
      continue;
    }
    const std::vector<size_t>& joined = plan.trunks[trunk];
    const Relationship& head = plan.rels[plan.runs[joined.front()].front()];
    const std::string trunk_id = trunk_element_id(head, id_side);
    const std::string junction = dot_id(id_side + "join:" + head.key());
    if (!trunk_drawn[trunk]) {
      trunk_drawn[trunk] = true;
      w.junction(indent, junction, "j" + trunk_id.substr(1), c);
      std::vector<const Relationship*> kinds;
      std::vector<std::string> words;
      for (size_t i : plan.runs[joined.front()]) {
        kinds.push_back(&plan.rels[i]);
        words.push_back(relationship_words(plan.rels[i].kind));
      }
      std::string trunk_tip = join(words, ", ") + " (" + name_of(head.layer) + ") \xE2\x86\x92 " +
                              name(head.to) + "\nfrom each of " + std::to_string(joined.size()) +
                              " bodies:";
      for (size_t j : joined) trunk_tip += "\n  " + name(plan.rels[plan.runs[j].front()].from);
      w.relationship(indent, junction, node(head.to), trunk_id, kinds, trunk_tip, c,
                     LineRole::kTrunk);
    }
    w.relationship(indent, node(first.from), junction, relationship_element_id(first, id_side),
                   group, t, c, LineRole::kFeeder);
  }
}

// What a host's node says of the bodies drawn inside it (governor_folds), as
// a label line, and as the end of its tooltip: each body and each
// relationship drawn inside.
std::string fold_line(const std::vector<const VertexData*>& folded) {
  bool members = false;
  for (const VertexData* b : folded)
    members = members || b->period.kind != OrgKind::kCouncilOfGovernors;
  // Short (the key and the tooltip say the rest), and wrapped about as wide
  // as the trust's name, so the node grows neither much taller nor wider.
  std::string words = members ? "with its governors and members" : "with its governors";
  return "<FONT POINT-SIZE=\"10\"><I>" + html_text(wrap_words(words, kFoldWrapWidth), "<BR/>") +
         "</I></FONT>";
}

std::string fold_tooltip(const std::vector<const VertexData*>& folded, const LinePlan& plan,
                         const std::string& host, const Distances& dist,
                         const std::function<std::string(const std::string&)>& name,
                         const DiagramOptions& options) {
  std::string t = "\n\ndrawn inside this node:";
  for (const VertexData* b : folded)
    t += "\n\n" + body_tooltip(*b, distance_tooltip(dist, b->id), "", options.sources);
  for (size_t i = 0; i < plan.rels.size(); ++i) {
    const Relationship& r = plan.rels[i];
    if (plan.drawn[i]) continue;
    bool here = false;
    for (const VertexData* b : folded) here = here || r.from == b->id || r.to == b->id;
    if (!here) continue;
    t += "\n" + name(r.from) + " \xE2\x86\x92 " + name(r.to) + ": " + relationship_words(r.kind) +
         " (" + name_of(r.layer) + ")";
  }
  (void)host;
  return t;
}

// The bodies folded into each host, by host id, in id order.
std::map<std::string, std::vector<const VertexData*>> folded_by_host(
    const std::vector<const VertexData*>& bodies, const std::map<std::string, std::string>& folds) {
  std::map<std::string, std::vector<const VertexData*>> out;
  for (const VertexData* b : bodies)
    if (auto it = folds.find(b->id); it != folds.end()) out[it->second].push_back(b);
  return out;
}

// Emits one snapshot's bodies and edges with node names prefixed by side; the
// caller adds the rank=same groups (returned by tier).
std::map<Tier, std::vector<std::string>> emit_snapshot(Writer& w, const Snapshot& snap,
                                                       const Distances& dist,
                                                       const std::string& side,
                                                       const std::string& indent,
                                                       const DiagramOptions& options) {
  std::map<Tier, std::vector<std::string>> by_tier;
  const std::string& id_side = side.empty() ? options.id_side : side;
  const std::map<std::string, std::string> folds =
      options.fold_governors ? governor_folds(snap) : std::map<std::string, std::string>();
  const std::vector<const VertexData*> bodies = bodies_of(snap);
  const LinePlan plan = plan_lines(relationships_of(snap), {}, folds, drawn_tiers(bodies, folds));
  auto name = [&](const std::string& id) { return name_in(snap, id); };
  const auto inside = folded_by_host(bodies, folds);
  for (const VertexData* b : bodies) {
    if (folds.count(b->id)) continue;
    std::string node = dot_id(side + b->id);
    std::vector<std::string> extra = distance_lines(dist, b->id);
    std::string tip = body_tooltip(*b, distance_tooltip(dist, b->id), "", options.sources);
    if (auto it = inside.find(b->id); it != inside.end()) {
      extra.push_back(fold_line(it->second));
      tip += fold_tooltip(it->second, plan, b->id, dist, name, options);
      w.note_folded();
    }
    if (auto it = options.body_lines.find(b->id); it != options.body_lines.end())
      for (const std::string& line : it->second)
        extra.push_back("<FONT POINT-SIZE=\"10\">" +
                        html_text(wrap_words(line, kWrapWidth + 6), "<BR/>") + "</FONT>");
    if (auto it = options.body_tooltips.find(b->id); it != options.body_tooltips.end())
      tip += "\n\n" + it->second;
    w.body(indent, node, body_element_id(b->id, id_side), *b, extra, tip, std::nullopt);
    by_tier[tier_of(family_of(b->period.kind))].push_back(node);
  }
  draw_lines(
      w, indent, plan, id_side, [&](const std::string& id) { return dot_id(side + id); }, name,
      [&](size_t i) {
        const Relationship& r = plan.rels[i];
        return rel_tooltip(r, name(r.from), name(r.to), "", options.sources);
      },
      [](size_t) { return std::optional<Change>(); });
  return by_tier;
}

}  // namespace

std::string body_element_id(const std::string& org_id, const std::string& side) {
  return safe_id("b-" + (side.empty() ? std::string() : safe_id("", side) + "-"), org_id);
}

std::string relationship_element_id(const Relationship& rel, const std::string& side) {
  return safe_id("r-" + (side.empty() ? std::string() : safe_id("", side) + "-"), rel.key());
}

std::map<std::string, std::vector<std::string>> drawn_relationship_ids(const Snapshot& snap,
                                                                       const std::string& side,
                                                                       bool fold_governors) {
  const std::map<std::string, std::string> folds =
      fold_governors ? governor_folds(snap) : std::map<std::string, std::string>();
  const LinePlan plan =
      plan_lines(relationships_of(snap), {}, folds, drawn_tiers(bodies_of(snap), folds));
  std::map<std::string, std::vector<std::string>> out;
  for (size_t i = 0; i < plan.rels.size(); ++i) {
    if (plan.drawn[i]) continue;
    const Relationship& r = plan.rels[i];
    out[relationship_element_id(r, side)] = {
        body_element_id(folds.count(r.from) ? folds.at(r.from) : r.from, side)};
  }
  for (size_t k = 0; k < plan.runs.size(); ++k) {
    std::vector<std::string> drawn = {
        relationship_element_id(plan.rels[plan.runs[k].front()], side)};
    if (plan.trunk_of[k] >= 0) {
      size_t head = plan.runs[plan.trunks[plan.trunk_of[k]].front()].front();
      drawn.push_back(trunk_element_id(plan.rels[head], side));
    }
    for (size_t i : plan.runs[k]) out[relationship_element_id(plan.rels[i], side)] = drawn;
  }
  return out;
}

std::string snapshot_dot(const Snapshot& snap, const Distances& distances,
                         const DiagramOptions& options) {
  Writer w(options);
  std::string when = "as at " + snap.at.str();
  w.header(title_line(when, options), "Governance diagram " + when);
  // Bodies first into a buffer-free pass: collect tiers, then emit.
  std::set<Tier> used;
  for (const VertexData* b : bodies_of(snap)) used.insert(tier_of(family_of(b->period.kind)));
  used.erase(Tier::kNone);
  std::vector<Tier> tiers = used_tiers(used);
  w.tier_anchors(tiers);
  w.line("  // bodies, by id");
  auto by_tier = emit_snapshot(w, snap, distances, "", "  ", options);
  w.line("  // tiers");
  size_t folded = options.fold_governors ? governor_folds(snap).size() : 0;
  size_t per_row = bodies_per_row(boost::num_vertices(snap.graph) - folded, options.row_factor);
  for (Tier t : tiers) w.tier_rows(t, by_tier[t], per_row);
  w.row_chain();
  w.legend(false, !distances.empty());
  return w.finish();
}

std::string side_by_side_dot(const Snapshot& before, const Distances& before_distances,
                             const Snapshot& after, const Distances& after_distances,
                             const DiagramOptions& options) {
  Writer w(options);
  std::string when = before.at.str() + " and " + after.at.str();
  w.header(title_line(when, options), "Governance diagrams for " + when);
  std::set<Tier> used;
  for (const Snapshot* s : {&before, &after})
    for (const VertexData* b : bodies_of(*s)) used.insert(tier_of(family_of(b->period.kind)));
  used.erase(Tier::kNone);
  std::vector<Tier> tiers = used_tiers(used);
  w.tier_anchors(tiers);
  // No clusters: Graphviz 2.42/2.43 lays out two clusters tied by rank=same
  // differently from one run to the next within a process (its output then
  // depends on heap addresses). Instead each tier row holds the earlier date's
  // bodies, a divider, then the later date's, kept in that order by invisible
  // flat edges; a header row names the two dates.
  std::map<Tier, std::vector<std::string>> sides_by_tier[2];
  const std::tuple<const Snapshot*, const Distances*, const char*> sides[] = {
      {&before, &before_distances, "1:"}, {&after, &after_distances, "2:"}};
  for (size_t i = 0; i < 2; ++i) {
    const auto& [snap, dist, side] = sides[i];
    w.line(std::string("  // as at ") + snap->at.str());
    sides_by_tier[i] = emit_snapshot(w, *snap, *dist, side, "  ", options);
  }
  w.line("  // the dates, above the top tier");
  std::string h1 = dot_id("header:1"), h2 = dot_id("header:2"), hd = dot_id("header:divider");
  for (const auto& [node, snap] : {std::pair{h1, &before}, std::pair{h2, &after}}) {
    std::string label = "as at " + snap->at.str();
    w.line("  " + node + " [shape=plaintext, label=<<FONT POINT-SIZE=\"18\"><B>" +
           html_text(label) + "</B></FONT>>, tooltip=" + dot_string(label) + "];");
  }
  w.line("  " + hd +
         " [shape=box, style=filled, fillcolor=\"#BBBBBB\", color=\"#BBBBBB\", "
         "width=0.03, group=divider, label=\"\", tooltip=\" \"];");
  w.line("  { rank=same; " + h1 + "; " + hd + "; " + h2 + "; }");
  w.line("  " + h1 + " -> " + hd + " -> " + h2 + " [style=invis];");
  if (!tiers.empty())
    w.line("  " + Writer::anchor(tiers.front()) + " -> " + h1 + " [style=invis];");
  w.line("  // tiers: the same ranks on both sides, the earlier date on the left");
  // Each side's tier wraps onto rows as one picture of its own would; row k
  // of a tier holds row k of both sides, with a divider between them.
  size_t folded =
      options.fold_governors ? governor_folds(before).size() + governor_folds(after).size() : 0;
  size_t per_row = std::max<size_t>(3, bodies_per_row(boost::num_vertices(before.graph) +
                                                          boost::num_vertices(after.graph) - folded,
                                                      options.row_factor) /
                                           2);
  std::vector<std::string> dividers;  // top to bottom
  for (Tier t : tiers) {
    auto left = w.rows_of(sides_by_tier[0][t], per_row);
    auto right = w.rows_of(sides_by_tier[1][t], per_row);
    size_t count = std::max(left.size(), right.size());
    left.resize(count);
    right.resize(count);
    for (size_t k = 0; k < count; ++k) {
      std::string row_anchor = w.row_anchor(t, k);
      std::string divider = dot_id(std::string("divider:") + tier_key(t) +
                                   (k ? ":" + std::to_string(k) : std::string()));
      dividers.push_back(divider);
      w.line("  " + divider +
             " [shape=box, style=filled, fillcolor=\"#BBBBBB\", color=\"#BBBBBB\", "
             "width=0.03, height=0.9, group=divider, label=\"\", tooltip=\" \"];");
      std::vector<std::string> row = left[k];
      row.push_back(divider);
      row.insert(row.end(), right[k].begin(), right[k].end());
      w.rank_row(row_anchor, row);
      std::string order;
      for (const std::string& n : left[k])
        order += "  " + row_anchor + " -> " + n + " -> " + divider + " [style=invis];\n";
      for (const std::string& n : right[k])
        order += "  " + divider + " -> " + n + " [style=invis];\n";
      if (left[k].empty()) order += "  " + row_anchor + " -> " + divider + " [style=invis];\n";
      w.line(order.substr(0, order.size() - 1));
    }
  }
  w.row_chain();
  // The dividers, one above the other: a line between the two dates.
  std::string chain;
  for (size_t i = dividers.size(); i-- > 0;) chain += dividers[i] + " -> ";
  w.line("  " + chain + hd + " [style=invis, weight=100];");
  w.legend(false, !before_distances.empty() || !after_distances.empty());
  return w.finish();
}

std::string diff_dot(const Snapshot& before, const Distances& before_distances,
                     const Snapshot& after, const Distances& after_distances,
                     const DiagramOptions& options) {
  SnapshotDiff diff = diff_snapshots(before, after);
  Writer w(options);
  std::string when = "changes from " + before.at.str() + " to " + after.at.str();
  w.header(title_line(when, options),
           "What changed from " + before.at.str() + " to " + after.at.str());
  bool show_distance = !before_distances.empty() || !after_distances.empty();
  // Folded only where the council, its members and every relationship
  // inside are the same on both dates: a change is drawn, never folded away.
  std::map<std::string, std::string> folds;
  if (options.fold_governors) {
    const std::map<std::string, std::string> later = governor_folds(after);
    for (const auto& [id, host] : governor_folds(before))
      if (auto it = later.find(id); it != later.end() && it->second == host) folds[id] = host;
    std::set<std::string> changed_hosts;
    for (const BodyChange& c : diff.bodies)
      if (auto it = folds.find(c.id); it != folds.end() && c.change != Change::kUnchanged)
        changed_hosts.insert(it->second);
    for (const RelationshipChange& c : diff.relationships) {
      if (c.change == Change::kUnchanged) continue;
      for (const std::string& end : {c.rel().from, c.rel().to})
        if (auto it = folds.find(end); it != folds.end()) changed_hosts.insert(it->second);
    }
    for (auto it = folds.begin(); it != folds.end();)
      it = changed_hosts.count(it->second) ? folds.erase(it) : std::next(it);
  }
  std::set<Tier> used;
  std::map<std::string, std::string> names;  // for edge tooltips
  std::vector<const VertexData*> all_bodies;
  for (const BodyChange& c : diff.bodies) {
    const VertexData& b = c.after ? *c.after : *c.before;
    all_bodies.push_back(&b);
    if (!folds.count(c.id)) used.insert(tier_of(family_of(b.period.kind)));
    names[c.id] = b.period.name;
  }
  used.erase(Tier::kNone);
  std::vector<Tier> tiers = used_tiers(used);
  w.tier_anchors(tiers);
  std::vector<Relationship> rels;
  std::vector<int> changes;
  for (const RelationshipChange& c : diff.relationships) {
    rels.push_back(c.rel());
    changes.push_back(static_cast<int>(c.change));
  }
  const LinePlan plan = plan_lines(rels, changes, folds, drawn_tiers(all_bodies, folds));
  auto name = [&](const std::string& id) { return names[id]; };
  const auto inside = folded_by_host(all_bodies, folds);
  w.line("  // bodies, by id");
  std::map<Tier, std::vector<std::string>> by_tier;
  for (const BodyChange& c : diff.bodies) {
    if (folds.count(c.id)) continue;
    const VertexData& b = c.after ? *c.after : *c.before;
    std::vector<std::string> extra;
    std::string change_line;
    if (c.change == Change::kAdded) change_line = "added (new by " + after.at.str() + ")";
    if (c.change == Change::kRemoved) change_line = "removed (gone by " + after.at.str() + ")";
    if (c.change == Change::kChanged) change_line = "changed: " + join(c.what, "; ");
    if (!change_line.empty())
      extra.push_back("<FONT POINT-SIZE=\"10\"><I>" +
                      html_text(wrap_words(change_line, kWrapWidth + 8), "<BR/>") + "</I></FONT>");
    std::string dline;
    if (show_distance) {
      std::string from = distance_short(before_distances, c.id, c.before.has_value());
      std::string to = distance_short(after_distances, c.id, c.after.has_value());
      dline = "distance to the voters: " + from + " \xE2\x86\x92 " + to;
      // The label says it short (the key says what the numbers are): the
      // long form was the widest line of every node.
      std::string text = html_text("distance " + from + " \xE2\x86\x92 " + to);
      if (from != to) text = "<B>" + text + "</B>";
      extra.push_back("<FONT POINT-SIZE=\"10\">" + text + "</FONT>");
    }
    std::string tip =
        body_tooltip(b, dline, change_line.empty() ? "unchanged" : change_line, options.sources);
    if (auto it = inside.find(c.id); it != inside.end()) {
      extra.push_back(fold_line(it->second));
      tip += fold_tooltip(it->second, plan, c.id, after_distances, name, options);
      w.note_folded();
    }
    std::string node = dot_id(c.id);
    w.body("  ", node, body_element_id(c.id), b, extra, tip, c.change);
    by_tier[tier_of(family_of(b.period.kind))].push_back(node);
  }
  w.line("  // relationships, in relationship order");
  draw_lines(
      w, "  ", plan, "", [](const std::string& id) { return dot_id(id); }, name,
      [&](size_t i) {
        const RelationshipChange& c = diff.relationships[i];
        std::string change_line = change_name(c.change);
        if (c.change == Change::kChanged) change_line += ": " + join(c.what, "; ");
        std::string tip = rel_tooltip(c.rel(), names[c.rel().from], names[c.rel().to], change_line,
                                      options.sources);
        if (c.change == Change::kChanged &&
            c.before->cited().legal_basis != c.after->cited().legal_basis)
          tip += "\nlegal basis before: " + c.before->cited().legal_basis;
        return tip;
      },
      [&](size_t i) { return std::optional<Change>(diff.relationships[i].change); });
  w.line("  // tiers");
  size_t per_row = bodies_per_row(diff.bodies.size() - folds.size(), options.row_factor);
  for (Tier t : tiers) w.tier_rows(t, by_tier[t], per_row);
  w.row_chain();
  w.legend(true, show_distance);
  return w.finish();
}

}  // namespace govmap
