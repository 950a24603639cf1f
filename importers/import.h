// Importing one or more inputs into the store, as one transaction.
//
// import_paths() detects each input's format (or uses the forced one), reads
// and checks everything first, then replaces each changed dataset inside a
// single transaction: the whole import lands, or the database is untouched.
// Inputs whose content hash equals the dataset's last import are skipped, so
// importing the same input twice changes nothing.
#ifndef GOVMAP_IMPORTERS_IMPORT_H_
#define GOVMAP_IMPORTERS_IMPORT_H_

#include <string>
#include <vector>

#include "importers/dataset.h"

namespace govmap {

class Store;

struct ImportOptions {
  bool dry_run = false;
  std::string format;  // "" = detect; else one of import_format_names()
};

struct ImportReport {
  enum class Status { kImported, kUnchanged, kWouldImport };
  std::string path;
  std::string dataset;
  std::string importer;
  Status status = Status::kImported;
  DatasetDiff diff;
};

const std::vector<std::string>& import_format_names();

// Throws Error(kInput) with every diagnostic found, Error(kIo) for unreadable
// inputs, Error(kDatabase) when the store cannot be written.
std::vector<ImportReport> import_paths(Store& store, const std::vector<std::string>& paths,
                                       const ImportOptions& options);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_IMPORT_H_
