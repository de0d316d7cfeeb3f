#include "stages/delta_mode.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "io/mysql_error.h"
#include "stages/change_capture_setup.h"
#include "stages/step_stage.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kDeltaStage = "delta delivery";
constexpr absl::string_view kVolumeStage = "volume check";

struct DeltaStep {
  const mapping::StepConfig* config;
  std::unique_ptr<StepStage> stage;
  StepLog log;
};

// Holds the destination's named lock for the run: a second delta on the same database is refused.
absl::StatusOr<std::unique_ptr<io::MysqlConnection>> TakeDeltaLock(RunContext& context) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenDestination();
  if (!connection.ok()) return connection.status();
  const std::string name = absl::StrCat("migrate delta ", context.connections().destination().database).substr(0, 64);
  absl::StatusOr<std::string> taken = (*connection)->QueryScalar(absl::StrCat("SELECT GET_LOCK(", (*connection)->Quote(name), ", 0)"));
  if (!taken.ok()) return taken.status();
  if (*taken != "1") {
    return absl::FailedPreconditionError(absl::StrCat("another migrate delta is already replaying into ",
                                                      context.connections().destination().Describe()));
  }
  return connection;
}

// A lost server, or a deadlock or lock wait with the shop's own writes (ER_LOCK_DEADLOCK,
// ER_LOCK_WAIT_TIMEOUT): the cycle's work is rolled back and the next cycle does it again.
bool RetryNextCycle(const absl::Status& status) {
  const unsigned int error = io::MysqlErrorNumber(status);
  return io::IsConnectionLost(error) || error == 1213 || error == 1205;
}

// Waits `interval`, or less when a stop is requested.
void Pause(const RunContext& context, absl::Duration interval) {
  const absl::Time until = absl::Now() + interval;
  while (!context.cancellation().stop_requested() && absl::Now() < until) {
    absl::SleepFor(std::min(absl::Milliseconds(20), until - absl::Now()));
  }
}

void RunVolumeChecks(RunContext& context, const StepRegistry& registry, const std::vector<DeltaStep>& steps) {
  for (const DeltaStep& step : steps) {
    const mapping::StageClass* volume = step.config->Stage(mapping::StageKind::kVolume);
    if (volume == nullptr) continue;
    const StepLog log(context.log(), LogContext{context.options().mode, std::string(kVolumeStage), step.config->title});
    absl::StatusOr<bool> passed = (*registry.Find(volume->class_name))(*step.config, volume->kind)->Run(context, log);
    if (!passed.ok()) {
      log.Warning(absl::StrCat("volume check not done: ", passed.status().message()));
    } else if (!*passed) {
      log.Warning("the counts above differ; changes made after the last cycle are replayed by the next run");
    }
  }
}

}  // namespace

absl::Status RunDeltaMode(RunContext& context, const StepRegistry& registry) {
  const LogContext mode_context{context.options().mode, "", ""};
  if (context.options().reset) {
    return absl::InvalidArgumentError(
        "-r (--reset) has no meaning for delta, which carries on from the changelogs the source keeps. To start "
        "over, run `migrate data -r` with this config: it copies everything again and keeps capturing changes");
  }
  if (!ChangeCaptureConfigured(context)) {
    return absl::InvalidArgumentError(absl::StrCat(
        context.config().path(), ": option delta_document_groups_file is not set; delta replays the tables it lists"));
  }
  if (context.options().setup_only) {
    return SetUpChangeCapture(context, StepLog(context.log(), LogContext{context.options().mode, "setup triggers", ""}));
  }
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> lock = TakeDeltaLock(context);
  if (!lock.ok()) return lock.status();

  std::vector<DeltaStep> steps;
  for (const mapping::StepConfig& step : context.config().Steps(context.options().mode)) {
    const mapping::StageClass* delta = step.Stage(mapping::StageKind::kDelta);
    if (delta == nullptr) continue;
    steps.push_back(DeltaStep{&step, (*registry.Find(delta->class_name))(step, delta->kind),
                              StepLog(context.log(), LogContext{context.options().mode, std::string(kDeltaStage),
                                                                step.title})});
  }
  context.log()->Write(LogLevel::kInfo, mode_context,
                       absl::StrCat("replaying changes every ", absl::FormatDuration(context.options().poll_interval),
                                    " until Ctrl+C"));
  uint64_t cycles = 0;
  while (!context.cancellation().stop_requested()) {
    ++cycles;
    for (DeltaStep& step : steps) {
      if (context.cancellation().stop_requested()) break;
      absl::StatusOr<bool> result = step.stage->Run(context, step.log);
      ReportValueChanges(context, step.log);
      if (result.ok()) continue;
      if (!RetryNextCycle(result.status())) return result.status();
      step.log.Warning(absl::StrCat(result.status().message(), "; trying again next cycle"));
    }
    Pause(context, context.options().poll_interval);
  }
  context.log()->Write(LogLevel::kInfo, mode_context,
                       absl::StrCat("stop requested: the changes in hand are committed, after ", cycles, " cycles"));
  RunVolumeChecks(context, registry, steps);
  return absl::OkStatus();
}

}  // namespace migrate::stages
