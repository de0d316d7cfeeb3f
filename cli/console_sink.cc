#include "cli/console_sink.h"

#include <string>

#include "absl/time/clock.h"
#include "cli/log_line.h"

namespace migrate::cli {
namespace {

const char* ColourOf(stages::LogLevel level) {
  switch (level) {
    case stages::LogLevel::kError:
      return "\033[1;31m";
    case stages::LogLevel::kWarning:
      return "\033[33m";
    case stages::LogLevel::kInfo:
    case stages::LogLevel::kVerbose:
      return "";
    case stages::LogLevel::kDebug:
      return "\033[2m";
  }
  return "";
}

}  // namespace

bool ShownAt(stages::LogLevel level, Verbosity verbosity) {
  switch (verbosity) {
    case Verbosity::kQuiet:
      return level == stages::LogLevel::kError;
    case Verbosity::kNormal:
      return level != stages::LogLevel::kVerbose && level != stages::LogLevel::kDebug;
    case Verbosity::kVerbose:
      return level != stages::LogLevel::kDebug;
    case Verbosity::kDebug:
      return true;
  }
  return true;
}

ConsoleSink::ConsoleSink(std::FILE* out, Verbosity verbosity, bool colour)
    : out_(out), verbosity_(verbosity), colour_(colour) {}

void ConsoleSink::Write(stages::LogLevel level, const stages::LogContext& context, absl::string_view message) {
  if (!ShownAt(level, verbosity_)) return;
  std::string line = FormatLogLine(absl::Now(), level, context, message);
  const char* colour = colour_ ? ColourOf(level) : "";
  if (colour[0] != '\0') {
    std::fprintf(out_, "\r\033[K%s%s\033[0m\n", colour, line.c_str());
  } else if (colour_) {
    std::fprintf(out_, "\r\033[K%s\n", line.c_str());
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

}  // namespace migrate::cli
