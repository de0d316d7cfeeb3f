// Magento's ConfigurablePrices step (Migration\Step\ConfigurablePrices\Integrity, \Data, \Volume):
// Magento 2 has no super attribute pricing, so each child of a Magento 1 configurable product gets,
// per store, its own price: the parent's price plus the prices of the child's super attribute
// values on that store's website, written into Magento 2's catalog_product_entity_decimal (the
// price attribute of catalog_product, Magento 1's attribute id, which the EAV step keeps).
//
// Integrity: the columns the query needs (Magento's list): catalog_product_super_attribute_pricing
// website_id, pricing_value; catalog_product_super_link product_id; catalog_product_super_attribute
// attribute_id; destination catalog_product_entity_decimal store_id, value, entity_id, attribute_id
// ("Source fields are missing. Document: %s. Fields: %s" and the Destination variant). A missing
// table is "Source documents are missing: ..." (Magento stops with a PHP error).
// Data: set-based SQL on the source (io::ConfigurableChildPricesSql) in pages of children, ordered;
// each page upserted (value only) in one destination transaction. It runs after Map, which empties
// and fills catalog_product_entity_decimal; rerunning it gives the same rows.
// Volume: none, as Magento's (it always passes). The rows it adds where Magento 1 has no price row of
// the child and store are recorded in migrate_volume_adjustments, so Map's volume check of
// catalog_product_entity_decimal (in delta mode, after this step) allows for them.
//
// Differs from Magento:
// - The parent's price is its price in the store, else its default (store 0) price, once per row;
//   Magento joins every store's price of the parent, unfiltered, so a parent with a store-level price
//   (website price scope) got its deltas summed once per such price and any of its prices as base.
// - Percentages are per pricing row: each percent price adds that percentage of the parent's price,
//   each fixed price its amount (Magento applies the first row's is_percent to the whole group).
// - One row per child and store: a child of several configurable parents gets the price through
//   its lowest parent_id (Magento's GROUP BY kept whichever row the server met first).
// - The children's super attribute values are their default (store 0) values.
// - The price attribute is catalog_product's "price" (Magento takes the first attribute of that
//   code of any entity type).
// - Pages are ranges of child ids in order (Magento pages with LIMIT/OFFSET without ORDER BY).
#ifndef MIGRATE_STAGES_STEPS_CONFIGURABLE_PRICES_STEP_H_
#define MIGRATE_STAGES_STEPS_CONFIGURABLE_PRICES_STEP_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "io/adjustment_store.h"
#include "io/mysql_connection.h"
#include "io/result_set.h"
#include "io/step_sql.h"
#include "io/table_schema.h"
#include "stages/step_stage.h"

namespace migrate::stages {

// The source tables the step reads, with source_prefix.
io::ConfigurablePriceTables ConfigurablePriceSourceTables(const RunContext& context);

// The product column of Magento 2's value tables: entity_id, or row_id with content staging.
std::string ValueEntityColumn(const io::TableSchema& decimal);

// Upserts (value only) rows of io::ConfigurableChildPricesSql, (entity, store, parent, value) in
// order, keeping the first row of each (entity, store): the lowest parent. Does not begin or commit
// a transaction; the values the destination changes are recorded (stages/value_change_report.h).
// Returns the rows written.
absl::StatusOr<uint64_t> WriteChildPrices(RunContext& context, io::MysqlConnection& destination,
                                          const io::TableSchema& decimal, const std::string& price_id,
                                          const io::ResultSet& rows);

// Records in `adjustments` (io/adjustment_store.h), on `destination` and in its open transaction if
// any, the price rows the step adds where Magento 1 has none (io::ConfigurableAddedPriceRowsSql,
// counted on `source`), so Map's volume check of catalog_product_entity_decimal allows for them.
absl::Status RecordAddedPriceRows(const io::AdjustmentStore& adjustments, io::MysqlConnection& source,
                                  io::MysqlConnection& destination, const io::ConfigurablePriceTables& tables,
                                  const io::TableSchema& decimal, const std::string& price_id);

class ConfigurablePricesIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class ConfigurablePricesData : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class ConfigurablePricesVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext&, const StepLog&) override { return true; }
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_CONFIGURABLE_PRICES_STEP_H_
