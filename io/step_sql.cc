#include "io/step_sql.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace migrate::io {

std::string QualifiedTable(absl::string_view database, absl::string_view table) {
  return absl::StrCat(QuoteIdentifier(database), ".", QuoteIdentifier(table));
}

absl::Status TruncateTable(MysqlConnection& connection, absl::string_view database, absl::string_view table) {
  return connection.Execute(absl::StrCat("TRUNCATE TABLE ", QualifiedTable(database, table)));
}

absl::StatusOr<uint64_t> CountRows(MysqlConnection& connection, absl::string_view database, absl::string_view table) {
  return CountSelect(connection, absl::StrCat("SELECT 1 FROM ", QualifiedTable(database, table)));
}

absl::StatusOr<uint64_t> CountSelect(MysqlConnection& connection, absl::string_view select) {
  absl::StatusOr<std::string> count =
      connection.QueryScalar(absl::StrCat("SELECT COUNT(*) FROM (", select, ") AS counted"));
  if (!count.ok()) return count.status();
  uint64_t rows = 0;
  if (!absl::SimpleAtoi(*count, &rows)) return absl::InternalError(absl::StrCat("not a count: ", *count));
  return rows;
}

std::string VisitorCustomersSql(absl::string_view database, absl::string_view log_customer, size_t visitor_count) {
  std::string placeholders;
  for (size_t i = 0; i < visitor_count; ++i) placeholders.append(i == 0 ? "?" : ",?");
  return absl::StrCat("SELECT `visitor_id`, `customer_id` FROM ", QualifiedTable(database, log_customer),
                      " WHERE `visitor_id` IN (", placeholders, ") ORDER BY `visitor_id`, `log_id`");
}

std::string TierPriceKeysSql(absl::string_view database, absl::string_view tier_price, absl::string_view group_price) {
  std::string sql = absl::StrCat("SELECT `entity_id`, `all_groups`, `customer_group_id`, `qty`, `website_id` FROM ",
                                 QualifiedTable(database, tier_price));
  if (!group_price.empty()) {
    absl::StrAppend(&sql, " UNION SELECT `entity_id`, `all_groups`, `customer_group_id`, 1.0000, `website_id` FROM ",
                    QualifiedTable(database, group_price));
  }
  return sql;
}

std::string ProductPriceAttributeSql(const ConfigurablePriceTables& tables) {
  return absl::StrCat("SELECT a.`attribute_id` FROM ", QualifiedTable(tables.database, tables.eav_attribute),
                      " a JOIN ", QualifiedTable(tables.database, tables.eav_entity_type),
                      " t ON t.`entity_type_id` = a.`entity_type_id` WHERE t.`entity_type_code` = 'catalog_product' "
                      "AND a.`attribute_code` = 'price' ORDER BY a.`attribute_id` LIMIT 1");
}

std::string ConfigurableChildrenSql(const ConfigurablePriceTables& tables) {
  return absl::StrCat("SELECT DISTINCT link.`product_id` FROM ", QualifiedTable(tables.database, tables.super_link),
                      " link JOIN ", QualifiedTable(tables.database, tables.super_attribute),
                      " sa ON sa.`product_id` = link.`parent_id` JOIN ",
                      QualifiedTable(tables.database, tables.super_pricing),
                      " ap ON ap.`product_super_attribute_id` = sa.`product_super_attribute_id` ORDER BY 1");
}

std::string ConfigurableChildPricesSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                                       absl::string_view first_child, absl::string_view last_child) {
  return absl::StrCat(
      "SELECT link.`product_id` AS entity_id, cs.`store_id`, link.`parent_id`, ROUND(COALESCE(ms.`value`, mt.`value`) "
      "+ "
      "SUM(IF(ap.`is_percent` = 1, COALESCE(ms.`value`, mt.`value`) * ap.`pricing_value` / 100, ap.`pricing_value`)), "
      "4) AS value FROM ",
      QualifiedTable(tables.database, tables.super_link), " link JOIN ",
      QualifiedTable(tables.database, tables.super_attribute), " sa ON sa.`product_id` = link.`parent_id` JOIN ",
      QualifiedTable(tables.database, tables.super_pricing),
      " ap ON ap.`product_super_attribute_id` = sa.`product_super_attribute_id` JOIN ",
      QualifiedTable(tables.database, tables.product_int),
      " pint ON pint.`entity_id` = link.`product_id` AND pint.`attribute_id` = sa.`attribute_id` AND "
      "pint.`store_id` = 0 AND pint.`value` = ap.`value_index` JOIN ",
      QualifiedTable(tables.database, tables.product_decimal),
      " mt ON mt.`entity_id` = link.`parent_id` AND mt.`store_id` = 0 AND mt.`attribute_id` = ", price_attribute_id,
      " JOIN ", QualifiedTable(tables.database, tables.store), " cs ON cs.`website_id` = ap.`website_id`",
      " LEFT JOIN ", QualifiedTable(tables.database, tables.product_decimal),
      " ms ON ms.`entity_id` = link.`parent_id` AND ms.`store_id` = cs.`store_id` AND cs.`store_id` <> 0 AND "
      "ms.`attribute_id` = ",
      price_attribute_id, " WHERE link.`product_id` BETWEEN ", first_child, " AND ", last_child,
      " GROUP BY link.`product_id`, cs.`store_id`, link.`parent_id`, mt.`value`, ms.`value`"
      " ORDER BY link.`product_id`, cs.`store_id`, link.`parent_id`");
}

std::string CmsPageRewritesSql(absl::string_view database, absl::string_view cms_page, absl::string_view cms_page_store,
                               absl::string_view core_url_rewrite) {
  const std::string page = "COALESCE(MIN(IF(cps.`store_id` <> 0, cp.`page_id`, NULL)), MIN(cp.`page_id`))";
  const std::string store = "IF(cps.`store_id` = 0, 1, cps.`store_id`)";
  return absl::StrCat("SELECT 'cms-page' AS entity_type, ", page, " AS entity_id, cp.`identifier` AS request_path, ",
                      "CONCAT('cms/page/view/page_id/', ", page, ") AS target_path, ", store,
                      " AS store_id, 1 AS is_autogenerated FROM ", QualifiedTable(database, cms_page), " cp JOIN ",
                      QualifiedTable(database, cms_page_store), " cps ON cps.`page_id` = cp.`page_id` ",
                      "WHERE cp.`is_active` = 1 AND cp.`identifier` NOT IN (SELECT cur.`request_path` FROM ",
                      QualifiedTable(database, core_url_rewrite), " cur) GROUP BY cp.`identifier`, ", store,
                      " ORDER BY request_path, store_id");
}

std::string ProductCategoryRewriteFilter() {
  return "`is_system` <> 0 AND `product_id` <> 0 AND `category_id` <> 0 AND `request_path` IS NOT NULL";
}

}  // namespace migrate::io
