#include "render/export.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/json_stream.h"
#include "core/kinds.h"
#include "core/snapshot.h"
#include "core/store.h"
#include "render/escape.h"

namespace govmap {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<std::string> kFormats = {"graphml", "gexf", "json", "csv", "dot"};

// Text for an XML attribute value or element content: html_text() escapes the
// same five characters; newlines are kept as character references so a reader
// gets them back instead of a space.
std::string xml(std::string_view s) {
  return html_text(s, "&#10;");
}

std::string to_str(const std::optional<Date>& d) {
  return d ? d->str() : std::string();
}

std::string identifiers_text(const Organisation& o) {
  std::vector<std::string> parts;
  for (const Identifier& i : o.identifiers) parts.push_back(i.scheme + ":" + i.value);
  return join(parts, ";");
}

// Every source any period cites, sorted and unique.
std::vector<std::string> all_sources(const Organisation& o) {
  std::vector<std::string> out;
  for (const OrgPeriod& p : o.periods) out.insert(out.end(), p.sources.begin(), p.sources.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The node's attributes: its latest period for name, kind and tier (the one in
// force with a date, as only that one is kept), its whole life for the dates.
struct NodeSummary {
  std::string name, kind, tier, from, to, identifiers, sources;
};

NodeSummary summarise(const Organisation& o) {
  const OrgPeriod& last = o.periods.back();
  return {last.name,
          name_of(last.kind),
          last.tier,
          o.periods.front().valid.from.str(),
          to_str(last.valid.to),
          identifiers_text(o),
          join(all_sources(o), ";")};
}

std::string share_text(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", share);
  return buf;
}

// Contiguous stretches of an organisation's life (periods that follow one
// another day after day merge into one), for GEXF spells.
std::vector<Interval> lifetime(const Organisation& o) {
  std::vector<Interval> out;
  for (const OrgPeriod& p : o.periods) {
    if (!out.empty() && out.back().to && out.back().to->next_day() == p.valid.from)
      out.back().to = p.valid.to;
    else
      out.push_back(p.valid);
  }
  return out;
}

std::string xml_interval(const Interval& iv) {
  std::string s = " start=\"" + iv.from.str() + "\"";
  if (iv.to) s += " end=\"" + iv.to->str() + "\"";
  return s;
}

std::string graph_title(const ExportGraph& g) {
  return g.at ? "govmap on " + g.at->str() : std::string("govmap, all dates");
}

}  // namespace

const std::vector<std::string>& export_format_names() {
  return kFormats;
}

ExportGraph export_graph(const Store& store, std::optional<Date> at) {
  ExportGraph g;
  g.at = at;
  g.sources = store.sources();
  g.cited = CitedRows(store);
  if (!at) {
    g.organisations = store.organisations();
    g.relationships = store.relationships();
    return g;
  }
  SnapshotOptions options;
  options.at = *at;
  Snapshot snap = build_snapshot(store, options);
  for (Vertex v : boost::make_iterator_range(boost::vertices(snap.graph))) {
    const VertexData& d = snap.graph[v];
    Organisation o;
    o.id = d.id;
    o.identifiers = d.identifiers;
    o.periods = {d.period};
    g.organisations.push_back(std::move(o));
  }
  // Edges come in relationship order (snapshot.h), the same order as the store's.
  for (Edge e : boost::make_iterator_range(boost::edges(snap.graph)))
    g.relationships.push_back(*snap.graph[e].rel);
  std::sort(g.relationships.begin(), g.relationships.end());
  return g;
}

std::string export_graphml(const ExportGraph& g) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  struct Key {
    const char* id;
    const char* for_;
    const char* name;
    const char* type;
  };
  const Key keys[] = {
      {"g_title", "graph", "title", "string"},
      {"g_at", "graph", "at", "string"},
      {"n_id", "node", "id", "string"},
      {"n_name", "node", "name", "string"},
      {"n_kind", "node", "kind", "string"},
      {"n_tier", "node", "tier", "string"},
      {"n_from", "node", "valid_from", "string"},
      {"n_to", "node", "valid_to", "string"},
      {"n_identifiers", "node", "identifiers", "string"},
      {"n_sources", "node", "sources", "string"},
      {"n_rows", "node", "rows", "string"},
      {"n_periods", "node", "periods", "string"},
      {"e_kind", "edge", "kind", "string"},
      {"e_layer", "edge", "layer", "string"},
      {"e_from", "edge", "valid_from", "string"},
      {"e_to", "edge", "valid_to", "string"},
      {"e_legal_basis", "edge", "legal_basis", "string"},
      {"e_sources", "edge", "sources", "string"},
      {"e_rows", "edge", "rows", "string"},
      {"e_note", "edge", "note", "string"},
      {"e_share", "edge", "share", "double"},
  };
  for (const Key& k : keys)
    out << "  <key id=\"" << k.id << "\" for=\"" << k.for_ << "\" attr.name=\"" << k.name
        << "\" attr.type=\"" << k.type << "\"/>\n";
  out << "  <graph id=\"govmap\" edgedefault=\"directed\">\n";
  out << "    <data key=\"g_title\">" << xml(graph_title(g)) << "</data>\n";
  if (g.at) out << "    <data key=\"g_at\">" << g.at->str() << "</data>\n";
  auto data = [&out](const char* key, const std::string& value) {
    // Empty values are left out, so a reader sees "no tier", not "tier ''".
    if (!value.empty()) out << "      <data key=\"" << key << "\">" << xml(value) << "</data>\n";
  };
  for (const Organisation& o : g.organisations) {
    NodeSummary s = summarise(o);
    out << "    <node id=\"" << xml(o.id) << "\">\n";
    data("n_id", o.id);
    data("n_name", s.name);
    data("n_kind", s.kind);
    data("n_tier", s.tier);
    data("n_from", s.from);
    data("n_to", s.to);
    data("n_identifiers", s.identifiers);
    data("n_sources", s.sources);
    data("n_rows", g.cited.of(o));
    std::vector<std::string> periods;
    for (const OrgPeriod& p : o.periods)
      periods.push_back(p.valid.str() + " " + name_of(p.kind) + " " + p.name);
    data("n_periods", join(periods, "\n"));
    out << "    </node>\n";
  }
  for (size_t i = 0; i < g.relationships.size(); ++i) {
    const Relationship& r = g.relationships[i];
    out << "    <edge id=\"e" << i << "\" source=\"" << xml(r.from) << "\" target=\"" << xml(r.to)
        << "\">\n";
    data("e_kind", name_of(r.kind));
    data("e_layer", name_of(r.layer));
    data("e_from", r.valid.from.str());
    data("e_to", to_str(r.valid.to));
    data("e_legal_basis", r.cited().legal_basis);
    data("e_sources", join(r.cited().sources, ";"));
    data("e_rows", g.cited.of(r));
    data("e_note", r.cited().note);
    if (r.share) data("e_share", share_text(*r.share));
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return out.str();
}

std::string export_gexf(const ExportGraph& g) {
  std::ostringstream out;
  // GEXF 1.2: Gephi reads it, and NetworkX (2.x) reads only 1.1 and 1.2. Its
  // intervals are closed, start and end both included, like valid_to.
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
         "  <meta>\n"
         "    <creator>govmap</creator>\n"
         "    <description>"
      << xml(graph_title(g))
      << "</description>\n"
         "  </meta>\n"
         "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n"
         "    <attributes class=\"node\" mode=\"dynamic\">\n"
         "      <attribute id=\"name\" title=\"name\" type=\"string\"/>\n"
         "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
         "      <attribute id=\"tier\" title=\"tier\" type=\"string\"/>\n"
         "    </attributes>\n"
         "    <attributes class=\"node\" mode=\"static\">\n"
         "      <attribute id=\"identifiers\" title=\"identifiers\" type=\"string\"/>\n"
         "      <attribute id=\"sources\" title=\"sources\" type=\"string\"/>\n"
         "      <attribute id=\"rows\" title=\"rows\" type=\"string\"/>\n"
         "    </attributes>\n"
         "    <attributes class=\"edge\" mode=\"static\">\n"
         "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
         "      <attribute id=\"layer\" title=\"layer\" type=\"string\"/>\n"
         "      <attribute id=\"legal_basis\" title=\"legal_basis\" type=\"string\"/>\n"
         "      <attribute id=\"sources\" title=\"sources\" type=\"string\"/>\n"
         "      <attribute id=\"rows\" title=\"rows\" type=\"string\"/>\n"
         "      <attribute id=\"note\" title=\"note\" type=\"string\"/>\n"
         "      <attribute id=\"share\" title=\"share\" type=\"double\"/>\n"
         "    </attributes>\n"
         "    <nodes>\n";
  for (const Organisation& o : g.organisations) {
    NodeSummary s = summarise(o);
    std::vector<Interval> life = lifetime(o);
    out << "      <node id=\"" << xml(o.id) << "\" label=\"" << xml(s.name) << "\"";
    if (life.size() == 1) out << xml_interval(life[0]);
    out << ">\n        <attvalues>\n";
    for (const OrgPeriod& p : o.periods) {
      std::string when = xml_interval(p.valid);
      out << "          <attvalue for=\"name\" value=\"" << xml(p.name) << "\"" << when << "/>\n";
      out << "          <attvalue for=\"kind\" value=\"" << name_of(p.kind) << "\"" << when
          << "/>\n";
      if (!p.tier.empty())
        out << "          <attvalue for=\"tier\" value=\"" << xml(p.tier) << "\"" << when << "/>\n";
    }
    if (!s.identifiers.empty())
      out << "          <attvalue for=\"identifiers\" value=\"" << xml(s.identifiers) << "\"/>\n";
    if (!s.sources.empty())
      out << "          <attvalue for=\"sources\" value=\"" << xml(s.sources) << "\"/>\n";
    if (std::string rows = g.cited.of(o); !rows.empty())
      out << "          <attvalue for=\"rows\" value=\"" << xml(rows) << "\"/>\n";
    out << "        </attvalues>\n";
    if (life.size() > 1) {
      // A body that lapsed and came back: one spell per stretch of its life.
      out << "        <spells>\n";
      for (const Interval& iv : life) out << "          <spell" << xml_interval(iv) << "/>\n";
      out << "        </spells>\n";
    }
    out << "      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  for (size_t i = 0; i < g.relationships.size(); ++i) {
    const Relationship& r = g.relationships[i];
    out << "      <edge id=\"e" << i << "\" source=\"" << xml(r.from) << "\" target=\"" << xml(r.to)
        << "\" label=\"" << name_of(r.kind) << "\"" << xml_interval(r.valid)
        << ">\n        <attvalues>\n";
    auto att = [&out](const char* key, const std::string& value) {
      if (!value.empty())
        out << "          <attvalue for=\"" << key << "\" value=\"" << xml(value) << "\"/>\n";
    };
    att("kind", name_of(r.kind));
    att("layer", name_of(r.layer));
    att("legal_basis", r.cited().legal_basis);
    att("sources", join(r.cited().sources, ";"));
    att("rows", g.cited.of(r));
    att("note", r.cited().note);
    if (r.share) att("share", share_text(*r.share));
    out << "        </attvalues>\n      </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
  return out.str();
}

std::string export_node_link_json(const ExportGraph& g) {
  // Streamed (core/json_stream.h), one body or link at a time: the text of
  // the whole document built as one tree, without holding the tree (several
  // times the text for a whole map).
  std::ostringstream text;
  JsonStream j(text, 1);
  j.begin_object();
  j.value("directed", true);
  j.value("multigraph", true);
  Json graph;
  graph["title"] = graph_title(g);
  if (g.at) graph["at"] = g.at->str();
  j.value("graph", graph);
  j.begin_array("nodes");
  for (const Organisation& o : g.organisations) {
    NodeSummary s = summarise(o);
    Json n;
    n["id"] = clean_text(o.id);
    n["name"] = clean_text(s.name);
    n["kind"] = s.kind;
    if (!s.tier.empty()) n["tier"] = s.tier;
    n["valid_from"] = s.from;
    n["valid_to"] = s.to.empty() ? Json() : Json(s.to);
    n["identifiers"] = clean_text(s.identifiers);
    n["sources"] = clean_text(s.sources);
    n["rows"] = clean_text(g.cited.of(o));
    Json periods = Json::array();
    for (const OrgPeriod& p : o.periods) {
      Json pj;
      pj["valid_from"] = p.valid.from.str();
      pj["valid_to"] = p.valid.to ? Json(p.valid.to->str()) : Json();
      pj["name"] = clean_text(p.name);
      pj["kind"] = name_of(p.kind);
      if (!p.tier.empty()) pj["tier"] = p.tier;
      pj["sources"] = clean_text(join(p.sources, ";"));
      pj["rows"] = clean_text(g.cited.of(p));
      periods.push_back(std::move(pj));
    }
    n["periods"] = std::move(periods);
    j.value(n);
  }
  j.end();
  auto link = [&](size_t i) {
    const Relationship& r = g.relationships[i];
    Json l;
    l["source"] = clean_text(r.from);
    l["target"] = clean_text(r.to);
    l["key"] = "e" + std::to_string(i);
    l["kind"] = name_of(r.kind);
    l["layer"] = name_of(r.layer);
    l["valid_from"] = r.valid.from.str();
    l["valid_to"] = r.valid.to ? Json(r.valid.to->str()) : Json();
    l["legal_basis"] = clean_text(r.cited().legal_basis);
    l["sources"] = clean_text(join(r.cited().sources, ";"));
    l["rows"] = clean_text(g.cited.of(r));
    l["note"] = clean_text(r.cited().note);
    if (r.share) l["share"] = *r.share;
    return l;
  };
  // NetworkX up to 3.5 reads the edges from "links" by default, 3.6 and later
  // from "edges": both keys hold the same list, so node_link_graph(data) with
  // default arguments loads the file in either.
  for (const char* key : {"links", "edges"}) {
    j.begin_array(key);
    for (size_t i = 0; i < g.relationships.size(); ++i) j.value(link(i));
    j.end();
  }
  j.end();
  return text.str();
}

std::string export_dot(const ExportGraph& g) {
  std::ostringstream out;
  out << "digraph govmap {\n  label=" << dot_string(graph_title(g)) << ";\n";
  auto attr = [&out](const char* name, const std::string& value, bool& first) {
    if (value.empty()) return;
    out << (first ? "" : ", ") << name << "=" << dot_string(value);
    first = false;
  };
  for (const Organisation& o : g.organisations) {
    NodeSummary s = summarise(o);
    out << "  " << dot_id(o.id) << " [";
    bool first = true;
    attr("label", s.name, first);
    attr("kind", s.kind, first);
    attr("tier", s.tier, first);
    attr("valid_from", s.from, first);
    attr("valid_to", s.to, first);
    attr("identifiers", s.identifiers, first);
    out << "];\n";
  }
  for (const Relationship& r : g.relationships) {
    out << "  " << dot_id(r.from) << " -> " << dot_id(r.to) << " [";
    bool first = true;
    attr("kind", name_of(r.kind), first);
    attr("layer", name_of(r.layer), first);
    attr("valid_from", r.valid.from.str(), first);
    attr("valid_to", to_str(r.valid.to), first);
    attr("legal_basis", r.cited().legal_basis, first);
    attr("sources", join(r.cited().sources, ";"), first);
    attr("rows", g.cited.of(r), first);
    out << "];\n";
  }
  out << "}\n";
  return out.str();
}

CsvMapFiles export_csv_map(const ExportGraph& g) {
  CsvMapFiles files;
  auto row = [](std::string& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      out += csv_quote(fields[i]);
    }
    out += '\n';
  };
  files.sources = "id,title,publisher,url,date\n";
  for (const Source& s : g.sources) row(files.sources, {s.id, s.title, s.publisher, s.url, s.date});

  files.organisations = "id,name,kind,tier,valid_from,valid_to,identifiers,source\n";
  std::map<std::string, const Organisation*> by_id;
  for (const Organisation& o : g.organisations) {
    by_id[o.id] = &o;
    // Identifiers repeat on every row: the map format reads them from any row.
    std::string idents = identifiers_text(o);
    for (const OrgPeriod& p : o.periods)
      row(files.organisations, {o.id, p.name, name_of(p.kind), p.tier, p.valid.from.str(),
                                to_str(p.valid.to), idents, join(p.sources, ";")});
  }

  files.relationships = "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n";
  for (const Relationship& r : g.relationships) {
    Interval valid = r.valid;
    if (g.at) {
      // Only one period of each end is kept: cut the dates to it so the folder
      // passes the lifetime check on its own.
      for (const std::string& end : {r.from, r.to}) {
        auto it = by_id.find(end);
        if (it == by_id.end()) continue;
        const Interval& p = it->second->periods.front().valid;
        if (valid.from < p.from) valid.from = p.from;
        if (p.to && (!valid.to || *p.to < *valid.to)) valid.to = p.to;
      }
    }
    row(files.relationships,
        {r.from, r.to, name_of(r.kind), name_of(r.layer), valid.from.str(), to_str(valid.to),
         r.cited().legal_basis, join(r.cited().sources, ";"), r.cited().note});
  }
  return files;
}

}  // namespace govmap
