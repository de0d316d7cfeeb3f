// Formats one message as Magento's Data Migration Tool prints it:
//   [2026-11-22 03:56:53][INFO][mode: data][stage: data migration][step: Map Step]: message
#ifndef MIGRATE_CLI_LOG_LINE_H_
#define MIGRATE_CLI_LOG_LINE_H_

#include <string>

#include "absl/time/time.h"
#include "stages/run_log.h"

namespace migrate::cli {

std::string FormatLogLine(absl::Time when, stages::LogLevel level, const stages::LogContext& context,
                          absl::string_view message);

}  // namespace migrate::cli

#endif  // MIGRATE_CLI_LOG_LINE_H_
