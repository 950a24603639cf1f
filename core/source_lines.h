// SourceLines: for one fact (a period or a relationship), the line of the
// input row that cited each of its sources.
//
// A fact cites one source, rarely a few, and a large map holds millions of
// facts: the entries are a vector sorted by source id (24 bytes and one
// allocation) rather than a std::map (48 bytes and a tree node per entry).
// The interface is the part of std::map<std::string, int> govmap uses, with
// the same meaning: unique keys in order; emplace and insert keep an entry
// already there; operator[] adds a 0 line when absent. Iterators and
// references are invalidated by any insertion or erasure.
#ifndef GOVMAP_CORE_SOURCE_LINES_H_
#define GOVMAP_CORE_SOURCE_LINES_H_

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmap {

class SourceLines {
 public:
  using value_type = std::pair<std::string, int>;  // source id, line (1-based)
  using iterator = std::vector<value_type>::iterator;
  using const_iterator = std::vector<value_type>::const_iterator;

  SourceLines() = default;
  SourceLines(std::initializer_list<value_type> entries) { insert(entries.begin(), entries.end()); }

  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }

  const_iterator find(std::string_view source) const {
    auto it = lower(source);
    return it != entries_.end() && it->first == source ? it : entries_.end();
  }
  size_t count(std::string_view source) const { return find(source) == end() ? 0 : 1; }

  // The line of source, added as 0 when absent.
  int& operator[](const std::string& source) { return emplace(source, 0).first->second; }
  // Adds (source, line) unless source has an entry; returns it and whether added.
  std::pair<iterator, bool> emplace(const std::string& source, int line) {
    auto it = lower(source);
    if (it != entries_.end() && it->first == source) return {it, false};
    return {entries_.emplace(it, source, line), true};
  }
  // Each (source, line) of the range whose source has no entry yet.
  template <typename InputIt>
  void insert(InputIt first, InputIt last) {
    for (; first != last; ++first) emplace(first->first, first->second);
  }
  size_t erase(std::string_view source) {
    auto it = lower(source);
    if (it == entries_.end() || it->first != source) return 0;
    entries_.erase(it);
    return 1;
  }
  void clear() { entries_.clear(); }

  friend bool operator==(const SourceLines& a, const SourceLines& b) {
    return a.entries_ == b.entries_;
  }
  friend bool operator!=(const SourceLines& a, const SourceLines& b) { return !(a == b); }

 private:
  // The first entry whose source is not before source.
  template <typename Iterator, typename Entries>
  static Iterator lower(Entries& entries, std::string_view source) {
    return std::lower_bound(
        entries.begin(), entries.end(), source,
        [](const value_type& e, std::string_view s) { return std::string_view(e.first) < s; });
  }
  const_iterator lower(std::string_view source) const {
    return lower<const_iterator>(entries_, source);
  }
  iterator lower(std::string_view source) { return lower<iterator>(entries_, source); }

  std::vector<value_type> entries_;
};

}  // namespace govmap

#endif  // GOVMAP_CORE_SOURCE_LINES_H_
