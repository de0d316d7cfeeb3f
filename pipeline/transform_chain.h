// The transformer's work on one batch, shared by the copy and the delta replay: the plan's source
// transforms on the rows as read, then (when there were any) the mapping again of the columns they or
// the caller rewrote, then the destination transforms on the rows to be written.
#ifndef MIGRATE_PIPELINE_TRANSFORM_CHAIN_H_
#define MIGRATE_PIPELINE_TRANSFORM_CHAIN_H_

#include "absl/status/status.h"
#include "io/row_batch.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/copy_plan.h"

namespace migrate::pipeline {

// `destination` must have been filled by mapper.Map(source); the caller may have rewritten cells of
// it since (what the source transforms see as the opposite rows). On success, when the plan has
// source transforms, `destination` holds mapper.Map() of the transformed source, rewritten by the
// destination transforms; without source transforms, the caller's rewrites stay.
absl::Status RunTransformChain(const CopyPlan& plan, const BatchMapper& mapper, io::RowBatch& source,
                               io::RowBatch& destination);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_TRANSFORM_CHAIN_H_
