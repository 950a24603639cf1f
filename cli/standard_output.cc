#include "cli/standard_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <string>

#include "core/error.h"

namespace govmap {
namespace {

class CheckedFdBuffer : public std::streambuf {
 public:
  explicit CheckedFdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  // Writes out what is buffered; after a failure, later output is dropped (the
  // result is already incomplete) and the first errno kept.
  bool drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    while (left > 0 && error_ == 0) {
      ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        break;
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

// Never destroyed: std::cout is flushed once more when the program exits,
// after function-local statics would be gone.
CheckedFdBuffer& standard_output_buffer() {
  static CheckedFdBuffer* buffer = new CheckedFdBuffer(STDOUT_FILENO);
  return *buffer;
}

}  // namespace

void use_checked_standard_output() {
  std::cout.rdbuf(&standard_output_buffer());
}

void finish_standard_output(std::ostream& out) {
  out.flush();
  int err = std::cout.rdbuf() == &standard_output_buffer() ? standard_output_buffer().error() : 0;
  if (out && err == 0) return;
  out.clear();
  throw Error(Error::Kind::kIo, "cannot write to standard output: " +
                                    std::string(err != 0 ? std::strerror(err) : "a write failed"));
}

}  // namespace govmap
