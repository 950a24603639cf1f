// govmap's entry point: parse the command line, run the chosen command, and
// choose the exit code. Exit codes (docs/cli.md):
//   0  success (fetch: no new data)
//   1  the command ran and found a difference (compare, build --check), or
//      fetch put new data in place
//   2  an error: bad usage, bad input, missing data, I/O or database failure
#include <iostream>

#include "cli/command.h"
#include "cli/parse_error.h"
#include "cli/standard_output.h"
#include "core/error.h"

int main(int argc, char** argv) {
  govmap::use_checked_standard_output();
  CLI::App app{"govmap", "govmap"};
  govmap::GlobalOptions global;
  govmap::RunFunction run;
  govmap::setup_app(app, global, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0: CLI11 prints them.
    if (e.get_exit_code() == 0) {
      app.exit(e);
      try {
        govmap::finish_standard_output(std::cout);
      } catch (const govmap::Error& write_error) {
        std::cerr << write_error.format();
        return 2;
      }
      return 0;
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    std::cerr << "govmap: error: " << govmap::explain_parse_error(app, e, args) << "\n";
    return 2;
  }
  govmap::CommandContext ctx{global, &std::cout, &std::cerr};
  try {
    govmap::Outcome outcome = run(ctx);
    govmap::finish_standard_output(std::cout);
    return outcome == govmap::Outcome::kDifferent ? 1 : 0;
  } catch (const govmap::Error& e) {
    std::cout.flush();
    std::cerr << e.format();
    return 2;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "govmap: internal error: " << e.what() << "\n";
    return 2;
  }
}
