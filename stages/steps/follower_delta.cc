#include "stages/steps/follower_delta.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/transaction.h"
#include "stages/delta_followers.h"

namespace migrate::stages {

std::string IdList(const std::vector<int64_t>& ids) { return absl::StrJoin(ids, ", "); }

absl::StatusOr<std::vector<PendingChanges>> FollowerDelta::Pending(RunContext& context, io::MysqlConnection&,
                                                                   io::MysqlConnection& destination) {
  absl::StatusOr<uint64_t> count = DestinationFollowerKeys(context).CountPending(destination, follower_);
  if (!count.ok()) return count.status();
  return std::vector<PendingChanges>{{absl::StrCat("follower ", follower_), *count}};
}

absl::StatusOr<bool> FollowerDelta::Run(RunContext& context, const StepLog& log) {
  const io::FollowerKeys keys = DestinationFollowerKeys(context);
  if (absl::Status status = context.connections().EnsureDestination(destination_); !status.ok()) return status;
  absl::Status status = absl::OkStatus();
  if (!prepared_) {
    status = keys.Create(*destination_);
    if (status.ok()) status = Prepare(context, *destination_, log);
    prepared_ = status.ok();
  }
  uint64_t consumed = 0;
  uint64_t rows = 0;
  while (status.ok() && !context.cancellation().stop_requested()) {
    absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(*destination_);
    if (!transaction.ok()) {
      status = transaction.status();
      break;
    }
    absl::StatusOr<std::vector<io::FollowerKey>> pending =
        keys.ReadPending(*destination_, follower_, context.BulkSize(), /*lock=*/true);
    if (!pending.ok()) {
      status = pending.status();
      break;
    }
    if (pending->empty()) {
      status = transaction->Commit();
      break;
    }
    FollowerPage page;
    for (const io::FollowerKey& key : *pending) {
      int64_t id = 0;
      if (!absl::SimpleAtoi(key.key, &id)) {
        status = absl::InvalidArgumentError(
            absl::StrCat(io::kFollowerKeysTable, " holds ", key.document, " key '", key.key, "', not an integer id"));
        break;
      }
      page[key.document].push_back(id);
    }
    if (!status.ok()) break;
    absl::StatusOr<uint64_t> refreshed = Refresh(context, *destination_, page);
    if (!refreshed.ok()) {
      status = refreshed.status();
      break;
    }
    absl::StatusOr<uint64_t> removed = keys.Remove(*destination_, follower_, *pending);
    if (!removed.ok()) {
      status = removed.status();
      break;
    }
    status = transaction->Commit();
    consumed += pending->size();
    rows += *refreshed;
    if (pending->size() < context.BulkSize()) break;
  }
  if (!status.ok()) {
    destination_.reset();  // the next cycle starts on a fresh connection; the keys are still pending
    return status;
  }
  if (consumed > 0) {
    context.totals().rows += rows;
    log.Info(absl::StrCat(consumed, " keys replayed by Map's delta refreshed (", rows, " rows written or deleted)"));
  }
  return true;
}

}  // namespace migrate::stages
