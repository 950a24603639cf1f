// `govmap fetch`: bring the shipped national dataset (data/) up to the
// publishers' current releases.
//
// Every manifest entry with a url is downloaded into a temporary file beside
// it (data/.<name>.fetch-new). Nothing is replaced until every download has
// completed and passed the importers' own checks: its format must be the one
// the manifest records (the detection `govmap import` uses), it must read
// without a single bad row, and its layout must be the old one (the same
// number of fields for an ODS extract, the same column families for an ONS
// file). A changed layout, a failed or truncated download, a timeout: each is
// an error naming the file, and nothing is replaced.
//
// Then, when some file changed: the new manifest is written to
// data/.MANIFEST.toml.fetch-new, each file is renamed over the old one, and
// the manifest last. If the process dies after the new manifest is written,
// the next fetch (or verify) finishes the renames first (recover_fetch()); if
// it dies before, the old files and manifest stand and the partial downloads
// are swept away. A lock (data/.fetch.lock) keeps two fetches apart.
//
// What changed is worked out by importing the old and the new set of files
// into two scratch databases and comparing them: per file its bytes and rows,
// per dataset what was added, changed and closed, and the bodies that opened
// or closed.
#ifndef GOVMAP_IMPORTERS_FETCH_H_
#define GOVMAP_IMPORTERS_FETCH_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "importers/data_manifest.h"
#include "importers/dataset.h"
#include "importers/download.h"

namespace govmap {

struct FetchOptions {
  std::string data_dir = "data";
  // When set, file NAME is downloaded from base_url/NAME instead of its
  // manifest url (a mirror, or a test server). Only entries with a url are
  // fetched either way.
  std::string base_url;
  DownloadLimits limits;
  bool dry_run = false;  // download and compare, replace nothing
};

struct FetchedFile {
  std::string name, url;
  bool changed = false;
  uint64_t old_bytes = 0, new_bytes = 0, old_rows = 0, new_rows = 0;
  std::string old_sha256, new_sha256;
  Date old_snapshot, new_snapshot;
};

struct FetchedBody {
  std::string id, name;
  Date date;  // the day it opened, or its last day
};

struct FetchResult {
  std::vector<FetchedFile> files;        // every file downloaded, in manifest order
  std::vector<std::string> not_fetched;  // entries without a url (dated releases)
  std::vector<std::pair<std::string, DatasetDiff>> datasets;  // changed datasets
  std::vector<FetchedBody> opened, closed;                     // bodies, sorted by id
  int relationships_added = 0, relationships_removed = 0;     // combined view
  bool replaced = false;  // the new files are in place (false on a dry run)
  bool changed() const;
};

// Throws Error(kIo) for a failed download, Error(kInput) for a changed layout
// or a local file that does not match the manifest; nothing is replaced then.
FetchResult run_fetch(const FetchOptions& options, std::ostream& progress);

// Finishes or discards what an interrupted fetch left in data_dir.
void recover_fetch(const std::string& data_dir);

// What changed, as plain text (the terminal) and as Markdown (a reviewer).
std::string fetch_summary_text(const FetchResult& result);
std::string fetch_summary_markdown(const FetchResult& result);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_FETCH_H_
