// "Did you mean" suggestions: the one matcher behind every suggestion govmap
// makes, for organisation ids and names, kinds, formats, columns, subcommands
// and options.
//
// What a user typed is compared with each candidate's texts after folding both
// (fold_for_matching: case, accents and punctuation ignored). A candidate
// matches when
//   - the whole folded text is within a typo's distance of what was typed
//     (optimal string alignment, at most max(1, length/3) edits), or
//   - every typed word is within a typo's distance of a different word of the
//     text, in any order ("Sheffeld CCG" matches "NHS Sheffield CCG"), or
//   - nothing else matches and what was typed (3+ characters) begins exactly
//     one candidate ("metropolitan" for "metropolitan_borough").
// Best matches come first: fewest edits, whole texts before words, then
// fewest words left over, then the candidate's value, so suggestions are
// deterministic. suggest() returns those as good as the best in edits and way
// of matching.
#ifndef GOVMAP_CORE_SUGGEST_H_
#define GOVMAP_CORE_SUGGEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govmap {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
// compared case-insensitively (ASCII).
int edit_distance(std::string_view a, std::string_view b);

// Lower case, Latin accents folded to their base letter (UTF-8: "Ynys Môn" ->
// "ynys mon", "ß" -> "s"), apostrophes dropped ("children's" -> "childrens"),
// every other run of characters that are not letters or digits one space,
// trimmed. Underscores and hyphens separate words too ("foundation_trust" ->
// "foundation trust").
std::string fold_for_matching(std::string_view text);

class Suggester {
 public:
  // Offers `value` as a suggestion, matched by `text` (value itself when
  // empty). A value may be added with several texts, e.g. an organisation id
  // with each name it has had; its best-matching text counts.
  void add(const std::string& value, std::string_view text = {});
  // The values that best match `typed`, at most `limit`, best first: every
  // value as good as the best one. Empty when none is close.
  std::vector<std::string> suggest(std::string_view typed, size_t limit = 5) const;

 private:
  struct Entry {
    std::string value;
    std::string folded;
    std::vector<std::string> words;
  };
  std::vector<Entry> entries_;
};

// The candidate closest to `word`, if it is close enough to be a plausible
// typo (the Suggester's rules, ties to the smallest candidate).
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// ", did you mean 'x'?" or "" — to append to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace govmap

#endif  // GOVMAP_CORE_SUGGEST_H_
