// core_timing DB DATE [REPEAT] — the in-process cost of "distance of every
// organisation on DATE", step by step, with no output formatting and no
// process start: reading the store (organisations + relationships in force,
// without citations, as the command reads them),
// build_snapshot over those values, and accountability_distances with the
// default weights. Each step runs REPEAT times (default 5); the median of each
// is printed as one line of key=value pairs (milliseconds), plus the graph's
// size and a checksum of the distances so a run can be checked against
// `govmap distance`.
//
// This is a benchmark helper (docs/performance.md), built with GOVMAP_BENCH=ON;
// govmap's own commands print no timings.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <utility>
#include <vector>

#include "core/accountability.h"
#include "core/error.h"
#include "core/snapshot.h"
#include "core/store.h"
#include "core/weights.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: core_timing DB DATE [REPEAT]\n");
    return 2;
  }
  try {
    const govmap::Date at = govmap::Date::parse_or_throw(argv[2], "DATE");
    const int repeat = argc == 4 ? std::max(1, std::atoi(argv[3])) : 5;
    govmap::Store store(argv[1], govmap::Database::Mode::kReadOnly);
    govmap::Weights weights;
    std::vector<double> load, snapshot, distance;
    size_t vertices = 0, edges = 0, reachable = 0;
    long long checksum = 0;
    for (int i = 0; i < repeat; ++i) {
      auto t0 = Clock::now();
      // Read as `govmap distance` without --explain reads: no citations
      // (sources, legal bases, notes), which it never prints.
      std::vector<govmap::Organisation> orgs = store.organisations({}, false);
      govmap::RelationshipFilter filter;
      filter.at = at;
      filter.citations = false;
      std::vector<govmap::Relationship> rels = store.relationships(filter);
      load.push_back(ms_since(t0));

      t0 = Clock::now();
      govmap::SnapshotOptions options;
      options.at = at;
      govmap::Snapshot snap = govmap::build_snapshot(std::move(orgs), std::move(rels), options);
      snapshot.push_back(ms_since(t0));

      t0 = Clock::now();
      govmap::ShortestPaths paths = govmap::accountability_distances(snap, weights);
      distance.push_back(ms_since(t0));

      vertices = snap.vertex_count();
      edges = snap.edge_count();
      reachable = 0;
      checksum = 0;
      for (govmap::Vertex v = 0; v < paths.size(); ++v) {
        if (auto c = paths.cost(v)) {
          ++reachable;
          checksum += c->weight;
        }
      }
    }
    std::printf(
        "load_ms=%.3f snapshot_ms=%.3f distance_ms=%.3f vertices=%zu edges=%zu "
        "reachable=%zu weight_sum_milli=%lld\n",
        median(load), median(snapshot), median(distance), vertices, edges, reachable, checksum);
    return 0;
  } catch (const govmap::Error& e) {
    std::fputs(e.format().c_str(), stderr);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "core_timing: %s\n", e.what());
    return 2;
  }
}
