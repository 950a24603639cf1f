#include "cli/command.h"

#include <cstdlib>

#include "core/kinds.h"

namespace govmap {

void add_format_option(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "Output format: table (aligned, for a terminal), csv or json")
      ->default_val("table");
}

void add_at_option(CLI::App* cmd, std::string& at) {
  cmd->add_option("--at", at, "Only what was in force on this date (YYYY-MM-DD)");
}

void add_country_option(CLI::App* cmd, std::string& country) {
  cmd->add_option("--country", country,
                  "Only bodies of this country: " + country_filter_values() +
                      " (default england; from each body's ONS/ODS codes, curated maps are "
                      "England's). A body named by id is always found, whatever its country");
}

std::optional<Country> country_option(const std::string& text) {
  return country_filter_or_throw(text.empty() ? "england" : text, "--country");
}

void add_picture_options(CLI::App* cmd, std::string& area, std::string& layer,
                         std::string& engine) {
  cmd->add_option("--area", area,
                  "Only this organisation and what lies inside it: bodies up to two part_of / "
                  "member_of / committee_of steps below it, and whom they answer to (an id, "
                  "identifier or name fragment)");
  cmd->add_option("--layer", layer, "Only statutory or only shadow relationships");
  cmd->add_option("--engine", engine,
                  "Graphviz layout engine: " + join(layout_engines()) + " (sfdp for national maps)")
      ->default_val("dot");
}

void add_page_options(CLI::App* cmd, std::string& paper, std::string& orientation) {
  cmd->add_option("--page", paper,
                  "The paper the picture is sized for: a4, a3, a2 or a1 (default: the smaller of "
                  "A4 and A3 on which every label prints at 6 pt or more). SVG and PDF take the "
                  "page's size; a picture whose text would print under 6 pt is still written, with "
                  "a warning that names what helps");
  cmd->add_option("--orientation", orientation, "landscape (default) or portrait");
}

void add_weights_option(CLI::App* cmd, std::string& weights) {
  cmd->add_option("--weights", weights,
                  "CSV file kind,layer,weight replacing default edge weights for the distances "
                  "shown (docs/accountability.md)");
}

std::optional<Date> optional_date(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  return Date::parse_or_throw(text, option);
}

void setup_app(CLI::App& app, GlobalOptions& global, RunFunction& run) {
  app.description(
      "govmap maps who answers to whom in the English NHS and local government: organisations "
      "and their statutory and shadow relationships over time, stored in SQLite.");
  app.set_version_flag("--version", std::string("govmap ") + GOVMAP_VERSION);
  const char* env = std::getenv("GOVMAP_DB");
  global.db = env && *env ? env : "govmap.db";
  app.add_option("--db", global.db, "The govmap database (default: $GOVMAP_DB or govmap.db)");
  app.require_subcommand(1);
  // Let global options such as --db follow the subcommand too: govmap import X --db Y.
  app.fallthrough();
  setup_import(app, run);
  setup_orgs(app, run);
  setup_show(app, run);
  setup_rels(app, run);
  setup_sources(app, run);
  setup_imports(app, run);
  setup_sql(app, run);
  setup_distance(app, run);
  setup_path(app, run);
  setup_gaps(app, run);
  setup_compare(app, run);
  setup_centrality(app, run);
  setup_lineage(app, run);
  setup_fetch(app, run);
  setup_rules(app, run);
  setup_national(app, run);
  setup_timeline(app, run);
  setup_render(app, run);
  setup_export(app, run);
  setup_report(app, run);
  setup_build(app, run);
  setup_check(app, run);
  // Exit codes in every command's --help (main() chooses them; docs/cli.md).
  // A command with codes of its own (compare, build) sets its footer itself.
  const std::string exit_codes =
      "Exit codes: 0 success; 2 an error (bad usage, bad input, unknown organisation, I/O or "
      "database failure). 1 only from compare and build --check (a difference was found) and fetch "
      "(new data in place).";
  app.footer(exit_codes);
  for (CLI::App* sub : app.get_subcommands({}))
    if (sub->get_footer().empty())
      sub->footer(
          "Exit codes: 0 success; 2 an error (bad usage, bad input, unknown "
          "organisation, I/O or database failure).");
}

}  // namespace govmap
