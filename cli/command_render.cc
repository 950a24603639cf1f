// govmap render — governance diagrams: one date, two dates side by side, or
// what changed between two dates. Drawn in process with the Graphviz libraries.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "cli/command.h"
#include "cli/diagram_input.h"
#include "core/error.h"
#include "core/kinds.h"
#include "core/store.h"
#include "render/dot_writer.h"
#include "render/graphviz.h"
#include "render/output_file.h"
#include "render/print.h"

namespace govmap {
namespace {

struct RenderOptions {
  std::string at, from, to, area, layer, engine, output, council, weights, country, paper,
      orientation;
  std::string fold;
  bool diff = false;
};

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

Outcome run_render(const RenderOptions& opts, CommandContext& ctx) {
  bool one = !opts.at.empty();
  bool two = !opts.from.empty() || !opts.to.empty();
  if (one && two)
    throw Error(Error::Kind::kUsage, "give either --at D or --from D1 --to D2, not both");
  if (!one && !two) throw Error(Error::Kind::kUsage, "give --at D, or --from D1 --to D2");
  if (two && (opts.from.empty() || opts.to.empty()))
    throw Error(Error::Kind::kUsage, "--from and --to go together");
  if (opts.diff && !two) throw Error(Error::Kind::kUsage, "--diff needs --from D1 --to D2");
  DiagramFormat format = diagram_format_or_throw(opts.output);
  const auto& engines = layout_engines();
  if (std::find(engines.begin(), engines.end(), opts.engine) == engines.end())
    throw Error(Error::Kind::kUsage, "--engine: unknown layout engine '" + opts.engine +
                                         "' (valid: " + join(engines) + ")");
  PrintRequest print{opts.paper, opts.orientation};
  choose_page(Drawing{0, 0, 1, 1, 0}, print.paper, print.orientation);  // checks the names

  Store store(ctx.global.db, Database::Mode::kReadOnly);
  DiagramRequest request{opts.area, opts.layer, "", opts.council, Weights()};
  if (!opts.weights.empty()) request.weights = load_weights(opts.weights);
  request.country = country_option(opts.country);
  request.fold = opts.fold;
  PrintedDiagram printed =
      one ? print_diagram(store, request, Date::parse_or_throw(opts.at, "--at"), std::nullopt,
                          false, format, opts.engine, print)
          : print_diagram(store, request, Date::parse_or_throw(opts.from, "--from"),
                          Date::parse_or_throw(opts.to, "--to"), opts.diff, format, opts.engine,
                          print);
  for (const std::string& w : printed.drawn.warnings) *ctx.err << "graphviz: " << w << "\n";
  if (!printed.warning.empty())
    *ctx.err << "warning: " << opts.output << ": " << printed.warning << "\n";
  write_file_atomically(opts.output, printed.drawn.bytes);
  *ctx.out << "wrote " << opts.output;
  if (printed.laid_out && format != DiagramFormat::kPng)
    *ctx.out << " (" << (printed.pages > 1 ? std::to_string(printed.pages) + " pages " : "")
             << printed.fit.page.name() << (printed.pages > 1 ? ", one per date" : "")
             << ", smallest text "
             << one_decimal(printed.fit.smallest_text_pt) << " pt)";
  *ctx.out << "\n";
  return Outcome::kOk;
}

}  // namespace

void setup_render(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand(
      "render",
      "Draw a governance diagram: bodies by tier, who answers to whom, a legend and a title. "
      "--at D for one date; --from D1 --to D2 for both dates side by side; add --diff for one "
      "picture of what was added, removed and changed. The format comes from the -o file's "
      "extension (" +
          join(diagram_extensions()) + ").");
  cmd->add_option("--at", opts->at, "Draw the map as it stood on this date (YYYY-MM-DD)");
  cmd->add_option("--from", opts->from, "The earlier date of a comparison (YYYY-MM-DD)");
  cmd->add_option("--to", opts->to, "The later date of a comparison (YYYY-MM-DD)");
  cmd->add_flag("--diff", opts->diff,
                "With --from/--to: one picture, added green, removed red, changed amber");
  add_picture_options(cmd, opts->area, opts->layer, opts->engine);
  cmd->add_option("--fold", opts->fold,
                  "With --at: systems draws each health system of the area (STP, ICS or ICB) as "
                  "one body that counts the bodies inside it and the range of their distances, "
                  "so a whole NHS England region fits one page; regions does the same for each "
                  "NHS England region (the national tier)");
  cmd->add_option("--council", opts->council,
                  "A one-council view instead of --area: the council, its voters, its "
                  "committees, every NHS body it or they scrutinise and every partnership it is "
                  "a member of (an id, identifier or name fragment)");
  add_page_options(cmd, opts->paper, opts->orientation);
  add_weights_option(cmd, opts->weights);
  add_country_option(cmd, opts->country);
  cmd->add_option("-o,--output", opts->output, "The file to write: .svg, .png, .pdf or .dot")
      ->required();
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_render(*opts, ctx); }; });
}

}  // namespace govmap
