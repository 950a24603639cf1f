// ODS importers (etr, eccg, ect, succ): fixtures in tests/data/ods, then the
// real extracts in ../shared/data.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <functional>

#include "importers/dataset.h"
#include "importers/ods_merge.h"
#include "tests/test_util.h"

namespace govmap {
namespace {

using test::contains;
using test::day;
using test::ids_of_kind_at;
using test::import;
using test::ods_fixture;
using test::periods_of;
using test::rels_from;

std::string error_text(const std::function<void()>& f, Error::Kind* kind = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (kind) *kind = e.kind();
    return e.format();
  }
  return "";
}

const Relationship* find_rel(const std::vector<Relationship>& rels, const std::string& to) {
  for (const Relationship& r : rels)
    if (r.to == to) return &r;
  return nullptr;
}

std::vector<const Relationship*> rels_to(const std::vector<Relationship>& rels,
                                         const std::string& to) {
  std::vector<const Relationship*> out;
  for (const Relationship& r : rels)
    if (r.to == to) out.push_back(&r);
  return out;
}

bool any_warning(const std::vector<ImportReport>& reports, const std::string& what) {
  for (const ImportReport& r : reports)
    for (const std::string& w : r.warnings)
      if (contains(w, what)) return true;
  return false;
}

}  // namespace

TEST_CASE("ODS files are recognised by structure, not name") {
  CHECK(detect_format(ods_fixture("etr-standard-27-fields.csv")) == "ods-etr");
  CHECK(detect_format(ods_fixture("etr-legacy-24-fields.csv")) == "ods-etr");
  CHECK(detect_format(ods_fixture("eccg-field14-role.csv")) == "ods-eccg");
  CHECK(detect_format(ods_fixture("eccg-field14-subtype.csv")) == "ods-eccg");
  CHECK(detect_format(ods_fixture("ect-care-trusts.csv")) == "ods-ect");
  CHECK(detect_format(ods_fixture("succ-successions.csv")) == "ods-succ");
  CHECK(detect_format(ods_fixture("missing-as-of.csv")) == "ods-etr");
}

TEST_CASE("a file that matches no format is an error naming the formats tried") {
  Error::Kind kind = Error::Kind::kUsage;
  std::string msg =
      error_text([] { detect_format(ods_fixture("unrecognised-format.csv")); }, &kind);
  CHECK(kind == Error::Kind::kInput);
  CHECK(contains(msg, "matches no known input format"));
  CHECK(contains(msg, "curated map"));
  CHECK(contains(msg, "ONS lookup"));
  CHECK(contains(msg, "ODS extract"));
  CHECK(contains(msg, "succ"));
  CHECK(contains(msg, "4 fields per row"));
}

TEST_CASE("an ODS extract without --as-of is dated by its own open and close dates") {
  test::TempDb db;
  auto reports = import(db.store(), {ods_fixture("etr-standard-27-fields.csv"),
                                     ods_fixture("eccg-field14-role.csv")});
  REQUIRE(reports.size() == 2);
  // etr: latest open 2020-06-01 beats the day after its latest close (2019-04-01).
  REQUIRE(reports[0].assumed_as_of);
  CHECK(reports[0].assumed_as_of->str() == "2020-06-01");
  // eccg: latest open 2024-04-01.
  REQUIRE(reports[1].assumed_as_of);
  CHECK(reports[1].assumed_as_of->str() == "2024-04-01");
  // The same as giving each date with --as-of.
  test::TempDb given;
  import(given.store(), {ods_fixture("etr-standard-27-fields.csv")}, "2020-06-01");
  import(given.store(), {ods_fixture("eccg-field14-role.csv")}, "2024-04-01");
  for (const char* d : {"ods:trusts", "ods:commissioners"})
    CHECK(diff_datasets(load_dataset(db.store(), d), load_dataset(given.store(), d)).empty());
  // A given --as-of is used as it is, and nothing is assumed.
  test::TempDb explicit_date;
  auto r = import(explicit_date.store(), {ods_fixture("etr-standard-27-fields.csv")}, "2021-01-01");
  CHECK_FALSE(r[0].assumed_as_of);
}

TEST_CASE("ods_bounding_date: the later of the latest open date and the day after a close") {
  OdsFile f;
  CHECK_FALSE(ods_bounding_date(f));  // no rows
  OdsRow a;
  a.open = day("2013-04-01");
  f.rows.push_back(a);
  CHECK_FALSE(ods_bounding_date(f));  // no close date: no bound
  OdsRow b;
  b.open = day("2013-04-01");
  b.close = day("2022-06-30");
  f.rows.push_back(b);
  CHECK(ods_bounding_date(f)->str() == "2022-07-01");
  OdsRow c;
  c.open = day("2024-07-24");
  f.rows.push_back(c);
  CHECK(ods_bounding_date(f)->str() == "2024-07-24");
}

TEST_CASE("an ODS extract without --as-of and without a close date is an error that says so") {
  test::TempDb db;
  Error::Kind kind = Error::Kind::kInput;
  std::string msg =
      error_text([&] { import(db.store(), {ods_fixture("missing-as-of.csv")}); }, &kind);
  CHECK(kind == Error::Kind::kUsage);
  CHECK(contains(msg, "missing-as-of.csv"));
  CHECK(contains(msg, "--as-of"));
  CHECK(db.store().organisations().empty());
  // succ files carry their own dates and need none.
  CHECK_NOTHROW(import(db.store(), {ods_fixture("succ-successions.csv")}));
}

TEST_CASE("bad ODS rows are reported as file:line:column") {
  test::TempDb db;
  Error::Kind kind = Error::Kind::kUsage;
  std::string msg = error_text(
      [&] { import(db.store(), {ods_fixture("etr-bad-rows.csv")}, "2020-01-01"); }, &kind);
  CHECK(kind == Error::Kind::kInput);
  CHECK(contains(msg, "etr-bad-rows.csv:2:"));
  CHECK(contains(msg,
                 "etr-bad-rows.csv:2:84: error: open date: invalid date '19941301': month 13 is "
                 "out of range\n"));
  CHECK(contains(msg, "etr-bad-rows.csv:3:"));
  CHECK(contains(msg, "close date 1991-01-01 is before open date 1992-04-01"));
  CHECK(contains(
      msg, "etr-bad-rows.csv:4:1: error: duplicate organisation code 'RAA' (first on line 1)"));
  CHECK(contains(
      msg,
      "etr-bad-rows.csv:5: error: expected 27 fields (ODS standard 27-field layout), found 26"));
  CHECK(db.store().organisations().empty());
}

TEST_CASE("etr, 27-field layout: trusts, kinds, periods and part_of as at the snapshot") {
  test::TempDb db;
  Store& s = db.store();
  auto reports = import(s, {ods_fixture("etr-standard-27-fields.csv")}, "2020-04-01");
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].dataset == "ods:trusts");
  CHECK(reports[0].importer == "ods-etr");

  auto raa = periods_of(s, "RAA");
  REQUIRE(raa.size() == 1);
  CHECK(raa[0].kind == OrgKind::kFoundationTrust);
  CHECK(raa[0].name == "ALPHA HOSPITALS NHS FOUNDATION TRUST");  // upper case, as ODS gives it
  CHECK(raa[0].valid.str() == "2004-07-01..");
  CHECK(periods_of(s, "RBB")[0].kind == OrgKind::kNhsTrust);
  CHECK(periods_of(s, "RCC")[0].name == "GAMMA, DELTA AND EPSILON NHS TRUST");
  CHECK(periods_of(s, "RDD")[0].valid.str() == "1992-04-01..2019-03-31");
  CHECK(test::has_identifier(s, "RAA", "ods", "RAA"));

  auto raa_rels = rels_from(s, "RAA");
  REQUIRE(raa_rels.size() == 2);
  REQUIRE(find_rel(raa_rels, "Y63"));
  CHECK(find_rel(raa_rels, "Y63")->valid.str() == "2020-04-01..");
  CHECK(find_rel(raa_rels, "QF7")->valid.str() == "2020-04-01..");
  // Closed before the snapshot: fields 3 and 4 describe it at closure only.
  CHECK(rels_from(s, "RDD").empty());
  // Welsh trusts: W00 and Q99 are placeholders, never organisations.
  CHECK(rels_from(s, "RQF").empty());
  CHECK_FALSE(s.has_organisation("W00"));
  CHECK_FALSE(s.has_organisation("Q99"));
  // Not open yet on the snapshot date: part_of from its open date.
  CHECK(find_rel(rels_from(s, "REE"), "Y62")->valid.str() == "2020-06-01..");
  // Codes no dataset defines become placeholders of the kind their field
  // names (field 3 a region, field 4 an STP before 1 July 2022), with a warning.
  CHECK(periods_of(s, "Y63")[0].kind == OrgKind::kNhseRegion);
  CHECK(periods_of(s, "Y63")[0].placeholder);
  CHECK(periods_of(s, "QOP")[0].kind == OrgKind::kStp);
  CHECK(periods_of(s, "QOP")[0].placeholder);
  CHECK(any_warning(reports, "code 'QF7' in field 4 (STP/ICB) names no organisation govmap knows"));
  CHECK(any_warning(reports, "code 'Y63' in field 3 (NHS England region)"));
}

TEST_CASE("etr, 24-field legacy layout") {
  test::TempDb db;
  Store& s = db.store();
  auto reports = import(s, {ods_fixture("etr-legacy-24-fields.csv")}, "2020-03-27");
  CHECK(reports[0].importer == "ods-etr");
  CHECK(periods_of(s, "RCC")[0].name == "GAMMA, DELTA AND EPSILON NHS TRUST");
  CHECK(periods_of(s, "R0C")[0].valid.str() == "2020-03-01..2020-03-26");
  CHECK(rels_from(s, "R0C").empty());
  CHECK(find_rel(rels_from(s, "RAA"), "QF7") != nullptr);
  auto sources = s.sources();
  REQUIRE(sources.size() == 1);
  CHECK(contains(sources[0].id, "ods-etr-"));
  CHECK(contains(sources[0].title, "legacy 24-field layout"));
  CHECK(sources[0].date == "2020-03-27");
}

TEST_CASE("a newer etr snapshot updates periods instead of duplicating them") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {ods_fixture("etr-standard-27-fields.csv")}, "2020-04-01");
  auto dry = import(s, {ods_fixture("etr-later-snapshot.csv")}, "2021-06-01", true);
  REQUIRE(dry.size() == 1);
  CHECK(dry[0].status == ImportReport::Status::kWouldImport);
  CHECK(dry[0].diff.periods.closed >= 2);        // RCC vanished, RBB renamed
  CHECK(dry[0].diff.relationships.closed >= 2);  // RAA left QF7, RCC's memberships
  CHECK(dry[0].diff.organisations.removed == 0);
  CHECK(rels_from(s, "RFF").empty());  // a dry run writes nothing

  auto reports = import(s, {ods_fixture("etr-later-snapshot.csv")}, "2021-06-01");
  CHECK(reports[0].status == ImportReport::Status::kImported);
  // RCC vanished: closed the day before the snapshot, never deleted.
  auto rcc = periods_of(s, "RCC");
  REQUIRE(rcc.size() == 1);
  CHECK(rcc[0].valid.str() == "1992-04-01..2021-05-31");
  for (const Relationship& r : rels_from(s, "RCC")) CHECK(r.valid.to == day("2021-05-31"));
  // RBB became a foundation trust: a new period from the snapshot date.
  auto rbb = periods_of(s, "RBB");
  REQUIRE(rbb.size() == 2);
  CHECK(rbb[0].kind == OrgKind::kNhsTrust);
  CHECK(rbb[0].valid.str() == "1994-04-01..2021-05-31");
  CHECK(rbb[1].kind == OrgKind::kFoundationTrust);
  CHECK(rbb[1].valid.str() == "2021-06-01..");
  // RAA: the same region in both snapshots is one period citing both; the STP changed.
  auto raa = rels_from(s, "RAA");
  auto y63 = rels_to(raa, "Y63");
  REQUIRE(y63.size() == 1);
  CHECK(y63[0]->valid.str() == "2020-04-01..");
  CHECK(y63[0]->cited().sources.size() == 2);
  CHECK(find_rel(raa, "QF7")->valid.str() == "2020-04-01..2021-05-31");
  CHECK(find_rel(raa, "QWO")->valid.str() == "2021-06-01..");
  CHECK(periods_of(s, "RFF")[0].valid.str() == "2021-04-01..");
  // One period per name: nothing duplicated.
  CHECK(periods_of(s, "RAA").size() == 1);

  // Importing either file again changes nothing.
  auto again =
      import(s, {ods_fixture("etr-later-snapshot.csv"), ods_fixture("etr-standard-27-fields.csv")},
             "2021-06-01");
  CHECK(again[0].status == ImportReport::Status::kUnchanged);
}

TEST_CASE("the result does not depend on the order snapshots are imported in") {
  test::TempDb a, b;
  import(a.store(), {ods_fixture("etr-standard-27-fields.csv")}, "2020-04-01");
  import(a.store(), {ods_fixture("etr-later-snapshot.csv")}, "2021-06-01");
  import(b.store(), {ods_fixture("etr-later-snapshot.csv")}, "2021-06-01");
  import(b.store(), {ods_fixture("etr-standard-27-fields.csv")}, "2020-04-01");
  DatasetContent ca = load_dataset(a.store(), "ods:trusts");
  DatasetContent cb = load_dataset(b.store(), "ods:trusts");
  CHECK(diff_datasets(ca, cb).empty());
  CHECK(ca.periods.size() == cb.periods.size());
  CHECK(ca.relationships.size() == cb.relationships.size());
}

TEST_CASE("eccg with roles in field 14: CCGs, sub-ICB locations, hubs, reporting entities") {
  test::TempDb db;
  Store& s = db.store();
  auto reports = import(s, {ods_fixture("eccg-field14-role.csv")}, "2025-01-01");
  CHECK(reports[0].dataset == "ods:commissioners");
  auto first = periods_of(s, "01A");
  REQUIRE(first.size() == 1);
  CHECK(first[0].kind == OrgKind::kCcg);
  CHECK(first[0].valid.str() == "2013-04-01..2020-03-31");
  // A CCG open across 1 July 2022 is a sub-ICB location from then on.
  for (const char* id : {"03C", "A1B2C"}) {
    auto p = periods_of(s, id);
    REQUIRE(p.size() == 2);
    CHECK(p[0].kind == OrgKind::kCcg);
    CHECK(p[0].valid.to == day("2022-06-30"));
    CHECK(p[1].kind == OrgKind::kSubIcbLocation);
    CHECK(p[1].valid.str() == "2022-07-01..");
  }
  // Commissioning hubs: kind other, and their administrative Y63/QWO is not an area.
  CHECK(periods_of(s, "13Q")[0].kind == OrgKind::kOther);
  CHECK(rels_from(s, "13Q").empty());
  CHECK(periods_of(s, "B9X9X")[0].kind == OrgKind::kOther);
  CHECK(find_rel(rels_from(s, "B9X9X"), "QMJ") != nullptr);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2013-04-01")).size() == 2);
  CHECK(ids_of_kind_at(s, OrgKind::kSubIcbLocation, day("2025-01-01")).size() == 2);
}

TEST_CASE("eccg with sub-type letters in field 14 (older variant)") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {ods_fixture("eccg-field14-subtype.csv")}, "2021-01-01");
  CHECK(periods_of(s, "01A")[0].kind == OrgKind::kCcg);
  CHECK(periods_of(s, "03C")[0].kind == OrgKind::kCcg);
  CHECK(periods_of(s, "13Q")[0].kind == OrgKind::kOther);
  CHECK(rels_from(s, "13Q").empty());
  CHECK(find_rel(rels_from(s, "03C"), "QF7")->valid.str() == "2021-01-01..");
}

TEST_CASE("a field 4 code in a file but nowhere else becomes a placeholder ICB after ICB day") {
  test::TempDb db;
  Store& s = db.store();
  // Regions and ICBs named by ONS are known; QZZ is not.
  import(s, {test::ons_fixture("names-nhser-2019.csv")});
  auto reports = import(s, {ods_fixture("eccg-new-icb-code.csv")}, "2025-01-01");
  CHECK(reports[0].status == ImportReport::Status::kImported);
  CHECK(any_warning(reports, "code 'QZZ' in field 4 (STP/ICB) names no organisation govmap knows"));
  CHECK_FALSE(any_warning(reports, "'Y63'"));
  auto qzz = periods_of(s, "QZZ");
  REQUIRE(qzz.size() == 1);
  CHECK(qzz[0].kind == OrgKind::kIcb);
  CHECK(qzz[0].placeholder);
  CHECK(qzz[0].name == "QZZ");
  // Field 4 names ICBs: the first extract after 1 July 2022 speaks from that day.
  CHECK(qzz[0].valid.str() == "2022-07-01..");
  CHECK(periods_of(s, "Y63")[0].kind == OrgKind::kNhseRegion);
  CHECK_FALSE(periods_of(s, "Y63")[0].placeholder);
  CHECK(any_warning(reports, "recorded as an ICB named by its code until a dataset defines it"));
}

TEST_CASE("an HLHG code no lookup names: an STP before 1 July 2022, an ICB from then, in force") {
  // Two trust extracts, 2021 and 2025, both placing RKK in QZY, a code no
  // ONS file or map names: the body is of the kind field 4 gives in the ODS
  // layout on each day, so the 2022 rules (CCG -> ICB, ICB day) find it.
  test::TempDb db;
  Store& s = db.store();
  import(s, {ods_fixture("etr-hlhg-unnamed-2021.csv")}, "2021-06-01");
  auto reports = import(s, {ods_fixture("etr-hlhg-unnamed-2025.csv")}, "2025-01-01");
  auto qzy = periods_of(s, "QZY");
  REQUIRE(qzy.size() == 2);
  CHECK(qzy[0].kind == OrgKind::kStp);
  CHECK(qzy[0].valid.str() == "2021-06-01..2022-06-30");
  CHECK(qzy[1].kind == OrgKind::kIcb);
  CHECK(qzy[1].valid.str() == "2022-07-01..");
  for (const OrgPeriod& p : qzy) {
    CHECK(p.placeholder);
    CHECK(p.country == Country::kEngland);
  }
  CHECK(periods_of(s, "Y61")[0].kind == OrgKind::kNhseRegion);
  CHECK(ids_of_kind_at(s, OrgKind::kIcb, day("2023-07-01")) == std::vector<std::string>{"QZY"});
  CHECK(find_rel(rels_from(s, "RKK"), "QZY")->valid.str() == "2021-06-01..");
  CHECK(find_rel(rels_from(s, "RMM"), "QZY")->valid.str() == "2023-04-01..");
  // Importing the extracts in the other order gives the same dataset.
  test::TempDb other;
  import(other.store(), {ods_fixture("etr-hlhg-unnamed-2025.csv")}, "2025-01-01");
  import(other.store(), {ods_fixture("etr-hlhg-unnamed-2021.csv")}, "2021-06-01");
  CHECK(diff_datasets(load_dataset(s, "ods:trusts"), load_dataset(other.store(), "ods:trusts"))
            .empty());
  // A lookup naming the code defines the body: the placeholder gives way.
  import(s, {test::ons_fixture("names-icb-2024.csv")});
  auto named = periods_of(s, "QZY");
  REQUIRE(!named.empty());
  for (const OrgPeriod& p : named) {
    CHECK_FALSE(p.placeholder);
    CHECK(p.name == "NHS Kappa and Mu Integrated Care Board");
    // Cited with the line of the names file's row.
    REQUIRE(p.sources.size() == 1);
    CHECK(p.source_lines == SourceLines{{p.sources[0], 2}});
  }
}

TEST_CASE("a body missing from a current-only extract closes when its succession took effect") {
  // The 2020 extract lists RPP, RQQ and RSS; the 2023 one (current records
  // only) lists RQQ alone. The succ file says RPP was succeeded by RQQ from
  // 1 April 2021: RPP closes on 31 March 2021, not on the day before the 2023
  // extract. RSS has no succession and closes the day before that extract.
  auto load = [](Store& s, bool succ_first) {
    if (succ_first) import(s, {ods_fixture("succ-dates-missing-body.csv")});
    import(s, {ods_fixture("etr-current-only.csv")}, "2023-06-01");
    import(s, {ods_fixture("etr-before-current-only.csv")}, "2020-06-01");
    if (!succ_first) import(s, {ods_fixture("succ-dates-missing-body.csv")});
  };
  test::TempDb db;
  Store& s = db.store();
  load(s, false);
  auto rpp = periods_of(s, "RPP");
  REQUIRE(rpp.size() == 1);
  CHECK(rpp[0].valid.str() == "2000-04-01..2021-03-31");
  std::vector<Relationship> rpp_rels = rels_from(s, "RPP");
  const Relationship* in_qzy = find_rel(rpp_rels, "QZY");
  REQUIRE(in_qzy);
  CHECK(in_qzy->valid.str() == "2020-06-01..2021-03-31");
  REQUIRE(in_qzy->cited().sources.size() == 1);
  CHECK(in_qzy->cited().source_lines == SourceLines{{in_qzy->cited().sources[0], 1}});
  auto succ = rels_from(s, "RPP", RelKind::kSucceededBy);
  REQUIRE(succ.size() == 1);
  CHECK(succ[0].to == "RQQ");
  // The succession's citation: line 1 of the succ file. RQQ's period cites
  // both extracts: line 2 of the 2020 one, line 1 of the 2023 one.
  CHECK(succ[0].cited().source_lines.begin()->second == 1);
  std::vector<int> rqq_lines;
  std::vector<OrgPeriod> rqq = periods_of(s, "RQQ");
  REQUIRE(rqq.size() == 1);
  for (const auto& [src, line] : rqq[0].source_lines) rqq_lines.push_back(line);
  std::sort(rqq_lines.begin(), rqq_lines.end());
  CHECK(rqq_lines == std::vector<int>{1, 2});
  CHECK(periods_of(s, "RSS")[0].valid.str() == "2000-04-01..2023-05-31");
  CHECK(periods_of(s, "RQQ")[0].valid.str() == "2000-04-01..");
  // An ODS close date is kept: ROO's succession (2015) does not move it.
  CHECK(periods_of(s, "ROO")[0].valid.str() == "1995-04-01..2015-03-31");
  // The same whatever the order the three files came in.
  test::TempDb other;
  load(other.store(), true);
  for (const char* d : {"ods:trusts", "ods:successions"})
    CHECK(diff_datasets(load_dataset(s, d), load_dataset(other.store(), d)).empty());
  // Without the succ file the extracts alone can say only "gone by 2023".
  test::TempDb alone;
  import(alone.store(), {ods_fixture("etr-before-current-only.csv")}, "2020-06-01");
  import(alone.store(), {ods_fixture("etr-current-only.csv")}, "2023-06-01");
  CHECK(periods_of(alone.store(), "RPP")[0].valid.str() == "2000-04-01..2023-05-31");
}

TEST_CASE("ect: care trusts") {
  test::TempDb db;
  Store& s = db.store();
  auto reports = import(s, {ods_fixture("ect-care-trusts.csv")}, "2023-07-01");
  CHECK(reports[0].dataset == "ods:care-trusts");
  // TAD is a care trust with foundation trust status; TAX a plain care trust.
  CHECK(periods_of(s, "TAD")[0].kind == OrgKind::kFoundationTrust);
  CHECK(periods_of(s, "TAX")[0].kind == OrgKind::kNhsTrust);
  CHECK(find_rel(rels_from(s, "TAD"), "QWO") != nullptr);
}

TEST_CASE("succ: successions become succeeded_by on the day before the effective date") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {ods_fixture("eccg-field14-role.csv")}, "2025-01-01");
  auto reports = import(s, {ods_fixture("succ-successions.csv")});
  CHECK(reports[0].dataset == "ods:successions");
  auto succ = rels_from(s, "01A", RelKind::kSucceededBy);
  REQUIRE(succ.size() == 1);
  CHECK(succ[0].to == "03C");
  CHECK(succ[0].valid.str() == "2020-03-31..2020-03-31");
  // 5QH is known only from the succ file: a placeholder living for the succession.
  auto pct = periods_of(s, "5QH");
  REQUIRE(pct.size() == 1);
  CHECK(pct[0].kind == OrgKind::kUnknown);
  CHECK(pct[0].placeholder);
  CHECK(pct[0].valid.str() == "2013-03-31..2013-03-31");
  CHECK(any_warning(reports, "code '5QH' in a succession names no organisation govmap knows"));
  // Neither end known: skipped, counted in a warning.
  CHECK_FALSE(s.has_organisation("Y99999"));
  CHECK(any_warning(reports, "1 of 4 successions link two codes no imported dataset defines"));
}

TEST_CASE("curated maps outrank ODS periods, and both import in either order") {
  // The map says 03C was a CCG from 2020-04-01 to 2022-06-30 and records the
  // 01A succession; ODS adds the sub-ICB location after the map's period and
  // its own copy of the succession is shadowed.
  std::string map = std::string(GOVMAP_TEST_DATA) + "/maps/place-ccg";
  auto check = [](const Store& s) {
    auto p = periods_of(s, "03C");
    REQUIRE(p.size() == 2);
    CHECK(p[0].dataset == "map:place-ccg");
    CHECK(p[0].name == "NHS South Place CCG");
    CHECK(p[0].valid.str() == "2020-04-01..2022-06-30");
    CHECK(p[1].dataset == "ods:commissioners");
    CHECK(p[1].kind == OrgKind::kSubIcbLocation);
    auto succ = rels_from(s, "01A", RelKind::kSucceededBy);
    REQUIRE(succ.size() == 1);
    CHECK(succ[0].dataset == "map:place-ccg");
  };
  test::TempDb a, b;
  import(a.store(), {ods_fixture("eccg-field14-role.csv")}, "2025-01-01");
  import(a.store(), {ods_fixture("succ-successions.csv")});
  import(a.store(), {map});
  check(a.store());
  import(b.store(), {ods_fixture("eccg-field14-role.csv")}, "2025-01-01");
  import(b.store(), {map});
  import(b.store(), {ods_fixture("succ-successions.csv")});
  check(b.store());
}

TEST_CASE("an ODS code a map gives as identifier names the map's organisation") {
  test::TempDb db;
  Store& s = db.store();
  import(s, {std::string(GOVMAP_TEST_DATA) + "/maps/slug-trust"});
  auto reports = import(s, {ods_fixture("etr-standard-27-fields.csv")}, "2020-04-01");
  CHECK_FALSE(s.has_organisation("RAA"));
  CHECK(find_rel(rels_from(s, "alpha-ft"), "QF7") != nullptr);
  auto p = periods_of(s, "alpha-ft");
  REQUIRE(p.size() == 1);
  CHECK(p[0].dataset == "map:slug-trust");  // ODS's identical dates add nothing
  CHECK_FALSE(any_warning(reports, "identifier"));
  CHECK_FALSE(test::has_identifier(s, "alpha-ft", "ods", "alpha-ft"));

  // The other order: ODS first makes RAA; the map then takes the code, and the
  // stored extract is merged again at once: RAA becomes the map's body, with no
  // warning, and importing the extract again changes nothing.
  test::TempDb other;
  Store& o = other.store();
  import(o, {ods_fixture("etr-standard-27-fields.csv")}, "2020-04-01");
  CHECK(o.has_organisation("RAA"));
  auto map_reports = import(o, {std::string(GOVMAP_TEST_DATA) + "/maps/slug-trust"});
  CHECK_FALSE(any_warning(map_reports, "identifier"));
  CHECK_FALSE(o.has_organisation("RAA"));
  auto again = import(o, {ods_fixture("etr-standard-27-fields.csv")}, "2020-04-01");
  CHECK(again[0].status == ImportReport::Status::kUnchanged);
  CHECK(find_rel(rels_from(o, "alpha-ft"), "QF7") != nullptr);
  CHECK(diff_datasets(load_dataset(s, "ods:trusts"), load_dataset(o, "ods:trusts")).empty());
}

// ---- the real extracts in ../shared/data ----

TEST_CASE("shared data: CCGs in force on 1 April of each year") {
  if (!test::shared_data_available()) {
    MESSAGE("SKIPPED: " << test::shared_data_dir() << " is absent");
    return;
  }
  auto& shared = test::shared_db();
  MESSAGE("imported every file of " << test::shared_data_dir() << " in " << shared.seconds << " s");
  for (const std::string& m : shared.missing) MESSAGE("not in the shared folder: " << m);
  const Store& s = shared.db->store();
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2013-04-01")).size() == 211);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2015-04-01")).size() == 209);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2017-04-01")).size() == 207);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2018-04-01")).size() == 195);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2019-04-01")).size() == 191);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2020-04-01")).size() == 135);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2021-04-01")).size() == 106);
  CHECK(ids_of_kind_at(s, OrgKind::kCcg, day("2022-07-01")).empty());
  CHECK(ids_of_kind_at(s, OrgKind::kSubIcbLocation, day("2022-07-01")).size() == 106);
}

TEST_CASE("shared data: every open English trust sits in an NHS England region") {
  if (!test::shared_data_available()) {
    MESSAGE("SKIPPED: " << test::shared_data_dir() << " is absent");
    return;
  }
  const Store& s = test::shared_db().db->store();
  // Welsh trusts, by their GOR code (field 24 = W) in any etr file.
  std::set<std::string> welsh;
  for (const char* f : {"ods_etr_2020-03.csv", "ods_etr_2023.csv", "ods_etr_2025.csv"}) {
    std::string path = test::shared_data_dir() + "/" + f;
    if (!test::exists(path)) continue;
    CsvReader reader(path);
    CsvRecord rec;
    while (reader.next(rec))
      if (rec.fields.size() >= 24 && rec.fields[23] == "W") welsh.insert(rec.fields[0]);
  }
  CHECK(welsh.size() == 3);
  std::map<std::string, Date> source_dates;
  for (const Source& src : s.sources())
    if (auto sd = Date::parse(src.date)) source_dates.emplace(src.id, *sd);
  // Checked on the date of each etr snapshot, for the trusts a snapshot taken
  // by then lists (the ect care trusts are known from 2023 only).
  for (std::string when : {"2020-03-27", "2023-07-01", "2025-01-01"}) {
    Date d = day(when.c_str());
    std::vector<std::string> trusts = ids_of_kind_at(s, OrgKind::kNhsTrust, d);
    auto fts = ids_of_kind_at(s, OrgKind::kFoundationTrust, d);
    trusts.insert(trusts.end(), fts.begin(), fts.end());
    CHECK(trusts.size() > 200);
    std::map<std::string, const Organisation*> orgs;
    std::vector<Organisation> all = s.organisations();
    for (const Organisation& o : all) orgs[o.id] = &o;
    RelationshipFilter f;
    f.at = d;
    f.kinds = {RelKind::kPartOf};
    std::map<std::string, std::vector<std::string>> regions;
    for (const Relationship& r : s.relationships(f)) {
      auto it = orgs.find(r.to);
      if (it == orgs.end()) continue;
      const OrgPeriod* p = it->second->period_at(d);
      if (p && p->kind == OrgKind::kNhseRegion) regions[r.from].push_back(r.to);
    }
    size_t english = 0;
    for (const std::string& t : trusts) {
      const OrgPeriod* p = orgs.at(t)->period_at(d);
      bool seen = false;
      for (const std::string& src : p->sources)
        seen = seen || (source_dates.count(src) && source_dates.at(src) <= d);
      if (!seen) continue;
      if (welsh.count(t)) {
        CHECK_MESSAGE(regions[t].empty(), t << " is Welsh but sits in an English region");
        continue;
      }
      ++english;
      CHECK_MESSAGE(regions[t].size() == 1, t << " on " << when << " sits in " << regions[t].size()
                                              << " NHS England regions");
    }
    MESSAGE(when << ": " << english << " open English trusts, each in one NHS England region");
  }
}

TEST_CASE("shared data: lineage of a 2013 CCG reaches its 2021 successor") {
  if (!test::shared_data_available()) {
    MESSAGE("SKIPPED: " << test::shared_data_dir() << " is absent");
    return;
  }
  const Store& s = test::shared_db().db->store();
  std::map<std::string, std::vector<Relationship>> next;
  RelationshipFilter f;
  f.kinds = {RelKind::kSucceededBy};
  for (const Relationship& r : s.relationships(f)) next[r.from].push_back(r);
  std::set<std::string> in_2021;
  for (const std::string& id : ids_of_kind_at(s, OrgKind::kCcg, day("2021-04-01")))
    in_2021.insert(id);
  // Successors on or after the CCG's own date, following the chain forward.
  auto lineage = [&](const std::string& start) {
    std::set<std::string> seen = {start};
    std::deque<std::string> queue = {start};
    std::set<std::string> reached;
    while (!queue.empty()) {
      std::string id = queue.front();
      queue.pop_front();
      if (in_2021.count(id)) reached.insert(id);
      for (const Relationship& r : next[id])
        if (seen.insert(r.to).second) queue.push_back(r.to);
    }
    return reached;
  };
  // Bracknell and Ascot (2013) -> East Berkshire (2018) -> Frimley (2021).
  CHECK(lineage("10G") == std::set<std::string>{"D4U1Y"});
  // Darlington (2013) -> Tees Valley (2020), still a CCG in 2021.
  CHECK(lineage("00C") == std::set<std::string>{"16C"});
  // Every CCG of 2013 reaches at least one CCG of 2021.
  size_t reached = 0, total = 0;
  for (const std::string& id : ids_of_kind_at(s, OrgKind::kCcg, day("2013-04-01"))) {
    ++total;
    bool ok = !lineage(id).empty();
    reached += ok;
    CHECK_MESSAGE(ok, "no 2021 CCG in the lineage of " << id);
  }
  MESSAGE(reached << " of " << total << " CCGs of 2013 reach a CCG of 2021 through succeeded_by");
}

}  // namespace govmap
