// Runs the steps of one mode of config.xml in Magento's order (verify: stages/verify/verify_mode.h):
//   every step's integrity check; then, step by step, its data stage followed by its volume check.
//
// Before anything touches a database, every class the mode names must be implemented (otherwise
// the run stops with one message listing every missing class) and every file config.xml names must
// read without error; then the checks of stages/preflight.h (privileges, trigger definers) run, and
// the secondary indexes an earlier run left pending (io/deferred_indexes.h) are built. A
// failed integrity check or volume
// check stops the run unless -a (auto) was given, in which case each failure is logged and the
// run carries on. -r (reset) clears the saved progress of the mode's steps first, so every
// document is copied from the beginning into emptied destination tables. A stop request (Ctrl+C)
// ends the run after the batches in flight are committed, with a kCancelled status.
#ifndef MIGRATE_STAGES_MODE_RUNNER_H_
#define MIGRATE_STAGES_MODE_RUNNER_H_

#include "absl/status/status.h"
#include "stages/run_context.h"
#include "stages/step_registry.h"

namespace migrate::stages {

absl::Status RunMode(RunContext& context, const StepRegistry& registry);

// OK when every stage class `steps` name is implemented; otherwise one error listing the others.
absl::Status CheckStepsImplemented(const std::vector<mapping::StepConfig>& steps, const StepRegistry& registry,
                                   const mapping::Config& config);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_MODE_RUNNER_H_
