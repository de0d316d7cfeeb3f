#include "generator/progress.h"

#include <unistd.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace migrate::generator {
namespace {

constexpr size_t kMaxStatusLine = 118;

}  // namespace

std::string WithThousands(uint64_t value) {
  const std::string digits = absl::StrCat(value);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

Progress::Mode Progress::ModeFor(std::FILE* out, bool quiet) {
  if (quiet) return Mode::kQuiet;
  return isatty(fileno(out)) ? Mode::kTerminal : Mode::kLines;
}

Progress::Progress(Mode mode, std::FILE* out, size_t tables)
    : mode_(mode), out_(out), tables_(tables), start_(std::chrono::steady_clock::now()) {
  if (mode_ == Mode::kTerminal) refresher_ = std::thread([this] { Refresh(); });
}

Progress::~Progress() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  if (refresher_.joinable()) {
    refresher_.join();
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
  }
}

void Progress::Started(const RowSink* sink) {
  std::lock_guard<std::mutex> lock(mutex_);
  loading_.push_back(sink);
}

void Progress::Finished(const RowSink* sink, uint64_t rows, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  loading_.erase(std::remove(loading_.begin(), loading_.end(), sink), loading_.end());
  ++finished_tables_;
  finished_rows_ += rows;
  if (mode_ != Mode::kLines) return;
  std::fprintf(out_, "%s\n",
               absl::StrFormat("%-34s %11s rows %7.2f s %11s rows/s", sink->table(), WithThousands(rows), seconds,
                               WithThousands(seconds > 0 ? static_cast<uint64_t>(rows / seconds) : rows))
                   .c_str());
  std::fflush(out_);
}

std::string Progress::StatusLine() {
  uint64_t rows = finished_rows_;
  std::string loading;
  for (const RowSink* sink : loading_) {
    rows += sink->rows();
    absl::StrAppend(&loading, " | ", sink->table(), " ", WithThousands(sink->rows()));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line =
      absl::StrFormat("[%d/%d tables] %s rows, %s rows/s%s", finished_tables_, tables_, WithThousands(rows),
                      WithThousands(seconds > 0 ? static_cast<uint64_t>(rows / seconds) : 0), loading);
  // Longer than a terminal line, it would wrap and "\r" could no longer rewrite it.
  if (line.size() > kMaxStatusLine) line.resize(kMaxStatusLine);
  return line;
}

void Progress::Refresh() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_requested_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_; })) {
    std::fprintf(out_, "\r\033[K%s", StatusLine().c_str());
    std::fflush(out_);
  }
}

}  // namespace migrate::generator
