// Magento's Log step (Migration\Step\Log\Integrity, \Data, \Volume): Magento 1's visitors
// (log_visitor, group "source_documents" of log_document_groups_file) through log_map_file into
// Magento 2's customer_visitor, then the destination tables of group "destination_documents_to_clear"
// emptied.
//
// Integrity: Magento's generic check of the source documents and the documents they map to, and
// "Destination documents are missing: ..." for a table to clear that the destination lacks.
// Data: the copy engine (keyset chunks, progress, resume after kill -9); customer_visitor is emptied
// before its first batch (not on resume), the tables to clear after the copy.
// Volume: "Mismatch of entities in the document: <destination> Source: <n> Destination: <m>" per
// document, "Log documents in the destination resource are not cleared"; warnings, as Magento's.
//
// Differs from Magento:
// - customer_id arrives: each visitor's customer from log_customer (the latest login when there
//   are several). Magento selects it in its join but drops it (the map ignores the destination field
//   and its transformer copies log_visitor's own columns only), so every visitor lost its customer.
// - session_id: Magento 2.4 no longer uses it and made the column varchar(1). When the destination
//   column is shorter than the source's, visitors arrive with session_id NULL (logged once), not with
//   the first character of Magento 1's session id that Magento writes silently: a Magento 1 session
//   id is no valid session in Magento 2 anyway. Where the column is wide enough it is copied.
// - created_at: a NULL first_visit_at (which Magento 2's NOT NULL created_at cannot hold) becomes the
//   visitor's last_visit_at instead of the server's coercion.
// - Pages are keyset ranges over visitor_id (resumable), not LIMIT/OFFSET over a GROUP BY.
#ifndef MIGRATE_STAGES_STEPS_LOG_STEP_H_
#define MIGRATE_STAGES_STEPS_LOG_STEP_H_

#include <memory>
#include <string>

#include "stages/step_stage.h"

namespace migrate::stages {

class LogIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class LogData : public StepStage {
 public:
  explicit LogData(std::string step) : step_(std::move(step)) {}
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  std::string step_;
};

class LogVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

// Magento's Log\Delta: group delta_log of the delta groups file (log_visitor) replayed through
// log_map_file like the Map step's delta (map_delta_step.h), with the data stage's visitor plan, so
// a replayed visitor equals a fresh copy (its customer and session_id as above). A login that
// touches only log_customer reaches the visitor with its next visit, as in Magento.
std::unique_ptr<StepStage> MakeLogDelta();

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_LOG_STEP_H_
