// The page loop every delta step runs over one source changelog (io/changelog.h): pages of pending
// keys in key order, each applied by the step and then removed from the changelog (only the
// entries unchanged since they were read), until none is left or a stop is requested (the page in
// hand is finished first). The step's apply must be idempotent: a kill between applying a page and
// removing it replays the page. A failure stops the loop with the page left pending.
#ifndef MIGRATE_STAGES_CHANGELOG_REPLAY_H_
#define MIGRATE_STAGES_CHANGELOG_REPLAY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/changelog.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "pipeline/delta_apply.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

struct ChangelogReplay {
  // Changed keys replayed, and what applying them wrote and deleted (as the step counts them).
  uint64_t changes = 0;
  pipeline::DeltaApplyResult applied;
  // The longest time from a change to its page's removal.
  absl::Duration lag;
};

// Applies one page of changed keys; called before the page leaves the changelog.
using ApplyChangedPage = std::function<absl::StatusOr<pipeline::DeltaApplyResult>(const std::vector<io::Key>& keys)>;

// Replays `changelog` on `source`, context.BulkSize() keys a page.
absl::StatusOr<ChangelogReplay> ReplayChangelog(RunContext& context, const io::Changelog& changelog,
                                                io::MysqlConnection& source, const ApplyChangedPage& apply);

// Adds what `replay` wrote to the run's totals and logs "<document>: N changed keys replayed (W rows
// written, D deleted), lag S s"; nothing when it replayed nothing.
void ReportReplay(RunContext& context, const std::string& document, const ChangelogReplay& replay,
                  const StepLog& log);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_CHANGELOG_REPLAY_H_
