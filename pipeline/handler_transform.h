// A BatchTransform running one mapping::Handler: Magento's handler chain, batch at a time.
//
// Adapts the io::RowBatch of the handled side (mutable) and of the other side (read-only) to the
// mapping::FieldValues the handler sees; the batches' columns must be in the order of the
// HandlerContext the handler was created with. Thread-safe as the handler is.
#ifndef MIGRATE_PIPELINE_HANDLER_TRANSFORM_H_
#define MIGRATE_PIPELINE_HANDLER_TRANSFORM_H_

#include <memory>

#include "absl/status/status.h"
#include "io/row_batch.h"
#include "mapping/handler.h"
#include "pipeline/batch_transform.h"

namespace migrate::pipeline {

class HandlerTransform : public BatchTransform {
 public:
  explicit HandlerTransform(std::unique_ptr<const mapping::Handler> handler)
      : handler_(std::move(handler)) {}

  absl::Status Apply(io::RowBatch& target, const io::RowBatch& opposite) const override;

 private:
  std::unique_ptr<const mapping::Handler> handler_;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_HANDLER_TRANSFORM_H_
