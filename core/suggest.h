// "Did you mean" suggestions for misspelt names, kinds and identifiers.
#ifndef GOVMAP_CORE_SUGGEST_H_
#define GOVMAP_CORE_SUGGEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govmap {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
// compared case-insensitively.
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo:
// distance <= max(1, len/3). Ties go to the lexicographically smallest candidate,
// so suggestions are deterministic. Failing that, the one candidate that word is
// a prefix of (case-insensitive, word of 3+ characters).
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// ", did you mean 'x'?" or "" — to append to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace govmap

#endif  // GOVMAP_CORE_SUGGEST_H_
