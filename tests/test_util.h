// Helpers shared by the unit tests: temporary folders and databases, small
// maps written from inline text, fixture paths, one-call imports, and the
// database built once from ../shared/data.
#ifndef GOVMAP_TESTS_TEST_UTIL_H_
#define GOVMAP_TESTS_TEST_UTIL_H_

#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/store.h"
#include "importers/import.h"

namespace govmap::test {

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "govmap-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_text(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes a map folder dir/name with the three files; returns its path.
inline std::string write_map(const TempDir& dir, const std::string& name,
                             const std::string& sources, const std::string& orgs,
                             const std::string& rels) {
  std::string folder = dir.file(name);
  write_text(folder + "/sources.csv", sources);
  write_text(folder + "/organisations.csv", orgs);
  write_text(folder + "/relationships.csv", rels);
  return folder;
}

// A small valid map used as a base by many tests.
inline const char* kSources =
    "id,title,publisher,url,date\n"
    "s1,Act,legislation.gov.uk,https://example.org/act,2012-03-27\n"
    "s2,Guide,NHS England,https://example.org/guide,\n";
inline const char* kOrgs =
    "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
    "voters,Electorate of Sheffield,electorate,,1974-04-01,,,s1\n"
    "la,Sheffield City Council,local_authority,metropolitan_borough,1974-04-01,,ons:E08000019,s1\n"
    "03N,NHS Sheffield CCG,ccg,,2013-04-01,2022-06-30,ods:03N;ons:E38000146,s1\n"
    "osc,Sheffield health scrutiny,osc,,2013-04-01,,,s1\n"
    "QF7,SYB STP,stp,,2016-03-01,2018-01-31,ods:QF7,s2\n"
    "QF7,SYB ICS,ics,,2018-02-01,2022-06-30,,s2\n"
    "QF7,NHS South Yorkshire ICB,icb,,2022-07-01,,,s1\n";
inline const char* kRels =
    "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n"
    "la,voters,elected_by,statutory,1974-04-01,,Local Government Act 1972,s1,\n"
    "osc,la,committee_of,statutory,2013-04-01,,NHS Act 2006 s244,s1,\n"
    "03N,osc,scrutinised_by,statutory,2013-04-01,2022-06-30,NHS Act 2006 s244,s1,\n"
    "E38000146,QF7,member_of,shadow,2016-03-01,2022-06-30,,s2,\"a note, with a comma\"\n"
    "03N,QF7,succeeded_by,statutory,2022-06-30,2022-06-30,Health and Care Act 2022,s1,\n";

// ---- importer helpers ----

// A database file in the temporary directory, removed at the end.
class TempDb {
 public:
  TempDb() {
    char tmpl[] = "/tmp/govmap-test-XXXXXX";
    int fd = ::mkstemp(tmpl);
    if (fd >= 0) ::close(fd);
    path_ = tmpl;
    std::remove(path_.c_str());
    store_ = std::make_unique<Store>(path_, Database::Mode::kReadWrite);
  }
  ~TempDb() {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((path_ + suffix).c_str());
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  Store& store() { return *store_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<Store> store_;
};

inline bool contains(const std::string& s, const std::string& what) {
  return s.find(what) != std::string::npos;
}

inline std::string ods_fixture(const std::string& name) {
  return std::string(GOVMAP_TEST_DATA) + "/ods/" + name;
}
inline std::string ons_fixture(const std::string& name) {
  return std::string(GOVMAP_TEST_DATA) + "/ons/" + name;
}

inline std::vector<ImportReport> import(Store& store, const std::vector<std::string>& paths,
                                        const std::string& as_of = "", bool dry_run = false) {
  ImportOptions o;
  o.dry_run = dry_run;
  if (!as_of.empty()) o.as_of = Date::parse(as_of);
  return import_paths(store, paths, o);
}

// The national, SYB and Frimley maps, imported once for the whole test
// program (a function-local static of an inline function is one object
// across every file that calls it).
inline const Store& shipped_maps_store() {
  static TempDir dir;
  static Store store(dir.file("maps.db"), Database::Mode::kReadWrite);
  static bool imported = [] {
    std::string maps = std::string(GOVMAP_SOURCE_DIR) + "/maps/";
    import(store, {maps + "england-national", maps + "south-yorkshire-bassetlaw", maps + "frimley"});
    return true;
  }();
  (void)imported;
  return store;
}

// Takes a database back to the tables of schema 4 (inside a transaction the
// caller commits): no placeholder mark (placeholders were the periods of kind
// unknown then) and no citation lines.
inline void drop_schema_5_columns(Store& s) {
  s.db().exec("UPDATE org_period SET kind = 'unknown' WHERE placeholder = 1");
  s.db().exec("ALTER TABLE org_period DROP COLUMN placeholder");
  s.db().exec("ALTER TABLE org_period_source DROP COLUMN line");
  s.db().exec("ALTER TABLE relationship_source DROP COLUMN line");
}

inline Date day(const char* iso) {
  return *Date::parse(iso);
}

// Organisations whose period in force at d has kind k.
inline std::vector<std::string> ids_of_kind_at(const Store& store, OrgKind k, Date d) {
  std::vector<std::string> out;
  for (const Organisation& o : store.organisations())
    if (const OrgPeriod* p = o.period_at(d); p && p->kind == k) out.push_back(o.id);
  return out;
}

inline std::vector<OrgPeriod> periods_of(const Store& store, const std::string& id) {
  auto o = store.organisation(id);
  return o ? o->periods : std::vector<OrgPeriod>{};
}

// Relationships of a kind from `from`, as the store shows them.
inline std::vector<Relationship> rels_from(const Store& store, const std::string& from,
                                           RelKind kind = RelKind::kPartOf) {
  RelationshipFilter f;
  f.from = from;
  f.kinds = {kind};
  return store.relationships(f);
}

inline bool has_identifier(const Store& store, const std::string& id, const std::string& scheme,
                           const std::string& value) {
  auto o = store.organisation(id);
  if (!o) return false;
  for (const Identifier& i : o->identifiers)
    if (i.scheme == scheme && i.value == value) return true;
  return false;
}

// ---- ../shared/data ----

inline std::string shared_data_dir() {
  return std::string(GOVMAP_SHARED_DIR) + "/data";
}

inline bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// A test case that reads the real data calls this first, says SKIPPED when it
// is false, and has a name starting "shared data: " (scripts/dev selects the
// real-data cases by that prefix; tests/test_names_test.cc keeps to it).
inline bool shared_data_available() {
  return exists(shared_data_dir() + "/README.md");
}

// The snapshot dates given with --as-of for the ODS extracts in ../shared/data.
// The files carry no date: these are the day after the latest open or close
// date each file records, as its README estimates (etr 2020-03: R0C closed
// 2020-03-26 and the 2020-03-31 mergers not yet recorded; etr/ect 2023: latest
// close 2023-06-30; etr/eccg 2025: latest close 2024-12-31).
inline const std::vector<std::pair<std::string, std::vector<std::string>>>& shared_groups() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> groups = {
      {"",
       {"ons_ccg18_nhsrlo18_nhser18_lookup_2018-04.csv", "ons_ccg20_stp20_lookup_2020-04.csv",
        "ons_ccg21_stp21_nhser21_lookup_2021-04.csv", "ons_cty20_names_2020-04.csv",
        "ons_icb24_names_2024-12.csv", "ons_ics19_names_2019-12.csv",
        "ons_lad20_cty20_lookup_2020-04.csv", "ons_lad23_names_boundaries_2023-12.csv",
        "ons_lsoa11_ccg18_stp18_lad18_lookup_2018-04.csv",
        "ons_lsoa11_ccg20_lad20_lookup_2020-04.csv", "ons_ltla19_utla19_lookup_2019-04.csv",
        "ons_nhser19_names_2019-04.csv", "ons_sicbl23_icb23_nhser23_lookup_2023-04.csv",
        "ons_stp20_names_2020-04.csv"}},
      {"2020-03-27", {"ods_etr_2020-03.csv"}},
      {"2023-07-01", {"ods_etr_2023.csv", "ods_ect_2023.csv"}},
      {"2025-01-01", {"ods_etr_2025.csv", "ods_eccg_2025.csv"}},
      {"", {"ods_succ_2026.csv"}},
  };
  return groups;
}

struct SharedDb {
  std::unique_ptr<TempDb> db;
  double seconds = 0;
  std::vector<std::string> missing;
  std::vector<ImportReport> reports;
};

// Every file of ../shared/data imported once into one database, timed. Files
// the folder lacks are listed in missing and left out.
inline SharedDb& shared_db() {
  static SharedDb shared = [] {
    SharedDb s;
    s.db = std::make_unique<TempDb>();
    auto start = std::chrono::steady_clock::now();
    for (const auto& [as_of, files] : shared_groups()) {
      std::vector<std::string> paths;
      for (const std::string& f : files) {
        std::string p = shared_data_dir() + "/" + f;
        if (exists(p))
          paths.push_back(p);
        else
          s.missing.push_back(f);
      }
      if (paths.empty()) continue;
      auto r = import(s.db->store(), paths, as_of);
      s.reports.insert(s.reports.end(), r.begin(), r.end());
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return s;
  }();
  return shared;
}

}  // namespace govmap::test

#endif  // GOVMAP_TESTS_TEST_UTIL_H_
