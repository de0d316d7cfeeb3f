// The quote (cart) tables. Every order but every fifth has the quote it was converted from (the
// others were cleaned up), with the same items under the same ids; abandoned carts follow, with
// ids after the last order's.
#ifndef MIGRATE_SCRIPTS_GENERATOR_QUOTES_H_
#define MIGRATE_SCRIPTS_GENERATOR_QUOTES_H_

#include <cstdint>

#include "generator/sales_model.h"
#include "generator/table_spec.h"

namespace migrate::generator {

// sales_flat_quote, _quote_item, _quote_item_option, _quote_address, _quote_payment. `sales` must
// outlive the tables.
void AddQuoteTables(const Sales& sales, uint32_t abandoned_quotes, TableList& tables);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_QUOTES_H_
