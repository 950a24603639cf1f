// The national dataset shipped in the project's data/ folder and its manifest.
//
// data/MANIFEST.toml lists every file in data/ as a [[file]] table: what it
// is (format as `govmap import` detects it, title, publisher), where the
// publisher documents it (page) and, for a feed with a current release, the
// URL `govmap fetch` downloads (url); its licence and exact attribution; the
// day it describes (snapshot: the --as-of of an ODS extract); where this copy
// came from (copy_of_* for a copy taken from another repository, downloaded
// for one `govmap fetch` wrote); and its size, row count and SHA-256. Files
// are shipped byte-for-byte as published: verify_data_file() refuses one whose
// bytes no longer match. data_manifest_text() gives the same layout back, so
// reading and writing a manifest round-trips byte for byte.
#ifndef GOVMAP_IMPORTERS_DATA_MANIFEST_H_
#define GOVMAP_IMPORTERS_DATA_MANIFEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"

namespace govmap {

struct DataFile {
  std::string name;    // file name inside data/
  std::string format;  // map | ods-etr | ods-eccg | ods-ect | ods-succ | ons
  std::string title, publisher, page;
  std::string url;  // "" = a dated release that is not fetched again
  std::string licence, attribution;
  Date snapshot;
  std::string copy_of_repository, copy_of_path, copy_of_commit;
  std::string downloaded;  // YYYY-MM-DDTHH:MM:SSZ when govmap fetch wrote it
  uint64_t bytes = 0;
  uint64_t rows = 0;
  std::string sha256;
  int line = 0;  // where its [[file]] table starts in the manifest
};

struct DataManifest {
  std::string dir;              // the data folder
  std::string path;             // dir/MANIFEST.toml
  std::vector<DataFile> files;  // in file order
  const DataFile* find(const std::string& name) const;
  DataFile* find(const std::string& name);
  std::vector<std::string> names() const;
};

// The data folder beside a maps folder: <maps_dir>/../data.
std::string data_dir_beside(const std::string& maps_dir);

// Reads and checks dir/MANIFEST.toml; every problem is a file:line:column
// diagnostic (Error(kInput)); Error(kIo) when it cannot be read.
DataManifest read_data_manifest(const std::string& dir);
DataManifest parse_data_manifest(const std::string& dir, const std::string& text);
// The manifest's text in the layout read_data_manifest() reads.
std::string data_manifest_text(const DataManifest& manifest);

// Throws Error(kInput) naming the file when dir/name is missing or its size or
// SHA-256 differs from the manifest's record.
void verify_data_file(const DataManifest& manifest, const DataFile& file);

// Data rows of a CSV file of the given format: every record of a headerless
// ODS file, every record after the header of an ONS file.
uint64_t count_data_rows(const std::string& path, const std::string& format);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_DATA_MANIFEST_H_
