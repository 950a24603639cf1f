// The store's promises: imports land whole or not at all, re-import is a no-op,
// and what is listed does not depend on import order.
#include <doctest/doctest.h>

#include <algorithm>

#include "cli/listing.h"
#include "core/error.h"
#include "core/snapshot.h"
#include "core/store.h"
#include "importers/import.h"
#include "test_util.h"

using namespace govmap;
using govmap::test::TempDir;

namespace {

// A second map that refers to the base map's organisations.
const char* kNhsSources =
    "id,title,publisher,url,date\nn1,Mandate,DHSC,https://example.org/mandate,\n";
const char* kNhsOrgs =
    "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
    "X24,NHS England,nhs_england,,2012-10-01,,ods:X24,n1\n";
const char* kNhsRels =
    "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n"
    "03N,X24,accountable_to,statutory,2013-04-01,2022-06-30,NHS Act 2006 s14Z16,n1,\n"
    "QF7,X24,performance_managed_by,shadow,2016-03-01,2022-06-30,,n1;s2,\n";

std::string listing(const Store& store) {
  std::string out;
  Table orgs({"id", "name", "from"});
  for (const Organisation& o : store.organisations())
    for (const OrgPeriod& p : o.periods) orgs.add_row({o.id, p.name, p.valid.from.str()});
  out += orgs.render(OutputFormat::kCsv);
  NameIndex names(store);
  out += relationship_table(store.relationships(), names, std::nullopt).render(OutputFormat::kJson);
  out += source_table(store.sources()).render(OutputFormat::kCsv);
  return out;
}

}  // namespace

TEST_CASE("re-importing the same map changes nothing") {
  TempDir dir;
  std::string map = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string db = dir.file("db");
  {
    Store store(db, Database::Mode::kReadWrite);
    auto first = import_paths(store, {map}, {});
    REQUIRE(first.size() == 1);
    CHECK(first[0].status == ImportReport::Status::kImported);
    CHECK(first[0].diff.periods.added == 7);
    CHECK(first[0].diff.relationships.added == 5);
  }
  std::string before = test::read_bytes(db);
  {
    Store store(db, Database::Mode::kReadWrite);
    auto again = import_paths(store, {map}, {});
    CHECK(again[0].status == ImportReport::Status::kUnchanged);
    CHECK(store.imports().size() == 1);
  }
  CHECK(test::read_bytes(db) == before);
}

TEST_CASE("a failed import leaves the database byte-for-byte unchanged") {
  TempDir dir;
  std::string good = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string db = dir.file("db");
  {
    Store store(db, Database::Mode::kReadWrite);
    import_paths(store, {good}, {});
  }
  std::string before = test::read_bytes(db);
  // A changed base map (valid) together with a broken second map: neither lands.
  std::string changed = std::string(test::kOrgs) + "hwb,Sheffield HWB,hwb,,2013-04-01,,,s1\n";
  test::write_map(dir, "base", test::kSources, changed, test::kRels);
  std::string bad_rels =
      std::string(kNhsRels) + "X24,nobody,accountable_to,statutory,2013-04-01,,x,n1,\n";
  std::string broken = test::write_map(dir, "nhs", kNhsSources, kNhsOrgs, bad_rels);
  {
    Store store(db, Database::Mode::kReadWrite);
    CHECK_THROWS_AS(import_paths(store, {good, broken}, {}), Error);
  }
  CHECK(test::read_bytes(db) == before);
  CHECK_FALSE(std::filesystem::exists(db + "-wal"));
}

TEST_CASE("a dry run writes nothing and reports the changes") {
  TempDir dir;
  std::string map = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string db = dir.file("db");
  {
    Store store(db, Database::Mode::kReadWrite);
    import_paths(store, {map}, {});
  }
  std::string before = test::read_bytes(db);
  std::string orgs = std::string(test::kOrgs);
  orgs.replace(orgs.find("Sheffield health scrutiny"), 25, "Sheffield Health Scrutiny Committee");
  orgs += "hwb,Sheffield HWB,hwb,,2013-04-01,,,s1\n";
  std::string rels = test::kRels;
  rels.erase(
      rels.find("osc,la,committee_of"),
      std::string("osc,la,committee_of,statutory,2013-04-01,,NHS Act 2006 s244,s1,\n").size());
  test::write_map(dir, "base", test::kSources, orgs, rels);
  Store store(db, Database::Mode::kReadWrite);
  ImportOptions dry;
  dry.dry_run = true;
  auto report = import_paths(store, {map}, dry);
  REQUIRE(report.size() == 1);
  CHECK(report[0].status == ImportReport::Status::kWouldImport);
  CHECK(report[0].diff.organisations.added == 1);
  CHECK(report[0].diff.periods.added == 1);
  CHECK(report[0].diff.periods.changed == 1);
  CHECK(report[0].diff.relationships.removed == 1);
  CHECK(test::read_bytes(db) == before);
}

TEST_CASE("re-importing a changed map replaces its facts") {
  TempDir dir;
  std::string map = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  import_paths(store, {map}, {});
  std::string rels = test::kRels;
  rels.erase(
      rels.find("osc,la,committee_of"),
      std::string("osc,la,committee_of,statutory,2013-04-01,,NHS Act 2006 s244,s1,\n").size());
  test::write_map(dir, "base", test::kSources, test::kOrgs, rels);
  auto report = import_paths(store, {map}, {});
  CHECK(report[0].diff.relationships.removed == 1);
  CHECK(store.relationships().size() == 4);
  CHECK(store.imports().size() == 2);
}

TEST_CASE("maps that refer to each other import in either order, with identical results") {
  TempDir dir;
  std::string base = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string nhs = test::write_map(dir, "nhs", kNhsSources, kNhsOrgs, kNhsRels);
  Store a(dir.file("a.db"), Database::Mode::kReadWrite);
  Store b(dir.file("b.db"), Database::Mode::kReadWrite);
  import_paths(a, {base, nhs}, {});
  import_paths(b, {nhs, base}, {});
  CHECK(listing(a) == listing(b));
  // And in two separate imports, dependency first.
  Store c(dir.file("c.db"), Database::Mode::kReadWrite);
  import_paths(c, {base}, {});
  import_paths(c, {nhs}, {});
  CHECK(listing(c) == listing(a));
}

TEST_CASE("a map cannot remove what another map still uses") {
  TempDir dir;
  std::string base = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string nhs = test::write_map(dir, "nhs", kNhsSources, kNhsOrgs, kNhsRels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  import_paths(store, {base, nhs}, {});
  // Drop s2 from base: nhs still cites it.
  std::string sources = test::kSources;
  sources.erase(sources.find("s2,"));
  std::string orgs = test::kOrgs, rels = test::kRels;
  for (std::string* t : {&orgs, &rels})
    for (size_t p; (p = t->find(",s2\n")) != std::string::npos;) t->replace(p, 4, ",s1\n");
  for (size_t p; (p = rels.find(",s2,")) != std::string::npos;) rels.replace(p, 4, ",s1,");
  test::write_map(dir, "base", sources, orgs, rels);
  try {
    import_paths(store, {base}, {});
    FAIL("expected an error");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() >= 1);
    CHECK(e.diagnostics()[0].message ==
          "after this import, relationship QF7 performance_managed_by X24 (dataset map:nhs) cites "
          "missing source s2");
  }
  CHECK(store.source("s2").has_value());
}

TEST_CASE("a read-only store never creates a database") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(Store(dir.file("none.db"), Database::Mode::kReadOnly),
                       doctest::Contains("does not exist"), Error);
  CHECK_FALSE(std::filesystem::exists(dir.file("none.db")));
}

TEST_CASE("a file that is not a govmap database is refused") {
  TempDir dir;
  test::write_text(dir.file("x.db"), "");
  {
    Database raw(dir.file("y.db"), Database::Mode::kReadWrite);
    raw.exec("CREATE TABLE t(x)");
  }
  CHECK_THROWS_WITH_AS(Store(dir.file("y.db"), Database::Mode::kReadWrite),
                       doctest::Contains("is not a govmap database"), Error);
}

TEST_CASE("snapshots: what is in force, names and kinds that change, filters") {
  TempDir dir;
  std::string base = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string nhs = test::write_map(dir, "nhs", kNhsSources, kNhsOrgs, kNhsRels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  import_paths(store, {base, nhs}, {});

  SnapshotOptions at2018;
  at2018.at = *Date::parse("2018-08-08");
  Snapshot s = build_snapshot(store, at2018);
  CHECK(s.vertex_count() == 6);
  CHECK(s.edge_count() == 6);
  CHECK(s[*s.find("QF7")].period.kind == OrgKind::kIcs);
  // Vertices come in id order whatever the import order.
  std::vector<std::string> ids;
  for (auto v : boost::make_iterator_range(boost::vertices(s.graph))) ids.push_back(s[v].id);
  CHECK(ids == std::vector<std::string>{"03N", "QF7", "X24", "la", "osc", "voters"});

  SnapshotOptions at2023 = at2018;
  at2023.at = *Date::parse("2023-01-01");
  Snapshot t = build_snapshot(store, at2023);
  CHECK_FALSE(t.find("03N"));
  CHECK(t[*t.find("QF7")].period.kind == OrgKind::kIcb);
  CHECK(t[*t.find("QF7")].period.name == "NHS South Yorkshire ICB");

  SnapshotOptions shadow = at2018;
  shadow.layer = Layer::kShadow;
  CHECK(build_snapshot(store, shadow).edge_count() == 2);

  SnapshotOptions kinds = at2018;
  kinds.kinds = {RelKind::kElectedBy, RelKind::kCommitteeOf};
  CHECK(build_snapshot(store, kinds).edge_count() == 2);

  SnapshotOptions area = at2018;
  area.area = "la";
  area.area_hops = 1;
  Snapshot a = build_snapshot(store, area);
  CHECK(a.vertex_count() == 2);  // la and its committee osc; elected_by is not an area link
  CHECK(a.find("osc"));
  area.area_upward = true;
  Snapshot up = build_snapshot(store, area);
  CHECK(up.vertex_count() == 3);  // ... and the voters the council answers to
  CHECK(up.find("voters"));
  area.area = "03N";
  up = build_snapshot(store, area);
  // Nothing lies inside 03N (it is a member of QF7, not the other way), so its
  // area is itself, the partnership it sits on (QF7) and, upwards,
  // osc -> la -> voters and X24.
  std::vector<std::string> up_ids;
  for (auto v : boost::make_iterator_range(boost::vertices(up.graph))) up_ids.push_back(up[v].id);
  CHECK(up_ids == std::vector<std::string>{"03N", "QF7", "X24", "la", "osc", "voters"});
  // QF7's area holds its member 03N; QF7 is not inside 03N's.
  area.area = "QF7";
  area.area_upward = false;
  Snapshot qf7 = build_snapshot(store, area);
  CHECK(qf7.vertex_count() == 2);
  CHECK(qf7.find("03N"));
}

TEST_CASE("cycles in part_of and committee_of stay bounded in area filters") {
  TempDir dir;
  const char* sources = "id,title,publisher,url,date\ns,S,P,https://example.org/s,\n";
  const char* orgs =
      "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
      "a,A,other,,2020-01-01,,,s\nb,B,other,,2020-01-01,,,s\nc,C,other,,2020-01-01,,,s\n"
      "d,D,other,,2020-01-01,,,s\n";
  const char* rels =
      "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n"
      "a,b,part_of,statutory,2020-01-01,,,s,\nb,c,part_of,statutory,2020-01-01,,,s,\n"
      "c,a,part_of,statutory,2020-01-01,,,s,\n"
      "a,d,committee_of,statutory,2020-01-01,,,s,\nd,a,committee_of,statutory,2020-01-01,,,s,\n";
  std::string map = test::write_map(dir, "cyclic", sources, orgs, rels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  import_paths(store, {map}, {});
  SnapshotOptions o;
  o.at = *Date::parse("2021-01-01");
  o.area = "a";
  o.area_hops = 1000000;  // far more than the graph: the visited set ends the walk
  o.area_upward = true;
  Snapshot s = build_snapshot(store, o);
  CHECK(s.vertex_count() == 4);
  CHECK(s.edge_count() == 5);
}

TEST_CASE("a whole-map read and a one-body read give each fact the same sources") {
  // Whole-map reads merge the source tables in one ordered scan; one body's
  // reads look its sources up row by row. Both must agree.
  TempDir dir;
  std::string base = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string nhs = test::write_map(dir, "nhs", kNhsSources, kNhsOrgs, kNhsRels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  import_paths(store, {base, nhs}, {});
  std::vector<Relationship> all = store.relationships();
  REQUIRE(!all.empty());
  bool two_sources = false;
  for (const Relationship& r : all) {
    RelationshipFilter f;
    f.from = r.from;
    std::vector<Relationship> one = store.relationships(f);
    auto it = std::find_if(one.begin(), one.end(), [&](const Relationship& x) {
      return x.key() == r.key() && x.valid.from == r.valid.from;
    });
    REQUIRE(it != one.end());
    CHECK(it->cited().sources == r.cited().sources);
    CHECK(it->cited().source_lines == r.cited().source_lines);
    if (r.cited().sources == std::vector<std::string>{"n1", "s2"}) {
      two_sources = true;
      // Both citations of relationships.csv's line 3.
      CHECK(r.cited().source_lines == SourceLines{{"n1", 3}, {"s2", 3}});
    }
  }
  CHECK(two_sources);
  RelationshipFilter at;
  at.at = Date::parse_or_throw("2020-01-01", "test");
  for (const Relationship& r : store.relationships(at)) CHECK(!r.cited().sources.empty());
  for (const Organisation& o : store.organisations()) {
    std::optional<Organisation> one = store.organisation(o.id);
    REQUIRE(one);
    REQUIRE(one->periods.size() == o.periods.size());
    for (size_t i = 0; i < o.periods.size(); ++i) {
      CHECK(one->periods[i].sources == o.periods[i].sources);
      CHECK(one->periods[i].source_lines == o.periods[i].source_lines);
      CHECK(!o.periods[i].sources.empty());
      CHECK(o.periods[i].source_lines.size() == o.periods[i].sources.size());
    }
  }
  CHECK(test::periods_of(store, "X24")[0].source_lines == SourceLines{{"n1", 2}});
  // The same bodies read together, with ids that are not there among them
  // (and one a JSON string must escape): what organisation() gives for each.
  std::set<std::string> ids = {"no-such\"body\\", "zzz-missing"};
  for (const Organisation& o : store.organisations()) ids.insert(o.id);
  std::vector<Organisation> batch = store.organisations_of(ids);
  REQUIRE(batch.size() == store.organisations().size());
  for (const Organisation& o : batch) {
    std::optional<Organisation> one = store.organisation(o.id);
    REQUIRE(one);
    CHECK(o.identifiers == one->identifiers);
    REQUIRE(o.periods.size() == one->periods.size());
    for (size_t i = 0; i < o.periods.size(); ++i) {
      CHECK(o.periods[i].name == one->periods[i].name);
      CHECK(o.periods[i].valid.from == one->periods[i].valid.from);
      CHECK(o.periods[i].valid.to == one->periods[i].valid.to);
      CHECK(o.periods[i].sources == one->periods[i].sources);
      CHECK(o.periods[i].source_lines == one->periods[i].source_lines);
    }
  }
  CHECK(store.organisations_of({}).empty());
}

TEST_CASE("reads without citations, or without source lines, give the same facts less those") {
  TempDir dir;
  std::string base = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  std::string nhs = test::write_map(dir, "nhs", kNhsSources, kNhsOrgs, kNhsRels);
  Store store(dir.file("db"), Database::Mode::kReadWrite);
  import_paths(store, {base, nhs}, {});
  for (bool lines_only : {false, true})
    for (bool whole : {true, false}) {
      CAPTURE(lines_only);
      CAPTURE(whole);
      RelationshipFilter cited, bare;
      if (!whole) cited.from = bare.from = "03N";
      if (lines_only)
        bare.source_lines = false;  // compare: sources, never their lines
      else
        bare.citations = false;  // distance: no citation at all
      std::vector<Relationship> a = store.relationships(cited), b = store.relationships(bare);
      REQUIRE(a.size() == b.size());
      REQUIRE(!a.empty());
      bool any_basis = false, any_lines = false;
      for (size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].key() == b[i].key());
        CHECK(a[i].valid.str() == b[i].valid.str());
        CHECK(a[i].dataset == b[i].dataset);
        CHECK(b[i].cited().source_lines.empty());
        if (lines_only) {
          CHECK(a[i].cited().sources == b[i].cited().sources);
          CHECK(a[i].cited().legal_basis == b[i].cited().legal_basis);
          CHECK(a[i].cited().note == b[i].cited().note);
        } else {
          CHECK(!b[i].has_citation());  // nothing allocated for what was not read
          CHECK(b[i].cited().sources.empty());
          CHECK(b[i].cited().legal_basis.empty());
          CHECK(b[i].cited().note.empty());
        }
        any_basis = any_basis || !a[i].cited().legal_basis.empty();
        any_lines = any_lines || !a[i].cited().source_lines.empty();
      }
      CHECK(any_basis);
      CHECK(any_lines);
    }
  std::vector<Organisation> a = store.organisations(), b = store.organisations({}, false);
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].identifiers == b[i].identifiers);
    REQUIRE(a[i].periods.size() == b[i].periods.size());
    for (size_t j = 0; j < a[i].periods.size(); ++j) {
      CHECK(a[i].periods[j].name == b[i].periods[j].name);
      CHECK(a[i].periods[j].valid.str() == b[i].periods[j].valid.str());
      CHECK(b[i].periods[j].sources.empty());
      CHECK(b[i].periods[j].source_lines.empty());
    }
  }
  // The same graph either way, and from a list handed over (moved) as from
  // one kept (copied).
  SnapshotOptions options;
  options.at = Date::parse_or_throw("2020-01-01", "test");
  Snapshot cited = build_snapshot(store, options);
  options.citations = false;
  Snapshot bare = build_snapshot(store, options);
  std::vector<Organisation> kept = store.organisations();
  Snapshot copied = build_snapshot(kept, store.relationships(), options);
  Snapshot moved = build_snapshot(store.organisations(), store.relationships(), options);
  REQUIRE(cited.vertex_count() > 0);
  REQUIRE(cited.edge_count() > 0);
  for (const Snapshot* s : {&bare, &copied, &moved}) {
    REQUIRE(s->vertex_count() == cited.vertex_count());
    REQUIRE(s->edge_count() == cited.edge_count());
    for (Vertex v = 0; v < cited.vertex_count(); ++v) {
      CHECK((*s)[v].id == cited[v].id);
      CHECK((*s)[v].period.name == cited[v].period.name);
      CHECK((*s)[v].identifiers == cited[v].identifiers);
    }
  }
  // The kept list is left whole by the copy.
  for (const Organisation& o : kept) CHECK(!o.periods.front().name.empty());
}

TEST_CASE("a schema 4 database is upgraded to 5: placeholders marked, citations given lines") {
  TempDir dir;
  std::string path = dir.file("v4.db");
  {
    Store s(path, Database::Mode::kReadWrite);
    test::import(s, {test::ods_fixture("etr-standard-27-fields.csv")}, "2020-06-01");
    auto txn = s.begin();
    test::drop_schema_5_columns(s);
    s.db().exec("PRAGMA user_version = 4");
    txn->commit();
  }
  CHECK_THROWS_WITH_AS(Store(path, Database::Mode::kReadOnly),
                       doctest::Contains("has schema version 4"), Error);
  Store s(path, Database::Mode::kReadWrite);
  CHECK(s.upgraded());
  // The migration marks what schema 4 took for placeholders: kind unknown.
  std::vector<OrgPeriod> qop = test::periods_of(s, "QOP");
  REQUIRE(qop.size() == 2);  // split on ICB day
  for (const OrgPeriod& p : qop) {
    CHECK(p.placeholder);
    CHECK(p.kind == OrgKind::kUnknown);
  }
  CHECK(test::periods_of(s, "RAA")[0].source_lines.empty());
  // The upgrading import recomputes the data: the kind field 4 implies, lines.
  test::import(s, {test::ods_fixture("etr-standard-27-fields.csv")}, "2020-06-01");
  qop = test::periods_of(s, "QOP");
  REQUIRE(qop.size() == 2);
  CHECK(qop[0].placeholder);
  CHECK(qop[0].kind == OrgKind::kStp);
  CHECK(qop[1].kind == OrgKind::kIcb);
  std::vector<OrgPeriod> raa = test::periods_of(s, "RAA");
  REQUIRE(raa.size() == 1);
  REQUIRE(raa[0].sources.size() == 1);
  CHECK(raa[0].source_lines == SourceLines{{raa[0].sources[0], 1}});
  auto version = s.db().prepare("PRAGMA user_version");
  version.step();
  CHECK(version.integer(0) == 5);
}
