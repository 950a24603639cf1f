#include "core/precedence.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

namespace govmap {
namespace {

int period_rank(const OrgPeriod& p) {
  return p.placeholder ? 3 : dataset_rank(p.dataset);
}

// The parts of iv that no interval in taken covers. taken need not be sorted.
std::vector<Interval> uncovered(const Interval& iv, const std::vector<Interval>& taken) {
  std::vector<Interval> sorted = taken;
  std::sort(sorted.begin(), sorted.end(),
            [](const Interval& a, const Interval& b) { return a.from < b.from; });
  std::vector<Interval> out;
  Date start = iv.from;
  for (const Interval& t : sorted) {
    if (!t.overlaps(Interval{start, iv.to})) continue;
    if (t.from > start) out.push_back({start, t.from.prev_day()});
    if (!t.to) return out;                     // covered to the end
    if (iv.to && *t.to >= *iv.to) return out;  // covered to iv's end
    if (*t.to >= start) start = t.to->next_day();
  }
  out.push_back({start, iv.to});
  return out;
}

// stable_sort of the relationships themselves moves each one about log n
// times (a third of a whole-map read); sorting their positions and then
// moving each relationship once along the permutation's cycles gives the same
// order (stable: ties keep their position).
void sort_in_place(std::vector<Relationship>& rels) {
  std::vector<size_t> order(rels.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&rels](size_t a, size_t b) { return rels[a] < rels[b]; });
  // order[i] is the position the relationship that belongs at i comes from.
  std::vector<bool> placed(rels.size(), false);
  for (size_t start = 0; start < rels.size(); ++start) {
    if (placed[start]) continue;
    Relationship hold = std::move(rels[start]);
    size_t at = start;
    while (order[at] != start) {
      rels[at] = std::move(rels[order[at]]);
      placed[at] = true;
      at = order[at];
    }
    rels[at] = std::move(hold);
    placed[at] = true;
  }
}

}  // namespace

int dataset_rank(std::string_view dataset) {
  if (dataset.substr(0, 4) == "map:") return 0;
  if (dataset.substr(0, 4) == "ons:") return 2;
  return 1;
}

std::vector<OrgPeriod> effective_periods(std::vector<OrgPeriod> raw) {
  // Most bodies have one period: it is shown as it is.
  if (raw.size() <= 1) return raw;
  std::stable_sort(raw.begin(), raw.end(), [](const OrgPeriod& a, const OrgPeriod& b) {
    return std::make_tuple(period_rank(a), std::cref(a.dataset), a.valid.from) <
           std::make_tuple(period_rank(b), std::cref(b.dataset), b.valid.from);
  });
  std::vector<OrgPeriod> out;
  out.reserve(raw.size());
  std::vector<Interval> taken;
  for (OrgPeriod& p : raw) {
    int rank = period_rank(p);
    // Ranks 2 and 3 describe an organisation only when nothing better does.
    if (rank >= 2 && !out.empty() && period_rank(out.front()) < rank) break;
    std::vector<Interval> pieces = uncovered(p.valid, taken);
    for (size_t i = 0; i < pieces.size(); ++i) {
      // The last piece takes the period itself (raw is ours), the others a copy.
      OrgPeriod q = i + 1 == pieces.size() ? std::move(p) : p;
      q.valid = pieces[i];
      out.push_back(std::move(q));
      taken.push_back(pieces[i]);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const OrgPeriod& a, const OrgPeriod& b) { return a.valid.from < b.valid.from; });
  return out;
}

std::vector<Relationship> effective_relationships(std::vector<Relationship> raw, bool* cut) {
  if (cut) *cut = false;
  // Most relationships have no competitor. Sorted by operator< (from, to,
  // kind, layer, valid_from; stable, so ties keep their order), each group of
  // one (from, to, kind, layer) is a contiguous run in date order; a run from
  // one dataset is moved out as it is, so the result comes out sorted. The
  // store reads in an order close to this one, so the sort is mostly a check.
  if (!std::is_sorted(raw.begin(), raw.end())) sort_in_place(raw);
  auto same_group = [](const Relationship& a, const Relationship& b) {
    return a.kind == b.kind && a.layer == b.layer && a.from == b.from && a.to == b.to;
  };
  // No group mixing datasets (the common case: one map, or datasets that do
  // not overlap): nothing is shadowed and the sorted input is the result, so
  // it is returned without moving every relationship into a new vector.
  bool any_mixed = false;
  for (size_t i = 1; i < raw.size() && !any_mixed; ++i)
    any_mixed = raw[i].dataset != raw[i - 1].dataset && same_group(raw[i], raw[i - 1]);
  if (!any_mixed) return raw;
  if (cut) *cut = true;  // a group mixing datasets may be cut; said so, whether or not it is
  std::vector<Relationship> out;
  out.reserve(raw.size());
  for (size_t begin = 0; begin < raw.size();) {
    size_t end = begin + 1;
    bool mixed = false;
    for (; end < raw.size() && same_group(raw[begin], raw[end]); ++end)
      mixed = mixed || raw[end].dataset != raw[begin].dataset;
    if (!mixed) {
      for (size_t i = begin; i < end; ++i) out.push_back(std::move(raw[i]));
      begin = end;
      continue;
    }
    std::vector<const Relationship*> group;
    for (size_t i = begin; i < end; ++i) group.push_back(&raw[i]);
    size_t first = out.size();
    std::stable_sort(group.begin(), group.end(), [](const Relationship* a, const Relationship* b) {
      return std::make_tuple(dataset_rank(a->dataset), std::cref(a->dataset), a->valid.from) <
             std::make_tuple(dataset_rank(b->dataset), std::cref(b->dataset), b->valid.from);
    });
    // Each dataset fills only what earlier (higher-ranked) datasets left
    // uncovered; one dataset's own relationships never shadow each other.
    std::vector<Interval> taken, kept;
    const std::string* dataset = &group.front()->dataset;
    for (const Relationship* r : group) {
      if (r->dataset != *dataset) {
        taken.insert(taken.end(), kept.begin(), kept.end());
        kept.clear();
        dataset = &r->dataset;
      }
      for (const Interval& piece : uncovered(r->valid, taken)) {
        Relationship q = *r;
        q.valid = piece;
        out.push_back(std::move(q));
        kept.push_back(piece);
      }
    }
    std::stable_sort(
        out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
        [](const Relationship& a, const Relationship& b) { return a.valid.from < b.valid.from; });
    begin = end;
  }
  return out;
}

}  // namespace govmap
