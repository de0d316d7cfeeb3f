// Magento's Settings step (Migration\Step\Settings\Integrity, \Data): the source's core_config_data
// rows go to the destination's core_config_data through settings_map_file (settings.xml).
//
// Data: source rows are taken in config_id order; a row whose path settings.xml ignores (exactly or
// by wildcard) is skipped; the others get their renamed path and, when settings.xml gives their
// (source) path a value handler, their value handled as Magento's Settings\Data handles it (the
// handler sees the destination's row of the same scope, scope_id and renamed path as the opposite
// record, or an empty one). Each row is then upserted on the destination's (scope, scope_id, path)
// unique key: a row already there gets the new value, any other is inserted, and of several source
// rows landing on the same key the last wins, as in Magento. Unlike Magento, which empties the table
// and saves everything again, existing rows keep their config_id. All of it is written in one
// transaction, so a stopped run changes nothing and a rerun gives the same table.
//
// Integrity: Magento's two checks, with its messages, that core_config_data exists on both sides;
// and every value handler the source's rows need can be created (an unknown class or a missing
// param is reported with the settings file and line), so the data stage cannot stop half-way on it.
#ifndef MIGRATE_STAGES_STEPS_SETTINGS_STEP_H_
#define MIGRATE_STAGES_STEPS_SETTINGS_STEP_H_

#include "stages/step_stage.h"

namespace migrate::stages {

class SettingsIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class SettingsData : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_SETTINGS_STEP_H_
