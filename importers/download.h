// Downloading one file over HTTP(S) with libcurl, into a file the caller names.
//
// A download either completes (HTTP 2xx, every byte the server announced) or
// throws Error(kIo) saying what went wrong: the HTTP status, a transfer cut
// short (fewer bytes than Content-Length), a timeout, a refused connection.
// Only http and https are followed (at most 5 redirects). Bodies larger than
// max_input_bytes() are refused, as the importers would refuse them.
#ifndef GOVMAP_IMPORTERS_DOWNLOAD_H_
#define GOVMAP_IMPORTERS_DOWNLOAD_H_

#include <string>

namespace govmap {

struct DownloadLimits {
  long connect_timeout_seconds = 20;
  long timeout_seconds = 300;  // the whole transfer
  long stall_seconds = 30;     // no byte for this long: give up
};

// Writes the body of url to path (created or truncated). On failure path may
// hold part of the body; the caller removes it.
void download_to_file(const std::string& url, const std::string& path,
                      const DownloadLimits& limits);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_DOWNLOAD_H_
