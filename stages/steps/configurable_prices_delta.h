// Magento's ConfigurablePrices delta (Migration\Step\ConfigurablePrices\Delta): keeps the prices
// of configurable products' children in Magento 2's catalog_product_entity_decimal as a fresh
// `migrate data` (Map, then ConfigurablePrices) leaves them.
//
// What makes a child's prices stale, and how each reaches this step:
// - its parent's super attribute prices: group delta_configurable_price's changelog
//   (catalog_product_super_attribute_pricing, by value_id), which this step replays itself;
// - its parent's price, its own price row (Map's delta writes Magento 1's value over the computed
//   one), its super link and its parent's super attributes: the step follows Map's delta for
//   catalog_product_entity_decimal, catalog_product_super_link and catalog_product_super_attribute
//   (stages/delta_followers.h), which hands it the keys it replays when Map\Delta is configured.
// A changed row leads to the children it feeds (io::ConfigurableChildrenOfSql). A key whose row is
// gone (deleted) names no child any more, so it refreshes every child of a configurable product.
// Not followed: the children's super attribute values (catalog_product_entity_int), the stores'
// websites (core_store) and the price attribute itself; a child unlinked from its parent (its super
// link deleted) keeps its computed prices until its own price changes.
//
// Refreshing children, in one destination transaction (with the changelog page, or with the
// follower keys it consumes, see follower_delta.h): their price rows are deleted, Magento 1's price
// rows of the children are written again through Map's plan for catalog_product_entity_decimal
// (map_file, as Map copies them), then the computed prices through the data stage's SQL
// (io::ConfigurableChildPricesSql, WriteChildPrices). So a child whose super attribute prices are
// all deleted gets Magento 1's own price back; the count of computed rows without a Magento 1 row
// is recorded for Map's volume check, as the data stage does. Then the changelog page is removed by version
// (io/changelog.h); a kill at any moment replays at most a page again.
//
// After catch-up the price rows equal a fresh `migrate data` in every column but value_id (a
// computed price of a store where Magento 1 has no row gets the destination's next id).
#ifndef MIGRATE_STAGES_STEPS_CONFIGURABLE_PRICES_DELTA_H_
#define MIGRATE_STAGES_STEPS_CONFIGURABLE_PRICES_DELTA_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/adjustment_store.h"
#include "io/changelog.h"
#include "io/mysql_connection.h"
#include "io/step_sql.h"
#include "pipeline/delta_apply.h"
#include "stages/destination_lookup.h"
#include "stages/source_lookup.h"
#include "stages/step_stage.h"
#include "stages/steps/follower_delta.h"

namespace migrate::stages {

// What both halves of the step share: the children a change feeds, and their refresh.
class ConfigurableChildRefresh {
 public:
  // Runs DDL on `destination` (the volume adjustments table): not inside a transaction.
  absl::Status Prepare(RunContext& context, io::MysqlConnection& source, io::MysqlConnection& destination,
                       const StepLog& log);
  bool prepared() const { return prepared_; }

  // The children whose prices the rows `ids` of `change` feed; nullopt when one of them is gone
  // (every child).
  absl::StatusOr<std::optional<std::vector<int64_t>>> ChildrenOf(io::MysqlConnection& source,
                                                                 io::ConfigurableChange change,
                                                                 const std::vector<int64_t>& ids) const;

  // Refreshes `children` (every child when nullopt) inside the caller's open transaction on
  // `destination`; returns the rows written or deleted.
  absl::StatusOr<uint64_t> Refresh(RunContext& context, io::MysqlConnection& source, io::MysqlConnection& destination,
                                   const std::optional<std::vector<int64_t>>& children, size_t batch_size) const;

 private:
  absl::Status PrepareTables(RunContext& context, io::MysqlConnection& source, io::MysqlConnection& destination,
                             const StepLog& log);

  bool prepared_ = false;
  // Empty when Magento 1 lacks a table the step reads or the price attribute.
  std::string price_id_;
  io::ConfigurablePriceTables tables_;
  const io::TableSchema* decimal_ = nullptr;
  std::unique_ptr<ConnectionSourceLookup> lookup_;
  std::unique_ptr<ConnectionDestinationAccess> destination_access_;
  // Map's plan of catalog_product_entity_decimal, by value_id; absent when the map does not move it.
  std::optional<pipeline::DeltaPlan> decimal_plan_;
  std::optional<io::AdjustmentStore> adjustments_;
};

class ConfigurablePricesDelta : public StepStage {
 public:
  ConfigurablePricesDelta();

  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
  // The pending entries of the pricing table's changelog and the keys Map's delta handed the step.
  absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, io::MysqlConnection& source,
                                                      io::MysqlConnection& destination) override;

 private:
  absl::Status Prepare(RunContext& context, const StepLog& log);
  absl::Status Replay(RunContext& context, const StepLog& log);

  // The keys Map's delta hands the step.
  class Follower : public FollowerDelta {
   public:
    Follower(ConfigurableChildRefresh* refresh, std::unique_ptr<io::MysqlConnection>* source);

   protected:
    absl::Status Prepare(RunContext& context, io::MysqlConnection& destination, const StepLog& log) override;
    absl::StatusOr<uint64_t> Refresh(RunContext& context, io::MysqlConnection& destination,
                                     const FollowerPage& page) override;

   private:
    ConfigurableChildRefresh* refresh_;
    std::unique_ptr<io::MysqlConnection>* source_;
  };

  ConfigurableChildRefresh refresh_;
  // Absent when the delta groups file does not list the pricing table.
  std::optional<io::Changelog> changelog_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
  Follower follower_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_CONFIGURABLE_PRICES_DELTA_H_
