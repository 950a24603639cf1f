// Standard output that reports its write errors: the one place where govmap
// finds out whether what a command printed reached its destination. A full
// disk or /dev/full makes write(2) fail; without this a command would exit 0
// and a CI job would publish a truncated file.
//
// std::cout is given a buffer that writes to file descriptor 1 itself and
// keeps the errno of the first failed write (stdio's own buffer loses it).
#ifndef GOVMAP_CLI_STANDARD_OUTPUT_H_
#define GOVMAP_CLI_STANDARD_OUTPUT_H_

#include <ostream>

namespace govmap {

// Installs the checked buffer under std::cout. Call once, first thing in main.
void use_checked_standard_output();

// Flushes out (std::cout). Throws Error(kIo) "cannot write to standard output:
// <reason>" when any write to it failed.
void finish_standard_output(std::ostream& out);

}  // namespace govmap

#endif  // GOVMAP_CLI_STANDARD_OUTPUT_H_
