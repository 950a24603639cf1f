// Progress of a long operation (an import), reported through a small callback
// interface so that core and the importers never decide how it is shown.
//
// Progress itself does nothing: code that reports progress takes a Progress*
// (null or a plain Progress = silent). TerminalProgress draws a one-line bar on
// standard error, and only when a person can see it and it is worth showing:
// stderr is a terminal, the CI environment variable is unset or empty, and the
// operation has already run for more than one second. The bar is erased when
// the operation finishes, so the command's own output is never mixed with it.
#ifndef GOVMAP_CORE_PROGRESS_H_
#define GOVMAP_CORE_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace govmap {

class Progress {
 public:
  virtual ~Progress() = default;
  // Step `done` of `total` has begun; `what` says what it is doing.
  virtual void update(std::string_view what, size_t done, size_t total) {
    (void)what, (void)done, (void)total;
  }
  // The operation ended, well or not: remove anything drawn.
  virtual void finish() {}
};

// The rule for drawing: a terminal, not CI, and more than a second in.
bool progress_should_draw(bool stderr_is_terminal, bool ci, std::chrono::duration<double> elapsed);

// True when the environment variable CI is set to a non-empty value.
bool running_under_ci();

class TerminalProgress : public Progress {
 public:
  // Decides from the real stderr and environment; the clock starts now.
  TerminalProgress();
  ~TerminalProgress() override;
  void update(std::string_view what, size_t done, size_t total) override;
  void finish() override;

 private:
  bool possible_;  // terminal and not CI: drawing may start after one second
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// Calls finish() when a scope ends, however it ends.
class ProgressScope {
 public:
  explicit ProgressScope(Progress* p) : p_(p) {}
  ~ProgressScope() {
    if (p_) p_->finish();
  }
  ProgressScope(const ProgressScope&) = delete;
  ProgressScope& operator=(const ProgressScope&) = delete;
  void update(std::string_view what, size_t done, size_t total) {
    if (p_) p_->update(what, done, total);
  }

 private:
  Progress* p_;
};

}  // namespace govmap

#endif  // GOVMAP_CORE_PROGRESS_H_
