// A thin RAII layer over the SQLite C API.
//
// Database owns one connection; Statement owns one prepared statement and binds
// by 1-based position. Every SQLite failure becomes Error(kDatabase) carrying
// SQLite's message; a busy database (another govmap holding the write lock past
// the busy timeout: 30 s, or $GOVMAP_BUSY_TIMEOUT_MS) gets a message that says so.
// A $GOVMAP_BUSY_TIMEOUT_MS that is not a whole number of milliseconds from 0 to
// 86,400,000 (one day) is an error, not silently the default.
#ifndef GOVMAP_CORE_SQLITE_H_
#define GOVMAP_CORE_SQLITE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace govmap {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept;

  Statement& bind(int index, std::string_view text);  // copies the text
  // Binds without a copy: the caller keeps the text alive and unchanged until
  // the statement is next reset (run() and reset() do). For the writes made
  // once per row of an import, where SQLite's copy of every value was a
  // malloc, a memcpy and a free each.
  Statement& bind_in_place(int index, std::string_view text);
  Statement& bind_optional(int index, const std::optional<std::string>& text);  // nullopt -> NULL
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind_null(int index);

  // Advances; true while a row is available. Throws on error.
  bool step();
  // Runs to completion (for statements that return no rows).
  void run();
  void reset();  // clears bindings too

  std::string text(int column) const;  // NULL -> ""
  // The same without a copy: valid until the next step(), reset() or read
  // of the column as another type.
  std::string_view view(int column) const;
  std::optional<std::string> optional_text(int column) const;
  int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;
  int column_count() const;
  std::string column_name(int column) const;
  // SQLite's storage class of the value in this row: SQLITE_INTEGER, ... .
  int column_type(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database;

// A prepared statement lent from the connection's cache for one read
// (Database::query). When the lease ends the statement is reset, so a read
// that stopped early never keeps SQLite's read snapshot open, and it goes back
// to the cache. Move-only; must not outlive the Database that lent it.
class StatementLease {
 public:
  StatementLease(StatementLease&& o) noexcept;
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  StatementLease& operator=(StatementLease&&) = delete;
  ~StatementLease();
  Statement& operator*() { return *st_; }
  Statement* operator->() { return st_; }

 private:
  friend class Database;
  StatementLease(Statement* cached, bool* busy) : st_(cached), busy_(busy) {}
  explicit StatementLease(std::unique_ptr<Statement> own)
      : own_(std::move(own)), st_(own_.get()) {}
  std::unique_ptr<Statement> own_;  // set when the cached one was already lent
  Statement* st_ = nullptr;
  bool* busy_ = nullptr;  // the cache entry's flag; null for own_
};

// Caps SQLite's heap, process-wide (sqlite3_hard_heap_limit64): an allocation
// past it fails with SQLITE_NOMEM. The cap needs SQLite's heap statistics,
// which govmap otherwise turns off when it opens its first Database (they cost
// a global mutex per allocation), so call this before any Database is opened;
// later it throws Error(kDatabase) and sets nothing.
void limit_sqlite_heap(int64_t bytes);

class Database {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  // Opens (creating when kReadWrite) the file at path. Throws Error(kDatabase).
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  // One prepared statement per SQL text, kept for the connection's life and
  // returned reset with no bindings: for the inserts an import runs once per
  // row, which would otherwise spend most of their time parsing the same SQL.
  // Use it only where each use ends with run() (which resets) before the next
  // use of the same text.
  Statement& cached(const std::string& sql);
  // A read by a statement prepared once per SQL text, for reads run once per
  // body (a neighbourhood of a few thousand bodies would otherwise spend a
  // third of its time parsing the same SQL). A read of a text that is already
  // lent (one inside another) gets a statement of its own. Bindings start
  // cleared.
  StatementLease query(const std::string& sql);
  void exec(std::string_view sql);  // one or more statements, no results
  // As exec, retrying while another connection holds a lock, for up to the
  // busy timeout: for statements SQLite answers "busy" at once without
  // calling its busy handler (a journal mode change needs the file to itself
  // and does not wait: two first imports into a new file raced there).
  void exec_waiting(std::string_view sql);
  int64_t changes() const;
  // True when the main database file has no tables, views or indexes and a
  // user_version of 0: a file that SQLite made but no govmap import finished.
  bool is_empty();
  // True when the file this connection opened has since been unlinked or
  // renamed (another process removed an empty database while we waited).
  bool file_moved();
  // Closes the connection and opens path again in the same mode.
  void reopen();
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }
  Mode mode() const { return mode_; }

 private:
  void open();
  sqlite3* db_ = nullptr;
  int timeout_ms_ = 0;  // the busy timeout set on the connection
  std::string path_;
  Mode mode_;
  std::map<std::string, std::unique_ptr<Statement>> cache_;
  struct Lent {
    std::unique_ptr<Statement> statement;
    bool busy = false;
  };
  std::map<std::string, Lent> reads_;  // query()'s statements
};

// The busy timeout in milliseconds: 30,000, or $GOVMAP_BUSY_TIMEOUT_MS.
// Throws Error(kUsage) when the variable is set to anything but a whole number
// of milliseconds from 0 to 86,400,000.
int busy_timeout_ms();

// Removes the database file at path, with its -wal, -shm and -journal files,
// when it is_empty(): a failed first import leaves nothing behind. The check and
// the removal happen under the database's write lock, and a writer that was
// waiting for that lock sees file_moved() and opens the path again, so a
// concurrent import never commits into a removed file. Never throws.
void remove_if_empty_database(const std::string& path);

// Throws Error(kDatabase) describing rc for db, prefixed with what was being done.
[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view doing);

}  // namespace govmap

#endif  // GOVMAP_CORE_SQLITE_H_
