// A rewrite of one side of a batch: what a transform handler does, batch at a time.
//
// Like Magento's handle($recordToHandle, $oppositeRecord, $field), a transform rewrites cells of
// `target` (RowBatch::SetValue/SetNull) and may read `opposite`, the other side of the same rows:
// source transforms get the rows as read and the mapped rows, destination transforms the reverse.
// Rows stay in place. Implementations must be thread-safe for concurrent Apply() calls on
// different batches.
#ifndef MIGRATE_PIPELINE_BATCH_TRANSFORM_H_
#define MIGRATE_PIPELINE_BATCH_TRANSFORM_H_

#include "absl/status/status.h"
#include "io/row_batch.h"

namespace migrate::pipeline {

class BatchTransform {
 public:
  virtual ~BatchTransform() = default;
  virtual absl::Status Apply(io::RowBatch& target, const io::RowBatch& opposite) const = 0;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_BATCH_TRANSFORM_H_
