// What the steps built on the copy engine share beyond map_documents.h: finding documents by their
// map names, running copy plans under the step's progress, and the run's totals.
#ifndef MIGRATE_STAGES_STEPS_STEP_COPY_H_
#define MIGRATE_STAGES_STEPS_STEP_COPY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/table_schema.h"
#include "pipeline/copy_plan.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

// The table of `document` (a name without prefix) in `schema`, or nullptr.
const io::TableSchema* FindDocument(const io::DatabaseSchema& schema, absl::string_view prefix,
                                    absl::string_view document);

// The `documents` that `schema` lacks, in the order given.
std::vector<std::string> MissingDocuments(const io::DatabaseSchema& schema, absl::string_view prefix,
                                          const std::vector<std::string>& documents);

// The `fields` that `table` lacks, in the order given.
std::vector<std::string> MissingFields(const io::TableSchema& table, const std::vector<std::string>& fields);

// Copies `plans` with the coordinator under the progress of `step`'s data stage (a killed run
// resumes, a finished document is not copied again), adds to the run's totals and logs one summary
// line. Returns false when a stop request cut the copy short.
absl::StatusOr<bool> RunCopyPlans(RunContext& context, absl::string_view step,
                                  const std::vector<pipeline::CopyPlan>& plans, const StepLog& log);

// A destination column's character length ("varchar(1)" -> 1), or nullopt for a type without one.
std::optional<uint64_t> CharacterLength(const io::ColumnSchema& column);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_STEP_COPY_H_
