#include "importers/download.h"

#include <curl/curl.h>

#include <cstdio>
#include <mutex>

#include "core/error.h"
#include "core/hash.h"

namespace govmap {
namespace {

struct Sink {
  std::FILE* file = nullptr;
  uint64_t written = 0;
  bool too_big = false;
  bool write_failed = false;
};

size_t on_data(char* data, size_t size, size_t count, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (sink->written + n > max_input_bytes()) {
    sink->too_big = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  if (std::fwrite(data, 1, n, sink->file) != n) {
    sink->write_failed = true;
    return 0;
  }
  sink->written += n;
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

void download_to_file(const std::string& url, const std::string& path,
                      const DownloadLimits& limits) {
  global_init();
  Sink sink;
  sink.file = std::fopen(path.c_str(), "wb");
  if (!sink.file) throw Error(Error::Kind::kIo, "cannot write '" + path + "'");
  CURL* curl = curl_easy_init();
  if (!curl) {
    std::fclose(sink.file);
    throw Error(Error::Kind::kIo, "cannot start a download (libcurl)");
  }
  char message[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, message);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, limits.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, limits.timeout_seconds);
  // A server that stops sending: under 1 byte/s for stall_seconds aborts.
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, limits.stall_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "govmap/" GOVMAP_VERSION " (govmap fetch)");
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate when offered
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  bool closed = std::fclose(sink.file) == 0;
  std::string what;
  if (sink.too_big)
    what = "the file is larger than the " + std::to_string(max_input_bytes() >> 20) +
           " MiB govmap reads (GOVMAP_MAX_INPUT_BYTES)";
  else if (sink.write_failed || (rc == CURLE_OK && !closed))
    what = "cannot write '" + path + "'";
  else if (rc == CURLE_PARTIAL_FILE)
    what = "the transfer was cut short after " + std::to_string(sink.written) +
           " bytes (fewer than the server announced)";
  else if (rc == CURLE_OPERATION_TIMEDOUT)
    what = std::string("timed out (") + message + ")";
  else if (rc != CURLE_OK)
    what = message[0] ? message : curl_easy_strerror(rc);
  else if (status < 200 || status > 299)
    what = "the server answered HTTP " + std::to_string(status);
  if (!what.empty()) throw Error(Error::Kind::kIo, "downloading " + url + ": " + what);
}

}  // namespace govmap
