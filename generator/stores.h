// The shop's websites, store groups and store views, and the core_website, core_store_group,
// core_store, core_config_data and customer_group tables.
//
// A fixed layout, as most Magento 1 shops have: the admin website, group and store (id 0); a main
// website (1) with an English (1) and a German (2) store view under root category 2; and a Japanese
// website (2) with one store view (3) under root category 3.
#ifndef MIGRATE_SCRIPTS_GENERATOR_STORES_H_
#define MIGRATE_SCRIPTS_GENERATOR_STORES_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "generator/table_spec.h"
#include "generator/text.h"

namespace migrate::generator {

struct StoreView {
  uint16_t store_id;
  absl::string_view code;
  uint16_t website_id;
  uint16_t group_id;
  absl::string_view name;
  Language language;
  // The website's base currency, in which its orders are placed.
  absl::string_view currency;
  uint32_t root_category_id;
};

// The three customer-facing store views (not the admin store 0).
absl::Span<const StoreView> StoreViews();
const StoreView& StoreViewById(uint16_t store_id);

// Customer groups as Magento 1 installs them: 0 NOT LOGGED IN, 1 General, 2 Wholesale, 3 Retailer.
inline constexpr uint16_t kGuestGroup = 0;
inline constexpr int kCustomerGroups = 4;

// core_website, core_store_group, core_store, core_config_data, customer_group.
void AddStoreTables(uint64_t seed, TableList& tables);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_STORES_H_
