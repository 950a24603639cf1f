// Neighbourhood reads (core/neighbourhood.h) give the same answers as the
// whole map: an area's picture holds the same bodies and edges, and a path
// (Dijkstra with its tie-breaks) takes the same steps, for every area and
// every start on the shipped maps and on ../shared/data, at several dates.
#include <doctest/doctest.h>

#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/accountability.h"
#include "core/area_timeline.h"
#include "core/kinds.h"
#include "core/neighbourhood.h"
#include "core/snapshot.h"
#include "core/store.h"
#include "test_util.h"

using namespace govmap;

namespace {

const std::vector<const char*> kDates = {"2018-08-08", "2021-01-01", "2022-07-01", "2023-04-01"};

// Everything a snapshot holds, as comparable text.
std::set<std::string> contents(const Snapshot& s) {
  std::set<std::string> out;
  for (auto v : boost::make_iterator_range(boost::vertices(s.graph)))
    out.insert("body " + s[v].id + " " + s[v].period.name + " " + name_of(s[v].period.kind) + " " +
               s[v].period.valid.str() + " " + s[v].period.dataset);
  for (auto e : boost::make_iterator_range(boost::edges(s.graph))) {
    const Relationship& r = *s.graph[e].rel;
    out.insert("edge " + r.key() + " " + r.valid.str() + " " + r.dataset + " " +
               join(r.cited().sources, ";") + " " + r.cited().legal_basis);
  }
  return out;
}

// A route as text: every step with its kind, layer and weight, then the cost.
std::string route_text(const ShortestPaths& paths, const Snapshot& snap, const std::string& id) {
  auto v = snap.find(id);
  if (!v) return "absent";
  auto r = paths.route(*v);
  if (!r) return "none";
  std::string out = id;
  for (const PathStep& s : r->steps)
    out += " -" + name_of(s.rel.kind) + "/" + name_of(s.rel.layer) + "/" +
           std::to_string(s.weight) + "-> " + s.rel.to;
  return out + " = " + std::to_string(r->weight) + " in " + std::to_string(r->hops);
}

// Checks every area and every start of store on each date; returns how many
// comparisons were made.
size_t check_store(const Store& store) {
  size_t checked = 0;
  std::vector<Organisation> orgs = store.organisations();
  for (const char* date : kDates) {
    Date at = *Date::parse(date);
    RelationshipFilter filter;
    filter.at = at;
    std::vector<Relationship> rels = store.relationships(filter);
    SnapshotOptions plain;
    plain.at = at;
    Snapshot whole = build_snapshot(orgs, rels, plain);

    // Areas: every body with something inside it, both layers and statutory.
    std::set<std::string> areas;
    for (auto e : boost::make_iterator_range(boost::edges(whole.graph))) {
      RelKind k = whole.graph[e].rel->kind;
      if (k == RelKind::kPartOf || k == RelKind::kMemberOf || k == RelKind::kCommitteeOf)
        areas.insert(whole.graph[e].rel->to);
    }
    for (const std::string& area : areas)
      for (std::optional<Layer> layer : {std::optional<Layer>(), std::optional(Layer::kStatutory)})
        for (bool upward : {true, false}) {
          SnapshotOptions o = plain;
          o.area = area;
          o.layer = layer;
          o.area_upward = upward;
          std::optional<Neighbourhood> part = read_area(store, o);
          REQUIRE(part);
          INFO("area " << area << " on " << date << (upward ? " upward" : ""));
          CHECK(contents(build_snapshot(part->organisations, part->relationships, o)) ==
                contents(build_snapshot(orgs, rels, o)));
          ++checked;
        }

    // Paths (on two of the dates): from every body to two electorates and to
    // the body most answered to, on the whole map and on what the two ends
    // reach.
    if (std::string(date) != kDates[1] && std::string(date) != kDates[3]) continue;
    std::vector<std::string> targets;
    for (Vertex v : electorate_roots(whole))
      if (targets.size() < 2) targets.push_back(whole[v].id);
    std::map<std::string, int> answered;
    for (auto e : boost::make_iterator_range(boost::edges(whole.graph)))
      if (is_accountability(whole.graph[e].rel->kind)) ++answered[whole.graph[e].rel->to];
    std::string top;
    for (const auto& [id, n] : answered)
      if (top.empty() || n > answered[top]) top = id;
    if (!top.empty()) targets.push_back(top);
    EdgeSelection all_kinds;
    all_kinds.kinds = all_rel_kinds();
    for (const std::string& target : targets) {
      ShortestPaths on_whole =
          shortest_paths_to(whole, {*whole.find(target)}, Weights(), all_kinds);
      for (auto v : boost::make_iterator_range(boost::vertices(whole.graph))) {
        const std::string& from = whole[v].id;
        std::optional<Neighbourhood> part = read_reachable(store, {from, target}, at);
        REQUIRE(part);
        Snapshot near = build_snapshot(part->organisations, part->relationships, plain);
        auto t = near.find(target);
        REQUIRE(t);
        ShortestPaths on_near = shortest_paths_to(near, {*t}, Weights(), all_kinds);
        INFO("path " << from << " to " << target << " on " << date);
        CHECK(route_text(on_near, near, from) == route_text(on_whole, whole, from));
        ++checked;
      }
    }
  }
  return checked;
}

// A timeline as text: each day and each change's kind and words.
std::vector<std::string> timeline_text(const std::vector<AreaDay>& days) {
  std::vector<std::string> out;
  for (const AreaDay& d : days)
    for (const AreaChange& c : d.changes)
      out.push_back(d.date.str() + " " + std::to_string(int(c.what)) + " " + c.text);
  return out;
}

}  // namespace

// The report's timeline reads only the drawn bodies' histories: for the
// bodies of every area's picture the timeline from 2013 to 2024 is the one the
// whole map gives.
TEST_CASE("neighbourhood reads: area timelines from the bodies' histories match the whole map") {
  const Store& store = test::shipped_maps_store();
  std::vector<Organisation> orgs = store.organisations();
  std::vector<Relationship> all = store.relationships();
  Date from = *Date::parse("2013-04-01"), to = *Date::parse("2024-04-01");
  size_t checked = 0, changes = 0;
  for (const char* date : kDates) {
    SnapshotOptions plain;
    plain.at = *Date::parse(date);
    RelationshipFilter filter;
    filter.at = plain.at;
    std::vector<Relationship> rels = store.relationships(filter);
    Snapshot whole = build_snapshot(orgs, rels, plain);
    std::set<std::string> areas;
    for (auto e : boost::make_iterator_range(boost::edges(whole.graph)))
      if (whole.graph[e].rel->kind == RelKind::kPartOf) areas.insert(whole.graph[e].rel->to);
    for (const std::string& area : areas) {
      SnapshotOptions o = plain;
      o.area = area;
      Snapshot picture = build_snapshot(orgs, rels, o);
      std::set<std::string> drawn;
      for (auto v : boost::make_iterator_range(boost::vertices(picture.graph)))
        drawn.insert(picture[v].id);
      std::optional<Neighbourhood> near = read_histories(store, drawn);
      REQUIRE(near);
      INFO("area " << area << " on " << date);
      std::vector<std::string> expected = timeline_text(area_timeline(orgs, all, drawn, from, to));
      CHECK(timeline_text(area_timeline(near->organisations, near->relationships, drawn, from,
                                        to)) == expected);
      changes += expected.size();
      ++checked;
    }
  }
  CHECK(checked > 50);
  CHECK(changes > 500);
  CHECK_FALSE(read_histories(store, {"a", "b", "c"}, 2));  // past the limit: the caller reads all
}

TEST_CASE("neighbourhood reads: areas and paths on the shipped maps match the whole map") {
  CHECK(check_store(test::shipped_maps_store()) > 1000);
}

TEST_CASE("shared data: neighbourhood reads of areas and paths match the whole map") {
  if (!test::shared_data_available()) {
    std::cerr << "SKIPPED: ../shared/data is absent (neighbourhood reads on the shared data)\n";
    return;
  }
  CHECK(check_store(test::shared_db().db->store()) > 1000);
}

TEST_CASE("neighbourhood reads give up past their limit, so the caller reads the whole map") {
  const Store& store = test::shipped_maps_store();
  Date at = *Date::parse("2023-04-01");
  CHECK_FALSE(read_reachable(store, {"QF7"}, at, 2));
  CHECK(read_reachable(store, {"QF7"}, at));
  SnapshotOptions o;
  o.at = at;
  o.area = "QF7";
  o.area_upward = true;
  CHECK_FALSE(read_area(store, o, 2));
}
