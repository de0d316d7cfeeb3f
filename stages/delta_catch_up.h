// Whether `migrate delta --until-caught-up` may stop: what the delta stages of the run have still
// to replay (StepStage::Pending), every changelog counted in ONE consistent snapshot of the source
// and then the follower keys on the destination. An empty answer means that every change committed
// on the source before the snapshot began has been replayed into the destination (our process
// replays nothing while it counts; a change a shop commits later is not promised).
//
// Keeps its two connections from one check to the next and drops them after an error. Not
// thread-safe.
#ifndef MIGRATE_STAGES_DELTA_CATCH_UP_H_
#define MIGRATE_STAGES_DELTA_CATCH_UP_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "io/mysql_connection.h"
#include "mapping/config.h"
#include "stages/run_context.h"
#include "stages/step_stage.h"

namespace migrate::stages {

class CatchUpCheck {
 public:
  struct DeltaStage {
    const mapping::StepConfig* step;
    StepStage* stage;
  };

  // The non-zero pending counts of `stages`, each named "<step title>: <what>". A delta class that
  // cannot tell what it has pending gives a FailedPrecondition error naming it.
  absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, const std::vector<DeltaStage>& stages);

 private:
  absl::StatusOr<std::vector<PendingChanges>> Count(RunContext& context, const std::vector<DeltaStage>& stages);

  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

// "Map Step: sales_flat_order 3, OrderGrids Step: follower order_grids 2" of `pending`.
std::string DescribePending(const std::vector<PendingChanges>& pending);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_DELTA_CATCH_UP_H_
