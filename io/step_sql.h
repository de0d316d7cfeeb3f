// SQL text of the steps that move more than a map says (Log, Tier Price, ConfigurablePrices, Url
// Rewrite), and the table statements they share. Every table argument is a name with the step's
// prefix already added; the builders quote it (QuoteIdentifier) and qualify it with `database`.
// Nothing here begins or commits a transaction.
#ifndef MIGRATE_IO_STEP_SQL_H_
#define MIGRATE_IO_STEP_SQL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/bound_value.h"
#include "io/mysql_connection.h"

namespace migrate::io {

// `database`.`table`, both quoted.
std::string QualifiedTable(absl::string_view database, absl::string_view table);

// TRUNCATE TABLE (with the session's foreign key checks off, as a destination session has them,
// it does not cascade).
absl::Status TruncateTable(MysqlConnection& connection, absl::string_view database, absl::string_view table);

absl::StatusOr<uint64_t> CountRows(MysqlConnection& connection, absl::string_view database, absl::string_view table);

// The rows `select` returns, counted by the server.
absl::StatusOr<uint64_t> CountSelect(MysqlConnection& connection, absl::string_view select);

// Log: (visitor_id, customer_id) of `visitor_count` visitors, bound in that order to the statement's
// placeholders, in log_customer, one row per login, ordered by visitor then log_id: the last row of a
// visitor is its latest login.
std::string VisitorCustomersSql(absl::string_view database, absl::string_view log_customer, size_t visitor_count);

// Tier Price: the distinct (entity_id, all_groups, customer_group_id, qty, website_id) of the tier
// prices and, when `group_price` is not empty, of the group prices at qty 1: the rows the
// destination must hold.
std::string TierPriceKeysSql(absl::string_view database, absl::string_view tier_price, absl::string_view group_price);

// ConfigurablePrices: the source tables its query reads.
struct ConfigurablePriceTables {
  std::string database;
  std::string eav_attribute;
  std::string eav_entity_type;
  std::string product_decimal;  // catalog_product_entity_decimal
  std::string product_int;      // catalog_product_entity_int
  std::string super_attribute;  // catalog_product_super_attribute
  std::string super_pricing;    // catalog_product_super_attribute_pricing
  std::string super_link;       // catalog_product_super_link
  std::string store;            // core_store
};

// The attribute_id of catalog_product's "price".
std::string ProductPriceAttributeSql(const ConfigurablePriceTables& tables);

// The distinct children of configurable products that have super attribute prices, ascending.
std::string ConfigurableChildrenSql(const ConfigurablePriceTables& tables);

// For the children with ids in [first_child, last_child]: (entity_id, store_id, parent_id, value),
// one row per child, parent and store whose website has prices for the parent's super attributes,
// ordered by entity_id, store_id, parent_id. value is the parent's price in that store (its store 0
// price where it has none of the store's own) plus, for each of the child's (store 0) super attribute
// values priced on that website, the fixed amount or that percentage of the parent's price, rounded
// to 4 places.
std::string ConfigurableChildPricesSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                                       absl::string_view first_child, absl::string_view last_child);

// The same for the children `children`.
std::string ConfigurableChildPricesSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                                       const std::vector<int64_t>& children);

// The (child, store) pairs of ConfigurableChildPricesSql (every child) that have no price row of
// their own in Magento 1's catalog_product_entity_decimal: the rows the step adds to what Map copies.
std::string ConfigurableAddedPriceRowsSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id);

// Every child of a configurable product (catalog_product_super_link), ascending.
std::string ConfigurableLinkedChildrenSql(const ConfigurablePriceTables& tables);

// The source rows whose changes make configurable children's prices stale.
enum class ConfigurableChange {
  kPricing,         // catalog_product_super_attribute_pricing, by value_id
  kSuperAttribute,  // catalog_product_super_attribute, by product_super_attribute_id
  kSuperLink,       // catalog_product_super_link, by link_id
  kProductValue,    // catalog_product_entity_decimal, by value_id (a child's or a parent's price)
};

// (key, child) for the rows of `change` with keys `ids`: one row per child whose price the row
// feeds, and (key, NULL) for a row that feeds none. A key with no row is not in the result.
std::string ConfigurableChildrenOfSql(const ConfigurablePriceTables& tables, ConfigurableChange change,
                                      absl::string_view price_attribute_id, const std::vector<int64_t>& ids);

// The value_ids of the price rows (attribute `price_attribute_id`) of `entities` in Magento 1's
// catalog_product_entity_decimal.
std::string ProductPriceValueIdsSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                                    const std::vector<int64_t>& entities);

// Deletes the values of attribute `attribute_id` of `entities` (column `entity_column`) from a
// value table; returns the rows deleted.
absl::StatusOr<uint64_t> DeleteAttributeValues(MysqlConnection& connection, absl::string_view database,
                                               absl::string_view table, absl::string_view entity_column,
                                               absl::string_view attribute_id, const std::vector<int64_t>& entities);

// Url Rewrite: Magento's CMS page rewrites, one per (identifier, store with store 0 as 1) of active
// pages that have a store, whose identifier is no request path of core_url_rewrite: entity_type,
// entity_id, request_path, target_path, store_id, is_autogenerated, in (request_path, store_id)
// order. Where pages share an identifier and store, the page of that very store wins over one of
// all stores (0), then the lowest page_id.
std::string CmsPageRewritesSql(absl::string_view database, absl::string_view cms_page, absl::string_view cms_page_store,
                               absl::string_view core_url_rewrite);

// Url Rewrite: the condition on core_url_rewrite rows that also link product and category
// (Magento's is_system, product_id and category_id all set, and a request path).
std::string ProductCategoryRewriteFilter();

// Url Rewrite: Magento 2's CMS page rewrites (entity_type 'cms-page') of url_rewrite: url_rewrite_id,
// entity_id, request_path, target_path, store_id, is_autogenerated, redirect_type, by url_rewrite_id.
std::string DestinationCmsRewritesSql(absl::string_view database, absl::string_view url_rewrite);

// Url Rewrite: (request_path, store_id) of the core_url_rewrite rows `ids`.
std::string RewritePathsSql(absl::string_view database, absl::string_view core_url_rewrite,
                            const std::vector<int64_t>& ids);

// Url Rewrite: the url_rewrite_ids of the CMS page rewrites in url_rewrite that hold one of `ids`
// or one of `paths` ((request_path, store_id) pairs, bound).
BoundSql CmsRewritesInTheWaySql(absl::string_view database,
                                   absl::string_view url_rewrite, const std::vector<int64_t>& ids,
                                   const std::vector<std::pair<std::string, std::string>>& paths);

}  // namespace migrate::io

#endif  // MIGRATE_IO_STEP_SQL_H_
