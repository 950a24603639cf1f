// What every govmap subcommand shares, and the list of subcommands.
//
// Each subcommand lives in its own cli/command_<name>.cc, in the CLI11
// "subcommands in files" style: an options struct, a setup function that
// declares the options and registers a run function, and the run function,
// which does the work only after all options are parsed. Run functions report
// failure by throwing govmap::Error and return an Outcome; main() alone turns
// outcomes and errors into exit codes.
#ifndef GOVMAP_CLI_COMMAND_H_
#define GOVMAP_CLI_COMMAND_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "core/country.h"
#include "core/date.h"
#include "core/table.h"

namespace govmap {

// What a command found: kDifferent is for commands that compare (exit 1).
enum class Outcome { kOk, kDifferent };

struct GlobalOptions {
  std::string db;  // --db, else $GOVMAP_DB, else govmap.db
};

struct CommandContext {
  GlobalOptions global;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

using RunFunction = std::function<Outcome(CommandContext&)>;

// Adds `--format table|csv|json` to cmd, storing into format.
void add_format_option(CLI::App* cmd, std::string& format);
// Adds `--at D` with a help text.
void add_at_option(CLI::App* cmd, std::string& at);
// Adds --area, --layer and --engine (default dot), as every picture command takes them.
void add_picture_options(CLI::App* cmd, std::string& area, std::string& layer, std::string& engine);
// Adds `--country C` (default england), shared by every command that lists or
// counts bodies: only bodies of that country (core/country.h), or `all`.
void add_country_option(CLI::App* cmd, std::string& country);
// --country's value: a country, or nullopt for all. Throws Error(kUsage).
std::optional<Country> country_option(const std::string& text);
// Adds `--page a4|a3|a2|a1` and `--orientation landscape|portrait` (render/page.h).
void add_page_options(CLI::App* cmd, std::string& paper, std::string& orientation);
// Adds `--weights FILE` (a CSV kind,layer,weight replacing default weights).
void add_weights_option(CLI::App* cmd, std::string& weights);
// Parses an optional --at value; empty means nullopt.
std::optional<Date> optional_date(const std::string& text, const char* option);

// Each registers its subcommand on app and sets *run when it is chosen.
void setup_import(CLI::App& app, RunFunction& run);
void setup_orgs(CLI::App& app, RunFunction& run);
void setup_show(CLI::App& app, RunFunction& run);
void setup_rels(CLI::App& app, RunFunction& run);
void setup_sources(CLI::App& app, RunFunction& run);
void setup_imports(CLI::App& app, RunFunction& run);
void setup_sql(CLI::App& app, RunFunction& run);
void setup_build(CLI::App& app, RunFunction& run);
void setup_check(CLI::App& app, RunFunction& run);
void setup_render(CLI::App& app, RunFunction& run);
void setup_export(CLI::App& app, RunFunction& run);
void setup_report(CLI::App& app, RunFunction& run);
// Accountability (docs/accountability.md).
void setup_distance(CLI::App& app, RunFunction& run);
void setup_path(CLI::App& app, RunFunction& run);
void setup_gaps(CLI::App& app, RunFunction& run);
void setup_compare(CLI::App& app, RunFunction& run);
void setup_centrality(CLI::App& app, RunFunction& run);
void setup_lineage(CLI::App& app, RunFunction& run);
// The national dataset (data/README.md).
void setup_fetch(CLI::App& app, RunFunction& run);
// The rules layer (docs/rules.md).
void setup_rules(CLI::App& app, RunFunction& run);
void setup_national(CLI::App& app, RunFunction& run);
void setup_timeline(CLI::App& app, RunFunction& run);

// Builds the whole command line interface.
void setup_app(CLI::App& app, GlobalOptions& global, RunFunction& run);

}  // namespace govmap

#endif  // GOVMAP_CLI_COMMAND_H_
