// govmap's entry point: parse the command line, run the chosen command, and
// choose the exit code. Exit codes (docs/cli.md):
//   0  success
//   1  the command ran and found a difference (compare, build --check)
//   2  an error: bad usage, bad input, missing data, I/O or database failure
#include <iostream>

#include "cli/command.h"
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
    int rc = app.exit(e);  // prints help, version or the parse error
    try {
      govmap::finish_standard_output(std::cout);
    } catch (const govmap::Error& write_error) {
      std::cerr << write_error.format();
      return 2;
    }
    return rc == 0 ? 0 : 2;
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
