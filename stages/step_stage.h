// One stage of one step, as config.xml names it: Migration\Step\Map\Integrity runs the Map step's
// integrity check, Migration\Step\Map\Data its copy, Migration\Step\Map\Volume its count check.
//
// Run() returns true when the stage passed, false when it found problems it has already logged
// (an integrity difference, a volume mismatch), and an error when it could not do its work.
#ifndef MIGRATE_STAGES_STEP_STAGE_H_
#define MIGRATE_STAGES_STEP_STAGE_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "mapping/config.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

class StepStage {
 public:
  virtual ~StepStage() = default;
  virtual absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) = 0;
};

// Makes the stage a class name stands for, for the step titled `step`.
using StepStageFactory = std::function<std::unique_ptr<StepStage>(const mapping::StepConfig& step)>;

// The same for a class that config.xml names for several stages of one step (Magento's
// UrlRewrite\Version191to2000 is integrity, data and volume): it is told which stage it makes.
using StagedStepStageFactory =
    std::function<std::unique_ptr<StepStage>(const mapping::StepConfig& step, mapping::StageKind stage)>;

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEP_STAGE_H_
