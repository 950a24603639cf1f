// The govmap database: a documented SQLite file (docs/schema.md) holding
// organisations, their periods and identifiers, relationships, sources and the
// record of every import.
//
// Store owns one connection. Reads never modify the file. Writes happen only
// inside a Store::Transaction (BEGIN IMMEDIATE ... COMMIT); destroying an
// uncommitted Transaction rolls back, so an import either lands whole or
// changes nothing. Every failure throws govmap::Error.
#ifndef GOVMAP_CORE_STORE_H_
#define GOVMAP_CORE_STORE_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/sqlite.h"

namespace govmap {

// Filters for relationship listings; unset fields match everything.
struct RelationshipFilter {
  std::optional<Date> at;
  std::optional<std::string> from;  // organisation id
  std::optional<std::string> to;
  std::set<RelKind> kinds;  // empty = all
  std::optional<Layer> layer;
  // False: each relationship's citations (sources, source_lines, legal_basis,
  // note) are left empty and not read, for commands that print none of them
  // (a distance listing): a third of a whole-map read's memory.
  bool citations = true;
  // False (with citations): each relationship's sources are read, but not the
  // lines of the input rows that cited them (source_lines left empty), for a
  // command that prints sources and never their lines (compare): at 10^6
  // bodies a quarter of a gigabyte of one-entry vectors.
  bool source_lines = true;
};

// One ODS or ONS file as imported, kept so that its dataset can be recomputed
// from every file of the dataset whatever the order they arrived in.
struct StoredInput {
  std::string sha256;
  std::string format;  // ods-etr, ods-eccg, ods-ect, ods-succ, ons
  std::string dataset;
  std::optional<Date> as_of;  // the snapshot date given with --as-of
  std::string path;           // as given on the command line that imported it
  std::string content;        // the file's bytes
};

class Store {
 public:
  static constexpr int kSchemaVersion = 5;

  // Opens path. kReadOnly refuses to create anything: a missing file, or an empty
  // one (Database::is_empty: a first import that never finished), is
  // Error(kNotFound). kReadWrite creates the file when absent (in WAL mode);
  // on an empty file it takes the write lock at once and creates the schema
  // inside the transaction that begin() then returns, so the schema commits
  // with the first data or not at all, and concurrent first imports take turns.
  // A schema 2, 3 or 4 file opened kReadWrite is upgraded to 5 (2 -> 3 -> 4
  // -> 5; upgraded() then says so, and the import recomputes its data
  // datasets); kReadOnly refuses it (Error(kDatabase) saying how to upgrade),
  // since schema 4's countries decide what every listing shows and schema 5's
  // placeholder mark how datasets combine. A file that is not a govmap
  // database is Error(kDatabase).
  Store(const std::string& path, Database::Mode mode);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  class Transaction {
   public:
    explicit Transaction(Database& db);
    ~Transaction();  // rolls back unless committed
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    friend class Store;
    Database& db_;
    bool done_ = false;
    // Set on the transaction that created the schema of a new database: when
    // it rolls back, the database is empty again, and the store opens a new
    // such transaction so that its reads keep working.
    Store* creator_ = nullptr;
  };
  // The transaction opened with a new database (see the constructor), else a new one.
  std::unique_ptr<Transaction> begin() {
    return pending_ ? std::move(pending_) : std::make_unique<Transaction>(db_);
  }

  // ---- reads (all results sorted deterministically) ----
  // Organisations and relationships are returned as the datasets combine
  // (core/precedence.h): periods never overlap, shadowed facts are hidden.
  //
  // Every organisation with its identifiers and periods, by id. Periods of the
  // excluded datasets are left out before combining; organisations left with
  // no period are omitted. citations false: the periods' sources and
  // source_lines are left empty and not read (as RelationshipFilter::citations).
  std::vector<Organisation> organisations(const std::set<std::string>& excluded_datasets = {},
                                          bool citations = true) const;
  std::optional<Organisation> organisation(const std::string& id) const;
  // organisation() of each of ids that exists, by id, in three queries in all
  // rather than three per body: for pictures and neighbourhoods of thousands.
  std::vector<Organisation> organisations_of(const std::set<std::string>& ids) const;
  bool has_organisation(const std::string& id) const;
  // Organisation ids whose id, identifier value or "scheme:value" equals text.
  std::vector<std::string> lookup(const std::string& text) const;
  std::vector<Relationship> relationships(const RelationshipFilter& filter = {}) const;
  // (organisation id, identifier) pairs a dataset contributed, sorted.
  std::vector<std::pair<std::string, Identifier>> identifiers_of(const std::string& dataset) const;
  // Every identifier with its organisation and the dataset that gave it.
  struct IdentifierRow {
    std::string org_id;
    Identifier identifier;
    std::string dataset;
  };
  std::vector<IdentifierRow> identifier_rows() const;
  // One dataset's own rows, before combining: (organisation id, period) sorted
  // by id and valid_from, and its relationships sorted.
  std::vector<std::pair<std::string, OrgPeriod>> dataset_periods(const std::string& dataset) const;
  // Every dataset's periods, before combining, sorted by id, valid_from, dataset.
  std::vector<std::pair<std::string, OrgPeriod>> all_periods() const;
  std::vector<Relationship> dataset_relationships(const std::string& dataset) const;
  std::vector<Source> sources() const;
  std::optional<Source> source(const std::string& id) const;
  std::vector<ImportRecord> imports() const;
  std::optional<ImportRecord> last_import(const std::string& dataset) const;
  // The rules file a map dataset brought (docs/rules.md), by map dataset.
  struct RuleFileRow {
    std::string dataset, path, sha256, text;
  };
  std::vector<RuleFileRow> rule_files() const;
  // Every stored data file, ordered by dataset, snapshot date, sha256.
  std::vector<StoredInput> stored_inputs() const;
  // sha256 -> path (as imported) of every stored input file, without content.
  std::map<std::string, std::string> input_paths() const;

  // ---- writes (call inside a Transaction) ----
  // Removes every fact owned by dataset, then organisations left with no period.
  void delete_dataset(const std::string& dataset);
  void add_organisation(const std::string& id);  // no-op when present
  void add_identifier(const std::string& org_id, const Identifier& ident,
                      const std::string& dataset);
  void add_period(const std::string& org_id, const OrgPeriod& period);
  void add_relationship(const Relationship& rel);
  void add_source(const Source& source);  // no-op when an identical one exists
  void record_import(const ImportRecord& record);
  // Replaces the rules file of a map dataset (removed with the dataset).
  void set_rule_file(const RuleFileRow& row);
  // Stores a data file, replacing one with the same sha256 and format (a file
  // imported again with another --as-of).
  void put_input(const StoredInput& input);
  // Before writing many rows: drops the secondary indexes of the tables
  // (CREATE INDEX ones; keys and UNIQUE constraints stay) and returns their
  // SQL, for create_indexes() once the rows are in: one sort per index
  // instead of a B-tree insert per row. Inside a Transaction, so a rollback
  // restores them; reads in between are correct, only slower.
  std::vector<std::string> drop_indexes();
  void create_indexes(const std::vector<std::string>& sql);
  // Lists facts that refer to organisations or sources that no longer exist, as
  // human-readable lines; empty when the database is consistent.
  std::vector<std::string> dangling_references() const;
  // Inside a Transaction: true when SQLite counts no unresolved foreign key
  // (every reference dangling_references() lists is one) made by this
  // transaction, so that list would add nothing to what the database held
  // before. Constant time: an import calls dangling_references() only when
  // this says false.
  bool references_resolved() const;

  Database& db() { return db_; }
  // True when this open upgraded an older schema (the countries of its data
  // datasets' rows are then known only once they are recomputed).
  bool upgraded() const { return upgraded_; }
  const std::string& path() const { return db_.path(); }

 private:
  void configure_writer();  // per connection: foreign keys, page cache
  void create_schema();
  void check_schema();
  void migrate_from_2();
  void migrate_from_3();
  void migrate_from_4();
  void open_new_or_empty();
  mutable Database db_;
  std::unique_ptr<Transaction> pending_;  // destroyed (rolled back) before db_
  bool closing_ = false;
  bool upgraded_ = false;
};

}  // namespace govmap

#endif  // GOVMAP_CORE_STORE_H_
