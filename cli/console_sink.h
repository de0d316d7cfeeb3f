// Prints the run's messages on standard output in Magento's line format, coloured by level when
// standard output is a terminal, and filtered by the command line's verbosity. Thread-safety comes
// from RunLog, which serialises writes.
#ifndef MIGRATE_CLI_CONSOLE_SINK_H_
#define MIGRATE_CLI_CONSOLE_SINK_H_

#include <cstdio>

#include "cli/arguments.h"
#include "stages/run_log.h"

namespace migrate::cli {

class ConsoleSink : public stages::LogSink {
 public:
  ConsoleSink(std::FILE* out, Verbosity verbosity, bool colour);

  void Write(stages::LogLevel level, const stages::LogContext& context, absl::string_view message) override;

 private:
  std::FILE* out_;
  Verbosity verbosity_;
  bool colour_;
};

// True when `level` is shown at `verbosity`.
bool ShownAt(stages::LogLevel level, Verbosity verbosity);

}  // namespace migrate::cli

#endif  // MIGRATE_CLI_CONSOLE_SINK_H_
