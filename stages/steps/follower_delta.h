// The loop the follower deltas (OrderGrids, Inventory) share: each cycle, pages of the keys Map's
// delta recorded for the follower (io/follower_keys.h, stages/delta_followers.h), each page
// refreshed and its keys removed in ONE destination transaction, until none is left or a stop is
// requested. A kill before COMMIT leaves the page's keys and undoes its refresh; the next run does
// both again. The refresh must therefore be idempotent (it rewrites from the current destination).
#ifndef MIGRATE_STAGES_STEPS_FOLLOWER_DELTA_H_
#define MIGRATE_STAGES_STEPS_FOLLOWER_DELTA_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/follower_keys.h"
#include "io/mysql_connection.h"
#include "stages/step_stage.h"

namespace migrate::stages {

// A page of keys, by source document; each key an integer id, checked.
using FollowerPage = std::map<std::string, std::vector<int64_t>>;

class FollowerDelta : public StepStage {
 public:
  explicit FollowerDelta(std::string follower) : follower_(std::move(follower)) {}

  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) final;
  // The keys Map's delta recorded for the follower that it has not consumed yet.
  absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, io::MysqlConnection& source,
                                                      io::MysqlConnection& destination) final;

 protected:
  // Called once per run of the step before the first page (on the connection of the pages).
  virtual absl::Status Prepare(RunContext& context, io::MysqlConnection& destination, const StepLog& log) = 0;

  // Refreshes what `page` changed, inside the open transaction on `destination`; returns the rows
  // written or deleted.
  virtual absl::StatusOr<uint64_t> Refresh(RunContext& context, io::MysqlConnection& destination,
                                           const FollowerPage& page) = 0;

 private:
  const std::string follower_;
  bool prepared_ = false;
  std::unique_ptr<io::MysqlConnection> destination_;
};

// "1, 2, 3" of `ids`, for an IN list.
std::string IdList(const std::vector<int64_t>& ids);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_FOLLOWER_DELTA_H_
