// govmap report — one self-contained HTML page comparing two dates.
#include <cctype>
#include <ostream>

#include "cli/command.h"
#include "cli/diagram_input.h"
#include "core/error.h"
#include "core/kinds.h"
#include "core/store.h"
#include "render/dot_writer.h"
#include "render/graphviz.h"
#include "render/html_report.h"
#include "render/output_file.h"

namespace govmap {
namespace {

struct ReportOptions {
  std::string from, to, area, layer, engine, output, council, weights, country;
};

Outcome run_report(const ReportOptions& opts, CommandContext& ctx) {
  std::string lower = opts.output;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.size() < 5 || (lower.substr(lower.size() - 5) != ".html" &&
                           (lower.size() < 4 || lower.substr(lower.size() - 4) != ".htm")))
    throw Error(Error::Kind::kUsage, "-o " + opts.output + ": a report is an .html file");
  Date from = Date::parse_or_throw(opts.from, "--from");
  Date to = Date::parse_or_throw(opts.to, "--to");
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  DiagramRequest request{opts.area, opts.layer, "", opts.council, Weights()};
  if (!opts.weights.empty()) request.weights = load_weights(opts.weights);
  request.country = country_option(opts.country);
  std::string page = report_page(store, request, from, to, opts.engine, *ctx.err);
  write_file_atomically(opts.output, page);
  *ctx.out << "wrote " << opts.output << "\n";
  return Outcome::kOk;
}

}  // namespace

void setup_report(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Write one self-contained HTML page comparing two dates: both diagrams, what changed, "
      "the key, accountability distances, gaps and sources. No network needed to view it.");
  cmd->add_option("--from", opts->from, "The earlier date (YYYY-MM-DD)")->required();
  cmd->add_option("--to", opts->to, "The later date (YYYY-MM-DD)")->required();
  add_picture_options(cmd, opts->area, opts->layer, opts->engine);
  cmd->add_option("--council", opts->council,
                  "A one-council view instead of --area (see govmap render --help)");
  add_weights_option(cmd, opts->weights);
  add_country_option(cmd, opts->country);
  cmd->add_option("-o,--output", opts->output, "The .html file to write")->required();
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_report(*opts, ctx); }; });
}

}  // namespace govmap
