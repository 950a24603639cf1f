// govmap export — the graph for other tools: GraphML, GEXF, NetworkX
// node-link JSON, plain DOT, or a curated-map folder of CSV files.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "core/kinds.h"
#include "core/store.h"
#include "core/suggest.h"
#include "render/export.h"
#include "render/output_file.h"

namespace govmap {
namespace {

struct ExportOptions {
  std::string format, at, output;
};

Outcome run_export(const ExportOptions& opts, CommandContext& ctx) {
  const auto& formats = export_format_names();
  if (std::find(formats.begin(), formats.end(), opts.format) == formats.end())
    throw Error(Error::Kind::kUsage, "--format: unknown export format '" + opts.format + "'" +
                                         did_you_mean(opts.format, formats) +
                                         " (valid: " + join(formats) + ")");
  bool to_stdout = opts.output.empty() || opts.output == "-";
  if (opts.format == "csv" && to_stdout)
    throw Error(Error::Kind::kUsage,
                "--format csv writes a map folder of three files: give it with -o FOLDER (the "
                "folder's name becomes the dataset name when it is imported)");
  auto at = optional_date(opts.at, "--at");
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  ExportGraph graph = export_graph(store, at);

  if (opts.format == "csv") {
    if (::mkdir(opts.output.c_str(), 0777) != 0 && errno != EEXIST)
      throw Error(Error::Kind::kIo,
                  opts.output + ": cannot create the folder: " + std::strerror(errno));
    CsvMapFiles files = export_csv_map(graph);
    // Sources first and organisations last: a reader that looks for
    // organisations.csv to recognise a map never sees a half-written folder.
    write_file_atomically(opts.output + "/sources.csv", files.sources);
    write_file_atomically(opts.output + "/relationships.csv", files.relationships);
    write_file_atomically(opts.output + "/organisations.csv", files.organisations);
    *ctx.out << "wrote " << opts.output << " (organisations.csv, relationships.csv, sources.csv)\n";
    return Outcome::kOk;
  }
  std::string bytes = opts.format == "graphml" ? export_graphml(graph)
                      : opts.format == "gexf"  ? export_gexf(graph)
                      : opts.format == "json"  ? export_node_link_json(graph)
                                               : export_dot(graph);
  if (to_stdout) {
    *ctx.out << bytes;
  } else {
    write_file_atomically(opts.output, bytes);
    *ctx.out << "wrote " << opts.output << "\n";
  }
  return Outcome::kOk;
}

}  // namespace

void setup_export(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export the graph for other tools: graphml (NetworkX, Neo4j APOC), gexf (Gephi, with "
      "dates for its timeline), json (NetworkX node-link), dot (the plain graph), csv (a map "
      "folder that govmap import reads back). Without --at, every organisation with all its "
      "periods and every relationship with its dates; with --at, the snapshot of that day. "
      "Each fact carries its source ids (sources) and, in every format but csv, the input "
      "rows that cited it as FILE:LINE;... (rows), the rows `govmap show` prints.");
  cmd->add_option("--format", opts->format, "graphml, gexf, json, csv or dot")->required();
  cmd->add_option("--at", opts->at,
                  "Export the snapshot in force on this date (YYYY-MM-DD) instead of every date");
  cmd->add_option("-o,--output", opts->output,
                  "The file to write (written atomically); - or none for standard output. For "
                  "csv, the folder to write the three map files into");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_export(*opts, ctx); }; });
}

}  // namespace govmap
