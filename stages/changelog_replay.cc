#include "stages/changelog_replay.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace migrate::stages {

absl::StatusOr<ChangelogReplay> ReplayChangelog(RunContext& context, const io::Changelog& changelog,
                                                io::MysqlConnection& source, const ApplyChangedPage& apply) {
  const size_t page_size = context.BulkSize();
  ChangelogReplay replay;
  std::optional<io::Key> after;
  while (!context.cancellation().stop_requested()) {
    const absl::Time read_at = absl::Now();
    absl::StatusOr<io::ChangelogPage> page = changelog.ReadPending(source, after, page_size);
    if (!page.ok()) return page.status();
    if (page->entries.empty()) break;
    std::vector<io::Key> keys;
    keys.reserve(page->entries.size());
    for (const io::ChangelogEntry& entry : page->entries) keys.push_back(entry.key);
    absl::StatusOr<pipeline::DeltaApplyResult> result = apply(keys);
    if (!result.ok()) return result.status();
    absl::StatusOr<uint64_t> removed = changelog.RemoveApplied(source, page->entries);
    if (!removed.ok()) return removed.status();
    replay.lag = std::max(replay.lag, page->oldest_age + (absl::Now() - read_at));
    replay.changes += page->entries.size();
    replay.applied.rows_upserted += result->rows_upserted;
    replay.applied.keys_deleted += result->keys_deleted;
    after = page->entries.back().key;
    if (page->entries.size() < page_size) break;
  }
  return replay;
}

void ReportReplay(RunContext& context, const std::string& document, const ChangelogReplay& replay,
                  const StepLog& log) {
  if (replay.changes == 0) return;
  context.totals().rows += replay.applied.rows_upserted + replay.applied.keys_deleted;
  log.Info(absl::StrFormat("%s: %d changed keys replayed (%d rows written, %d deleted), lag %.3f s", document,
                           replay.changes, replay.applied.rows_upserted, replay.applied.keys_deleted,
                           absl::ToDoubleSeconds(replay.lag)));
}

}  // namespace migrate::stages
