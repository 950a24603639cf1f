// Turning CLI11's parse errors into govmap's own messages: "govmap: error:"
// first, the command concerned, and a did-you-mean (core/suggest.h) for a
// misspelt command or option.
#ifndef GOVMAP_CLI_PARSE_ERROR_H_
#define GOVMAP_CLI_PARSE_ERROR_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace govmap {

// The message for a failed parse of args (argv without the program name) by
// app, without the "govmap: error: " prefix and without a final newline.
std::string explain_parse_error(const CLI::App& app, const CLI::ParseError& error,
                                const std::vector<std::string>& args);

}  // namespace govmap

#endif  // GOVMAP_CLI_PARSE_ERROR_H_
