// The run's messages: what the stages say, with their level and where in the run they were said.
//
// Stages and steps write to a RunLog; the cli attaches sinks (the console, the log_file) that format
// the lines Magento's way. Thread-safe: documents running in parallel may log at once, and each
// message reaches every sink whole.
#ifndef MIGRATE_STAGES_RUN_LOG_H_
#define MIGRATE_STAGES_RUN_LOG_H_

#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::stages {

// kVerbose is information shown only under -v (and -vv): it is written as INFO.
enum class LogLevel { kError, kWarning, kInfo, kVerbose, kDebug };

// "ERROR", "WARNING", "INFO" (kInfo and kVerbose) or "DEBUG".
const char* LogLevelName(LogLevel level);

// Where a message was said; empty parts are left out of the line.
struct LogContext {
  std::string mode;
  std::string stage;
  std::string step;
};

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void Write(LogLevel level, const LogContext& context, absl::string_view message) = 0;
};

class RunLog {
 public:
  // `sink` must outlive the log.
  void AddSink(LogSink* sink);

  void Write(LogLevel level, const LogContext& context, absl::string_view message);

  // Counts of the messages written so far, by level.
  int errors() const;
  int warnings() const;

 private:
  mutable std::mutex mutex_;
  std::vector<LogSink*> sinks_;
  int errors_ = 0;
  int warnings_ = 0;
};

// A RunLog bound to one place in the run, for a stage or step to write through.
class StepLog {
 public:
  // With `differences_as_warnings` (an integrity check under -a), Difference() logs warnings.
  StepLog(RunLog* log, LogContext context, bool differences_as_warnings = false)
      : log_(log), context_(std::move(context)), differences_as_warnings_(differences_as_warnings) {}

  void Error(absl::string_view message) const { log_->Write(LogLevel::kError, context_, message); }
  // A difference an integrity check found (Magento's aggregated integrity messages): an error, or a
  // warning when the run carries on past differences (-a).
  void Difference(absl::string_view message) const {
    log_->Write(differences_as_warnings_ ? LogLevel::kWarning : LogLevel::kError, context_, message);
  }
  void Warning(absl::string_view message) const { log_->Write(LogLevel::kWarning, context_, message); }
  void Info(absl::string_view message) const { log_->Write(LogLevel::kInfo, context_, message); }
  void Verbose(absl::string_view message) const { log_->Write(LogLevel::kVerbose, context_, message); }
  void Debug(absl::string_view message) const { log_->Write(LogLevel::kDebug, context_, message); }

  const LogContext& context() const { return context_; }
  RunLog* log() const { return log_; }

 private:
  RunLog* log_;
  LogContext context_;
  bool differences_as_warnings_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_RUN_LOG_H_
