// Appends the run's messages, without colour, to the file config.xml's log_file option names.
#ifndef MIGRATE_CLI_LOG_FILE_SINK_H_
#define MIGRATE_CLI_LOG_FILE_SINK_H_

#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cli/arguments.h"
#include "stages/run_log.h"

namespace migrate::cli {

class LogFileSink : public stages::LogSink {
 public:
  // Opens (creating, appending) `path`; an error names the path.
  static absl::StatusOr<std::unique_ptr<LogFileSink>> Open(const std::string& path, Verbosity verbosity);
  ~LogFileSink() override;

  void Write(stages::LogLevel level, const stages::LogContext& context, absl::string_view message) override;

 private:
  LogFileSink(std::FILE* file, Verbosity verbosity) : file_(file), verbosity_(verbosity) {}

  std::FILE* file_;
  Verbosity verbosity_;
};

}  // namespace migrate::cli

#endif  // MIGRATE_CLI_LOG_FILE_SINK_H_
