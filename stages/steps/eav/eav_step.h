// Magento's EAV step (Migration\Step\Eav\Integrity, \Data, \Volume): Magento 1's attribute model
// merged into Magento 2's (stages/steps/eav/eav_merge.h has the rules).
//
// Integrity: the seven documents through the eav map, with Magento's messages; then Magento 1's
// attributes with an empty frontend_input (unless eav_attribute_groups_file allows it) and model
// classes that class_map does not name, each as "Incompatibility in data. ...".
//
// Data: before its first write the step backs up each document (migration_backup_<table>, whole or
// not at all); it always computes the result from those backups, never from what the tables hold
// now, and rewrites every document whole. So a rerun, -r, or a run after kill -9 at any moment ends
// with exactly the tables one clean run gives. (Magento's step reads the tables as they are, so its
// rerun fails with a duplicate entry.) On a failure the documents are restored from the backups,
// with Magento's rollback messages. The backups are kept after a successful run (Magento drops
// them), so that -r can start over from the pristine destination.
//
// Volume: Magento's check that each Magento 1 attribute id names the same attribute code in the
// destination.
#ifndef MIGRATE_STAGES_STEPS_EAV_EAV_STEP_H_
#define MIGRATE_STAGES_STEPS_EAV_EAV_STEP_H_

#include <string>

#include "stages/step_stage.h"

namespace migrate::stages::eav {

class EavIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class EavData : public StepStage {
 public:
  explicit EavData(std::string step) : step_(std::move(step)) {}
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  std::string step_;
};

class EavVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

}  // namespace migrate::stages::eav

#endif  // MIGRATE_STAGES_STEPS_EAV_EAV_STEP_H_
