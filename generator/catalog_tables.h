// The catalog tables: categories and products with their EAV values in every backend table,
// category-product links, product websites and stock.
#ifndef MIGRATE_SCRIPTS_GENERATOR_CATALOG_TABLES_H_
#define MIGRATE_SCRIPTS_GENERATOR_CATALOG_TABLES_H_

#include "generator/catalog_model.h"
#include "generator/table_spec.h"

namespace migrate::generator {

// catalog_category_entity(+_varchar/_int/_text/_datetime/_decimal), catalog_product_entity
// (+_varchar/_int/_decimal/_text/_datetime), catalog_category_product, catalog_product_website,
// cataloginventory_stock, cataloginventory_stock_item. `catalog` must outlive the tables.
void AddCatalogTables(const Catalog& catalog, TableList& tables);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_CATALOG_TABLES_H_
