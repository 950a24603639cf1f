// The SQL that creates a govmap database. docs/schema.md documents every table;
// keep the two in step.
#ifndef GOVMAP_CORE_SCHEMA_H_
#define GOVMAP_CORE_SCHEMA_H_

namespace govmap {

// Bumped whenever a table or column changes; stored in PRAGMA user_version.
// application_id marks the file as govmap's ("GOVM").
constexpr int kApplicationId = 0x474f564d;

extern const char* const kSchemaSql;
// The rule_file table (one rules file per map dataset). Also run on opening a
// database for writing, so databases made before it gain it.
extern const char* const kRulesSchemaSql;
// Added by schema 3 (and by the migration from 2): the stored data files.
extern const char* const kInputFileSql;
// Schema 4: each period's country (core/country.h). Run by create_schema and
// by the migration from 3, which then fills the column from what SQL alone
// can tell (kCountryFillSql); the import that upgrades a file recomputes every
// data dataset from its stored files, which gives the rest.
extern const char* const kCountrySql;
extern const char* const kCountryFillSql;
// Schema 5: org_period.placeholder (a body a file only refers to, shown only
// when nothing else describes it) and the line of the input row each citation
// came from (org_period_source.line, relationship_source.line; NULL when not
// known). The migration from 4 marks the periods of kind unknown, which were
// the placeholders until then (kPlaceholderFillSql); the import that upgrades
// a file recomputes the data datasets, which gives their citations lines.
extern const char* const kPlaceholderLineSql;
extern const char* const kPlaceholderFillSql;

}  // namespace govmap

#endif  // GOVMAP_CORE_SCHEMA_H_
