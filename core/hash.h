// Content hashes for import records and build caches.
#ifndef GOVMAP_CORE_HASH_H_
#define GOVMAP_CORE_HASH_H_

#include <string>
#include <string_view>
#include <vector>

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

// Reads a whole file; throws Error(kIo) naming the path.
std::string read_file(const std::string& path);

}  // namespace govmap

#endif  // GOVMAP_CORE_HASH_H_
