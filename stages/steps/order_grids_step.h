// Magento's OrderGrids step (Migration\Step\OrderGrids\Integrity, \Data, \Volume): Magento 2's
// sales_order_grid, sales_invoice_grid, sales_shipment_grid and sales_creditmemo_grid rebuilt on the
// destination from the sales tables the Map step copied, with Magento's columns and expressions
// (stages/steps/order_grids_columns.h).
//
// Integrity: the grids, their base tables, sales_order, sales_order_address and
// sales_order_payment exist (else `Destination documents are missing: ...`), and every column the
// step fills is in its grid (else ERROR `<grid> table does not contain field: <column>`).
//
// Data: the four grids are emptied, then filled on the server by INSERT ... SELECT ... ON DUPLICATE
// KEY UPDATE over consecutive ranges of at most bulk_size entity ids of each base table, found by
// keyset (io/range_insert_select.h): no row passes through the client, no OFFSET. The ranges of all
// four grids run at once on `threads` destination connections (pipeline/parallel_insert_select.h),
// each committed on its own. A rerun (or one after kill -9) empties and fills the grids again, so it
// ends with the same rows.
//
// Volume: per grid, WARNING `Mismatch of entities in the document: <grid> Source: <n> Destination:
// <m>`, where n counts Magento 1's base table (sales_flat_order, ...) and m the grid.
//
// Differs from Magento:
// - Every entity of the base table gets its grid row, as Magento 2's own grid indexer gives it
//   (its asynchronous grid indexing adds the rows a grid lacks). Magento's step fills only the
//   entities Magento 1's grid lists, so an order missing from Magento 1's grid would stay invisible
//   in Magento 2's admin; the Data stage logs how many entities Magento 1's grids lacked. The
//   volume check compares with Magento 1's base tables accordingly (Magento's, with its grids).
// - The ids are ranges of the destination's base table in key order (Magento pages Magento 1's
//   grid with LIMIT/OFFSET and no ORDER BY, which may skip or repeat ids); direct_document_copy
//   changes nothing, since no statement reads across databases.
// - The payment method is that of the order's first payment by id (Magento's subquery takes any).
// - The integrity check compares the step's columns with the grids (Magento's compares the grids
//   with themselves and never fails), and reports missing tables instead of stopping on DESCRIBE.
#ifndef MIGRATE_STAGES_STEPS_ORDER_GRIDS_STEP_H_
#define MIGRATE_STAGES_STEPS_ORDER_GRIDS_STEP_H_

#include "stages/step_stage.h"

namespace migrate::stages {

class OrderGridsIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class OrderGridsData : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class OrderGridsVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_ORDER_GRIDS_STEP_H_
