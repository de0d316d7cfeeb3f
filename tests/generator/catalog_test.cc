// generate_catalog against a real MariaDB: determinism, scale, the values real shops have,
// referential integrity, and exact round trips of awkward text.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "generator/catalog_model.h"
#include "generator/customers.h"
#include "generator/generator.h"
#include "generator/scale.h"
#include "generator/schema.h"
#include "tests/generator/php_unserialize.h"
#include "tests/generator/schema_description.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_servers.h"

namespace migrate::generator {
namespace {

using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;

constexpr uint32_t kProducts = 1000;

std::unique_ptr<io::MysqlConnection> Connect(const io::ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

absl::StatusOr<LoadSummary> Generate(const io::ConnectionOptions& where, uint32_t products, uint64_t seed,
                                     uint64_t defer_keys_from_rows = GeneratorOptions().defer_keys_from_rows) {
  GeneratorOptions options;
  options.connection = where;
  options.products = products;
  options.seed = seed;
  options.defer_keys_from_rows = defer_keys_from_rows;
  return GenerateCatalog(options);
}

// The seed-1 catalog the value and integrity tests read, generated once per test binary.
const io::ConnectionOptions& SharedCatalog() {
  static const io::ConnectionOptions* const options = [] {
    auto* shared = new io::ConnectionOptions(SourceServer().Options("generated_seed1"));
    absl::StatusOr<LoadSummary> summary = Generate(*shared, kProducts, 1);
    EXPECT_TRUE(summary.ok()) << summary.status();
    return shared;
  }();
  return *options;
}

int64_t Count(io::MysqlConnection& connection, const std::string& sql) {
  absl::StatusOr<std::string> value = connection.QueryScalar(sql);
  EXPECT_TRUE(value.ok()) << value.status() << " in " << sql;
  int64_t count = -1;
  if (value.ok()) {
    EXPECT_TRUE(absl::SimpleAtoi(*value, &count)) << *value;
  }
  return count;
}

// CHECKSUM TABLE of every table of the Magento 1 schema.
std::map<std::string, std::string> Checksums(io::MysqlConnection& connection) {
  std::map<std::string, std::string> checksums;
  for (const std::string& table : SchemaTables(SchemaKind::kMagento1)) {
    absl::StatusOr<io::ResultSet> result = connection.Query("CHECKSUM TABLE " + io::QuoteIdentifier(table));
    EXPECT_TRUE(result.ok()) << result.status();
    if (result.ok() && result->size() == 1) checksums[table] = result->rows()[0][1].value_or("NULL");
  }
  return checksums;
}

std::map<std::string, int64_t> RowCounts(io::MysqlConnection& connection) {
  std::map<std::string, int64_t> counts;
  for (const std::string& table : SchemaTables(SchemaKind::kMagento1)) {
    counts[table] = Count(connection, "SELECT COUNT(*) FROM " + io::QuoteIdentifier(table));
  }
  return counts;
}

// The second seed-1 catalog builds every table's keys after its load (the path big tables take), so
// this also shows that deferring keys changes neither the rows nor the keys.
TEST(GeneratorTest, SameSeedSameTablesOtherSeedOtherTables) {
  auto shared = Connect(SharedCatalog());
  const io::ConnectionOptions again = TestDatabase(SourceServer(), "_again");
  const io::ConnectionOptions other_seed = TestDatabase(SourceServer(), "_seed2");
  ASSERT_TRUE(Generate(again, kProducts, 1, /*defer_keys_from_rows=*/0).ok());
  ASSERT_TRUE(Generate(other_seed, kProducts, 2).ok());
  auto again_connection = Connect(again);
  auto other_connection = Connect(other_seed);
  ASSERT_NE(shared, nullptr);
  ASSERT_NE(again_connection, nullptr);
  ASSERT_NE(other_connection, nullptr);

  const std::map<std::string, std::string> first = Checksums(*shared);
  EXPECT_EQ(first.size(), SchemaTables(SchemaKind::kMagento1).size());
  EXPECT_EQ(first, Checksums(*again_connection));
  const std::vector<std::string> tables = SchemaTables(SchemaKind::kMagento1);
  EXPECT_EQ(Describe(*shared, SharedCatalog().database, tables), Describe(*shared, again.database, tables));

  const std::map<std::string, std::string> other = Checksums(*other_connection);
  int differing = 0;
  for (const auto& [table, checksum] : first) differing += other.at(table) != checksum ? 1 : 0;
  EXPECT_GE(differing, 40) << "a different seed must change the generated data";
  for (const char* table : {"catalog_product_entity_varchar", "customer_entity", "sales_flat_order",
                            "sales_flat_order_item", "sales_flat_quote_item_option", "core_url_rewrite"}) {
    EXPECT_NE(other.at(table), first.at(table)) << table;
  }
}

TEST(GeneratorTest, RowCountsFollowTheScaleKnob) {
  auto large = Connect(SharedCatalog());
  const io::ConnectionOptions small_options = TestDatabase(SourceServer(), "_small");
  absl::StatusOr<LoadSummary> summary = Generate(small_options, 300, 1);
  ASSERT_TRUE(summary.ok()) << summary.status();
  auto small = Connect(small_options);
  ASSERT_NE(large, nullptr);
  ASSERT_NE(small, nullptr);
  const std::map<std::string, int64_t> large_counts = RowCounts(*large);
  const std::map<std::string, int64_t> small_counts = RowCounts(*small);

  EXPECT_EQ(large_counts.at("catalog_product_entity"), 1000);
  EXPECT_EQ(small_counts.at("catalog_product_entity"), 300);
  EXPECT_EQ(large_counts.at("customer_entity"), 500);
  EXPECT_EQ(small_counts.at("customer_entity"), 150);
  EXPECT_EQ(large_counts.at("sales_flat_order"), 1000);
  EXPECT_EQ(large_counts.at("catalog_category_entity"), 20);
  EXPECT_EQ(small_counts.at("catalog_category_entity"), 12);
  EXPECT_EQ(small_counts.at("sales_flat_quote"), 300 * 4 / 5 + 300 / 5);
  EXPECT_EQ(large_counts.at("eav_attribute"), small_counts.at("eav_attribute"));

  int64_t large_total = 0, small_total = 0;
  for (const auto& [table, count] : large_counts) large_total += count;
  for (const auto& [table, count] : small_counts) small_total += count;
  EXPECT_EQ(static_cast<uint64_t>(small_total), summary->rows);
  // About 70 rows per product: 100,000 products make the 5 to 10 million rows of a big shop.
  EXPECT_GT(large_total, 50 * 1000);
  EXPECT_LT(large_total, 100 * 1000);
  EXPECT_NEAR(static_cast<double>(small_total) / large_total, 0.3, 0.05);
}

TEST(GeneratorTest, ValuesLookLikeARealShop) {
  auto db = Connect(SharedCatalog());
  ASSERT_NE(db, nullptr);
  // NULLs: EAV rows holding NULL, guest orders, optional address fields.
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM catalog_product_entity_varchar WHERE value IS NULL"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM sales_flat_order WHERE customer_id IS NULL"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM sales_flat_order_address WHERE company IS NULL"), 0);
  // Multibyte UTF-8: German and Japanese.
  EXPECT_GT(
      Count(*db, "SELECT COUNT(*) FROM catalog_product_entity_varchar WHERE value LIKE '%ß%' OR value LIKE '%ü%'"), 0);
  EXPECT_GT(Count(*db,
                  "SELECT COUNT(*) FROM catalog_product_entity_varchar WHERE store_id = 3 AND "
                  "LENGTH(value) >= 2 * CHAR_LENGTH(value)"),
            0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM customer_entity_varchar WHERE LENGTH(value) > CHAR_LENGTH(value)"), 0);
  // Quotes, backslashes and newlines.
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM catalog_product_entity_varchar WHERE INSTR(value, CHAR(34)) > 0"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM catalog_product_entity_varchar WHERE INSTR(value, CHAR(92)) > 0"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM customer_entity_varchar WHERE INSTR(value, CHAR(39)) > 0"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM customer_address_entity_text WHERE INSTR(value, CHAR(10)) > 0"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM catalog_product_entity_text WHERE INSTR(value, CHAR(13, 10)) > 0"), 0);
  // Long text: descriptions of several kilobytes.
  EXPECT_GE(Count(*db, "SELECT MAX(LENGTH(value)) FROM catalog_product_entity_text"), 3000);
  // Zero dates where Magento 1 leaves them.
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM customer_entity WHERE updated_at = '0000-00-00 00:00:00'"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM sales_flat_quote WHERE updated_at = '0000-00-00 00:00:00'"), 0);
  // Store-view overrides next to the admin values.
  EXPECT_EQ(Count(*db, "SELECT COUNT(DISTINCT store_id) FROM catalog_product_entity_varchar"), 4);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM catalog_product_entity_int WHERE store_id = 2"), 0);
  // Composite keys hold many rows per leading column.
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM catalog_product_website"),
            Count(*db, "SELECT COUNT(*) FROM catalog_product_entity"));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM review_store"), 2 * Count(*db, "SELECT COUNT(*) FROM review"));
  // Magento's entity types with their real ids.
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM eav_entity_type WHERE (entity_type_id, entity_type_code, entity_model) IN "
                  "((1, 'customer', 'customer/customer'), (2, 'customer_address', 'customer/address'), "
                  "(3, 'catalog_category', 'catalog/category'), (4, 'catalog_product', 'catalog/product'), "
                  "(5, 'order', 'sales/order'))"),
            5);
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM eav_attribute WHERE entity_type_id = 4 AND (attribute_code, backend_type) IN "
                  "(('name', 'varchar'), ('sku', 'static'), ('description', 'text'), ('price', 'decimal'), "
                  "('status', 'int'), ('visibility', 'int'), ('url_key', 'varchar'), ('weight', 'decimal'))"),
            8);
}

TEST(GeneratorTest, SerializedColumnsAreValidPhp) {
  auto db = Connect(SharedCatalog());
  ASSERT_NE(db, nullptr);
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"sales_flat_order_item", "product_options"},
      {"sales_flat_quote_item_option", "value"},
      {"sales_flat_order_payment", "additional_information"},
      {"sales_flat_quote_address", "applied_taxes"},
  };
  for (const auto& [table, column] : columns) {
    std::string where = absl::StrCat(column, " IS NOT NULL");
    if (table == "sales_flat_quote_item_option") where += " AND code IN ('info_buyRequest', 'attributes')";
    absl::StatusOr<io::ResultSet> values =
        db->Query(absl::StrCat("SELECT ", column, " FROM ", table, " WHERE ", where));
    ASSERT_TRUE(values.ok()) << values.status();
    EXPECT_GT(values->size(), 100u) << table;
    int invalid = 0;
    for (const io::Row& row : values->rows()) {
      if (!IsValidPhpSerialized(*row[0]) && ++invalid <= 3) ADD_FAILURE() << table << "." << column << ": " << *row[0];
    }
    EXPECT_EQ(invalid, 0) << table << "." << column;
  }
  // Some option values carry multibyte text, so byte lengths matter.
  EXPECT_GT(Count(*db,
                  "SELECT COUNT(*) FROM sales_flat_order_item WHERE product_options LIKE '%options%' AND "
                  "LENGTH(product_options) > CHAR_LENGTH(product_options)"),
            0);
}

TEST(GeneratorTest, NoOrphansBehindAnyForeignKey) {
  auto db = Connect(SharedCatalog());
  ASSERT_NE(db, nullptr);
  absl::StatusOr<io::ResultSet> keys = db->Query(
      "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME "
      "FROM information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = DATABASE() AND "
      "k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION");
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_GT(keys->size(), 100u);
  for (const io::Row& key : keys->rows()) {
    const std::string child = io::QuoteIdentifier(*key[0]), column = io::QuoteIdentifier(*key[2]);
    const std::string parent = io::QuoteIdentifier(*key[3]), parent_column = io::QuoteIdentifier(*key[4]);
    EXPECT_EQ(Count(*db, absl::StrCat("SELECT COUNT(*) FROM ", child, " c LEFT JOIN ", parent, " p ON p.",
                                      parent_column, " = c.", column, " WHERE c.", column, " IS NOT NULL AND p.",
                                      parent_column, " IS NULL")),
              0)
        << *key[1] << ": " << *key[0] << "." << *key[2] << " -> " << *key[3] << "." << *key[4];
  }
}

TEST(GeneratorTest, LogicalReferencesHoldToo) {
  auto db = Connect(SharedCatalog());
  ASSERT_NE(db, nullptr);
  // EAV values sit in the table of their attribute's backend type and entity type.
  for (const char* entity : {"catalog_product", "catalog_category", "customer", "customer_address"}) {
    for (const char* type : {"varchar", "int", "decimal", "text", "datetime"}) {
      EXPECT_EQ(Count(*db, absl::StrCat("SELECT COUNT(*) FROM ", entity, "_entity_", type, " v JOIN eav_attribute a ",
                                        "USING (attribute_id) WHERE a.backend_type <> '", type,
                                        "' OR a.entity_type_id <> v.entity_type_id")),
                0)
          << entity << "_entity_" << type;
    }
  }
  const std::vector<std::string> orphans = {
      "SELECT COUNT(*) FROM sales_flat_order_item i LEFT JOIN catalog_product_entity p ON p.entity_id = i.product_id "
      "WHERE p.entity_id IS NULL",
      "SELECT COUNT(*) FROM sales_flat_order_item i LEFT JOIN sales_flat_order_item p ON p.item_id = i.parent_item_id "
      "WHERE i.parent_item_id IS NOT NULL AND (p.item_id IS NULL OR p.order_id <> i.order_id)",
      "SELECT COUNT(*) FROM sales_flat_quote_item i LEFT JOIN catalog_product_entity p ON p.entity_id = i.product_id "
      "WHERE p.entity_id IS NULL",
      "SELECT COUNT(*) FROM sales_flat_order o LEFT JOIN sales_flat_quote q ON q.entity_id = o.quote_id "
      "WHERE o.quote_id IS NOT NULL AND q.entity_id IS NULL",
      "SELECT COUNT(*) FROM sales_flat_order o LEFT JOIN sales_flat_order_address a ON a.entity_id = "
      "o.billing_address_id "
      "WHERE a.parent_id IS NULL OR a.parent_id <> o.entity_id",
      "SELECT COUNT(*) FROM sales_flat_order_grid g LEFT JOIN sales_flat_order o USING (entity_id) WHERE o.entity_id "
      "IS NULL",
      "SELECT COUNT(*) FROM sales_flat_invoice_item i LEFT JOIN sales_flat_order_item o ON o.item_id = i.order_item_id "
      "WHERE o.item_id IS NULL",
      "SELECT COUNT(*) FROM sales_flat_shipment_item i LEFT JOIN sales_flat_order_item o ON o.item_id = "
      "i.order_item_id "
      "WHERE o.item_id IS NULL",
      "SELECT COUNT(*) FROM review r LEFT JOIN catalog_product_entity p ON p.entity_id = r.entity_pk_value "
      "WHERE p.entity_id IS NULL",
      "SELECT COUNT(*) FROM customer_entity_int v JOIN eav_attribute a USING (attribute_id) LEFT JOIN "
      "customer_address_entity ad ON ad.entity_id = v.value WHERE a.attribute_code IN ('default_billing', "
      "'default_shipping') AND (ad.entity_id IS NULL OR ad.parent_id <> v.entity_id)",
      "SELECT COUNT(*) FROM catalog_product_entity_int v JOIN eav_attribute a USING (attribute_id) LEFT JOIN "
      "eav_attribute_option o ON o.option_id = v.value WHERE a.frontend_input = 'select' AND a.source_model IS NULL "
      "AND (o.option_id IS NULL OR o.attribute_id <> v.attribute_id)",
      "SELECT COUNT(*) FROM catalog_category_entity c LEFT JOIN catalog_category_entity p ON p.entity_id = c.parent_id "
      "WHERE c.parent_id <> 0 AND (p.entity_id IS NULL OR c.path <> CONCAT(p.path, '/', c.entity_id))",
      "SELECT COUNT(*) FROM sales_flat_order o LEFT JOIN core_store s ON s.store_id = o.store_id WHERE s.store_id IS "
      "NULL",
  };
  for (const std::string& sql : orphans) EXPECT_EQ(Count(*db, sql), 0) << sql;
}

TEST(GeneratorTest, AwkwardTextRoundTripsExactly) {
  auto db = Connect(SharedCatalog());
  ASSERT_NE(db, nullptr);
  const Scale scale = Scale::ForProducts(kProducts);
  const Catalog catalog(1, scale);
  absl::StatusOr<io::ResultSet> names = db->Query(
      "SELECT v.entity_id, v.value FROM catalog_product_entity_varchar v JOIN eav_attribute a USING (attribute_id) "
      "WHERE a.attribute_code = 'name' AND a.entity_type_id = 4 AND v.store_id = 0 ORDER BY v.entity_id");
  ASSERT_TRUE(names.ok()) << names.status();
  ASSERT_EQ(names->size(), kProducts);
  for (const io::Row& row : names->rows()) {
    uint32_t id = 0;
    ASSERT_TRUE(absl::SimpleAtoi(*row[0], &id));
    ASSERT_EQ(*row[1], catalog.Product(id).name) << "product " << id;
  }
  const Customers customers(1, scale);
  absl::StatusOr<io::ResultSet> streets = db->Query(
      "SELECT e.parent_id, v.entity_id, v.value FROM customer_address_entity_text v "
      "JOIN customer_address_entity e USING (entity_id) ORDER BY v.entity_id");
  ASSERT_TRUE(streets.ok()) << streets.status();
  ASSERT_EQ(streets->size(), customers.addresses());
  for (const io::Row& row : streets->rows()) {
    uint32_t customer_id = 0, address_id = 0;
    ASSERT_TRUE(absl::SimpleAtoi(*row[0], &customer_id));
    ASSERT_TRUE(absl::SimpleAtoi(*row[1], &address_id));
    const CustomerFacts customer = customers.Customer(customer_id);
    ASSERT_EQ(*row[2], customers.Address(customer, address_id - customer.first_address_id).address.street);
  }
}

TEST(GeneratorTest, TheBinaryCreatesBothSchemasOnItsOwn) {
  const io::ConnectionOptions magento2 = TestDatabase(SourceServer(), "_m2");
  const io::ConnectionOptions magento1 = TestDatabase(SourceServer(), "_m1");
  const std::string binary = GENERATE_CATALOG_BINARY;
  const std::string common = absl::StrCat(binary, " --host=127.0.0.1 --port=", SourceServer().port(), " --user=root");
  absl::StatusOr<std::string> output =
      migrate::testing::RunCommand(absl::StrCat(common, " --database=", magento2.database, " --schema=magento2"));
  ASSERT_TRUE(output.ok()) << output.status();
  EXPECT_THAT(*output, ::testing::HasSubstr("created the magento2 schema"));
  output =
      migrate::testing::RunCommand(absl::StrCat(common, " --database=", magento1.database, " --schema-only --quiet"));
  ASSERT_TRUE(output.ok()) << output.status();
  EXPECT_EQ(*output, "");
  auto db = Connect(magento1);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(
      Count(*db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + magento2.database + "'"),
      static_cast<int64_t>(SchemaTables(SchemaKind::kMagento2).size()));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"),
            static_cast<int64_t>(SchemaTables(SchemaKind::kMagento1).size()));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM sales_flat_order"), 0);
  // A bad flag value fails with a message.
  absl::StatusOr<std::string> failed =
      migrate::testing::RunCommand(absl::StrCat(common, " --database=x --schema=magento3"));
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(std::string(failed.status().message()), ::testing::HasSubstr("unknown schema"));
}

}  // namespace
}  // namespace migrate::generator
