// Exporting the governance graph for other tools: GraphML (NetworkX, Neo4j
// APOC, yEd), GEXF (Gephi, with dates so its timeline works), NetworkX
// node-link JSON, plain DOT, and a curated-map folder of CSV files that
// `govmap import` reads back into the same graph.
//
// An ExportGraph is either the whole temporal graph (every organisation with
// all its periods, every relationship with its dates) or, with a date, the
// snapshot in force that day as build_snapshot() makes it (each organisation
// with the one period in force). Writers take it and return the file's bytes.
//
// Contract: output is deterministic (organisations by id, relationships in
// their store order, keys and attributes in a fixed order) and every string
// from the data is escaped for where it lands, so a name holding & < > " or
// any non-ASCII text round-trips through each tool's reader.
#ifndef GOVMAP_RENDER_EXPORT_H_
#define GOVMAP_RENDER_EXPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "core/cited_rows.h"
#include "core/model.h"

namespace govmap {

class Store;

struct ExportGraph {
  std::optional<Date> at;                   // set: a one-day snapshot
  std::vector<Organisation> organisations;  // by id; with `at`, only the period in force
  std::vector<Relationship> relationships;  // store order; with `at`, those in force
  std::vector<Source> sources;              // every source, by id
  // The input rows behind each fact (core/cited_rows.h), written as `rows`
  // beside `sources` by every format but the CSV map, whose rows are its own.
  CitedRows cited;
};

// The whole temporal graph, or (at) the snapshot in force that day.
ExportGraph export_graph(const Store& store, std::optional<Date> at);

// "graphml", "gexf", "json", "csv", "dot".
const std::vector<std::string>& export_format_names();

// GraphML with typed <key> declarations; node and edge attributes as strings
// (dates as YYYY-MM-DD, lists joined by ';'; `rows` as FILE:LINE;...). Without a date, a node's name,
// kind and tier are those of its latest period, valid_from/valid_to span its
// whole life and `periods` lists every period.
std::string export_graphml(const ExportGraph& graph);

// GEXF 1.2 (the version both Gephi and NetworkX read), mode="dynamic",
// timeformat="date": nodes and edges carry start/end (inclusive, like
// valid_to), nodes with gaps in their life carry <spells>, and a node's name,
// kind and tier are dynamic attribute values, one per period.
std::string export_gexf(const ExportGraph& graph);

// NetworkX node-link JSON: {"directed": true, "multigraph": true, "graph":
// {...}, "nodes": [...], "links": [...]}, for networkx.node_link_graph().
std::string export_node_link_json(const ExportGraph& graph);

// The plain graph in DOT: one node per organisation, one edge per
// relationship, attributes as DOT attributes; no styling or layout.
std::string export_dot(const ExportGraph& graph);

// The three files of a curated map (docs/map-format.md). With a date, each
// organisation has only its period in force, and each relationship's dates are
// cut to the days both ends exist in that period, so the folder imports on its
// own. The `share` of ONS overlap relationships has no column in the map format
// and is not written, nor are the cited rows: imported again, the folder's
// facts cite its own rows.
struct CsvMapFiles {
  std::string organisations, relationships, sources;
};
CsvMapFiles export_csv_map(const ExportGraph& graph);

}  // namespace govmap

#endif  // GOVMAP_RENDER_EXPORT_H_
