#include "io/step_sql.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

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

namespace {

std::string IdList(const std::vector<int64_t>& ids) { return ids.empty() ? "NULL" : absl::StrJoin(ids, ", "); }

std::string ChildPricesSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                           absl::string_view child_condition, bool ordered = true) {
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
      price_attribute_id, " WHERE ", child_condition,
      " GROUP BY link.`product_id`, cs.`store_id`, link.`parent_id`, mt.`value`, ms.`value`",
      ordered ? " ORDER BY link.`product_id`, cs.`store_id`, link.`parent_id`" : "");
}

}  // namespace

std::string ConfigurableChildPricesSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                                       absl::string_view first_child, absl::string_view last_child) {
  return ChildPricesSql(tables, price_attribute_id,
                        absl::StrCat("link.`product_id` BETWEEN ", first_child, " AND ", last_child));
}

std::string ConfigurableChildPricesSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                                       const std::vector<int64_t>& children) {
  return ChildPricesSql(tables, price_attribute_id, absl::StrCat("link.`product_id` IN (", IdList(children), ")"));
}

std::string ConfigurableAddedPriceRowsSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id) {
  return absl::StrCat("SELECT p.`entity_id`, p.`store_id` FROM (",
                      ChildPricesSql(tables, price_attribute_id, "1 = 1", /*ordered=*/false), ") p LEFT JOIN ",
                      QualifiedTable(tables.database, tables.product_decimal),
                      " d ON d.`entity_id` = p.`entity_id` AND d.`store_id` = p.`store_id` AND d.`attribute_id` = ",
                      price_attribute_id, " WHERE d.`value_id` IS NULL GROUP BY p.`entity_id`, p.`store_id`");
}

std::string ConfigurableLinkedChildrenSql(const ConfigurablePriceTables& tables) {
  return absl::StrCat("SELECT DISTINCT `product_id` FROM ", QualifiedTable(tables.database, tables.super_link),
                      " ORDER BY 1");
}

std::string ConfigurableChildrenOfSql(const ConfigurablePriceTables& tables, ConfigurableChange change,
                                      absl::string_view price_attribute_id, const std::vector<int64_t>& ids) {
  const std::string link = QualifiedTable(tables.database, tables.super_link);
  const std::string in = absl::StrCat(" IN (", IdList(ids), ")");
  switch (change) {
    case ConfigurableChange::kPricing:
      return absl::StrCat("SELECT ap.`value_id`, link.`product_id` FROM ",
                          QualifiedTable(tables.database, tables.super_pricing), " ap LEFT JOIN ",
                          QualifiedTable(tables.database, tables.super_attribute),
                          " sa ON sa.`product_super_attribute_id` = ap.`product_super_attribute_id` LEFT JOIN ", link,
                          " link ON link.`parent_id` = sa.`product_id` WHERE ap.`value_id`", in);
    case ConfigurableChange::kSuperAttribute:
      return absl::StrCat("SELECT sa.`product_super_attribute_id`, link.`product_id` FROM ",
                          QualifiedTable(tables.database, tables.super_attribute), " sa LEFT JOIN ", link,
                          " link ON link.`parent_id` = sa.`product_id` WHERE sa.`product_super_attribute_id`", in);
    case ConfigurableChange::kSuperLink:
      return absl::StrCat("SELECT link.`link_id`, link.`product_id` FROM ", link, " link WHERE link.`link_id`", in);
    case ConfigurableChange::kProductValue: {
      // A child's own price, then a parent's (two index lookups rather than one join on OR).
      const std::string decimal = QualifiedTable(tables.database, tables.product_decimal);
      return absl::StrCat("SELECT d.`value_id`, link.`product_id` FROM ", decimal, " d LEFT JOIN ", link,
                          " link ON d.`attribute_id` = ", price_attribute_id,
                          " AND link.`product_id` = d.`entity_id` WHERE d.`value_id`", in,
                          " UNION ALL SELECT d.`value_id`, link.`product_id` FROM ", decimal, " d JOIN ", link,
                          " link ON link.`parent_id` = d.`entity_id` WHERE d.`attribute_id` = ", price_attribute_id,
                          " AND d.`value_id`", in);
    }
  }
  return "";
}

std::string ProductPriceValueIdsSql(const ConfigurablePriceTables& tables, absl::string_view price_attribute_id,
                                    const std::vector<int64_t>& entities) {
  return absl::StrCat("SELECT `value_id` FROM ", QualifiedTable(tables.database, tables.product_decimal),
                      " WHERE `attribute_id` = ", price_attribute_id, " AND `entity_id` IN (", IdList(entities),
                      ") ORDER BY 1");
}

absl::StatusOr<uint64_t> DeleteAttributeValues(MysqlConnection& connection, absl::string_view database,
                                               absl::string_view table, absl::string_view entity_column,
                                               absl::string_view attribute_id, const std::vector<int64_t>& entities) {
  if (entities.empty()) return 0;
  if (absl::Status status =
          connection.Execute(absl::StrCat("DELETE FROM ", QualifiedTable(database, table), " WHERE `attribute_id` = ",
                                          attribute_id, " AND ", QuoteIdentifier(entity_column), " IN (",
                                          IdList(entities), ")"));
      !status.ok()) {
    return status;
  }
  return connection.affected_rows();
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

std::string DestinationCmsRewritesSql(absl::string_view database, absl::string_view url_rewrite) {
  return absl::StrCat("SELECT `url_rewrite_id`, `entity_id`, `request_path`, `target_path`, `store_id`, "
                      "`is_autogenerated`, `redirect_type` FROM ",
                      QualifiedTable(database, url_rewrite), " WHERE `entity_type` = 'cms-page' ORDER BY 1");
}

std::string RewritePathsSql(absl::string_view database, absl::string_view core_url_rewrite,
                            const std::vector<int64_t>& ids) {
  return absl::StrCat("SELECT `request_path`, `store_id` FROM ", QualifiedTable(database, core_url_rewrite),
                      " WHERE `url_rewrite_id` IN (", IdList(ids), ") AND `request_path` IS NOT NULL");
}

BoundSql CmsRewritesInTheWaySql(absl::string_view database, absl::string_view url_rewrite,
                                const std::vector<int64_t>& ids,
                                const std::vector<std::pair<std::string, std::string>>& paths) {
  BoundSql sql{absl::StrCat("SELECT `url_rewrite_id` FROM ", QualifiedTable(database, url_rewrite),
                            " WHERE `entity_type` = 'cms-page' AND (`url_rewrite_id` IN (", IdList(ids), ")"),
               {}};
  for (const auto& [path, store] : paths) {
    sql.sql.append(" OR (`request_path` = ? AND `store_id` = ?)");
    sql.values.insert(sql.values.end(), {path, BoundValue::Number(store)});
  }
  sql.sql.append(") ORDER BY 1");
  return sql;
}

}  // namespace migrate::io
