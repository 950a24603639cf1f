#include "core/sqlite.h"

#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "core/error.h"

namespace govmap {
namespace {
// SQLITE_TRANSIENT and SQLITE_STATIC are old-style casts in macros; spell
// them once here.
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));
const sqlite3_destructor_type kStatic = nullptr;
}  // namespace

void throw_sqlite(sqlite3* db, int rc, std::string_view doing) {
  std::string msg = std::string(doing) + ": ";
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    msg +=
        "the database is locked by another process (gave up after waiting); try again when it "
        "has finished";
  } else if (primary == SQLITE_NOTADB) {
    msg += "file is not a SQLite database";
  } else {
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  }
  throw Error(Error::Kind::kDatabase, msg);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db, rc, "preparing a query");
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) {
  o.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), kTransient);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind_in_place(int index, std::string_view text) {
  int rc =
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), kStatic);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, "binding a value");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, rc, "running a query");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (!p) return "";
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::view(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}
double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}
bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int Statement::column_count() const {
  return sqlite3_column_count(stmt_);
}
std::string Statement::column_name(int column) const {
  const char* n = sqlite3_column_name(stmt_, column);
  return n ? n : "";
}
int Statement::column_type(int column) const {
  return sqlite3_column_type(stmt_, column);
}

int busy_timeout_ms() {
  const char* env = std::getenv("GOVMAP_BUSY_TIMEOUT_MS");
  if (!env) return 30000;
  constexpr long kMax = 86400000;
  errno = 0;
  char* end = nullptr;
  long ms = std::strtol(env, &end, 10);
  if (*env == '\0' || *end != '\0' || errno != 0 || ms < 0 || ms > kMax ||
      !std::isdigit(static_cast<unsigned char>(*env)))
    throw Error(Error::Kind::kUsage, std::string("GOVMAP_BUSY_TIMEOUT_MS='") + env +
                                         "' is not a number of milliseconds from 0 to " +
                                         std::to_string(kMax) + " (unset it for the default, " +
                                         "30000)");
  return static_cast<int>(ms);
}

Database::Database(const std::string& path, Mode mode) : path_(path), mode_(mode) {
  open();
}

namespace {
// SQLite keeps statistics of its heap (sqlite3_memory_used) unless told not
// to, and takes a global mutex on every allocation to keep them: one or more
// per row written or read. Only a heap limit needs them (limit_sqlite_heap).
// The setting can only be made before SQLite initialises itself, so it is
// made once, before the first connection; if something else in the process
// has already started SQLite, the call fails and the statistics stay (a cost
// only).
// Guarded: threads may each open their own Database.
std::mutex start_mutex;
bool sqlite_started = false;
bool heap_limited = false;

void configure_sqlite_once() {
  std::lock_guard<std::mutex> lock(start_mutex);
  if (sqlite_started) return;
  sqlite_started = true;
  if (!heap_limited) sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
}  // namespace

void limit_sqlite_heap(int64_t bytes) {
  std::lock_guard<std::mutex> lock(start_mutex);
  if (sqlite_started && !heap_limited)
    throw Error(Error::Kind::kDatabase,
                "internal error: SQLite's heap limit was set after a database was opened");
  heap_limited = true;
  sqlite3_hard_heap_limit64(bytes);
}

void Database::open() {
  configure_sqlite_once();
  // NOMUTEX: a Database is used by one thread at a time (it owns its cached
  // statements, which are not shareable anyway), so SQLite's per-call mutex
  // is pure cost: a few percent of a whole-map read, locked once per column.
  int flags =
      (mode_ == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  // Read before opening, so a bad value creates no file.
  int timeout_ms = busy_timeout_ms();
  int rc = sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg =
        "cannot open database '" + path_ + "': " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(Error::Kind::kDatabase, msg);
  }
  // Parallel CI jobs may share one database: wait for the lock rather than fail.
  sqlite3_busy_timeout(db_, timeout_ms);
  timeout_ms_ = timeout_ms;
  sqlite3_extended_result_codes(db_, 1);
  if (mode_ == Mode::kReadOnly) {
    // A reader maps the file instead of copying each page into SQLite's page
    // cache with read(): a whole-map read touches every page once, and the
    // copy plus the cache's fresh pages were a tenth of `distance` at 10^6.
    // SQLite caps the size at its compiled maximum (2 GB on Debian) and reads
    // the rest of a larger file as before; a read-only map is never written.
    char* err = nullptr;
    if (sqlite3_exec(db_, "PRAGMA mmap_size = 1099511627776", nullptr, nullptr, &err) !=
        SQLITE_OK)
      sqlite3_free(err);  // only a cost: the pages are read as before
  }
}

void Database::reopen() {
  cache_.clear();
  reads_.clear();
  sqlite3_close(db_);
  db_ = nullptr;
  open();
}

bool Database::is_empty() {
  Statement version(db_, "PRAGMA user_version");
  version.step();
  if (version.integer(0) != 0) return false;
  Statement objects(db_, "SELECT count(*) FROM sqlite_master");
  objects.step();
  return objects.integer(0) == 0;
}

bool Database::file_moved() {
  int moved = 0;
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK) return false;
  return moved != 0;
}

void remove_if_empty_database(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    bool remove = false;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK) {
      int moved = 0;
      sqlite3_file_control(db, "main", SQLITE_FCNTL_HAS_MOVED, &moved);
      try {
        Statement version(db, "PRAGMA user_version");
        version.step();
        Statement objects(db, "SELECT count(*) FROM sqlite_master");
        objects.step();
        remove = !moved && version.integer(0) == 0 && objects.integer(0) == 0;
      } catch (const Error&) {
        remove = false;
      }
      // Unlink while still holding the lock: a writer waiting for it will find
      // the file moved and open the path afresh.
      if (remove)
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
          ::unlink((path + suffix).c_str());
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  sqlite3_close(db);
}

Database::~Database() {
  cache_.clear();  // statements are finalized before the connection closes
  reads_.clear();
  sqlite3_close(db_);
}

Statement& Database::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
  it->second->reset();
  return *it->second;
}

StatementLease Database::query(const std::string& sql) {
  Lent& lent = reads_[sql];
  if (lent.busy) return StatementLease(std::make_unique<Statement>(db_, sql));
  if (!lent.statement) lent.statement = std::make_unique<Statement>(db_, sql);
  lent.busy = true;
  return StatementLease(lent.statement.get(), &lent.busy);
}

StatementLease::StatementLease(StatementLease&& o) noexcept
    : own_(std::move(o.own_)), st_(o.st_), busy_(o.busy_) {
  o.st_ = nullptr;
  o.busy_ = nullptr;
}

StatementLease::~StatementLease() {
  if (!busy_) return;  // its own statement (finalized by own_), or moved from
  st_->reset();
  *busy_ = false;
}

void Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    throw_sqlite(db_, rc, "updating the database");
  }
}

void Database::exec_waiting(std::string_view sql) {
  std::string s(sql);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
  for (auto pause = std::chrono::milliseconds(1);;) {
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    int primary = rc & 0xff;
    if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) ||
        std::chrono::steady_clock::now() + pause > deadline)
      throw_sqlite(db_, rc, "updating the database");
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

int64_t Database::changes() const {
  return sqlite3_changes64(db_);
}

}  // namespace govmap
