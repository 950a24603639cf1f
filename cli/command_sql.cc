// govmap sql QUERY — read-only SQL over the database, for researchers.
//
// Two locks keep it read-only: the connection is opened SQLITE_OPEN_READONLY,
// and an authorizer denies anything but reading (no ATTACH, no PRAGMA that
// changes state, no writes to temp tables), so a query cannot change the file
// or reach another one.
#include <sqlite3.h>

#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "core/store.h"

namespace govmap {
namespace {

struct SqlOptions {
  std::string query, format;
};

struct Denied {
  std::string what;
};

int authorize(void* user, int action, const char* arg1, const char* /*arg2*/, const char*,
              const char*) {
  auto* denied = static_cast<Denied*>(user);
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
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

Outcome run_sql(const SqlOptions& opts, CommandContext& ctx) {
  OutputFormat format = output_format_or_throw(opts.format);
  Store store(ctx.global.db, Database::Mode::kReadOnly);
  Denied denied;
  sqlite3_set_authorizer(store.db().handle(), authorize, &denied);
  std::optional<Statement> st;
  try {
    st.emplace(store.db().prepare(opts.query));
  } catch (const Error& e) {
    if (!denied.what.empty())
      throw Error(Error::Kind::kUsage, "govmap sql is read-only: " + denied.what +
                                           " is not allowed; use SELECT queries");
    throw Error(Error::Kind::kUsage, "bad query: " + e.diagnostics().front().message);
  }
  std::vector<std::string> columns;
  for (int i = 0; i < st->column_count(); ++i) columns.push_back(st->column_name(i));
  Table table(columns);
  while (st->step()) {
    std::vector<Table::Cell> row;
    for (int i = 0; i < st->column_count(); ++i) {
      switch (st->column_type(i)) {
        case SQLITE_NULL:
          row.emplace_back();
          break;
        case SQLITE_INTEGER:
          row.emplace_back(static_cast<long long>(st->integer(i)));
          break;
        case SQLITE_FLOAT:
          row.emplace_back(st->real(i));
          break;
        default:
          row.emplace_back(st->text(i));
      }
    }
    table.add_row(std::move(row));
  }
  *ctx.out << table.render(format);
  return Outcome::kOk;
}

}  // namespace

void setup_sql(CLI::App& app, RunFunction& run) {
  auto opts = std::make_shared<SqlOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sql", "Run one read-only SQL query (tables in docs/schema.md); writes are refused");
  cmd->add_option("query", opts->query,
                  "The SQL query, e.g. \"SELECT kind, count(*) FROM org_period GROUP BY kind\"")
      ->required();
  add_format_option(cmd, opts->format);
  cmd->callback(
      [opts, &run] { run = [opts](CommandContext& ctx) { return run_sql(*opts, ctx); }; });
}

}  // namespace govmap
