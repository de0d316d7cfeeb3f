// What Magento 2's four sales grids hold, as Magento's OrderGrids step builds them: for each grid,
// its base table and the SQL expression of each grid column over the base table, the order, and
// the order's shipping and billing addresses (../shared/reference/magento-steps.md §8).
//
// The SELECT joins, with these aliases: the base table (sales_order, sales_invoice, sales_shipment
// or sales_creditmemo, aliased by its own name); LEFT JOIN sales_order on the base's order_id (not
// for the order grid); LEFT JOIN sales_order_address as sales_shipping_address and
// sales_billing_address on the base's shipping_address_id and billing_address_id. Grid columns
// without an expression get NULL.
#ifndef MIGRATE_STAGES_STEPS_ORDER_GRIDS_COLUMNS_H_
#define MIGRATE_STAGES_STEPS_ORDER_GRIDS_COLUMNS_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::stages {

struct GridDefinition {
  // Magento 2's grid and its base table; Magento 1's base table and grid.
  std::string grid;
  std::string base;
  std::string source_base;
  std::string source_grid;
  // Grid column -> expression. The payment method's expression names the payment table through
  // the placeholder {payment}.
  std::vector<std::pair<std::string, std::string>> columns;
};

// The order, invoice, shipment and credit memo grids, in Magento's order.
const std::vector<GridDefinition>& GridDefinitions();

// The tables the SELECTs read, besides the base tables: sales_order, sales_order_address,
// sales_order_payment.
const std::vector<std::string>& GridJoinedTables();

struct GridSelect {
  // "SELECT <expressions> FROM <base> AS <base> LEFT JOIN ..." without WHERE.
  std::string select;
  // The grid's columns the expressions fill, in the grid's own order.
  std::vector<std::string> columns;
};

// The SELECT that fills `grid_columns` (the destination grid's columns, in table order) of
// `definition`; `table` gives a destination table's qualified, quoted name from its bare name.
GridSelect BuildGridSelect(const GridDefinition& definition, const std::vector<std::string>& grid_columns,
                           const std::function<std::string(absl::string_view)>& table);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_ORDER_GRIDS_COLUMNS_H_
