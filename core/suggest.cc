#include "core/suggest.h"

#include <algorithm>
#include <cctype>

namespace govmap {

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

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  const int limit = std::max<int>(1, static_cast<int>(word.size()) / 3);
  std::optional<std::string> best;
  int best_distance = limit + 1;
  for (const std::string& c : candidates) {
    // Cheap length filter first: the distance is at least the length difference.
    int len_diff = std::abs(static_cast<int>(c.size()) - static_cast<int>(word.size()));
    if (len_diff > limit) continue;
    int dist = edit_distance(word, c);
    if (dist < best_distance || (dist == best_distance && best && c < *best)) {
      best_distance = dist;
      best = c;
    }
  }
  if (best || word.size() < 3) return best;
  // A truncated name ("metropolitan" for "metropolitan_borough") is far in edit
  // distance but an obvious intent: suggest the single candidate it starts.
  std::optional<std::string> prefixed;
  for (const std::string& c : candidates) {
    if (c.size() > word.size() && edit_distance(word, c.substr(0, word.size())) == 0) {
      if (prefixed) return std::nullopt;
      prefixed = c;
    }
  }
  return prefixed;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto best = closest(word, candidates);
  return best ? ", did you mean '" + *best + "'?" : "";
}

}  // namespace govmap
