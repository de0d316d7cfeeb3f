// The batch mapper: places each source row's values into the destination's columns as a CopyPlan
// says (renames, moves, ignores are all a matter of which source column feeds which destination
// column), with the initial value for columns no source feeds. Stateless and thread-safe.
#ifndef MIGRATE_PIPELINE_BATCH_MAPPER_H_
#define MIGRATE_PIPELINE_BATCH_MAPPER_H_

#include "io/row_batch.h"
#include "pipeline/copy_plan.h"

namespace migrate::pipeline {

class BatchMapper {
 public:
  explicit BatchMapper(const CopyPlan& plan) : plan_(plan) {}

  // Clears `destination` and fills it with one row per source row.
  void Map(const io::RowBatch& source, io::RowBatch& destination) const;

 private:
  const CopyPlan& plan_;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_BATCH_MAPPER_H_
