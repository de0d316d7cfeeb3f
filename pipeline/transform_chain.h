// The transformer's work on one batch, shared by the copy and the delta replay: the plan's source
// transforms on the rows as read, the copy again when there were any (they may have changed what
// the mapper copies), then the destination transforms on the rows to be written.
#ifndef MIGRATE_PIPELINE_TRANSFORM_CHAIN_H_
#define MIGRATE_PIPELINE_TRANSFORM_CHAIN_H_

#include "absl/status/status.h"
#include "io/row_batch.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/copy_plan.h"

namespace migrate::pipeline {

// `destination` must hold mapper.Map(source, ...) on entry.
absl::Status RunTransformChain(const CopyPlan& plan, const BatchMapper& mapper, io::RowBatch& source,
                               io::RowBatch& destination);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_TRANSFORM_CHAIN_H_
