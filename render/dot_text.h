// The words of a picture: the labels and tooltips of its bodies and
// relationships, the lines that give a body's distance to the voters, and the
// source citations tooltips carry. render/dot_writer.cc places them in DOT;
// everything here is plain text except where a function says it returns
// Graphviz HTML-like label text (escaped with render/escape.h).
#ifndef GOVMAP_RENDER_DOT_TEXT_H_
#define GOVMAP_RENDER_DOT_TEXT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/snapshot.h"
#include "render/dot_writer.h"  // Distances

namespace govmap {

// Names longer than this are cut in labels (the tooltip holds more).
constexpr size_t kMaxLabelChars = 160;

// The name of body id in snap, or id when it is not drawn.
std::string name_in(const Snapshot& snap, const std::string& id);

// "distance 3 to the voters", "the voters themselves", "no route to the voters".
std::string steps_words(const std::optional<Milli>& d);

// A distance in a what-changed label: the number, "none" (no route), "?" (not
// worked out) or an en dash when the body is not on the map (present false).
std::string distance_short(const Distances& dist, const std::string& id, bool present);

// One line per cited source: "  [ID] title (publisher) url"; a source not in
// sources_by_id is named by its id alone.
std::string sources_text(const std::vector<std::string>& ids,
                         const std::map<std::string, Source>& sources_by_id);

// The first safe http(s) link among the sources cited, or "".
std::string first_link(const std::vector<std::string>& ids,
                       const std::map<std::string, Source>& sources_by_id);

// A body's tooltip: name, change (diff pictures), kind, ids, dates, distance
// and sources. distance_line and change_line are left out when empty.
std::string body_tooltip(const VertexData& b, const std::string& distance_line,
                         const std::string& change_line,
                         const std::map<std::string, Source>& sources_by_id);

// A relationship's tooltip: its ends, change, kind and layer, dates, legal
// basis, share, note and sources.
std::string rel_tooltip(const Relationship& r, const std::string& from_name,
                        const std::string& to_name, const std::string& change_line,
                        const std::map<std::string, Source>& sources_by_id);

// A body's HTML-like label: the name in bold wrapped at `wrap` characters,
// the kind, then extra_html lines (already escaped). Name and kind are
// escaped here.
std::string body_label(const std::string& name, const std::string& kind_words,
                       const std::vector<std::string>& extra_html, size_t wrap);

// The label line of a body's distance (HTML-like), none when dist is empty or
// lacks the body.
std::vector<std::string> distance_lines(const Distances& dist, const std::string& id);

// "accountability distance: ..." for a tooltip, "" when not worked out.
std::string distance_tooltip(const Distances& dist, const std::string& id);

// The picture's title as an HTML-like label: first_line large, then what the
// picture shows (around an area, a council's view, one layer).
std::string title_html(const std::string& first_line, const DiagramOptions& options);

// The heading (diagram_heading) and what the picture shows, joined by a dash.
std::string title_line(const std::string& what, const DiagramOptions& options);

}  // namespace govmap

#endif  // GOVMAP_RENDER_DOT_TEXT_H_
