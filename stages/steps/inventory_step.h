// Magento's Inventory step (Migration\Step\Inventory\Integrity, \Data, \Volume): Magento 2's
// Multi-Source Inventory (MSI) tables filled from the legacy stock tables the Map step copied, on
// the destination only.
//
// The MSI gate, read from the destination itself: MSI is there when setup_module has a row
// Magento_Inventory or the table inventory_source_item exists. When it is absent every stage logs
// INFO `MSI (Magento_Inventory) is not installed in the destination: nothing to do` and passes.
//
// Integrity: exact columns of inventory_source_item (source_item_id, source_code, quantity, status,
// sku), inventory_stock_sales_channel (type, code, stock_id) and inventory_shipment_source
// (shipment_id, source_code), and inventory_source must exist (stages/steps/structure_check.h has
// the messages; tables are named with their prefix, as Magento names them).
//
// Data, with the default source (`default` when inventory_source has it, else the first code in
// order):
// 1. every cataloginventory_stock_item of website 0 whose product exists becomes a source item of
//    the default source (quantity = qty, status = is_in_stock, the product's sku), upserted;
// 2. inventory_stock_sales_channel is replaced by one row ('website', code, stock 1) per website but
//    admin, in one transaction;
// 3. every sales_shipment gets its inventory_shipment_source row (the default source), upserted.
// Steps 1 and 3 are INSERT ... SELECT over keyset ranges of the driving table
// (io/range_insert_select.h). Rerunning the stage gives the same rows.
//
// Volume: destination counts, cataloginventory_stock_item against inventory_source_item and
// sales_shipment against inventory_shipment_source: WARNING `Mismatch of entities in the document:
// <table> Source: <n> Destination: <m>` (the prefixed MSI table).
//
// Delta (Migration\Step\Inventory\Delta): a follower of Map's delta (stages/delta_followers.h,
// stages/steps/follower_delta.h) for cataloginventory_stock_item and sales_flat_shipment. Per page
// of keys Map's delta replayed, in the transaction that removes them: the changed stock items'
// source items are upserted as step 1 does (restricted to those item ids), and when some of them
// are gone the default source's items whose sku has no stock item of website 0 any more are
// deleted; the changed shipments' shipment sources are upserted as step 3 does and those of
// deleted shipments deleted. Without MSI the keys are consumed and nothing is written. (Magento's
// reads changelogs Map's delta already marked, marks nothing and deletes nothing.) A product whose
// sku changes keeps its old sku's source item until its stock item changes and is deleted.
//
// Differs from Magento:
// - Magento's gate is the Magento 2 install's module list (config.php), which a database cannot
//   show; a module installed but disabled therefore counts as present here.
// - The default source is 'default' when it exists (Magento takes whichever inventory_source row
//   comes first), and its code is quoted as SQL (Magento pastes it into the statement as it is).
// - A NULL qty becomes quantity 0 explicitly (Magento gets the same from non-strict mode, with a
//   warning); the stock sales channels are replaced in one transaction (Magento truncates first).
#ifndef MIGRATE_STAGES_STEPS_INVENTORY_STEP_H_
#define MIGRATE_STAGES_STEPS_INVENTORY_STEP_H_

#include "stages/step_stage.h"
#include "stages/steps/follower_delta.h"

namespace migrate::stages {

class InventoryIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class InventoryData : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class InventoryVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class InventoryDelta : public FollowerDelta {
 public:
  InventoryDelta();

 protected:
  absl::Status Prepare(RunContext& context, io::MysqlConnection& destination, const StepLog& log) override;
  absl::StatusOr<uint64_t> Refresh(RunContext& context, io::MysqlConnection& destination,
                                   const FollowerPage& page) override;

 private:
  bool present_ = false;
  // The default source, SQL-quoted.
  std::string code_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_INVENTORY_STEP_H_
