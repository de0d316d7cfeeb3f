#include "cli/log_file_sink.h"

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/console_sink.h"
#include "cli/log_line.h"

namespace migrate::cli {

absl::StatusOr<std::unique_ptr<LogFileSink>> LogFileSink::Open(const std::string& path, Verbosity verbosity) {
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("cannot open log_file ", path, ": ", std::strerror(errno)));
  }
  // The file keeps what the console would show at normal verbosity, and more when asked.
  Verbosity kept = verbosity == Verbosity::kQuiet ? Verbosity::kNormal : verbosity;
  return std::unique_ptr<LogFileSink>(new LogFileSink(file, kept));
}

LogFileSink::~LogFileSink() { std::fclose(file_); }

void LogFileSink::Write(stages::LogLevel level, const stages::LogContext& context, absl::string_view message) {
  if (!ShownAt(level, verbosity_)) return;
  std::string line = FormatLogLine(absl::Now(), level, context, message);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace migrate::cli
