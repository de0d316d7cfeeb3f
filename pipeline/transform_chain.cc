#include "pipeline/transform_chain.h"

#include <memory>

namespace migrate::pipeline {

absl::Status RunTransformChain(const CopyPlan& plan, const BatchMapper& mapper, io::RowBatch& source,
                               io::RowBatch& destination) {
  for (const std::shared_ptr<const BatchTransform>& transform : plan.source_transforms) {
    if (absl::Status status = transform->Apply(source, destination); !status.ok()) return status;
  }
  if (!plan.source_transforms.empty()) mapper.MapRewrittenColumns(source, destination);
  for (const std::shared_ptr<const BatchTransform>& transform : plan.destination_transforms) {
    if (absl::Status status = transform->Apply(destination, source); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace migrate::pipeline
