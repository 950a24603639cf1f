// Content hashes for import records and build caches.
#ifndef GOVMAP_CORE_HASH_H_
#define GOVMAP_CORE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace govmap {

// Incremental SHA-256 (OpenSSL's EVP interface); hex() gives 64 lower-case digits.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex();  // finishes the hash; call once

 private:
  void* ctx_;
};

// SHA-256 of a file's bytes; throws Error(kIo).
std::string sha256_file(const std::string& path);
std::string sha256_text(std::string_view text);

// Reads a whole file; throws Error(kIo) naming the path, and Error(kInput)
// when it is larger than max_input_bytes().
std::string read_file(const std::string& path);

// Importers hold an input's rows in memory, so inputs are refused above this
// size with a clear message rather than exhausting memory. 512 MiB, or
// $GOVMAP_MAX_INPUT_BYTES (the benchmarks raise it). The largest real ODS and
// ONS files are a few tens of MiB.
uint64_t max_input_bytes();
// Throws Error(kInput) naming the file when it is larger than max_input_bytes().
void check_input_size(const std::string& path);
// The error for an input of which more than max_input_bytes() were read (the
// check for FIFOs and pipes, whose size is known only by reading them).
Error input_too_large(const std::string& path, uint64_t bytes_read);

}  // namespace govmap

#endif  // GOVMAP_CORE_HASH_H_
