#include "render/dot_writer.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/attribution.h"
#include "render/escape.h"
#include "render/style.h"
#include "render/tier_rows.h"

namespace govmap {
namespace {

// Names wrap at this many characters; in the round shapes (ellipse, house,
// hexagon), whose box is much wider than their text, at kRoundWrapWidth. Narrow
// bodies make narrow rows: the width of a picture is the width of its widest row.
constexpr size_t kWrapWidth = 20;
constexpr size_t kRoundWrapWidth = 15;
// The round shapes draw their outline around the label's box with room to
// spare already; the boxes' margin on top of that made a row of electorates
// (houses) the widest row of Frimley's what-changed picture.
const char* const kRoundMargin = "0.06,0.03";
// Names longer than this are cut in labels (the tooltip holds more).
constexpr size_t kMaxLabelChars = 160;
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

std::string name_in(const Snapshot& snap, const std::string& id) {
  if (auto v = snap.find(id)) return snap[*v].period.name;
  return id;
}

std::string steps_words(const std::optional<Milli>& d) {
  if (!d) return "no route to the voters";
  if (*d == 0) return "the voters themselves";
  return "distance " + format_milli(*d) + " to the voters";
}

std::string distance_short(const Distances& dist, const std::string& id, bool present) {
  if (!present) return "\xE2\x80\x93";  // en dash: not on the map at that date
  auto it = dist.find(id);
  if (it == dist.end()) return "?";
  return it->second ? format_milli(*it->second) : "none";
}

std::string sources_text(const std::vector<std::string>& ids, const DiagramOptions& options) {
  std::string out;
  for (const std::string& id : ids) {
    if (!out.empty()) out += "\n";
    auto it = options.sources.find(id);
    if (it == options.sources.end()) {
      out += "  [" + id + "]";
      continue;
    }
    const Source& s = it->second;
    out += "  [" + id + "] " + s.title;
    if (!s.publisher.empty()) out += " (" + s.publisher + ")";
    if (!s.url.empty()) out += " " + s.url;
  }
  return out;
}

std::string first_link(const std::vector<std::string>& ids, const DiagramOptions& options) {
  for (const std::string& id : ids) {
    auto it = options.sources.find(id);
    if (it == options.sources.end()) continue;
    std::string url = safe_url(it->second.url);
    if (!url.empty()) return url;
  }
  return "";
}

std::string body_tooltip(const VertexData& b, const std::string& distance_line,
                         const std::string& change_line, const DiagramOptions& options) {
  std::string t = b.period.name + "\n";
  if (!change_line.empty()) t += change_line + "\n";
  t += "kind: " + kind_label(b.period.kind, b.period.tier) + "\n";
  t += "id: " + b.id;
  std::vector<std::string> idents;
  for (const Identifier& i : b.identifiers) idents.push_back(i.scheme + ":" + i.value);
  if (!idents.empty()) t += " (" + join(idents, ", ") + ")";
  t += "\nin force: " + b.period.valid.str();
  if (!distance_line.empty()) t += "\n" + distance_line;
  if (!b.period.sources.empty()) t += "\nsources:\n" + sources_text(b.period.sources, options);
  return t;
}

std::string rel_tooltip(const Relationship& r, const std::string& from_name,
                        const std::string& to_name, const std::string& change_line,
                        const DiagramOptions& options) {
  std::string t = from_name + " \xE2\x86\x92 " + to_name + "\n";
  if (!change_line.empty()) t += change_line + "\n";
  t += relationship_words(r.kind) + " (" + name_of(r.layer) + ")\n";
  t += "in force: " + r.valid.str();
  if (!r.legal_basis.empty()) t += "\nlegal basis: " + r.legal_basis;
  if (r.share) t += "\nshare: " + std::to_string(*r.share);
  if (!r.note.empty()) t += "\nnote: " + r.note;
  if (!r.sources.empty()) t += "\nsources:\n" + sources_text(r.sources, options);
  return t;
}

// Text is HTML-escaped here; extra_html lines are already escaped.
std::string body_label(const std::string& name, const std::string& kind_words,
                       const std::vector<std::string>& extra_html, size_t wrap) {
  std::string l = "<<B>" + html_text(wrap_words(clip_text(name, kMaxLabelChars), wrap), "<BR/>") +
                  "</B><BR/><FONT POINT-SIZE=\"10\">" + html_text(kind_words) + "</FONT>";
  for (const std::string& line : extra_html) l += "<BR/>" + line;
  return l + ">";
}

// Relationships that pull their ends into the tiers: everything except those
// that point down (funding, commissioning) or sideways in time (successions).
bool constrains(RelKind k) {
  return k != RelKind::kCommissions && k != RelKind::kFunds && k != RelKind::kSucceededBy;
}

// The relationships drawn as one edge: those with the same from, to and layer
// and the same `tag` (the diff's change), as runs of indices into rels, each
// run in rels' order, runs in the order of their first relationship. Two
// bodies tied by several relationships (a trust accountable to and appointed
// by the same body) then get one line with one label, not a bundle of
// parallel curves that pushes their neighbours apart. (Graphviz's own
// concentrate=true merges edges too, but crashes Graphviz 2.43 on these
// pictures.)
std::vector<std::vector<size_t>> parallel_runs(const std::vector<Relationship>& rels,
                                               const std::vector<int>& tag = {}) {
  std::vector<std::vector<size_t>> runs;
  std::map<std::tuple<std::string, std::string, int, int>, size_t> run_of;
  for (size_t i = 0; i < rels.size(); ++i) {
    auto key = std::make_tuple(rels[i].from, rels[i].to, static_cast<int>(rels[i].layer),
                               tag.empty() ? 0 : tag[i]);
    auto [it, fresh] = run_of.emplace(key, runs.size());
    if (fresh) runs.emplace_back();
    runs[it->second].push_back(i);
  }
  return runs;
}

}  // namespace

std::string diagram_heading(const DiagramOptions& options) {
  if (!options.title.empty()) return options.title;
  return options.area_name.empty() ? "Health and care governance" : options.area_name;
}

namespace {

std::string title_html(const std::string& first_line, const DiagramOptions& options) {
  std::string l = "<<FONT POINT-SIZE=\"20\"><B>" +
                  html_text(clip_text(first_line, 2 * kMaxLabelChars)) + "</B></FONT>";
  std::string second = "Who answers to whom";
  if (options.council_view)
    second = "What " + clip_text(options.area_name, kMaxLabelChars) +
             " scrutinises and sits on, and its committees";
  else if (!options.area_name.empty())
    second += " around " + clip_text(options.area_name, kMaxLabelChars);
  if (options.layer)
    second += *options.layer == Layer::kShadow ? " (shadow relationships only)"
                                               : " (statutory relationships only)";
  l += "<BR/><FONT POINT-SIZE=\"13\">" + html_text(second) + "</FONT><BR/> >";
  return l;
}

std::string title_line(const std::string& what, const DiagramOptions& options) {
  return diagram_heading(options) + " \xE2\x80\x94 " + what;
}

class Writer {
 public:
  explicit Writer(const DiagramOptions& options) : options_(options) {}

  void header(const std::string& title_first_line, const std::string& tooltip) {
    out_ += "digraph govmap {\n";
    out_ += "  graph [rankdir=BT, newrank=true, nodesep=0.2, ranksep=0.4, splines=true,\n";
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
    const bool boxed = shape == "box" || shape == "tab" || shape == "note";
    out_ += indent + node_name + " [id=" + dot_string(element_id) +
            ", class=" + dot_string(std::string("body ") + st.key) + ", shape=" + shape +
            (boxed ? std::string() : std::string(", margin=\"") + kRoundMargin + "\"") +
            ", style=" + dot_string(style) + ", fillcolor=" + dot_string(fill) +
            ", color=" + dot_string(border) + ", penwidth=" + penwidth + ",\n" + indent +
            "  label=" +
            body_label(b.period.name, kind_short(b.period.kind, b.period.tier), extra_html,
                       boxed ? kWrapWidth : kRoundWrapWidth) +
            ",\n" + indent + "  tooltip=" + dot_string(tooltip);
    std::string url = first_link(b.period.sources, options_);
    if (!url.empty()) out_ += ",\n" + indent + "  URL=" + dot_url(url) + ", target=\"_blank\"";
    out_ += "];\n";
  }

  // One edge for one or more relationships from `from` to `to` in one layer
  // (parallel_runs): their words on one label, one line per kind. An edge of
  // several relationships is drawn as accountability when any of them is, and
  // pulls its ends into order when any of them would.
  void relationship(const std::string& indent, const std::string& from, const std::string& to,
                    const std::string& element_id, const std::vector<const Relationship*>& rels,
                    const std::string& tooltip, std::optional<Change> change) {
    bool acc = false, constraint = false;
    std::vector<std::string> words, sources;
    for (const Relationship* r : rels) {
      acc = acc || is_accountability(r->kind);
      constraint = constraint || constrains(r->kind);
      std::string w = relationship_words(r->kind);
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
      sources.insert(sources.end(), r->sources.begin(), r->sources.end());
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
            dot_string(std::string("rel ") + (acc ? "accountability " : "") + name_of(layer)) +
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
    out_ += ",\n" + indent + "  xlabel=" + dot_string(join(words, "\n"));
    out_ += ", tooltip=" + dot_string(tooltip);
    std::string url = first_link(sources, options_);
    if (!url.empty()) out_ += ",\n" + indent + "  URL=" + dot_url(url) + ", target=\"_blank\"";
    out_ += "];\n";
  }

  // The key, drawn below the lowest tier in two rows: one sample per family
  // present, then the two line styles, the change colours (diff) and how to
  // read the arrows. Invisible flat edges keep each row in order.
  // (Cluster labels use labelloc=b: with rankdir=BT that is the top.)
  void legend(const std::set<Family>& families, bool diff, bool distances) {
    if (!options_.legend) return;
    out_ += "  subgraph cluster_legend {\n";
    out_ +=
        "    label=<<B>Key</B>>; labelloc=b; fontsize=12; style=\"rounded\"; color=\"#999999\";"
        " tooltip=\"Key\";\n";
    out_ += "    node [fontsize=10, margin=\"0.08,0.04\"];\n";
    std::vector<std::string> top, bottom;
    for (Family f : all_families()) {
      if (!families.count(f)) continue;
      const FamilyStyle& st = style_of(f);
      std::string n = dot_id(std::string("legend:") + st.key);
      top.push_back(n);
      std::string fill = diff ? "#FFFFFF" : st.fill;
      std::string border = diff ? "#555555" : st.border;
      out_ += "    " + n + " [shape=" + st.shape + ", style=" + dot_string(st.style) +
              ", fillcolor=" + dot_string(fill) + ", color=" + dot_string(border) +
              ", label=" + dot_string(st.legend) + ", tooltip=" + dot_string(st.legend) + "];\n";
    }
    std::string note =
        "Arrows point up, towards the voters:\nthe lower body answers to the upper one.";
    if (distances)
      note +=
          "\nUnder each name: its accountability distance\n(1 a step; scrutiny and regulation "
          "2;\na shadow step 1 more).";
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
  std::map<std::string, Tier> node_tier_;                        // by node name
  std::vector<FlatEdge> flat_edges_;                             // (lower, upper), one tier
  std::vector<std::string> row_anchors_;                         // top to bottom
};

// The tiers that hold at least one of the given kinds, in order.
std::vector<Tier> used_tiers(const std::set<Tier>& used) {
  std::vector<Tier> out;
  for (Tier t : all_tiers())
    if (used.count(t)) out.push_back(t);
  return out;
}

std::set<Family> families_of(std::initializer_list<const Snapshot*> snaps) {
  std::set<Family> out;
  for (const Snapshot* s : snaps)
    for (const VertexData* b : bodies_of(*s)) out.insert(family_of(b->period.kind));
  return out;
}

std::vector<std::string> distance_lines(const Distances& dist, const std::string& id) {
  if (dist.empty()) return {};
  auto it = dist.find(id);
  if (it == dist.end()) return {};
  return {"<FONT POINT-SIZE=\"10\">" + html_text(steps_words(it->second)) + "</FONT>"};
}

std::string distance_tooltip(const Distances& dist, const std::string& id) {
  auto it = dist.find(id);
  if (dist.empty() || it == dist.end()) return "";
  return "accountability distance: " + steps_words(it->second);
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
  for (const VertexData* b : bodies_of(snap)) {
    std::string node = dot_id(side + b->id);
    w.body(indent, node, body_element_id(b->id, id_side), *b, distance_lines(dist, b->id),
           body_tooltip(*b, distance_tooltip(dist, b->id), "", options), std::nullopt);
    by_tier[tier_of(family_of(b->period.kind))].push_back(node);
  }
  const std::vector<Relationship> rels = relationships_of(snap);
  for (const std::vector<size_t>& run : parallel_runs(rels)) {
    std::vector<const Relationship*> group;
    std::string tip;
    for (size_t i : run) {
      const Relationship& r = rels[i];
      group.push_back(&r);
      if (!tip.empty()) tip += "\n\n";
      tip += rel_tooltip(r, name_in(snap, r.from), name_in(snap, r.to), "", options);
    }
    const Relationship& first = *group.front();
    w.relationship(indent, dot_id(side + first.from), dot_id(side + first.to),
                   relationship_element_id(first, id_side), group, tip, std::nullopt);
  }
  return by_tier;
}

std::vector<std::string> rel_differences(const Relationship& a, const Relationship& b) {
  std::vector<std::string> what;
  if (a.valid.from != b.valid.from || a.valid.to != b.valid.to)
    what.push_back("dates " + a.valid.str() + " \xE2\x86\x92 " + b.valid.str());
  if (a.legal_basis != b.legal_basis) what.push_back("legal basis");
  if (a.sources != b.sources) what.push_back("sources");
  if (a.note != b.note) what.push_back("note");
  if (a.share != b.share) what.push_back("share");
  return what;
}

std::string rel_identity(const Relationship& r) {
  return r.from + "\x1f" + r.to + "\x1f" + name_of(r.kind) + "\x1f" + name_of(r.layer);
}

}  // namespace

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

std::string body_element_id(const std::string& org_id, const std::string& side) {
  return safe_id("b-" + (side.empty() ? std::string() : safe_id("", side) + "-"), org_id);
}

std::string relationship_element_id(const Relationship& rel, const std::string& side) {
  return safe_id("r-" + (side.empty() ? std::string() : safe_id("", side) + "-"), rel.key());
}

std::map<std::string, std::string> drawn_relationship_ids(const Snapshot& snap,
                                                          const std::string& side) {
  std::map<std::string, std::string> out;
  const std::vector<Relationship> rels = relationships_of(snap);
  for (const std::vector<size_t>& run : parallel_runs(rels)) {
    std::string drawn = relationship_element_id(rels[run.front()], side);
    for (size_t i : run) out[relationship_element_id(rels[i], side)] = drawn;
  }
  return out;
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
  size_t per_row = bodies_per_row(boost::num_vertices(snap.graph));
  for (Tier t : tiers) w.tier_rows(t, by_tier[t], per_row);
  w.row_chain();
  w.legend(families_of({&snap}), false, !distances.empty());
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
  size_t per_row = std::max<size_t>(
      3, bodies_per_row(boost::num_vertices(before.graph) + boost::num_vertices(after.graph)) / 2);
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
  w.legend(families_of({&before, &after}), false,
           !before_distances.empty() || !after_distances.empty());
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
  std::set<Tier> used;
  std::map<std::string, std::string> names;  // for edge tooltips
  for (const BodyChange& c : diff.bodies) {
    const VertexData& b = c.after ? *c.after : *c.before;
    used.insert(tier_of(family_of(b.period.kind)));
    names[c.id] = b.period.name;
  }
  used.erase(Tier::kNone);
  std::vector<Tier> tiers = used_tiers(used);
  w.tier_anchors(tiers);
  w.line("  // bodies, by id");
  std::map<Tier, std::vector<std::string>> by_tier;
  for (const BodyChange& c : diff.bodies) {
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
      std::string text = html_text(dline);
      if (from != to) text = "<B>" + text + "</B>";
      extra.push_back("<FONT POINT-SIZE=\"10\">" + text + "</FONT>");
    }
    std::string node = dot_id(c.id);
    w.body("  ", node, body_element_id(c.id), b, extra,
           body_tooltip(b, dline, change_line.empty() ? "unchanged" : change_line, options),
           c.change);
    by_tier[tier_of(family_of(b.period.kind))].push_back(node);
  }
  w.line("  // relationships, in relationship order");
  std::vector<Relationship> rels;
  std::vector<int> changes;
  for (const RelationshipChange& c : diff.relationships) {
    rels.push_back(c.rel());
    changes.push_back(static_cast<int>(c.change));
  }
  for (const std::vector<size_t>& run : parallel_runs(rels, changes)) {
    std::vector<const Relationship*> group;
    std::string tip;
    for (size_t i : run) {
      const RelationshipChange& c = diff.relationships[i];
      const Relationship& r = rels[i];
      group.push_back(&r);
      std::string change_line = change_name(c.change);
      if (c.change == Change::kChanged) change_line += ": " + join(c.what, "; ");
      if (!tip.empty()) tip += "\n\n";
      tip += rel_tooltip(r, names[r.from], names[r.to], change_line, options);
      if (c.change == Change::kChanged && c.before->legal_basis != c.after->legal_basis)
        tip += "\nlegal basis before: " + c.before->legal_basis;
    }
    const Relationship& first = *group.front();
    w.relationship("  ", dot_id(first.from), dot_id(first.to), relationship_element_id(first),
                   group, tip, diff.relationships[run.front()].change);
  }
  w.line("  // tiers");
  size_t per_row = bodies_per_row(diff.bodies.size());
  for (Tier t : tiers) w.tier_rows(t, by_tier[t], per_row);
  w.row_chain();
  w.legend(families_of({&before, &after}), true, show_distance);
  return w.finish();
}

}  // namespace govmap
