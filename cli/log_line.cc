#include "cli/log_line.h"

#include "absl/strings/str_cat.h"

namespace migrate::cli {

std::string FormatLogLine(absl::Time when, stages::LogLevel level, const stages::LogContext& context,
                          absl::string_view message) {
  std::string line = absl::StrCat("[", absl::FormatTime("%Y-%m-%d %H:%M:%S", when, absl::LocalTimeZone()), "][",
                                  stages::LogLevelName(level), "]");
  if (!context.mode.empty()) absl::StrAppend(&line, "[mode: ", context.mode, "]");
  if (!context.stage.empty()) absl::StrAppend(&line, "[stage: ", context.stage, "]");
  if (!context.step.empty()) absl::StrAppend(&line, "[step: ", context.step, "]");
  absl::StrAppend(&line, ": ", message);
  return line;
}

}  // namespace migrate::cli
