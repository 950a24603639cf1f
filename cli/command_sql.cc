// govmap sql QUERY — read-only SQL over the database, for researchers.
//
// The query is the user's, but a shared CI runner or a web front end may pass
// it on from someone else, so it is confined:
//  - read-only: the connection is opened SQLITE_OPEN_READONLY, and an
//    authorizer denies anything but reading (no ATTACH, no PRAGMA, no writes to
//    temp tables), so a query cannot change the file or reach another one;
//  - no dangerous functions: fts3_tokenizer() (reveals and, with two
//    arguments, installs a raw pointer, which SQLite documents as a code
//    execution risk) and load_extension() are denied by the authorizer;
//  - bounded: a progress handler stops the query after --timeout seconds, and
//    SQLite's heap (sqlite3_hard_heap_limit64) and the collected rows are each
//    capped at --memory MiB (default 512);
//  - exactly one statement: an empty query and trailing statements after the
//    first ';' are refused instead of being ignored.
#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "core/store.h"

namespace govmap {
namespace {

struct SqlOptions {
  std::string query, format;
  double timeout_seconds = 60;
  int64_t memory_mib = 512;  // SQLite's heap and the collected rows, each
};

struct Denied {
  std::string what;
};

bool is_denied_function(const char* name) {
  if (!name) return false;
  std::string n;
  for (const char* p = name; *p; ++p) n += static_cast<char>(std::tolower(*p));
  return n == "fts3_tokenizer" || n == "load_extension" || n == "fts5" ||
         n == "sqlite_drop_column" || n == "sqlite_rename_column" || n == "sqlite_rename_table" ||
         n == "sqlite_rename_test" || n == "sqlite_rename_quotefix";
}

int authorize(void* user, int action, const char* arg1, const char* arg2, const char*,
              const char*) {
  auto* denied = static_cast<Denied*>(user);
  switch (action) {
    case SQLITE_FUNCTION:
      if (is_denied_function(arg2)) {
        denied->what = std::string("the function ") + arg2 + "()";
        return SQLITE_DENY;
      }
      return SQLITE_OK;
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_PRAGMA:
      denied->what = std::string("PRAGMA ") + (arg1 ? arg1 : "");
      return SQLITE_DENY;
    case SQLITE_ATTACH:
      denied->what = "ATTACH";
      return SQLITE_DENY;
    default:
      denied->what = "writing or changing the database";
      return SQLITE_DENY;
  }
}

struct Deadline {
  std::chrono::steady_clock::time_point at;
  bool enabled = false;
  bool passed = false;
};

int check_deadline(void* user) {
  auto* d = static_cast<Deadline*>(user);
  if (d->enabled && std::chrono::steady_clock::now() > d->at) d->passed = true;
  return d->passed ? 1 : 0;
}

struct Finalize {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, Finalize>;

// True when text holds nothing but white space, comments and semicolons.
bool only_trivia(sqlite3* db, const char* text) {
  while (true) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, text, -1, &raw, &tail) != SQLITE_OK) return false;
    if (raw) {
      sqlite3_finalize(raw);
      return false;
    }
    if (!tail || *tail == '\0' || tail == text) return true;
    text = tail;
  }
}

std::string format_seconds(double s) {
  std::string t = std::to_string(s);
  t.erase(t.find_last_not_of('0') + 1);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

Outcome run_sql(const SqlOptions& opts, CommandContext& ctx) {
  OutputFormat format = output_format_or_throw(opts.format);
  if (!(opts.timeout_seconds >= 0) || opts.timeout_seconds > 86400)
    throw Error(Error::Kind::kUsage,
                "--timeout must be a number of seconds from 0 (no limit) to "
                "86400");
  if (opts.memory_mib < 1 || opts.memory_mib > 65536)
    throw Error(Error::Kind::kUsage,
                "--memory must be a number of MiB from 1 to 65536 (64 GiB), not " +
                    std::to_string(opts.memory_mib));
  const int64_t memory_limit = opts.memory_mib << 20;
  // The heap limit is process-wide: this process runs nothing after the query.
  // Set before the database is opened, as limit_sqlite_heap requires.
  limit_sqlite_heap(memory_limit);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  sqlite3* db = store.db().handle();
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64 << 20);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  Denied denied;
  sqlite3_set_authorizer(db, authorize, &denied);
  Deadline deadline;
  deadline.enabled = opts.timeout_seconds > 0;
  deadline.at = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(opts.timeout_seconds));
  sqlite3_progress_handler(db, 1000, check_deadline, &deadline);

  const std::string timeout_message = "the query ran longer than the time limit of " +
                                      format_seconds(opts.timeout_seconds) +
                                      " s; narrow it, or raise the limit with --timeout SECONDS";
  const std::string memory_message =
      "the query needed more than " + std::to_string(opts.memory_mib) +
      " MiB of memory; narrow it (add WHERE or LIMIT), or raise the limit with --memory MIB";
  auto fail = [&](int rc, const char* doing) -> Error {
    int primary = rc & 0xff;
    if (deadline.passed || primary == SQLITE_INTERRUPT)
      return Error(Error::Kind::kUsage, timeout_message);
    if (primary == SQLITE_NOMEM) return Error(Error::Kind::kUsage, memory_message);
    if (primary == SQLITE_TOOBIG)
      return Error(Error::Kind::kUsage,
                   "a value in the query would be larger than 64 MiB; narrow it (substr(), "
                   "LIMIT)");
    if (!denied.what.empty())
      return Error(Error::Kind::kUsage, "govmap sql is read-only: " + denied.what +
                                            " is not allowed; use SELECT queries");
    return Error(Error::Kind::kUsage, std::string(doing) + sqlite3_errmsg(db));
  };

  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db, opts.query.c_str(), static_cast<int>(opts.query.size() + 1), &raw,
                              &tail);
  StatementPtr st(raw);
  if (rc != SQLITE_OK) throw fail(rc, "bad query: ");
  if (!st)
    throw Error(Error::Kind::kUsage,
                "the query is empty (only white space or comments); give one SELECT statement");
  if (tail && !only_trivia(db, tail)) {
    size_t at = static_cast<size_t>(tail - opts.query.c_str());
    throw Error(Error::Kind::kUsage,
                "govmap sql runs exactly one statement, but more follows the first one (from "
                "character " +
                    std::to_string(at + 1) + "); run each statement separately");
  }
  if (!sqlite3_stmt_readonly(st.get()))
    throw Error(Error::Kind::kUsage,
                "govmap sql is read-only: writing or changing the database is not allowed; use "
                "SELECT queries");

  int columns_n = sqlite3_column_count(st.get());
  std::vector<std::string> columns;
  for (int i = 0; i < columns_n; ++i) {
    const char* n = sqlite3_column_name(st.get(), i);
    columns.push_back(n ? n : "");
  }
  Table table(columns);
  int64_t held = 0;
  while (true) {
    rc = sqlite3_step(st.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) throw fail(rc, "the query failed: ");
    std::vector<Table::Cell> row;
    for (int i = 0; i < columns_n; ++i) {
      switch (sqlite3_column_type(st.get(), i)) {
        case SQLITE_NULL:
          row.emplace_back();
          break;
        case SQLITE_INTEGER:
          row.emplace_back(static_cast<long long>(sqlite3_column_int64(st.get(), i)));
          break;
        case SQLITE_FLOAT:
          row.emplace_back(sqlite3_column_double(st.get(), i));
          break;
        default: {
          const unsigned char* p = sqlite3_column_text(st.get(), i);
          size_t n = static_cast<size_t>(sqlite3_column_bytes(st.get(), i));
          if (!p && n > 0) throw fail(SQLITE_NOMEM, "");
          row.emplace_back(std::string(p ? reinterpret_cast<const char*>(p) : "", n));
          held += static_cast<int64_t>(n);
        }
      }
      held += 16;
    }
    if (held > memory_limit)
      throw Error(Error::Kind::kUsage,
                  "the query's result is larger than " + std::to_string(opts.memory_mib) +
                      " MiB; narrow it (add WHERE or LIMIT), or raise the limit with --memory MIB");
    table.add_row(std::move(row));
  }
  *ctx.out << table.render(format);
  return Outcome::kOk;
}

}  // namespace

void setup_sql(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<SqlOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sql",
      "Run one read-only SQL query (tables in docs/schema.md); writes, ATTACH, PRAGMA, "
      "fts3_tokenizer() and load_extension() are refused, and the query is stopped after "
      "--timeout seconds or --memory MiB");
  cmd->add_option("query", opts->query,
                  "The SQL query, e.g. \"SELECT kind, count(*) FROM org_period GROUP BY kind\"")
      ->required();
  add_format_option(cmd, opts->format);
  cmd->add_option("--timeout", opts->timeout_seconds,
                  "Stop the query after this many seconds (default 60; 0 = no limit)");
  cmd->add_option("--memory", opts->memory_mib,
                  "Stop the query when SQLite's memory, or the rows collected for the output, "
                  "would exceed this many MiB (default 512)");
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_sql(*opts, ctx); }; });
}

}  // namespace govmap
