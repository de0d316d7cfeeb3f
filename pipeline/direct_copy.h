// Copies a whole document with one INSERT ... SELECT run by the destination server, for documents
// whose rows move unchanged when both databases live on one server (Magento's
// direct_document_copy). The statement and the document's progress commit in one transaction: a
// killed copy leaves nothing behind and runs again whole.
#ifndef MIGRATE_PIPELINE_DIRECT_COPY_H_
#define MIGRATE_PIPELINE_DIRECT_COPY_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "io/progress_store.h"
#include "pipeline/connection_source.h"
#include "pipeline/copy_plan.h"
#include "pipeline/value_change_log.h"

namespace migrate::pipeline {

// Returns the rows copied. The plan must have no transforms.
// The values the destination changes go to `value_changes` (when given), without keys: the
// server's message says which row of the SELECT; when they are fatal, nothing is copied.
absl::StatusOr<uint64_t> CopyDirectly(const CopyPlan& plan, const ConnectionSource& connections,
                                      const io::ProgressStore& store, const io::ChunkId& id,
                                      ValueChangeLog* value_changes = nullptr);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_DIRECT_COPY_H_
