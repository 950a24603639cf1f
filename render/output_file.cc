#include "render/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "core/error.h"

namespace govmap {

namespace {

void write_all(int fd, const std::string& bytes, const std::function<void(int)>& on_error) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      on_error(errno);
      return;
    }
    done += static_cast<size_t>(n);
  }
}

// A FIFO or character device (a pipe to another program, /dev/stdout,
// /dev/null) is written through, in place: renaming a file over it would
// replace the device node or pipe with a regular file.
void write_through(const std::string& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    throw Error(Error::Kind::kIo, path + ": cannot open for writing: " + std::strerror(errno));
  write_all(fd, bytes, [&](int err) {
    ::close(fd);
    throw Error(Error::Kind::kIo, path + ": cannot write: " + std::strerror(err));
  });
  if (::close(fd) != 0)
    throw Error(Error::Kind::kIo, path + ": cannot write: " + std::strerror(errno));
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& bytes) {
  auto fail = [&](const std::string& what, int err) {
    throw Error(Error::Kind::kIo, path + ": " + what + ": " + std::strerror(err));
  };
  struct stat target;
  if (::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode)) {
    if (S_ISFIFO(target.st_mode) || S_ISCHR(target.st_mode)) return write_through(path, bytes);
    throw Error(Error::Kind::kIo,
                path + (S_ISDIR(target.st_mode) ? ": is a folder, not a file name"
                                                : ": is not a regular file; govmap will not "
                                                  "replace it"));
  }
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty()) throw Error(Error::Kind::kIo, path + ": not a file name");
  std::string tmpl = dir + "/." + base + ".tmp-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) fail("cannot create a temporary file in " + dir, errno);
  std::string tmp(name.data());
  auto cleanup_and_fail = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(what, err);
  };
  // mkstemp makes the file 0600; an output file gets the usual 0666 & ~umask.
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) cleanup_and_fail("cannot set permissions", errno);
  write_all(fd, bytes, [&](int err) { cleanup_and_fail("cannot write", err); });
  if (::fsync(fd) != 0) cleanup_and_fail("cannot flush", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail("cannot close", err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail("cannot replace the file", err);
  }
}

}  // namespace govmap
