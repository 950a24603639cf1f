// Importing one or more inputs into the store, as one transaction.
//
// import_paths() detects each input's format (or uses the forced one), reads
// and checks everything first, then replaces each changed dataset inside a
// single transaction: the whole import lands, or the database is untouched.
//
// Inputs are recognised by structure, never by file name: a folder holding
// organisations.csv is a curated map; a CSV whose header has ONS column
// families (CCG21CD, LAD20NM, ...) is an ONS lookup; a headerless CSV of 27 or
// 24 fields is an ODS etr, eccg or ect extract, one of 5 fields an ODS succ
// file. Curated maps are datasets of their own (map:NAME); a map folder's
// map.toml may name maps it depends on (`depends`), which are imported with
// it. ODS and ONS files are stored in the database and feed one dataset per
// kind (ods:trusts, ods:commissioners, ods:care-trusts, ods:successions,
// ons:lookups); every import that adds a file or changes a map rebuilds all of
// them from every stored file (importers/recompute.h) and applies the time
// rules (importers/time_model.h), so the result depends only on what was
// imported, never on the order, and importing the same file again changes
// nothing. A data dataset imported by schema 2 (files not stored) is left as it
// is until its files are imported again.
#ifndef GOVMAP_IMPORTERS_IMPORT_H_
#define GOVMAP_IMPORTERS_IMPORT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "importers/dataset.h"

namespace govmap {

class Progress;
class Store;

struct ImportOptions {
  bool dry_run = false;
  std::string format;  // "" = detect; else one of import_format_names()
  // Snapshot date of ODS extracts (--as-of); when unset, each extract is dated
  // by ods_bounding_date() and the report says so.
  std::optional<Date> as_of;
  // Per-input snapshot dates (the data/MANIFEST.toml record of each shipped
  // extract), used instead of as_of for the paths they name.
  std::map<std::string, Date> snapshot_dates;
  Progress* progress = nullptr;  // told each step; null = silent
};

struct ImportReport {
  enum class Status { kImported, kUnchanged, kWouldImport };
  std::string path;
  std::string dataset;
  std::string importer;  // the format: map, ods-etr, ..., ons
  Status status = Status::kImported;
  DatasetDiff diff;
  // The snapshot date taken from an ODS extract itself (no --as-of given).
  std::optional<Date> assumed_as_of;
  // Problems that did not stop the import (codes no dataset defines, ...).
  std::vector<std::string> warnings;
};

const std::vector<std::string>& import_format_names();

// The format of path, detected from its structure. Throws Error(kIo) when it
// cannot be read, Error(kInput) naming every format tried when none matches.
std::string detect_format(const std::string& path);

// Throws Error(kInput) with every diagnostic found, Error(kIo) for unreadable
// inputs, Error(kUsage) when an ODS extract needs a date, has no --as-of
// and no rows to take one from,
// Error(kDatabase) when the store cannot be written.
std::vector<ImportReport> import_paths(Store& store, const std::vector<std::string>& paths,
                                       const ImportOptions& options);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_IMPORT_H_
