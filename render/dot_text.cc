#include "render/dot_text.h"

#include "core/kinds.h"
#include "render/escape.h"
#include "render/style.h"

namespace govmap {

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

std::string sources_text(const std::vector<std::string>& ids,
                         const std::map<std::string, Source>& sources_by_id) {
  std::string out;
  for (const std::string& id : ids) {
    if (!out.empty()) out += "\n";
    auto it = sources_by_id.find(id);
    if (it == sources_by_id.end()) {
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

std::string first_link(const std::vector<std::string>& ids,
                       const std::map<std::string, Source>& sources_by_id) {
  for (const std::string& id : ids) {
    auto it = sources_by_id.find(id);
    if (it == sources_by_id.end()) continue;
    std::string url = safe_url(it->second.url);
    if (!url.empty()) return url;
  }
  return "";
}

std::string body_tooltip(const VertexData& b, const std::string& distance_line,
                         const std::string& change_line,
                         const std::map<std::string, Source>& sources_by_id) {
  std::string t = b.period.name + "\n";
  if (!change_line.empty()) t += change_line + "\n";
  t += "kind: " + kind_label(b.period.kind, b.period.tier) + "\n";
  t += "id: " + b.id;
  std::vector<std::string> idents;
  for (const Identifier& i : b.identifiers) idents.push_back(i.scheme + ":" + i.value);
  if (!idents.empty()) t += " (" + join(idents, ", ") + ")";
  t += "\nin force: " + b.period.valid.str();
  if (!distance_line.empty()) t += "\n" + distance_line;
  if (!b.period.sources.empty())
    t += "\nsources:\n" + sources_text(b.period.sources, sources_by_id);
  return t;
}

std::string rel_tooltip(const Relationship& r, const std::string& from_name,
                        const std::string& to_name, const std::string& change_line,
                        const std::map<std::string, Source>& sources_by_id) {
  std::string t = from_name + " \xE2\x86\x92 " + to_name + "\n";
  if (!change_line.empty()) t += change_line + "\n";
  t += relationship_words(r.kind) + " (" + name_of(r.layer) + ")\n";
  t += "in force: " + r.valid.str();
  if (!r.cited().legal_basis.empty()) t += "\nlegal basis: " + r.cited().legal_basis;
  if (r.share) t += "\nshare: " + std::to_string(*r.share);
  if (!r.cited().note.empty()) t += "\nnote: " + r.cited().note;
  if (!r.cited().sources.empty())
    t += "\nsources:\n" + sources_text(r.cited().sources, sources_by_id);
  return t;
}

std::string body_label(const std::string& name, const std::string& kind_words,
                       const std::vector<std::string>& extra_html, size_t wrap) {
  std::string l = "<<B>" + html_text(wrap_words(clip_text(name, kMaxLabelChars), wrap), "<BR/>") +
                  "</B><BR/><FONT POINT-SIZE=\"10\">" + html_text(kind_words) + "</FONT>";
  for (const std::string& line : extra_html) l += "<BR/>" + line;
  return l + ">";
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

std::string diagram_heading(const DiagramOptions& options) {
  if (!options.title.empty()) return options.title;
  return options.area_name.empty() ? "Health and care governance" : options.area_name;
}

std::string title_html(const std::string& first_line, const DiagramOptions& options) {
  std::string l = "<<FONT POINT-SIZE=\"20\"><B>" +
                  html_text(clip_text(first_line, 2 * kMaxLabelChars)) + "</B></FONT>";
  std::string second = "Who answers to whom";
  if (options.council_view)
    second = "What " + clip_text(options.area_name, kMaxLabelChars) +
             " scrutinises and sits on, and its committees";
  else if (!options.area_name.empty())
    second += " around " + clip_text(options.area_name, kMaxLabelChars);
  if (!options.view_note.empty()) second += ", " + options.view_note;
  if (options.layer)
    second += *options.layer == Layer::kShadow ? " (shadow relationships only)"
                                               : " (statutory relationships only)";
  l += "<BR/><FONT POINT-SIZE=\"13\">" + html_text(second) + "</FONT><BR/> >";
  return l;
}

std::string title_line(const std::string& what, const DiagramOptions& options) {
  return diagram_heading(options) + " \xE2\x80\x94 " + what;
}

}  // namespace govmap
