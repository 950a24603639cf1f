// govmap export: escaping of hostile text in every format, the snapshot and
// temporal forms, and the CSV map round trip (export, import, same graph).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/progress.h"
#include "core/snapshot.h"
#include "render/export.h"
#include "test_util.h"

using namespace govmap;
using namespace govmap::test;

namespace {

std::string hostile_map() {
  return std::string(GOVMAP_TEST_DATA) + "/export/hostile";
}

std::vector<std::string> shipped_maps() {
  std::string root = std::string(GOVMAP_SOURCE_DIR) + "/maps/";
  return {root + "england-national", root + "south-yorkshire-bassetlaw", root + "frimley"};
}

// What the listings show of the combined graph: everything but the dataset.
std::string describe(const Store& store) {
  std::string out;
  for (const Organisation& o : store.organisations()) {
    out += o.id + " |";
    for (const Identifier& i : o.identifiers) out += " " + i.scheme + ":" + i.value;
    out += "\n";
    for (const OrgPeriod& p : o.periods)
      out += "  " + p.valid.str() + " " + name_of(p.kind) + " " + p.tier + " " + p.name + " [" +
             join(p.sources, ";") + "]\n";
  }
  for (const Relationship& r : store.relationships())
    out += r.key() + " " + r.valid.str() + " " + r.cited().legal_basis + " [" +
           join(r.cited().sources, ";") + "] " + r.cited().note + "\n";
  for (const Source& s : store.sources())
    out += s.id + " " + s.title + " " + s.publisher + " " + s.url + " " + s.date + "\n";
  return out;
}

void write_csv_map(const ExportGraph& g, const std::string& folder) {
  CsvMapFiles files = export_csv_map(g);
  write_text(folder + "/organisations.csv", files.organisations);
  write_text(folder + "/relationships.csv", files.relationships);
  write_text(folder + "/sources.csv", files.sources);
}

}  // namespace

TEST_CASE("export: hostile names are escaped in GraphML, GEXF, JSON and DOT") {
  TempDb db;
  import(db.store(), {hostile_map()});
  ExportGraph g = export_graph(db.store(), std::nullopt);
  REQUIRE(g.organisations.size() == 3);
  REQUIRE(g.relationships.size() == 3);

  for (const std::string& xml : {export_graphml(g), export_gexf(g)}) {
    CHECK(xml.find("Council of A &amp; B &lt;&quot;C&quot;&gt; &#39;D&#39; – Ynys Môn") !=
          std::string::npos);
    CHECK(xml.find("\"la&amp;co&lt;x&gt;\"") != std::string::npos);
    // No raw markup from the data survives.
    CHECK(xml.find("<\"C\">") == std::string::npos);
    CHECK(xml.find("with ]]&gt; and &lt;/data&gt;") != std::string::npos);
    CHECK(xml.find("&#10;over two lines") != std::string::npos);
  }

  auto j = nlohmann::json::parse(export_node_link_json(g));
  CHECK(j["directed"] == true);
  CHECK(j["multigraph"] == true);
  REQUIRE(j["nodes"].size() == 3);
  CHECK(j["nodes"][0]["id"] == "la&co<x>");
  CHECK(j["nodes"][0]["name"] == "Council of A & B <\"C\"> 'D' – Ynys Môn");
  CHECK(j["links"][0]["note"] == "a note\nover two lines, with ]]> and </data>");

  std::string dot = export_dot(g);
  CHECK(dot.find("\"la&co<x>\" -> \"voters\"") != std::string::npos);
  CHECK(dot.find("label=\"Council of A &amp; B <\\\"C\\\"> 'D' – Ynys Môn\"") != std::string::npos);
}

TEST_CASE("export: GEXF carries inclusive start/end on nodes, edges and dynamic names") {
  TempDb db;
  import(db.store(), {hostile_map()});
  std::string gexf = export_gexf(export_graph(db.store(), std::nullopt));
  CHECK(gexf.find("mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\"") !=
        std::string::npos);
  // osc's two periods follow on, so it has one start (no end: still in force)
  // and a name that changes on 2016-04-01.
  CHECK(gexf.find("<node id=\"osc\" label=\"Scrutiny panel (renamed)\" start=\"2013-04-01\">") !=
        std::string::npos);
  CHECK(gexf.find("<attvalue for=\"name\" value=\"Scrutiny &quot;panel&quot; &amp; co\" "
                  "start=\"2013-04-01\" end=\"2016-03-31\"/>") != std::string::npos);
  CHECK(gexf.find("label=\"member_of\" start=\"2013-04-01\" end=\"2019-12-31\">") !=
        std::string::npos);
}

TEST_CASE("export: with a date, the snapshot in force that day") {
  TempDb db;
  import(db.store(), {hostile_map()});
  ExportGraph g = export_graph(db.store(), day("2020-01-01"));
  SnapshotOptions options;
  options.at = day("2020-01-01");
  Snapshot snap = build_snapshot(db.store(), options);
  CHECK(g.organisations.size() == snap.vertex_count());
  CHECK(g.relationships.size() == snap.edge_count());
  CHECK(g.relationships.size() == 2);  // the member_of ended 2019-12-31
  for (const Organisation& o : g.organisations) CHECK(o.periods.size() == 1);
  CHECK(export_graphml(g).find("Scrutiny panel (renamed)") != std::string::npos);
  CHECK(export_graphml(g).find("Scrutiny &quot;panel&quot;") == std::string::npos);

  // The CSV form of a snapshot is a map that imports on its own: the
  // committee_of is cut to osc's period in force.
  TempDir dir;
  write_csv_map(g, dir.file("snap"));
  TempDb fresh;
  REQUIRE_NOTHROW(import(fresh.store(), {dir.file("snap")}));
  auto rels = rels_from(fresh.store(), "osc", RelKind::kCommitteeOf);
  REQUIRE(rels.size() == 1);
  CHECK(rels[0].valid.str() == "2016-04-01..");
}

TEST_CASE("export: every format but the CSV map names the input rows behind each fact") {
  TempDb db;
  import(db.store(), {hostile_map()});
  import(db.store(), {ods_fixture("succ-dates-missing-body.csv")});
  import(db.store(), {ods_fixture("etr-current-only.csv")}, "2023-06-01");
  import(db.store(), {ods_fixture("etr-before-current-only.csv")}, "2020-06-01");
  ExportGraph g = export_graph(db.store(), std::nullopt);
  // A curated map's rows are its own files' (the header is line 1); a data
  // file's are the file's, named without the folder it was imported from.
  const std::string map_row = "hostile/relationships.csv:2";
  const std::string succ_row = "succ-dates-missing-body.csv:1";
  // RQQ cites line 1 of the 2023 extract and line 2 of the 2020 one, in the
  // order of their source ids (which end in each file's SHA-256).
  const std::string rqq_rows = "etr-current-only.csv:1;etr-before-current-only.csv:2";
  std::string graphml = export_graphml(g), gexf = export_gexf(g), dot = export_dot(g);
  CHECK(contains(graphml, "<data key=\"e_rows\">" + map_row + "</data>"));
  CHECK(contains(graphml, "<data key=\"e_rows\">" + succ_row + "</data>"));
  CHECK(contains(graphml, "<data key=\"n_rows\">" + rqq_rows + "</data>"));
  CHECK(contains(gexf, "<attvalue for=\"rows\" value=\"" + succ_row + "\"/>"));
  CHECK(contains(gexf, "<attvalue for=\"rows\" value=\"" + rqq_rows + "\"/>"));
  CHECK(contains(dot, "rows=\"" + succ_row + "\""));
  auto json = nlohmann::json::parse(export_node_link_json(g));
  bool rqq_seen = false;
  for (const auto& n : json["nodes"])
    if (n["id"] == "RQQ") {
      rqq_seen = true;
      CHECK(n["rows"] == rqq_rows);
      REQUIRE(n["periods"].size() == 1);
      CHECK(n["periods"][0]["rows"] == rqq_rows);
    }
  CHECK(rqq_seen);
  int succ_links = 0;
  for (const auto& l : json["links"]) succ_links += l["rows"] == succ_row;
  CHECK(succ_links == 1);
  // The CSV map cites no rows: imported again, its facts cite its own.
  CsvMapFiles files = export_csv_map(g);
  CHECK_FALSE(contains(files.relationships, "csv:"));
  CHECK_FALSE(contains(files.organisations, "csv:"));
}

TEST_CASE("export: the CSV form of the shipped maps imports back into the same graph") {
  TempDb db;
  import(db.store(), shipped_maps());
  ExportGraph g = export_graph(db.store(), std::nullopt);
  TempDir dir;
  write_csv_map(g, dir.file("exported"));
  TempDb fresh;
  import(fresh.store(), {dir.file("exported")});
  CHECK(describe(fresh.store()) == describe(db.store()));

  // And the hostile map, quotes, newlines and all.
  TempDb hostile;
  import(hostile.store(), {hostile_map()});
  write_csv_map(export_graph(hostile.store(), std::nullopt), dir.file("again"));
  TempDb hostile2;
  import(hostile2.store(), {dir.file("again")});
  CHECK(describe(hostile2.store()) == describe(hostile.store()));
}

TEST_CASE("export: output does not depend on import order") {
  auto maps = shipped_maps();
  TempDb a, b;
  import(a.store(), maps);
  import(b.store(), {maps.rbegin(), maps.rend()});
  ExportGraph ga = export_graph(a.store(), std::nullopt),
              gb = export_graph(b.store(), std::nullopt);
  CHECK(export_graphml(ga) == export_graphml(gb));
  CHECK(export_gexf(ga) == export_gexf(gb));
  CHECK(export_node_link_json(ga) == export_node_link_json(gb));
  CHECK(export_dot(ga) == export_dot(gb));
}

TEST_CASE("progress: drawn only on a terminal, outside CI, after one second") {
  using namespace std::chrono_literals;
  CHECK(progress_should_draw(true, false, 1.5s));
  CHECK_FALSE(progress_should_draw(true, false, 0.5s));
  CHECK_FALSE(progress_should_draw(true, false, 1s));    // more than a second
  CHECK_FALSE(progress_should_draw(false, false, 10s));  // piped
  CHECK_FALSE(progress_should_draw(true, true, 10s));    // CI
  CHECK_FALSE(progress_should_draw(false, true, 10s));
}

TEST_CASE("progress: an import reports its steps and finishes, also on failure") {
  struct Recorder : Progress {
    std::vector<std::string> steps;
    int finished = 0;
    void update(std::string_view what, size_t done, size_t total) override {
      steps.push_back(std::string(what) + " " + std::to_string(done) + "/" + std::to_string(total));
    }
    void finish() override { ++finished; }
  };
  TempDb db;
  Recorder r;
  ImportOptions o;
  o.progress = &r;
  import_paths(db.store(), {hostile_map()}, o);
  REQUIRE(r.steps.size() == 3);
  CHECK(r.steps[0] == "reading " + hostile_map() + " 0/4");
  CHECK(r.steps[1] == "checking the maps 2/4");
  CHECK(r.steps[2].rfind("writing ", 0) == 0);
  CHECK(r.finished == 1);

  Recorder failed;
  o.progress = &failed;
  CHECK_THROWS(import_paths(db.store(), {hostile_map() + "/no-such"}, o));
  CHECK(failed.finished == 1);
}
