// Magento's OrderGrids delta (Migration\Step\OrderGrids\Delta): the four sales grids kept in step
// with the orders, addresses, payments, invoices, shipments and credit memos Map's delta replays.
//
// A follower (stages/delta_followers.h, stages/steps/follower_delta.h): it consumes the keys Map's
// delta recorded for it (the six source documents of order_grids_document_groups_file) and, per
// page, in the transaction that removes them:
// - an order, or an address or payment (through its parent_id, read from the destination), gives
//   its order: the order's row of all four grids is rewritten (the invoice, shipment and credit
//   memo grids by their order_id); an address also gives every grid row whose base row names it
//   as shipping or billing address (found so even when the address is gone);
// - an invoice, shipment or credit memo gives its own grid's row;
// - each row is rewritten with the Data stage's INSERT ... SELECT ... ON DUPLICATE KEY UPDATE
//   (stages/steps/order_grids_columns.h) restricted to those ids, and a grid row whose entity is
//   gone from its base table is deleted.
// So after catch-up the grids equal what the Data stage builds from the destination.
//
// Differs from Magento (magento-steps.md §8): child grids are filtered by order_id (Magento used
// the order ids as their entity ids), no change is skipped by paging, address and payment keys are
// resolved to their orders, and deleted entities lose their grid rows. A payment deleted on its own
// (Magento 1 deletes payments only with their order) cannot be traced to its order, whose grid
// rows keep the old payment method until the order changes again.
#ifndef MIGRATE_STAGES_STEPS_ORDER_GRIDS_DELTA_H_
#define MIGRATE_STAGES_STEPS_ORDER_GRIDS_DELTA_H_

#include <string>
#include <vector>

#include "io/range_insert_select.h"
#include "stages/steps/follower_delta.h"

namespace migrate::stages {

class OrderGridsDelta : public FollowerDelta {
 public:
  OrderGridsDelta();

 protected:
  absl::Status Prepare(RunContext& context, io::MysqlConnection& destination, const StepLog& log) override;
  absl::StatusOr<uint64_t> Refresh(RunContext& context, io::MysqlConnection& destination,
                                   const FollowerPage& page) override;

 private:
  struct Grid {
    // The base table's bare name, its INSERT ... SELECT, and whether it has order_id.
    std::string base;
    io::RangeInsertSelect plan;
    bool child = false;
  };
  std::vector<Grid> grids_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_ORDER_GRIDS_DELTA_H_
