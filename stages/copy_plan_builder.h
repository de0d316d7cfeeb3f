// Turns the map's plan for one document pair into the engine's CopyPlan: the columns to read, the
// resume key, the columns to write and where each comes from, and the handler chain bound to the
// batch columns through the handler registry.
//
// Every source column is read (handlers may look at any field of the row); destination columns
// that nothing fills are left out of the INSERT, so the server gives them their defaults.
#ifndef MIGRATE_STAGES_COPY_PLAN_BUILDER_H_
#define MIGRATE_STAGES_COPY_PLAN_BUILDER_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "io/bulk_writer.h"
#include "mapping/config.h"
#include "mapping/handler.h"
#include "mapping/handler_registry.h"
#include "pipeline/copy_plan.h"
#include "stages/map_documents.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

// What handlers are created with, besides the document and field they are bound to.
struct HandlerSetup {
  const mapping::Config* config = nullptr;
  const mapping::HandlerRegistry* registry = nullptr;
  const mapping::SourceLookup* source = nullptr;
  const mapping::DestinationAccess* destination = nullptr;
  // Where handlers' warnings go (e.g. Magento's "Could not unserialize data of ..."); may be empty.
  std::function<void(absl::string_view)> warn;
};

// The setup a step's handlers get: the run's config, the default registry, the two databases, and
// warnings logged on `log` (copied: it may be a temporary).
HandlerSetup StepHandlerSetup(const RunContext& context, const mapping::SourceLookup& source,
                              const mapping::DestinationAccess& destination, const StepLog& log);

absl::StatusOr<pipeline::CopyPlan> BuildCopyPlan(const DocumentPair& pair, const HandlerSetup& setup,
                                                 io::WriteMode mode);

// An integrity check's part: builds every pair's copy plan, so each handler the map names must exist
// and get the params it needs; logs each failure as an error and returns true when there is none.
// Under -a, which carries on past differences but not past a plan no data stage could build, a
// failure is a FailedPreconditionError instead, so the run stops before any data moves (and the
// data stage does not report the same error again).
absl::StatusOr<bool> ReportPlanErrors(RunContext& context, const MapDocuments& documents, const StepLog& log);

// Magento's DocumentIdField: the auto-increment primary key column, else the first primary key
// column, else "".
std::string RecordIdField(const io::TableSchema& table);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_COPY_PLAN_BUILDER_H_
