#include "core/suggest.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

namespace govmap {
namespace {

// Base letters of U+00C0..U+00FF and U+0100..U+017F; ' ' for the two signs
// (multiplication, division) that are not letters.
constexpr std::string_view kLatin1 =
    "aaaaaaaceeeeiiiidnooooo ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo ouuuuyty";
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static_assert(kLatin1.size() == 0x100 - 0xC0 && kLatinExtendedA.size() == 0x180 - 0x100);

int typo_limit(size_t length) {
  return std::max<int>(1, static_cast<int>(length) / 3);
}

std::vector<std::string> words_of(const std::string& folded) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// How well typed matches an entry: (edits, 0 whole text or 1 words, words
// left over); nullopt when it does not.
using Score = std::tuple<int, int, int>;

std::optional<Score> whole_score(const std::string& typed, const std::string& text) {
  const int limit = typo_limit(typed.size());
  if (std::abs(static_cast<int>(text.size()) - static_cast<int>(typed.size())) > limit)
    return std::nullopt;
  int d = edit_distance(typed, text);
  if (d > limit) return std::nullopt;
  return Score{d, 0, 0};
}

// Each typed word is matched, greedily in order, to the closest unused word of
// the text. Words of three characters or fewer ("nhs", "ccg", "of") must match
// exactly: a typo in them is indistinguishable from another short word.
std::optional<Score> word_score(const std::vector<std::string>& typed,
                                const std::vector<std::string>& words) {
  if (typed.empty() || typed.size() > words.size()) return std::nullopt;
  std::vector<bool> used(words.size(), false);
  int total = 0;
  for (const std::string& t : typed) {
    const int limit = t.size() <= 3 ? 0 : typo_limit(t.size());
    int best = limit + 1;
    size_t best_i = words.size();
    for (size_t i = 0; i < words.size(); ++i) {
      if (used[i]) continue;
      if (std::abs(static_cast<int>(words[i].size()) - static_cast<int>(t.size())) > limit)
        continue;
      int d = edit_distance(t, words[i]);
      if (d < best) {
        best = d;
        best_i = i;
      }
    }
    if (best_i == words.size()) return std::nullopt;
    used[best_i] = true;
    total += best;
  }
  return Score{total, 1, static_cast<int>(words.size() - typed.size())};
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string fold_for_matching(std::string_view text) {
  std::string out;
  bool gap = false;  // a separator is pending
  auto put = [&](char c) {
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out += c;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c))
        put(static_cast<char>(std::tolower(c)));
      else if (c != '\'')
        gap = true;
      continue;
    }
    // A UTF-8 sequence: decode it (an invalid one is kept byte by byte).
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    unsigned cp = len == 1 ? c : c & (0xFF >> (len + 1));
    bool valid = len > 1 && i + len <= text.size();
    for (size_t k = 1; valid && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) valid = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!valid) {
      put(static_cast<char>(c));
      continue;
    }
    i += len - 1;
    if (cp >= 0xC0 && cp <= 0xFF) {
      char base = kLatin1[cp - 0xC0];
      if (base == ' ')
        gap = true;
      else
        put(base);
    } else if (cp >= 0x100 && cp <= 0x17F) {
      put(kLatinExtendedA[cp - 0x100]);
    } else if (cp == 0x2018 || cp == 0x2019) {
      // Typographic apostrophes are dropped like the ASCII one.
    } else if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0xA0) {
      gap = true;  // dashes, spaces and other punctuation separate words
    } else {
      for (size_t k = 0; k < len; ++k) put(text[i + 1 - len + k]);
    }
  }
  return out;
}

void Suggester::add(const std::string& value, std::string_view text) {
  Entry e;
  e.value = value;
  e.folded = fold_for_matching(text.empty() ? std::string_view(value) : text);
  if (e.folded.empty()) return;
  e.words = words_of(e.folded);
  entries_.push_back(std::move(e));
}

std::vector<std::string> Suggester::suggest(std::string_view typed, size_t limit) const {
  const std::string folded = fold_for_matching(typed);
  if (folded.empty()) return {};
  const std::vector<std::string> words = words_of(folded);
  std::map<std::string, Score> best;  // value -> its best score
  for (const Entry& e : entries_) {
    std::optional<Score> s = whole_score(folded, e.folded);
    if (auto w = word_score(words, e.words); w && (!s || *w < *s)) s = w;
    if (!s) continue;
    auto [it, inserted] = best.emplace(e.value, *s);
    if (!inserted && *s < it->second) it->second = *s;
  }
  if (best.empty()) {
    // A truncated name ("metropolitan" for "metropolitan_borough") is far in
    // edit distance but an obvious intent when it begins one candidate only.
    if (folded.size() < 3) return {};
    std::optional<std::string> prefixed;
    for (const Entry& e : entries_) {
      if (e.folded.size() <= folded.size() || e.folded.compare(0, folded.size(), folded) != 0)
        continue;
      if (prefixed && *prefixed != e.value) return {};
      prefixed = e.value;
    }
    if (prefixed) return {*prefixed};
    return {};
  }
  // As good as the best: as few edits, and the same way of matching (a whole
  // text such as an id beats a word inside a longer name).
  Score top = best.begin()->second;
  for (const auto& [value, s] : best) top = std::min(top, s);
  std::vector<std::pair<Score, std::string>> ranked;
  for (const auto& [value, s] : best)
    if (std::get<0>(s) == std::get<0>(top) && std::get<1>(s) == std::get<1>(top))
      ranked.push_back({s, value});
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (const auto& [s, value] : ranked) {
    if (out.size() == limit) break;
    out.push_back(value);
  }
  return out;
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  Suggester s;
  for (const std::string& c : candidates) s.add(c);
  std::vector<std::string> best = s.suggest(word, 1);
  if (best.empty()) return std::nullopt;
  return best.front();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto best = closest(word, candidates);
  return best ? ", did you mean '" + *best + "'?" : "";
}

}  // namespace govmap
