#include "stages/mode_runner.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/deferred_indexes.h"
#include "io/progress_store.h"
#include "stages/change_capture_setup.h"
#include "stages/config_files.h"
#include "stages/delta_mode.h"
#include "stages/preflight.h"
#include "stages/verify/verify_mode.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

using mapping::StageKind;

constexpr absl::string_view kIntegrityStage = "integrity check";
constexpr absl::string_view kDataStage = "data migration";
constexpr absl::string_view kVolumeStage = "volume check";
constexpr absl::string_view kSetupStage = "setup triggers";

StepLog LogFor(RunContext& context, absl::string_view stage, const mapping::StepConfig& step) {
  return StepLog(context.log(), LogContext{context.options().mode, std::string(stage), step.title},
                 /*differences_as_warnings=*/stage == kIntegrityStage && context.options().auto_resolve);
}

absl::Status ResetProgress(RunContext& context, const std::vector<mapping::StepConfig>& steps) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenDestination();
  if (!connection.ok()) return connection.status();
  absl::StatusOr<io::ProgressStore> store = io::ProgressStore::Open(**connection);
  if (!store.ok()) return store.status();
  for (const mapping::StepConfig& step : steps) {
    if (absl::Status status = store->ResetStep(**connection, step.title); !status.ok()) return status;
  }
  context.log()->Write(LogLevel::kInfo, LogContext{context.options().mode, "", ""},
                       "Reset: saved progress cleared; every destination document this run copies into is "
                       "emptied before its first batch");
  return absl::OkStatus();
}

// Builds the secondary indexes an earlier run took off a table for its load and did not get back
// (killed, failed or stopped), before any step reads or writes the destination.
absl::Status BuildPendingIndexes(RunContext& context) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenDestination();
  if (!connection.ok()) return connection.status();
  absl::StatusOr<std::vector<std::string>> built = io::RestorePendingIndexes(**connection);
  if (!built.ok()) return built.status();
  for (const std::string& table : *built) {
    context.log()->Write(LogLevel::kInfo, LogContext{context.options().mode, "", ""},
                         absl::StrCat("Built the secondary indexes of ", table,
                                      " that an earlier run took off for its load and left pending"));
  }
  return absl::OkStatus();
}

// Runs the stage of `kind` of `step`, if it has one. Sets *passed to false when the stage failed.
absl::Status RunStage(RunContext& context, const StepRegistry& registry, const mapping::StepConfig& step,
                      StageKind kind, absl::string_view stage_name, bool* passed) {
  const mapping::StageClass* stage_class = step.Stage(kind);
  if (stage_class == nullptr) return absl::OkStatus();
  if (context.cancellation().stop_requested()) return absl::CancelledError("stopped by a stop request");
  StepLog log = LogFor(context, stage_name, step);
  log.Info("started");
  std::unique_ptr<StepStage> stage = (*registry.Find(stage_class->class_name))(step, kind);
  absl::StatusOr<bool> result = stage->Run(context, log);
  ReportValueChanges(context, log);
  if (!result.ok()) return result.status();
  if (context.cancellation().stop_requested()) return absl::CancelledError("stopped by a stop request");
  if (!*result) *passed = false;
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckStepsImplemented(const std::vector<mapping::StepConfig>& steps, const StepRegistry& registry,
                                   const mapping::Config& config) {
  std::vector<std::string> missing;
  for (const mapping::StepConfig& step : steps) {
    for (const mapping::StageClass& stage : step.stages) {
      if (registry.Find(stage.class_name) == nullptr) {
        missing.push_back(absl::StrCat(stage.class_name, " (", config.path(), ":", stage.line, ")"));
      }
    }
  }
  if (missing.empty()) return absl::OkStatus();
  return absl::UnimplementedError(absl::StrCat("These step classes are not implemented yet, so nothing was migrated: ",
                                               absl::StrJoin(missing, ", ")));
}

// Every run says so while a TLS connection accepts a certificate for another host name.
void WarnAboutRelaxedTls(RunContext& context) {
  std::vector<std::string> relaxed;
  for (const io::ConnectionOptions* options : {&context.connections().source(), &context.connections().destination()}) {
    if (options->UsesTls() && !options->ssl_verify_server_name) relaxed.push_back(options->Describe());
  }
  if (relaxed.empty()) return;
  context.log()->Write(LogLevel::kWarning, LogContext{context.options().mode, "", ""},
                       absl::StrCat("ssl_skip_name_check is set: the TLS certificates of ", absl::StrJoin(relaxed, " and "),
                                    " are not checked against the host names connected to, so anyone holding a "
                                    "certificate from that CA can pose as the server"));
}

absl::Status RunMode(RunContext& context, const StepRegistry& registry) {
  WarnAboutRelaxedTls(context);
  if (context.options().mode == "verify") return RunVerifyMode(context);
  const mapping::Config& config = context.config();
  const std::vector<mapping::StepConfig>& steps = config.Steps(context.options().mode);
  if (steps.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(config.path(), ": no <steps mode=\"", context.options().mode, "\"> to run"));
  }
  if (absl::Status status = CheckStepsImplemented(steps, registry, config); !status.ok()) return status;
  if (absl::Status status = CheckConfigFiles(context, steps); !status.ok()) return status;
  if (absl::Status status = RunPreflightChecks(context); !status.ok()) return status;
  if (absl::Status status = BuildPendingIndexes(context); !status.ok()) return status;
  if (context.options().mode == "delta") return RunDeltaMode(context, registry);
  if (context.options().reset) {
    if (absl::Status status = ResetProgress(context, steps); !status.ok()) return status;
  }

  const LogContext mode_context{context.options().mode, "", ""};
  bool integrity_passed = true;
  for (const mapping::StepConfig& step : steps) {
    absl::Status status = RunStage(context, registry, step, StageKind::kIntegrity, kIntegrityStage, &integrity_passed);
    if (!status.ok()) return status;
  }
  if (!integrity_passed) {
    if (!context.options().auto_resolve) {
      return absl::FailedPreconditionError(
          "Integrity check failed: see the errors above. Fix the map files, or run with -a (--auto) to carry on "
          "past them");
    }
    context.log()->Write(LogLevel::kWarning, mode_context,
                         "Integrity check failed; carrying on past the differences above because of -a (--auto)");
  }

  // As Magento does: triggers go in before the first row is copied, so no change escapes delta.
  if (context.options().mode == "data" && ChangeCaptureConfigured(context)) {
    const StepLog log(context.log(), LogContext{context.options().mode, std::string(kSetupStage), ""});
    if (absl::Status status = SetUpChangeCapture(context, log); !status.ok()) return status;
  }

  for (const mapping::StepConfig& step : steps) {
    bool data_passed = true;
    absl::Status status = RunStage(context, registry, step, StageKind::kData, kDataStage, &data_passed);
    if (!status.ok()) return status;
    if (!data_passed) return absl::InternalError(absl::StrCat("the data stage of ", step.title, " failed"));
    bool volume_passed = true;
    status = RunStage(context, registry, step, StageKind::kVolume, kVolumeStage, &volume_passed);
    if (!status.ok()) return status;
    if (!volume_passed) {
      if (!context.options().auto_resolve) {
        return absl::FailedPreconditionError(absl::StrCat("Volume check failed for ", step.title));
      }
      context.log()->Write(LogLevel::kWarning, mode_context,
                           absl::StrCat("Volume check failed for ", step.title, "; carrying on because of -a (--auto)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages
