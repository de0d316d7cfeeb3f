// migrate verify: compares the destination with the source under the mapping, document by document,
// after `data` (or while or after `delta`), without changing either database.
//
// Covered: the documents of the Map-like steps config.xml names in its settings and data modes
// (Migration\Step\Map\Data through map_file, Migration\Step\Stores\Data through stores_map_file):
// every source document the map does not ignore, paired with its destination document. Each is
// split into key ranges (io/key_range_splitter.h) that `threads` workers compare at once, each with
// one source and one destination connection, by server-side digests (stages/verify/range_compare.h)
// of the columns stages/verify/document_digest.h chooses.
//
// Allowances for what other steps do to these documents, so that a clean run compares equal:
//   - a document in map_document_groups' destination_documents_update_on_duplicate holds Magento
//     2's own rows besides the copied ones: it is compared row by row and its extra rows are not
//     differences;
//   - a document for which migrate_volume_adjustments records rows later steps removed (net of rows
//     they added; PostProcessing) is compared row by row, and is equal when no compared value
//     differs and its missing rows minus its extra rows are exactly that figure.
//
// Prints one line per document ("equal", or the counts and the first differing keys, with the
// differing columns and both values of changed keys), then a summary with rows per second. Returns
// OK when every document is equal, FailedPrecondition naming the others otherwise.
#ifndef MIGRATE_STAGES_VERIFY_VERIFY_MODE_H_
#define MIGRATE_STAGES_VERIFY_VERIFY_MODE_H_

#include "absl/status/status.h"
#include "stages/run_context.h"

namespace migrate::stages {

absl::Status RunVerifyMode(RunContext& context);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_VERIFY_VERIFY_MODE_H_
