// Turns the map's plan for one document pair into the engine's CopyPlan: the columns to read, the
// resume key, the columns to write and where each comes from, and the handler chain bound to the
// batch columns through the handler registry.
//
// Every source column is read (handlers may look at any field of the row); destination columns
// that nothing fills are left out of the INSERT, so the server gives them their defaults.
#ifndef MIGRATE_STAGES_COPY_PLAN_BUILDER_H_
#define MIGRATE_STAGES_COPY_PLAN_BUILDER_H_

#include "absl/status/statusor.h"
#include "io/bulk_writer.h"
#include "mapping/config.h"
#include "mapping/handler_registry.h"
#include "pipeline/copy_plan.h"
#include "stages/map_documents.h"

namespace migrate::stages {

absl::StatusOr<pipeline::CopyPlan> BuildCopyPlan(const DocumentPair& pair, const mapping::Config& config,
                                                 const mapping::HandlerRegistry& handlers, io::WriteMode mode);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_COPY_PLAN_BUILDER_H_
