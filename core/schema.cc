#include "core/schema.h"

namespace govmap {

// Dates are TEXT 'YYYY-MM-DD' so they sort and compare as strings; valid_to NULL
// means still in force. Foreign keys are deferred so an import can replace a
// dataset's rows inside one transaction; they are checked at COMMIT.
//
// Several datasets may describe the same organisation or relationship, so the
// dataset is part of the keys of identifier, org_period and relationship: each
// dataset's rows are stored as its inputs gave them, and reads combine them by
// rank (core/precedence.h); identifiers are the union of every dataset's.
const char* const kSchemaSql = R"sql(
CREATE TABLE source (
  id        TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  publisher TEXT NOT NULL,
  url       TEXT NOT NULL,
  date      TEXT,
  dataset   TEXT NOT NULL
);
CREATE TABLE organisation (
  id TEXT PRIMARY KEY
);
CREATE TABLE identifier (
  scheme  TEXT NOT NULL,
  value   TEXT NOT NULL,
  org_id  TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
  dataset TEXT NOT NULL,
  PRIMARY KEY (scheme, value, dataset)
);
CREATE INDEX identifier_value ON identifier(value);
CREATE INDEX identifier_org ON identifier(org_id);
CREATE TABLE org_period (
  org_id     TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  tier       TEXT,
  dataset    TEXT NOT NULL,
  PRIMARY KEY (org_id, dataset, valid_from)
);
CREATE INDEX org_period_dates ON org_period(valid_from, valid_to);
CREATE INDEX org_period_dataset ON org_period(dataset);
CREATE TABLE org_period_source (
  org_id     TEXT NOT NULL,
  dataset    TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  source_id  TEXT NOT NULL REFERENCES source(id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (org_id, dataset, valid_from, source_id),
  FOREIGN KEY (org_id, dataset, valid_from) REFERENCES org_period(org_id, dataset, valid_from)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE relationship (
  id          INTEGER PRIMARY KEY,
  from_id     TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
  to_id       TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
  kind        TEXT NOT NULL,
  layer       TEXT NOT NULL CHECK (layer IN ('statutory', 'shadow')),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  legal_basis TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  share       REAL,
  dataset     TEXT NOT NULL,
  UNIQUE (from_id, to_id, kind, layer, valid_from, dataset)
);
CREATE INDEX relationship_to ON relationship(to_id);
CREATE INDEX relationship_dates ON relationship(valid_from, valid_to);
CREATE INDEX relationship_dataset ON relationship(dataset);
CREATE TABLE relationship_source (
  relationship_id INTEGER NOT NULL
    REFERENCES relationship(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  source_id       TEXT NOT NULL REFERENCES source(id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (relationship_id, source_id)
);
CREATE TABLE import (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  importer    TEXT NOT NULL,
  dataset     TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  counts      TEXT NOT NULL
);
CREATE INDEX import_dataset ON import(dataset);
)sql";

// The rules files of the maps (docs/rules.md). Kept apart so that opening an
// older database can add it on its own (IF NOT EXISTS): the migration step.
const char* const kRulesSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS rule_file (
  dataset TEXT PRIMARY KEY,
  path    TEXT NOT NULL,
  sha256  TEXT NOT NULL,
  text    TEXT NOT NULL
);
)sql";

// Schema 3: the ODS and ONS files themselves, so that every data dataset is
// recomputed from all of them (and from the curated maps in force) on each
// import, whatever the order they came in.
const char* const kInputFileSql = R"sql(
CREATE TABLE input_file (
  sha256  TEXT NOT NULL,
  format  TEXT NOT NULL,
  dataset TEXT NOT NULL,
  as_of   TEXT,
  path    TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (sha256, format)
);
)sql";

const char* const kCountrySql = R"sql(
ALTER TABLE org_period ADD COLUMN country TEXT NOT NULL DEFAULT 'unknown'
  CHECK (country IN ('england', 'wales', 'scotland', 'northern-ireland', 'unknown'));
)sql";

// Curated maps (and the rules derived from them) are maps of England; a body
// with an ONS GSS code is in the country of its first letter. ODS rows need
// their file's geography columns: the recomputation gives those.
const char* const kCountryFillSql = R"sql(
UPDATE org_period SET country = 'england' WHERE dataset LIKE 'map:%' OR dataset LIKE 'rules:%';
UPDATE org_period SET country = coalesce((
    SELECT CASE substr(v, 1, 1) WHEN 'E' THEN 'england' WHEN 'W' THEN 'wales'
                                WHEN 'S' THEN 'scotland' WHEN 'N' THEN 'northern-ireland' END
      FROM (SELECT org_period.org_id AS v
            UNION ALL
            SELECT value FROM identifier i WHERE i.org_id = org_period.org_id AND i.scheme = 'ons')
     WHERE v GLOB '[EWSN][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
     ORDER BY v LIMIT 1), 'unknown')
 WHERE country = 'unknown';
)sql";

// Schema 5: placeholders marked apart from their kind, and the line of the row
// each citation came from.
const char* const kPlaceholderLineSql = R"sql(
ALTER TABLE org_period ADD COLUMN placeholder INTEGER NOT NULL DEFAULT 0
  CHECK (placeholder IN (0, 1));
ALTER TABLE org_period_source ADD COLUMN line INTEGER;
ALTER TABLE relationship_source ADD COLUMN line INTEGER;
)sql";

// Before schema 5 the kind unknown was the placeholder mark.
const char* const kPlaceholderFillSql = R"sql(
UPDATE org_period SET placeholder = 1 WHERE kind = 'unknown';
)sql";

}  // namespace govmap
