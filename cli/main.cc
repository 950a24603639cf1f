// govmap's entry point: parse the command line, run the chosen command, and
// choose the exit code. Exit codes (docs/cli.md):
//   0  success (fetch: no new data)
//   1  the command ran and found a difference (compare, build --check), or
//      fetch put new data in place
//   2  an error: bad usage, bad input, missing data, I/O or database failure
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/command.h"
#include "cli/parse_error.h"
#include "cli/standard_output.h"
#include "core/error.h"

namespace {

// Whole-map commands allocate hundreds of megabytes in small pieces (every
// relationship's strings), and on a kernel whose transparent huge pages are
// given only to memory that asks for them ("madvise" mode, Debian's default)
// each 4 KiB page is first touched through a page fault: half of a 10^5-body
// `distance` or `import` went there (docs/performance.md). glibc asks for huge
// pages for its heap when the tunable glibc.malloc.hugetlb=1 is set, which it
// reads only at process start; so when it is not set, govmap sets it and
// executes itself again, once (same process id, arguments and descriptors).
// Nothing else changes: output is the same either way. The second exec costs
// tens of milliseconds, more than a command reading one neighbourhood (show,
// path, lineage) or a small table spends on memory, so only the commands that
// read the whole map do it: the first argument naming a subcommand decides (a
// guess that can only cost speed, never change an answer).
// GOVMAP_NO_HUGE_PAGES set (to anything) keeps the process as it is
// (valgrind, for one, does not follow the exec unless told to).
bool reads_whole_map(int argc, char** argv) {
  static const char* const kWhole[] = {"import",   "check",  "distance", "compare", "centrality",
                                       "gaps",     "export", "rels",     "orgs",    "national",
                                       "timeline", "render", "report",   "build"};
  static const char* const kSmall[] = {"show",    "path", "lineage", "sources",
                                       "imports", "sql",  "rules",   "fetch"};
  // `render --area X` reads only the area (core/neighbourhood.h).
  bool area = false;
  for (int i = 1; i < argc; ++i)
    area = area || std::strcmp(argv[i], "--area") == 0 || std::strncmp(argv[i], "--area=", 7) == 0;
  for (int i = 1; i < argc; ++i) {
    if (area && std::strcmp(argv[i], "render") == 0) return false;
    for (const char* c : kWhole)
      if (std::strcmp(argv[i], c) == 0) return true;
    for (const char* c : kSmall)
      if (std::strcmp(argv[i], c) == 0) return false;
  }
  return false;
}

void prefer_huge_pages(int argc, char** argv) {
  if (std::getenv("GOVMAP_NO_HUGE_PAGES") || !reads_whole_map(argc, argv)) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return;  // set: by us or the user
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text;
  if (!std::getline(mode, text) || text.find("[madvise]") == std::string::npos) return;
  std::string value = "glibc.malloc.hugetlb=1";
  if (tunables && *tunables) value = std::string(tunables) + ":" + value;
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // The exec failed (no /proc, say): carry on without huge pages.
}

}  // namespace

int main(int argc, char** argv) {
  prefer_huge_pages(argc, argv);
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
