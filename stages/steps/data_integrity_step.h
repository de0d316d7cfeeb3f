// Magento's Data Integrity step (Migration\Step\DataIntegrity\Integrity): scans the source for orphan
// records, rows whose foreign key value has no row in the referenced table.
//
// Every foreign key of every source table (information_schema's, so composite keys too) is checked
// with one query (io/orphan_scan.h: the distinct non-NULL key values of the child table that no
// parent row holds), on `threads` source connections at once, the largest child tables first. Each
// key with orphans gives Magento's message, after every scan, in table and key order whichever scan
// ends first:
//   Foreign key (FK_NAME) constraint fails on source database. Orphan records id: 7,9 from
//   `child_table`.`child_column` has no referenced records in `parent_table`
// (the ids are the orphan key values, sorted; a composite key lists its columns and each value tuple
// joined by ','; tuples in parentheses). The messages are errors, or warnings under -a as Magento
// logs them, and the stage fails when there is any, so the run stops unless -a carries on.
// A key whose referenced table does not exist has every non-NULL value as an orphan.
#ifndef MIGRATE_STAGES_STEPS_DATA_INTEGRITY_STEP_H_
#define MIGRATE_STAGES_STEPS_DATA_INTEGRITY_STEP_H_

#include "stages/step_stage.h"

namespace migrate::stages {

class DataIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_DATA_INTEGRITY_STEP_H_
