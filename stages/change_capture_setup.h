// Sets up change capture (io/change_capture.h) on the source for every table the delta groups file
// (option delta_document_groups_file, deltalog.xml's format) lists, as Magento's data mode does
// after the integrity checks and before the copy: triggers installed before a row is copied catch
// every change the copy might miss.
//
// Tables the source lacks are skipped, as Magento skips them; a table listed in several groups is
// set up once; the account's privileges are checked first (io/trigger_privileges.h). Idempotent:
// running `data` again creates nothing twice.
#ifndef MIGRATE_STAGES_CHANGE_CAPTURE_SETUP_H_
#define MIGRATE_STAGES_CHANGE_CAPTURE_SETUP_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

// One table of the delta groups file: the source document and its changelog key columns.
struct DeltaDocument {
  std::string document;
  std::vector<std::string> key_columns;
};

// The documents of group `group` of the delta groups file, or of every group when `group` is empty
// (each document once, first key wins).
absl::StatusOr<std::vector<DeltaDocument>> ReadDeltaDocuments(RunContext& context, absl::string_view group = "");

// True when config.xml names a delta groups file, i.e. delta is set up.
bool ChangeCaptureConfigured(const RunContext& context);

absl::Status SetUpChangeCapture(RunContext& context, const StepLog& log);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_CHANGE_CAPTURE_SETUP_H_
