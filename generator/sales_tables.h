// The sales tables: orders with their items, addresses, payments and grid rows, and the invoices,
// shipments and credit memos that followed, each with items and grid rows.
#ifndef MIGRATE_SCRIPTS_GENERATOR_SALES_TABLES_H_
#define MIGRATE_SCRIPTS_GENERATOR_SALES_TABLES_H_

#include "generator/sales_model.h"
#include "generator/table_spec.h"

namespace migrate::generator {

// sales_flat_order, _order_item, _order_address, _order_payment, _order_grid, sales_flat_invoice
// (+_item, _grid), sales_flat_shipment (+_item, _grid), sales_flat_creditmemo (+_item, _grid).
// `sales` must outlive the tables.
void AddSalesTables(const Sales& sales, TableList& tables);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_SALES_TABLES_H_
