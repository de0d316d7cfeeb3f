// One stage of one step, as config.xml names it: Migration\Step\Map\Integrity runs the Map step's
// integrity check, Migration\Step\Map\Data its copy, Migration\Step\Map\Volume its count check.
//
// Run() returns true when the stage passed, false when it found problems it has already logged
// (an integrity difference, a volume mismatch), and an error when it could not do its work.
//
// A delta stage also says, between two of its Run()s, what it has still to replay (Pending()), so
// that `migrate delta --until-caught-up` knows when every change has arrived.
#ifndef MIGRATE_STAGES_STEP_STAGE_H_
#define MIGRATE_STAGES_STEP_STAGE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/mysql_connection.h"
#include "mapping/config.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

// Changes a delta stage has still to replay from one changelog or for one follower.
struct PendingChanges {
  // The source document, or the follower, they belong to.
  std::string what;
  uint64_t count = 0;
};

class StepStage {
 public:
  virtual ~StepStage() = default;
  virtual absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) = 0;

  // A delta stage, after a Run() that succeeded: the changes it has not replayed yet, counted on
  // `source` (inside the caller's consistent-snapshot transaction, so every change committed before
  // it began is counted unless already replayed) and `destination`; entries with a count of 0 may
  // be left out. Other stages, and delta classes that cannot tell, return an Unimplemented error.
  virtual absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, io::MysqlConnection& source,
                                                              io::MysqlConnection& destination);
};

// Makes the stage a class name stands for, for the step titled `step`.
using StepStageFactory = std::function<std::unique_ptr<StepStage>(const mapping::StepConfig& step)>;

// The same for a class that config.xml names for several stages of one step (Magento's
// UrlRewrite\Version191to2000 is integrity, data and volume): it is told which stage it makes.
using StagedStepStageFactory =
    std::function<std::unique_ptr<StepStage>(const mapping::StepConfig& step, mapping::StageKind stage)>;

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEP_STAGE_H_
