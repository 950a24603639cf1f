#include "core/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace govmap {

bool progress_should_draw(bool stderr_is_terminal, bool ci, std::chrono::duration<double> elapsed) {
  // A bar in a log file or a CI transcript is noise made of carriage returns;
  // a bar for an import that ends within a second is only a flicker.
  return stderr_is_terminal && !ci && elapsed > std::chrono::seconds(1);
}

bool running_under_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci;
}

TerminalProgress::TerminalProgress()
    : possible_(::isatty(STDERR_FILENO) == 1 && !running_under_ci()),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

TerminalProgress::~TerminalProgress() {
  finish();
}

void TerminalProgress::update(std::string_view what, size_t done, size_t total) {
  if (!possible_) return;
  auto now = std::chrono::steady_clock::now();
  if (!progress_should_draw(true, false, now - start_)) return;
  // Redrawing at most ten times a second keeps the terminal cheap to update.
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  constexpr size_t kWidth = 24;
  size_t filled = total ? std::min(kWidth, done * kWidth / total) : 0;
  std::string line = "\r\033[K[" + std::string(filled, '#') + std::string(kWidth - filled, '.') +
                     "] " + std::to_string(done) + "/" + std::to_string(total) + " ";
  // Keep the line short enough for a narrow terminal: a wrapped line cannot be
  // redrawn with a carriage return.
  std::string text(what);
  if (text.size() > 60) {
    size_t cut = text.size() - 57;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
    text = "..." + text.substr(cut);
  }
  line += text;
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void TerminalProgress::finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace govmap
