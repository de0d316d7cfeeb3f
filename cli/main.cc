// The migrate binary: parses the command line, reads config.xml, wires the console and log file,
// turns Ctrl+C into a clean stop, runs the mode and maps the outcome to an exit code.
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "cli/arguments.h"
#include "cli/console_sink.h"
#include "cli/log_file_sink.h"
#include "cli/progress_display.h"
#include "cli/tool_root.h"
#include "cli/version.h"
#include "mapping/config.h"
#include "pipeline/cancellation.h"
#include "stages/mode_runner.h"
#include "stages/run_context.h"
#include "stages/run_log.h"
#include "stages/value_change_report.h"
#include "stages/step_registry.h"

namespace migrate::cli {
namespace {

constexpr int kExitSuccess = 0;
constexpr int kExitFailure = 1;
constexpr int kExitInterrupted = 130;

pipeline::Cancellation* stop_request = nullptr;
std::atomic<int> stop_signals{0};

// The first Ctrl+C asks for a clean stop (batches in flight are committed); a second one leaves at once.
extern "C" void OnStopSignal(int) {
  if (++stop_signals > 1) _exit(kExitInterrupted);
  if (stop_request != nullptr) stop_request->RequestStop();
}

// delta_poll_interval in seconds, fractions allowed (config.xml's reader checked it); Magento's 5 s when unset.
absl::Duration PollInterval(const mapping::Config& config) {
  double seconds = 0;
  if (!absl::SimpleAtod(config.options().Get("delta_poll_interval"), &seconds) || seconds < 0) return absl::Seconds(5);
  return absl::Seconds(seconds);
}

// value_changes: "fatal" stops the run at the first value the destination would change; "warn"
// (the default, also when unset) reports them. Anything else is an error.
absl::StatusOr<bool> ValueChangesFatal(const mapping::Config& config) {
  const std::string value = absl::AsciiStrToLower(config.options().Get("value_changes"));
  if (value.empty() || value == "warn") return false;
  if (value == "fatal") return true;
  return absl::InvalidArgumentError(absl::StrCat(config.path(), ": option value_changes is '",
                                                 config.options().Get("value_changes"), "'; it takes warn or fatal"));
}

int Run(const Arguments& arguments) {
  absl::StatusOr<mapping::Config> config = mapping::Config::Read(arguments.config_path, FindToolRoot(arguments.config_path));
  if (!config.ok()) {
    std::fprintf(stderr, "migrate: %s\n", std::string(config.status().message()).c_str());
    return kExitFailure;
  }

  stages::RunLog log;
  const bool terminal = isatty(fileno(stdout)) != 0;
  ConsoleSink console(stdout, arguments.verbosity, terminal);
  log.AddSink(&console);
  std::unique_ptr<LogFileSink> log_file;
  if (!config->options().log_file().empty()) {
    absl::StatusOr<std::unique_ptr<LogFileSink>> opened = LogFileSink::Open(config->options().log_file(), arguments.verbosity);
    if (!opened.ok()) {
      std::fprintf(stderr, "migrate: %s\n", std::string(opened.status().message()).c_str());
      return kExitFailure;
    }
    log_file = std::move(*opened);
    log.AddSink(log_file.get());
  }

  absl::StatusOr<bool> value_changes_fatal = ValueChangesFatal(*config);
  if (!value_changes_fatal.ok()) {
    std::fprintf(stderr, "migrate: %s\n", std::string(value_changes_fatal.status().message()).c_str());
    return kExitFailure;
  }

  pipeline::Cancellation cancellation;
  stop_request = &cancellation;
  signal(SIGINT, OnStopSignal);
  signal(SIGTERM, OnStopSignal);

  stages::RunOptions options;
  options.mode = ModeName(arguments.mode);
  options.auto_resolve = arguments.auto_resolve;
  options.reset = arguments.reset;
  options.threads = config->options().threads();
  options.bulk_size = config->options().bulk_size();
  options.setup_only = arguments.setup_only;
  options.poll_interval = PollInterval(*config);
  options.until_caught_up = arguments.until_caught_up;
  options.catch_up_timeout = arguments.timeout;
  options.value_changes_fatal = *value_changes_fatal;
  ProgressDisplay display(&log, options.mode, stdout, terminal && arguments.verbosity != Verbosity::kQuiet);
  stages::RunContext context(*config, options, &log, &cancellation, &display);

  const stages::LogContext mode_context{options.mode, "", ""};
  const absl::Time start = absl::Now();
  absl::Status status = stages::RunMode(context, stages::StepRegistry::Default());
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const uint64_t rows = context.totals().rows.load();
  const std::string summary =
      absl::StrFormat("documents: %d, rows: %d, seconds: %.1f, rows/s: %.0f, %s", context.totals().documents.load(),
                      rows, seconds, seconds > 0 ? rows / seconds : 0.0, stages::ValueChangeSummary(context));
  if (context.value_changes().total() > 0) {
    log.Write(stages::LogLevel::kWarning, mode_context,
              absl::StrCat(context.value_changes().total(),
                           " values were changed by the destination on the way in (cut short, clipped, zeroed or "
                           "defaulted): see the warnings above, or set option value_changes to fatal to stop at the "
                           "first"));
  }
  if (status.ok()) {
    const char* outcome = arguments.mode == Mode::kVerify ? "Verify completed, all equal: "
                          : arguments.mode != Mode::kDelta ? "Migration completed: "
                          : arguments.until_caught_up      ? "Delta caught up: "
                                                           : "Delta stopped: ";
    log.Write(stages::LogLevel::kInfo, mode_context, absl::StrCat(outcome, summary));
    return kExitSuccess;
  }
  if (arguments.until_caught_up && absl::IsCancelled(status)) {
    log.Write(stages::LogLevel::kWarning, mode_context,
              absl::StrCat("Delta ", status.message(), "; run the same command to carry on (", summary, ")"));
    return kExitInterrupted;
  }
  if (absl::IsCancelled(status) || cancellation.stop_requested()) {
    const char* stopped = arguments.mode == Mode::kVerify
                              ? "Stopped before every document was compared ("
                              : "Stopped; every committed batch is saved, run the same command to resume (";
    log.Write(stages::LogLevel::kWarning, mode_context, absl::StrCat(stopped, summary, ")"));
    return kExitInterrupted;
  }
  log.Write(stages::LogLevel::kError, mode_context, status.message());
  return kExitFailure;
}

}  // namespace
}  // namespace migrate::cli

int main(int argc, char** argv) {
  // Buffers of 128 KiB and more (row batches, the client library's buffers of wide rows) get
  // mappings of their own, given back to the system when freed. Left to glibc, the threshold rises
  // to the largest buffer freed so far, and such buffers then stay in the threads' arenas: the
  // peak memory grew with the catalog (README, "Memory").
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<migrate::cli::Arguments> arguments = migrate::cli::ParseArguments(args);
  if (!arguments.ok()) {
    std::fprintf(stderr, "migrate: %s\n", std::string(arguments.status().message()).c_str());
    return 1;
  }
  if (arguments->help) {
    std::fputs(migrate::cli::HelpText().c_str(), stdout);
    return 0;
  }
  if (arguments->version) {
    std::fputs(migrate::cli::VersionText().c_str(), stdout);
    return 0;
  }
  return migrate::cli::Run(*arguments);
}
