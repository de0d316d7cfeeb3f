#include "cli/progress_display.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace migrate::cli {

ProgressDisplay::ProgressDisplay(stages::RunLog* log, std::string mode, std::FILE* out, bool terminal)
    : log_(log), mode_(std::move(mode)), out_(out), terminal_(terminal) {}

ProgressDisplay::~ProgressDisplay() { StopTicker(); }

void ProgressDisplay::CopyStarted(const std::atomic<uint64_t>& rows_written, uint64_t estimated_rows) {
  StopTicker();
  std::lock_guard<std::mutex> lock(mutex_);
  rows_written_ = &rows_written;
  estimated_rows_ = estimated_rows;
  started_ = absl::Now();
  stopping_ = false;
  if (terminal_) ticker_ = std::thread([this] { Tick(); });
}

void ProgressDisplay::CopyFinished() {
  StopTicker();
  std::lock_guard<std::mutex> lock(mutex_);
  rows_written_ = nullptr;
}

void ProgressDisplay::StopTicker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (terminal_) {
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
  }
}

void ProgressDisplay::Tick() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; })) {
    const uint64_t rows = rows_written_->load(std::memory_order_relaxed);
    const double seconds = std::max(1e-3, absl::ToDoubleSeconds(absl::Now() - started_));
    const double rate = rows / seconds;
    std::string line = absl::StrFormat("[%s] %d rows, %.0f rows/s", mode_, rows, rate);
    if (estimated_rows_ > 0 && rate > 0) {
      const double done = std::min(1.0, static_cast<double>(rows) / estimated_rows_);
      const double left = estimated_rows_ > rows ? (estimated_rows_ - rows) / rate : 0;
      absl::StrAppend(&line, absl::StrFormat(", about %.0f%%, %.0f s left", done * 100, left));
    }
    std::fprintf(out_, "\r\033[K%s", line.c_str());
    std::fflush(out_);
  }
}

void ProgressDisplay::DocumentStarted(const pipeline::CopyPlan&) {}

void ProgressDisplay::DocumentFinished(const pipeline::CopyPlan& plan, const pipeline::DocumentResult& result) {
  const double seconds = absl::ToDoubleSeconds(result.elapsed);
  log_->Write(stages::LogLevel::kInfo, stages::LogContext{mode_, "data migration", ""},
              absl::StrFormat("%s -> %s: %d rows in %.2f s (%.0f rows/s)", plan.document, plan.destination_table,
                              result.rows_written, seconds, seconds > 0 ? result.rows_written / seconds : 0.0));
}

void ProgressDisplay::Reconnected(const pipeline::CopyPlan&, absl::string_view step, const std::string& what) {
  log_->Write(stages::LogLevel::kWarning, stages::LogContext{mode_, "data migration", std::string(step)}, what);
}

}  // namespace migrate::cli
