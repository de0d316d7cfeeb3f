// `migrate delta`: replays the source's changes into the destination in a loop until a stop request
// (Ctrl+C, SIGTERM), or until it has caught up (below), so the final switch-over waits seconds,
// not hours.
//
// Each cycle runs the <delta> stage of every step of <steps mode="delta">, in config.xml order,
// then waits the poll interval (config option delta_poll_interval, in seconds, fractions allowed;
// Magento's 5 s by default). A stop request lets the page of changes in hand finish and commit;
// then each step's <volume> stage runs once, its findings as warnings (changes made after the last
// cycle may still be pending), and the run ends successfully. A lost server, a deadlock or a lock
// wait timeout is retried on the next cycle; other errors stop the run. Everything not yet removed
// from a changelog is replayed by the next run, so a killed delta loses nothing.
//
// With until_caught_up (`migrate delta --until-caught-up`, the cutover's last replay), after each
// cycle in which every step ran without error it counts what the steps have still to replay
// (stages/delta_catch_up.h: every changelog in one snapshot of the source, then the follower keys).
// When nothing is pending, each step's <volume> stage runs, strictly: the run succeeds only when
// all pass, else fails naming the steps. A stop request ends it with a kCancelled status (after
// the same volume checks as warnings); catch_up_timeout elapsed, checked between cycles, ends it
// with kDeadlineExceeded naming what is still pending.
//
// Only one delta runs against a destination database at a time (a named lock on the destination).
// With setup_only (`migrate delta --setup-only`), it installs the change capture and stops.
// -r (--reset) is refused: delta carries on from the changelogs; `migrate data -r` starts over.
#ifndef MIGRATE_STAGES_DELTA_MODE_H_
#define MIGRATE_STAGES_DELTA_MODE_H_

#include "absl/status/status.h"
#include "stages/run_context.h"
#include "stages/step_registry.h"

namespace migrate::stages {

// Called by RunMode once the step classes and config files are checked.
absl::Status RunDeltaMode(RunContext& context, const StepRegistry& registry);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_DELTA_MODE_H_
