#include "stages/step_stage.h"

#include "absl/status/status.h"

namespace migrate::stages {

absl::StatusOr<std::vector<PendingChanges>> StepStage::Pending(RunContext&, io::MysqlConnection&,
                                                               io::MysqlConnection&) {
  return absl::UnimplementedError("it cannot tell which changes it has still to replay");
}

}  // namespace migrate::stages
