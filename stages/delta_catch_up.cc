#include "stages/delta_catch_up.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/transaction.h"

namespace migrate::stages {

absl::StatusOr<std::vector<PendingChanges>> CatchUpCheck::Pending(RunContext& context,
                                                                  const std::vector<DeltaStage>& stages) {
  absl::StatusOr<std::vector<PendingChanges>> pending = Count(context, stages);
  if (!pending.ok()) {
    source_.reset();
    destination_.reset();
  }
  return pending;
}

absl::StatusOr<std::vector<PendingChanges>> CatchUpCheck::Count(RunContext& context,
                                                                const std::vector<DeltaStage>& stages) {
  if (absl::Status status = context.connections().EnsureSource(source_); !status.ok()) return status;
  if (absl::Status status = context.connections().EnsureDestination(destination_); !status.ok()) return status;
  absl::StatusOr<io::Transaction> snapshot = io::Transaction::Begin(*source_, io::Isolation::kConsistentSnapshot);
  if (!snapshot.ok()) return snapshot.status();
  std::vector<PendingChanges> pending;
  for (const DeltaStage& delta : stages) {
    absl::StatusOr<std::vector<PendingChanges>> counts = delta.stage->Pending(context, *source_, *destination_);
    if (absl::IsUnimplemented(counts.status())) {
      return absl::FailedPreconditionError(
          absl::StrCat("--until-caught-up cannot tell when ", delta.step->title, " has caught up: its delta class ",
                       delta.step->Stage(mapping::StageKind::kDelta)->class_name, " says ", counts.status().message()));
    }
    if (!counts.ok()) return counts.status();
    for (PendingChanges& count : *counts) {
      if (count.count > 0) pending.push_back(PendingChanges{absl::StrCat(delta.step->title, ": ", count.what), count.count});
    }
  }
  if (absl::Status status = snapshot->Commit(); !status.ok()) return status;
  return pending;
}

std::string DescribePending(const std::vector<PendingChanges>& pending) {
  return absl::StrJoin(pending, ", ", [](std::string* out, const PendingChanges& count) {
    absl::StrAppend(out, count.what, " ", count.count);
  });
}

}  // namespace migrate::stages
