#include "core/hash.h"

#include <openssl/evp.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace govmap {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr);
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
}

void Sha256::update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), digest, &len);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot open '" + path + "': " + std::strerror(errno));
  Sha256 h;
  char buf[1 << 16];
  uint64_t total = 0;
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    total += static_cast<uint64_t>(in.gcount());
    if (total > max_input_bytes()) throw input_too_large(path, total);
    h.update(std::string_view(buf, static_cast<size_t>(in.gcount())));
  }
  return h.hex();
}

std::string sha256_text(std::string_view text) {
  Sha256 h;
  h.update(text);
  return h.hex();
}

uint64_t max_input_bytes() {
  if (const char* env = std::getenv("GOVMAP_MAX_INPUT_BYTES"))
    if (uint64_t n = std::strtoull(env, nullptr, 10)) return n;
  return uint64_t{512} << 20;
}

void check_input_size(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;  // opening reports it
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size <= max_input_bytes()) return;
  Diagnostic d;
  d.file = path;
  d.message = "file is " + std::to_string(size >> 20) + " MiB; govmap reads input files of up to " +
              std::to_string(max_input_bytes() >> 20) +
              " MiB (set GOVMAP_MAX_INPUT_BYTES to allow more)";
  throw Error(Error::Kind::kInput, {d});
}

Error input_too_large(const std::string& path, uint64_t bytes_read) {
  Diagnostic d;
  d.file = path;
  d.message = "more than " + std::to_string(max_input_bytes() >> 20) + " MiB read (" +
              std::to_string(bytes_read) +
              " bytes) and the input goes on; govmap reads input files of up to " +
              std::to_string(max_input_bytes() >> 20) +
              " MiB (set GOVMAP_MAX_INPUT_BYTES to allow more)";
  return Error(Error::Kind::kInput, {d});
}

std::string read_file(const std::string& path) {
  check_input_size(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot open '" + path + "': " + std::strerror(errno));
  std::string out;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<size_t>(in.gcount()));
    if (out.size() > max_input_bytes()) throw input_too_large(path, out.size());
  }
  return out;
}

}  // namespace govmap
