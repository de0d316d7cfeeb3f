#include "stages/run_log.h"

namespace migrate::stages {

const char* LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kError:
      return "ERROR";
    case LogLevel::kWarning:
      return "WARNING";
    case LogLevel::kInfo:
    case LogLevel::kVerbose:
      return "INFO";
    case LogLevel::kDebug:
      return "DEBUG";
  }
  return "INFO";
}

void RunLog::AddSink(LogSink* sink) {
  std::lock_guard<std::mutex> lock(mutex_);
  sinks_.push_back(sink);
}

void RunLog::Write(LogLevel level, const LogContext& context, absl::string_view message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (level == LogLevel::kError) ++errors_;
  if (level == LogLevel::kWarning) ++warnings_;
  for (LogSink* sink : sinks_) sink->Write(level, context, message);
}

int RunLog::errors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return errors_;
}

int RunLog::warnings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return warnings_;
}

}  // namespace migrate::stages
