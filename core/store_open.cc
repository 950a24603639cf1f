// Opening a store: the read-only and read-write opens, the schema's creation
// and check, the migrations of older databases (2 -> 3 -> 4 -> 5) and the
// transaction that rolls a new database back to empty. Reads and writes are
// in core/store.cc.
#include "core/store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/schema.h"

namespace govmap {
namespace {

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

// Read-only use must not create an empty database as a side effect.
static const std::string& existing_path(const std::string& path, Database::Mode mode) {
  if (mode != Database::Mode::kReadOnly) return path;
  if (!file_exists(path))
    throw Error(Error::Kind::kNotFound,
                "database '" + path + "' does not exist; create it with 'govmap import'");
  // A process killed while SQLite set up a new file (the switch to WAL) leaves
  // a hot rollback journal, which only a writer may roll back: do that, as any
  // SQLite writer would on opening, so the reader sees the committed state.
  struct stat journal;
  if (::stat((path + "-journal").c_str(), &journal) == 0 && journal.st_size > 0) {
    try {
      Database writer(path, Database::Mode::kReadWrite);
      writer.is_empty();
    } catch (const Error&) {
      // No write access: the read-only open below reports what it finds.
    }
  }
  return path;
}

Store::Store(const std::string& path, Database::Mode mode) : db_(existing_path(path, mode), mode) {
  if (mode == Database::Mode::kReadOnly) {
    if (db_.is_empty())
      throw Error(Error::Kind::kNotFound, "database '" + path +
                                              "' is empty (no import into it has finished); "
                                              "create it with 'govmap import'");
    check_schema();
    return;
  }
  configure_writer();
  if (db_.is_empty()) {
    open_new_or_empty();
  } else {
    check_schema();
    int64_t version = 0;
    {
      auto st = db_.prepare("PRAGMA user_version");
      st.step();
      version = st.integer(0);
    }
    if (version == 2) migrate_from_2();
    if (version == 2 || version == 3) migrate_from_3();
    if (version >= 2 && version <= 4) migrate_from_4();
  }
}

// Schema 2 -> 3: adds the tables of stored data files and of rules files. Datasets imported under
// schema 2 keep their rows; they are recomputed from stored files once their
// files are imported again (importers/import.h says what happens before that).
void Store::migrate_from_2() {
  Transaction txn(db_);
  db_.exec(kInputFileSql);
  db_.exec(kRulesSchemaSql);
  db_.exec("PRAGMA user_version = 3");
  txn.commit();
}

// Schema 3 -> 4: each period's country. Filled here from maps and GSS codes;
// the import that opened the file recomputes the data datasets (upgraded()).
void Store::migrate_from_3() {
  Transaction txn(db_);
  db_.exec(kCountrySql);
  db_.exec(kCountryFillSql);
  db_.exec("PRAGMA user_version = 4");
  txn.commit();
  upgraded_ = true;
}

// Schema 4 -> 5: placeholders get their own mark (they were the periods of
// kind unknown), and citations a line; the import that opened the file
// recomputes the data datasets (upgraded()), which gives their citations lines.
// A curated map's citations get theirs when the map is next imported.
void Store::migrate_from_4() {
  Transaction txn(db_);
  db_.exec(kPlaceholderLineSql);
  db_.exec(kPlaceholderFillSql);
  db_.exec("PRAGMA user_version = 5");
  txn.commit();
  upgraded_ = true;
}

void Store::open_new_or_empty() {
  // Looked at again under the write lock: another import may have created the
  // schema meanwhile, or removed the empty file after a failed first import
  // (remove_if_empty_database), in which case the path is opened afresh.
  for (int attempt = 0;; ++attempt) {
    // WAL lets readers work while an import runs; set before the first write.
    // The change needs the file to itself and SQLite does not wait for it.
    db_.exec_waiting("PRAGMA journal_mode = WAL");
    auto txn = std::make_unique<Transaction>(db_);
    if (db_.file_moved() && attempt < 10) {
      txn.reset();
      db_.reopen();
      configure_writer();
      continue;
    }
    if (db_.is_empty()) {
      create_schema();
      txn->creator_ = this;
    } else {
      check_schema();
    }
    pending_ = std::move(txn);
    return;
  }
}

void Store::configure_writer() {
  db_.exec("PRAGMA foreign_keys = ON");
  // An import writes whole datasets in one transaction. With SQLite's default
  // 2 MB page cache a large one spills dirty pages to the WAL and reads them
  // back for every index insert; this is a cap (KiB), only pages touched take
  // memory.
  db_.exec("PRAGMA cache_size = -524288");
}

void Store::create_schema() {
  db_.exec(kSchemaSql);
  db_.exec(kRulesSchemaSql);
  db_.exec(kInputFileSql);
  db_.exec(kCountrySql);
  db_.exec(kPlaceholderLineSql);
  db_.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db_.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
}

void Store::check_schema() {
  int64_t app_id = 0, version = 0;
  {
    auto app = db_.prepare("PRAGMA application_id");
    app.step();
    app_id = app.integer(0);
    auto ver = db_.prepare("PRAGMA user_version");
    ver.step();
    version = ver.integer(0);
  }
  if (app_id != kApplicationId)
    throw Error(Error::Kind::kDatabase, "'" + db_.path() + "' is not a govmap database");
  // Schemas 2 to 4 are upgraded when opened for writing; read-only, they lack
  // the countries every listing filters on (2, 3) or the placeholder mark every
  // read combines datasets by (4).
  if (version >= 2 && version < kSchemaVersion && db_.mode() == Database::Mode::kReadOnly)
    throw Error(Error::Kind::kDatabase,
                "'" + db_.path() + "' has schema version " + std::to_string(version) +
                    (version < 4 ? ", from before govmap recorded each body's country"
                                 : ", from before govmap marked placeholder bodies") +
                    "; upgrade it to " + std::to_string(kSchemaVersion) +
                    " by importing into it once (for example 'govmap import' of one of the maps "
                    "or files it holds)");
  if (version != kSchemaVersion && (version < 2 || version > kSchemaVersion))
    throw Error(Error::Kind::kDatabase, "'" + db_.path() + "' has schema version " +
                                            std::to_string(version) + " but this govmap uses " +
                                            std::to_string(kSchemaVersion) +
                                            "; re-create it by importing the sources again");
}

Store::Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Store::Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
      if (creator_ && !creator_->closing_) creator_->open_new_or_empty();
    } catch (...) {
      // Nothing more to do: SQLite rolls back on close as well.
    }
  }
}

Store::~Store() {
  closing_ = true;
  pending_.reset();
}

void Store::Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace govmap
