#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "core/error.h"
#include "core/sqlite.h"
#include "core/store.h"
#include "importers/import.h"
#include "test_util.h"

using namespace govmap;

namespace {

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_.empty())
      ::unsetenv(name_);
    else
      ::setenv(name_, old_.c_str(), 1);
  }

 private:
  const char* name_;
  std::string old_;
};

}  // namespace

TEST_CASE("GOVMAP_BUSY_TIMEOUT_MS: invalid values are an error, valid ones are used") {
  struct Case {
    const char* value;
    int expected;  // -1 = error
  };
  const Case cases[] = {
      {"0", 0},    {"300", 300},     {"86400000", 86400000},
      {"", -1},    {"abc", -1},      {"10s", -1},
      {"-5", -1},  {"+5", -1},       {" 5", -1},
      {"1e3", -1}, {"86400001", -1}, {"99999999999999999999", -1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.value);
    ScopedEnv env("GOVMAP_BUSY_TIMEOUT_MS", c.value);
    if (c.expected >= 0) {
      CHECK(busy_timeout_ms() == c.expected);
    } else {
      CHECK_THROWS_WITH_AS(busy_timeout_ms(),
                           doctest::Contains("is not a number of milliseconds from 0 to 86400000"),
                           Error);
    }
  }
  test::TempDir dir;
  ScopedEnv env("GOVMAP_BUSY_TIMEOUT_MS", "soon");
  CHECK_THROWS_AS(Store(dir.file("db"), Database::Mode::kReadWrite), Error);
  CHECK_FALSE(std::filesystem::exists(dir.file("db")));  // refused before creating anything
}

TEST_CASE("a 0-byte database file counts as no database") {
  test::TempDir dir;
  std::string db = dir.file("db");
  test::write_text(db, "");
  try {
    Store store(db, Database::Mode::kReadOnly);
    FAIL("opened an empty file read-only");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kNotFound);
    CHECK(e.format().find("is empty (no import into it has finished)") != std::string::npos);
  }
  std::string map = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  {
    Store store(db, Database::Mode::kReadWrite);
    import_paths(store, {map}, {});
  }
  Store store(db, Database::Mode::kReadOnly);
  CHECK(store.relationships().size() == 5);
}

TEST_CASE("a new database gets its schema in the first import's transaction") {
  test::TempDir dir;
  std::string db = dir.file("db");
  std::string bad_rels =
      std::string(test::kRels) + "la,nobody,accountable_to,statutory,2013-04-01,,x,s1,\n";
  std::string broken = test::write_map(dir, "broken", test::kSources, test::kOrgs, bad_rels);
  {
    Store store(db, Database::Mode::kReadWrite);
    CHECK_THROWS_AS(import_paths(store, {broken}, {}), Error);
    // The failed import took the schema with it, but the store still reads.
    CHECK(store.organisations().empty());
  }
  {
    Database raw(db, Database::Mode::kReadOnly);
    CHECK(raw.is_empty());  // nothing committed: no schema without data
  }
  remove_if_empty_database(db);
  CHECK_FALSE(std::filesystem::exists(db));
  CHECK_FALSE(std::filesystem::exists(db + "-wal"));
}

TEST_CASE("remove_if_empty_database leaves a database with data alone") {
  test::TempDir dir;
  std::string db = dir.file("db");
  std::string map = test::write_map(dir, "base", test::kSources, test::kOrgs, test::kRels);
  {
    Store store(db, Database::Mode::kReadWrite);
    import_paths(store, {map}, {});
  }
  remove_if_empty_database(db);
  Store store(db, Database::Mode::kReadOnly);
  CHECK(store.relationships().size() == 5);
}

TEST_CASE("Database::query lends one statement per text, a fresh one when it is on loan") {
  test::TempDir dir;
  Database db(dir.file("db"), Database::Mode::kReadWrite);
  db.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  const std::string sql = "SELECT x FROM t WHERE x >= ?1 ORDER BY x";
  Statement* first = nullptr;
  {
    auto outer = db.query(sql);
    first = &*outer;
    outer->bind(1, int64_t{2});
    REQUIRE(outer->step());
    CHECK(outer->integer(0) == 2);
    // The same text inside the outer read: a statement of its own, so the
    // outer read's cursor and bindings are untouched.
    {
      auto inner = db.query(sql);
      CHECK(&*inner != first);
      inner->bind(1, int64_t{1});
      REQUIRE(inner->step());
      CHECK(inner->integer(0) == 1);
    }
    REQUIRE(outer->step());
    CHECK(outer->integer(0) == 3);
    // Left mid-read: the lease's end resets it.
  }
  auto again = db.query(sql);
  CHECK(&*again == first);  // the cached one, back from its loan
  again->bind(1, int64_t{3});
  REQUIRE(again->step());  // from the first row again: it was reset
  CHECK(again->integer(0) == 3);
  CHECK_FALSE(again->step());
}

TEST_CASE("a read stopped early by Database::query holds no read snapshot") {
  // In WAL mode an unreset statement keeps its snapshot, so a checkpoint
  // cannot pass it and a later read on that connection would not see new
  // rows. The lease resets on leaving scope.
  test::TempDir dir;
  const std::string path = dir.file("db");
  Database writer(path, Database::Mode::kReadWrite);
  writer.exec("PRAGMA journal_mode = WAL; CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2)");
  Database reader(path, Database::Mode::kReadOnly);
  const std::string sql = "SELECT count(*) FROM t";
  {
    auto st = reader.query("SELECT x FROM t");
    REQUIRE(st->step());  // one row of two: the read is not finished
  }
  writer.exec("INSERT INTO t VALUES (3)");
  auto count = reader.query(sql);
  REQUIRE(count->step());
  CHECK(count->integer(0) == 3);
}

TEST_CASE("a read-only Database maps the file and still sees what a writer adds later") {
  // Readers read through mmap (core/sqlite.cc): the file grows under the map
  // when a writer's checkpoint copies its pages in, and the reader must read
  // the new pages, not stop at the mapped length.
  test::TempDir dir;
  const std::string path = dir.file("db");
  Database writer(path, Database::Mode::kReadWrite);
  writer.exec("PRAGMA journal_mode = WAL; CREATE TABLE t(x TEXT)");
  Database reader(path, Database::Mode::kReadOnly);
  {
    auto mapped = reader.query("PRAGMA mmap_size");
    REQUIRE(mapped->step());
    CHECK(mapped->integer(0) > 0);
  }
  {
    auto unmapped = writer.query("PRAGMA mmap_size");
    REQUIRE(unmapped->step());
    CHECK(unmapped->integer(0) == 0);  // an import's writes are left as they were measured
  }
  writer.exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
      "INSERT INTO t SELECT printf('%0500d', i) FROM n");
  writer.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  auto count = reader.query("SELECT count(*), max(x) FROM t");
  REQUIRE(count->step());
  CHECK(count->integer(0) == 2000);
  CHECK(count->text(1) == std::string(496, '0') + "2000");
}

TEST_CASE("SQLite's heap limit can only be set before the first database is opened") {
  // Once a connection exists SQLite has started without heap statistics,
  // which the limit needs: setting it then is refused, not silently ignored.
  test::TempDir dir;
  Database db(dir.file("x.db"), Database::Mode::kReadWrite);
  CHECK_THROWS_AS(limit_sqlite_heap(int64_t{1} << 30), Error);
}
