// Magento's SalesIncrement step (Migration\Step\SalesIncrement\Integrity, \Data, \Volume): Magento
// 2's sales sequences (sales_sequence_meta, sales_sequence_profile and the sequence_<type>_<store>
// tables) made from Magento 1's last increment ids (eav_entity_store), so that Magento 2's next
// order, invoice, credit memo and shipment numbers continue Magento 1's.
//
// Integrity: sales_sequence_profile must have exactly profile_id, meta_id, prefix, suffix,
// start_value, step, max_value, warning_value, is_active, and sales_sequence_meta exactly meta_id,
// entity_type, store_id, sequence_table (stages/steps/structure_check.h has the messages).
//
// Data: for the entity types order, invoice, creditmemo, shipment, rma_item (in that order; their
// ids from the destination's eav_entity_type, which the EAV step gave Magento 1's ids; rma_item has
// none in Open Source) and each Magento 1 store id (core_store, 0 included, in id order):
// - sequence_<type>_<store> is dropped and created again, holding Magento 1's last number for that
//   type and store: increment_last_id with increment_prefix's length cut off, read as PHP's (int)
//   reads it ("100000123" with prefix "1" gives 123);
// - a meta row (entity_type code, store id, the sequence table's prefixed name) and a profile row
//   (prefix: the store id, '' for store 0; suffix ''; start_value 1; step 1; max_value 4294967295;
//   warning_value 4294966295; is_active 1).
// Meta and profile rows get ids 1, 2, ... in that order and replace what both tables held, in one
// transaction, after the sequence tables are made (DDL commits on its own); a rerun, or one after
// kill -9, gives the same tables. Sequence tables of store ids Magento 1 does not have are left
// alone, as Magento leaves them.
//
// Volume: per type, the first store whose last sequence_value differs from Magento 1's number (an
// absent row or table counts as 0 on both sides, as PHP's loose comparison does) gives WARNING
// `Mismatch in last increment id of <type> entity: Source: <n> Destination: <m>` (an absent value
// printed as nothing); then the next type.
//
// Delta (Migration\Step\SalesIncrement\Delta, group delta_sales_sequence: eav_entity_store keyed by
// entity_store_id): per page of the changelog, for the (entity type, store) of each changed row
// that Magento 1 still has and whose type the destination knows, the sequence table is created
// when missing (a store added after the migration; Magento's delta fails there), its meta and
// profile rows added as Data makes them (ids after the highest) when missing, and Magento 1's
// current number (the highest of the type and store, as Data reads it) inserted unless present;
// then the page's changelog rows are removed (io/changelog.h: only if unchanged since read). Each
// write is idempotent, so a kill anywhere replays the page with the same result. Numbers only
// grow: a value Magento 2 already holds above Magento 1's stays. eav_entity_store itself is not
// copied (Magento's delta upserts it through map_file; Magento 2 numbers from the sequences).
//
// Differs from Magento:
// - Store 0's profile prefix is '' (what Magento's own integration test asserts); Magento's current
//   code writes '0', which would give store 0 numbers such as 0000000001.
// - Several eav_entity_store rows for one type and store give their highest number (Magento takes
//   whichever row the server returns first).
// - A number of 0 (no digits after the prefix) puts no row into the sequence table: Magento 2
//   starts at 1 either way, where Magento would insert 0.
// - Meta and profile ids are written explicitly and both tables are replaced in one transaction,
//   so they do not depend on AUTO_INCREMENT counters or survive half-written.
#ifndef MIGRATE_STAGES_STEPS_SALES_INCREMENT_STEP_H_
#define MIGRATE_STAGES_STEPS_SALES_INCREMENT_STEP_H_

#include <memory>
#include <optional>
#include <vector>

#include "io/changelog.h"
#include "io/mysql_connection.h"
#include "stages/step_stage.h"

namespace migrate::stages {

class SalesIncrementIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class SalesIncrementData : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class SalesIncrementVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class SalesIncrementDelta : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
  // The pending entries of eav_entity_store's changelog.
  absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, io::MysqlConnection& source,
                                                      io::MysqlConnection& destination) override;

 private:
  absl::Status Prepare(RunContext& context);
  // Makes the sequences of the rows `keys` of eav_entity_store hold Magento 1's numbers.
  absl::StatusOr<uint64_t> Apply(RunContext& context, const std::vector<io::Key>& keys);

  std::optional<io::Changelog> changelog_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_SALES_INCREMENT_STEP_H_
