#include "stages/delta_mode.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "io/bound_statement.h"
#include "io/retry.h"
#include "stages/change_capture_setup.h"
#include "stages/delta_catch_up.h"
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
  absl::StatusOr<io::ResultSet> lock = io::QueryBound(**connection, "SELECT GET_LOCK(?, 0)", {name});
  if (!lock.ok()) return lock.status();
  absl::StatusOr<std::string> taken = lock->Scalar();
  if (!taken.ok()) return taken.status();
  if (*taken != "1") {
    return absl::FailedPreconditionError(absl::StrCat("another migrate delta is already replaying into ",
                                                      context.connections().destination().Describe()));
  }
  return connection;
}

// A lost server, or a deadlock or lock wait with the shop's own writes: the cycle's work is rolled
// back and the next cycle does it again (io::WhatRetryFixes).
bool RetryNextCycle(const absl::Status& status) { return io::WhatRetryFixes(status) != io::RetryKind::kNone; }

// Waits `interval`, or less when a stop is requested.
void Pause(const RunContext& context, absl::Duration interval) {
  const absl::Time until = absl::Now() + interval;
  while (!context.cancellation().stop_requested() && absl::Now() < until) {
    absl::SleepFor(std::min(absl::Milliseconds(20), until - absl::Now()));
  }
}

// Runs each step's volume check; returns the titles of the steps whose check failed or could not
// run. Unless `strict` (caught up), a failure is a warning: the shop may still be writing.
std::vector<std::string> RunVolumeChecks(RunContext& context, const StepRegistry& registry,
                                         const std::vector<DeltaStep>& steps, bool strict) {
  std::vector<std::string> failed;
  for (const DeltaStep& step : steps) {
    const mapping::StageClass* volume = step.config->Stage(mapping::StageKind::kVolume);
    if (volume == nullptr) continue;
    const StepLog log(context.log(), LogContext{context.options().mode, std::string(kVolumeStage), step.config->title});
    absl::StatusOr<bool> passed = (*registry.Find(volume->class_name))(*step.config, volume->kind)->Run(context, log);
    if (passed.ok() && *passed) continue;
    failed.push_back(step.config->title);
    if (!passed.ok()) {
      const std::string message = absl::StrCat("volume check not done: ", passed.status().message());
      strict ? log.Error(message) : log.Warning(message);
    } else if (!strict) {
      log.Warning("the counts above differ; changes made after the last cycle are replayed by the next run");
    }
  }
  return failed;
}

// With until_caught_up, after the `cycles`th cycle, complete: false while something is pending
// (delta_catch_up.h; kept in *pending_text) or could not be counted for a reason the next cycle may
// not have; when nothing is, the volume checks' outcome: true when all passed, else an error.
absl::StatusOr<bool> FinishedCatchingUp(RunContext& context, const StepRegistry& registry, CatchUpCheck& check,
                                        const std::vector<DeltaStep>& steps, uint64_t cycles,
                                        std::string* pending_text) {
  const LogContext mode_context{context.options().mode, "", ""};
  std::vector<CatchUpCheck::DeltaStage> stages;
  for (const DeltaStep& step : steps) stages.push_back(CatchUpCheck::DeltaStage{step.config, step.stage.get()});
  absl::StatusOr<std::vector<PendingChanges>> pending = check.Pending(context, stages);
  if (!pending.ok()) {
    if (!RetryNextCycle(pending.status())) return pending.status();
    context.log()->Write(LogLevel::kWarning, mode_context,
                         absl::StrCat("counting the pending changes: ", pending.status().message(),
                                      "; trying again next cycle"));
    return false;
  }
  if (!pending->empty()) {
    *pending_text = DescribePending(*pending);
    context.log()->Write(LogLevel::kDebug, mode_context, absl::StrCat("not caught up yet, pending: ", *pending_text));
    return false;
  }
  context.log()->Write(LogLevel::kInfo, mode_context,
                       absl::StrCat("caught up after ", cycles,
                                    " cycles: every change committed on the source before the last check is "
                                    "replayed, and no follower key is pending"));
  const std::vector<std::string> failed = RunVolumeChecks(context, registry, steps, /*strict=*/true);
  if (!failed.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("Volume check failed for ", absl::StrJoin(failed, ", "), " after catching up"));
  }
  return true;
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
  const bool until_caught_up = context.options().until_caught_up;
  const absl::Duration timeout = context.options().catch_up_timeout;
  const absl::Time deadline = absl::Now() + timeout;
  context.log()->Write(
      LogLevel::kInfo, mode_context,
      absl::StrCat("replaying changes every ", absl::FormatDuration(context.options().poll_interval),
                   until_caught_up ? absl::StrCat(" until nothing is pending",
                                                  timeout == absl::InfiniteDuration()
                                                      ? ""
                                                      : absl::StrCat(" (at most ", absl::FormatDuration(timeout), ")"),
                                                  " or Ctrl+C")
                                   : " until Ctrl+C"));
  CatchUpCheck check;
  std::string pending = "not checked yet";
  uint64_t cycles = 0;
  while (!context.cancellation().stop_requested()) {
    ++cycles;
    bool complete = true;
    for (DeltaStep& step : steps) {
      if (context.cancellation().stop_requested()) break;
      absl::StatusOr<bool> result = step.stage->Run(context, step.log);
      ReportValueChanges(context, step.log);
      if (result.ok()) continue;
      if (!RetryNextCycle(result.status())) return result.status();
      step.log.Warning(absl::StrCat(result.status().message(), "; trying again next cycle"));
      complete = false;
    }
    if (context.cancellation().stop_requested()) break;
    if (until_caught_up && complete) {
      absl::StatusOr<bool> finished = FinishedCatchingUp(context, registry, check, steps, cycles, &pending);
      if (!finished.ok()) return finished.status();
      if (*finished) return absl::OkStatus();
    }
    if (until_caught_up && absl::Now() >= deadline) {
      return absl::DeadlineExceededError(absl::StrCat("not caught up within ", absl::FormatDuration(timeout),
                                                      " (--timeout), after ", cycles, " cycles; pending: ", pending,
                                                      ". Are the shop's writes stopped?"));
    }
    Pause(context, std::min(context.options().poll_interval, deadline - absl::Now()));
  }
  context.log()->Write(LogLevel::kInfo, mode_context,
                       absl::StrCat("stop requested: the changes in hand are committed, after ", cycles, " cycles"));
  RunVolumeChecks(context, registry, steps, /*strict=*/false);
  if (until_caught_up) {
    return absl::CancelledError(absl::StrCat("stopped before catching up (pending at the last check: ", pending, ")"));
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages
