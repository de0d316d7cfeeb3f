// Several ranged INSERT ... SELECTs (io/range_insert_select.h) run at once on `lanes` destination
// connections, as the copy runs its chunks: set-based work on the server, spread over connections.
//
// Each job's driving table is first cut into ranges of at most `rows_per_range` keys
// (io::PlanInsertRanges, by keyset); then every lane takes the next range not yet taken and runs its
// statement (io::RunInsertRange), until none is left. The jobs' ranges are taken in turns (the first
// range of each job in the order given, then the second of each, ...), so that the lanes mostly write
// different targets at the same moment. Each range commits on its own, as with
// io::RunRangeInsertSelect: an interrupted run has inserted whole ranges, and running the jobs again
// upserts the same rows.
//
// A target that is empty when the run starts and that at least `min_rows_to_defer_indexes` keys of
// its driving tables fill is loaded without its plain secondary keys, built once after its rows in
// one ALTER TABLE (io/deferred_indexes.h: every target is planned before any key comes off; the
// definitions are recorded in migrate_pending_indexes first). The keys come back when every job's
// ranges are in, several targets' at once on the lanes (each build is single-threaded); a run that ends with an error or a stop request leaves them pending, and the next
// run's start builds them (stages/mode_runner.h).
//
// A stop request is seen between ranges: the ranges in flight finish, no new one starts, and the
// run returns a Cancelled error. The first error (a range's, a lane's connection, or one returned by
// a job's on_changes) stops the other lanes the same way and is the one returned.
#ifndef MIGRATE_PIPELINE_PARALLEL_INSERT_SELECT_H_
#define MIGRATE_PIPELINE_PARALLEL_INSERT_SELECT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/range_insert_select.h"
#include "io/value_change.h"
#include "pipeline/cancellation.h"
#include "pipeline/connection_source.h"

namespace migrate::pipeline {

struct InsertSelectJob {
  io::RangeInsertSelect plan;
  // Handed the values the server changed in each range, as io::RunRangeInsertSelect's on_changes;
  // may be empty. Called from the lanes' threads, so it must be thread-safe.
  io::StatementChangeHandler on_changes;
};

struct InsertSelectOutcome {
  // Keys of the driving table its ranges covered.
  uint64_t rows = 0;
  // From the start of the job's first range to the end of its last (zero for an empty table).
  absl::Duration elapsed;
  // The ALTER TABLE that built the target's deferred secondary keys after the load (zero when the
  // target kept them; given on the first job of a target several jobs fill).
  absl::Duration index_build;
};

struct InsertSelectOptions {
  // Destination connections the ranges run on at once.
  size_t lanes = 1;
  // Keys of the driving table per range.
  size_t rows_per_range = 5000;
  // Empty targets filled from fewer keys keep their secondary keys during the run.
  uint64_t min_rows_to_defer_indexes = UINT64_MAX;
};

// Runs `jobs` on up to options.lanes connections opened from `connections`; one outcome per job, in
// order.
absl::StatusOr<std::vector<InsertSelectOutcome>> RunInsertSelects(const ConnectionSource& connections,
                                                                  const std::vector<InsertSelectJob>& jobs,
                                                                  const InsertSelectOptions& options,
                                                                  const Cancellation& cancellation);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_PARALLEL_INSERT_SELECT_H_
