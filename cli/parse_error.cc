#include "cli/parse_error.h"

#include <algorithm>

#include "core/kinds.h"
#include "core/suggest.h"

namespace govmap {
namespace {

// The subcommand the user chose, or null.
const CLI::App* chosen_command(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->parsed()) return sub;
  }
  return nullptr;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// Every long and short option spelling cmd accepts, global ones included.
std::vector<std::string> option_names(const CLI::App& app, const CLI::App* cmd) {
  std::vector<std::string> names;
  for (const CLI::App* a : {cmd, &app}) {
    if (!a) continue;
    for (const CLI::Option* o : a->get_options()) {
      for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
      for (const std::string& s : o->get_snames()) names.push_back("-" + s);
    }
  }
  return names;
}

std::string help_hint(const CLI::App* cmd) {
  return cmd ? "\n(run 'govmap " + cmd->get_name() + " --help' for its arguments and options)"
             : "\n(run 'govmap --help' for the list of commands)";
}

}  // namespace

std::string explain_parse_error(const CLI::App& app, const CLI::ParseError& error,
                                const std::vector<std::string>& args) {
  const CLI::App* cmd = chosen_command(app);
  const std::string where = cmd ? cmd->get_name() + ": " : "";
  // Arguments nobody took, in command-line order; the first explains the rest
  // (in "orgs --kindd ccg", ccg is the value meant for the misspelt option).
  std::vector<std::string> left = app.remaining(true);
  for (const std::string& arg : args) {
    if (std::find(left.begin(), left.end(), arg) == left.end()) continue;
    if (arg.size() > 1 && arg[0] == '-') {
      std::string name = arg.substr(0, arg.find('='));
      Suggester s;
      for (const std::string& o : option_names(app, cmd)) s.add(o);
      std::vector<std::string> best = s.suggest(name, 1);
      return where + "unknown option '" + name + "'" +
             (best.empty() ? "" : ", did you mean '" + best[0] + "'?") + help_hint(cmd);
    }
    if (!cmd) {
      return "unknown command '" + arg + "'" + did_you_mean(arg, command_names(app)) +
             " (commands: " + join(command_names(app)) + ")";
    }
    return where + "unexpected argument '" + arg + "'" + help_hint(cmd);
  }
  if (!cmd && dynamic_cast<const CLI::RequiredError*>(&error))
    return "a command is required (one of: " + join(command_names(app)) +
           "); run 'govmap --help' for what each does";
  std::string what = error.what();
  return where + what + help_hint(cmd);
}

}  // namespace govmap
