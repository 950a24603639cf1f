// Runs the govmap command line in-process, the way main() runs it: the same
// options, the same exit-code rule (0 ok, 1 different, 2 error), standard
// output and the error message captured. For unit tests that check a command
// end to end without spawning a process (golden tests spawn one).
#ifndef GOVMAP_TESTS_CLI_RUN_H_
#define GOVMAP_TESTS_CLI_RUN_H_

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/error.h"

namespace govmap::test {

struct CliResult {
  int code = 0;
  std::string out, err;  // err: the usage or govmap error message, if any
};

// govmap --db DB ARGS...; a usage error gives code 2 and CLI11's message.
inline CliResult run_cli(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"govmap", "--db", db});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  CLI::App app{"govmap", "govmap"};
  GlobalOptions global;
  RunFunction fn;
  setup_app(app, global, fn);
  CliResult r;
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    r.code = e.get_exit_code() == 0 ? 0 : 2;
    r.err = e.what();
    return r;
  }
  std::ostringstream out, err;
  CommandContext ctx{global, &out, &err};
  try {
    r.code = fn(ctx) == Outcome::kDifferent ? 1 : 0;
  } catch (const Error& e) {
    r.code = 2;
    r.err = e.format();
  }
  r.out = out.str();
  return r;
}

}  // namespace govmap::test

#endif  // GOVMAP_TESTS_CLI_RUN_H_
