// Shows a copy's progress: on a terminal, one status line redrawn twice a second with rows, rows/s
// and the time left; elsewhere (and in the log), one line per finished document.
#ifndef MIGRATE_CLI_PROGRESS_DISPLAY_H_
#define MIGRATE_CLI_PROGRESS_DISPLAY_H_

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "absl/time/time.h"
#include "pipeline/coordinator.h"
#include "stages/run_log.h"

namespace migrate::cli {

class ProgressDisplay : public pipeline::CopyListener {
 public:
  // `terminal`: standard output is a terminal, so the live line is drawn on `out`.
  ProgressDisplay(stages::RunLog* log, std::string mode, std::FILE* out, bool terminal);
  ~ProgressDisplay() override;

  void CopyStarted(const std::atomic<uint64_t>& rows_written, uint64_t estimated_rows) override;
  void CopyFinished() override;
  void DocumentStarted(const pipeline::CopyPlan& plan) override;
  void DocumentFinished(const pipeline::CopyPlan& plan, const pipeline::DocumentResult& result) override;
  // Logged as a warning: a recovered fault is still worth knowing.
  void Reconnected(const pipeline::CopyPlan& plan, absl::string_view step, const std::string& what) override;

 private:
  void Tick();
  void StopTicker();

  stages::RunLog* log_;
  const std::string mode_;
  std::FILE* out_;
  const bool terminal_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread ticker_;
  const std::atomic<uint64_t>* rows_written_ = nullptr;
  uint64_t estimated_rows_ = 0;
  absl::Time started_;
};

}  // namespace migrate::cli

#endif  // MIGRATE_CLI_PROGRESS_DISPLAY_H_
