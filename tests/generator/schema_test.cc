// The generator's DDL against the real thing: columns (name, type, nullability, default, extra),
// keys (primary, unique, index columns) and foreign keys (columns, parent, rules) of every table it
// creates, compared with the real Magento 1.6.1.0 and 2.4.8 databases in ../shared/fixtures.
// Magento 1.9's differences from 1.6.1.0 are listed as expected.
#include "generator/schema.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "tests/generator/schema_description.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_servers.h"

namespace migrate::generator {
namespace {

using ::migrate::testing::DestinationServer;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;

std::unique_ptr<io::MysqlConnection> Connect(const io::ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Creates, from a Magento dump, the tables `tables` as the dump defines them: only their CREATE TABLE
// statements run (the dumps' data and triggers do not matter here, and the 2.4.8 dump's triggers
// need the mariadb client's DELIMITER).
void CreateTablesFromDump(io::MysqlConnection& connection, const std::string& path,
                          const std::vector<std::string>& tables) {
  const std::string dump = ReadFile(path);
  ASSERT_FALSE(dump.empty()) << path;
  ASSERT_TRUE(connection.Execute("SET SESSION innodb_strict_mode = 0, foreign_key_checks = 0").ok());
  for (const std::string& table : tables) {
    const size_t start = dump.find(absl::StrCat("CREATE TABLE `", table, "` ("));
    ASSERT_NE(start, std::string::npos) << table << " is not in " << path;
    // The 1.6.1.0 dump ends its lines with CRLF.
    const size_t end = std::min(dump.find(";\n", start), dump.find(";\r\n", start));
    absl::Status status = connection.Execute(absl::string_view(dump).substr(start, end - start));
    ASSERT_TRUE(status.ok()) << status;
  }
}

std::set<std::string> Minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> difference;
  for (const std::string& line : a) {
    if (!b.contains(line)) difference.insert(line);
  }
  return difference;
}

// The order of the columns both sides have.
std::vector<std::string> ColumnOrder(io::MysqlConnection& connection, const std::string& database,
                                     const std::string& table) {
  return Lines(connection, absl::StrCat("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ",
                                        Utf8Literal(database), " AND TABLE_NAME = ", Utf8Literal(table),
                                        " ORDER BY ORDINAL_POSITION"));
}

void ExpectSameSchema(io::MysqlConnection& connection, const std::string& ours, const std::string& real,
                      SchemaKind kind, const std::set<std::string>& expected_extra) {
  const std::vector<std::string> tables = SchemaTables(kind);
  const std::set<std::string> our_description = Describe(connection, ours, tables);
  const std::set<std::string> real_description = Describe(connection, real, tables);
  EXPECT_GT(real_description.size(), 1000u) << "the reference tables are missing";
  EXPECT_EQ(Minus(real_description, our_description), std::set<std::string>{}) << "missing from our DDL";
  EXPECT_EQ(Minus(our_description, real_description), expected_extra) << "not in the real database";
  for (const std::string& table : tables) {
    const std::vector<std::string> real_order = ColumnOrder(connection, real, table);
    std::vector<std::string> our_order;
    for (const std::string& column : ColumnOrder(connection, ours, table)) {
      if (std::find(real_order.begin(), real_order.end(), column) != real_order.end()) our_order.push_back(column);
    }
    EXPECT_EQ(our_order, real_order) << table;
  }
}

TEST(SchemaTest, Magento1MatchesTheReal161DatabaseExceptFor19Changes) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  const io::ConnectionOptions real = TestDatabase(SourceServer(), "_real");
  const io::ConnectionOptions ours = TestDatabase(SourceServer(), "_ours");
  auto connection = Connect(real);
  ASSERT_NE(connection, nullptr);
  ASSERT_NO_FATAL_FAILURE(CreateTablesFromDump(*connection, fixtures + "/magento1-1.6.1.0-sample.sql",
                                               SchemaTables(SchemaKind::kMagento1)));
  ASSERT_TRUE(CreateSchema(ours, SchemaKind::kMagento1).ok());

  const std::string vat_columns[] = {
      "vat_id text NULL default=NULL  utf8mb3", "vat_is_valid smallint(6) NULL default=NULL  ",
      "vat_request_id text NULL default=NULL  utf8mb3", "vat_request_date text NULL default=NULL  utf8mb3",
      "vat_request_success smallint(6) NULL default=NULL  "};
  std::set<std::string> magento19 = {
      "column customer_entity.disable_auto_group_change smallint(5) unsigned NOT NULL default=0  ",
      "key customer_entity UNIQUE UNQ_CUSTOMER_ENTITY_EMAIL_WEBSITE_ID BTREE (email,website_id)",
      "column sales_flat_order.coupon_rule_name varchar(255) NULL default=NULL  utf8mb3",
      "column sales_flat_order_item.base_tax_refunded decimal(12,4) NULL default=NULL  ",
      "column sales_flat_order_item.discount_refunded decimal(12,4) NULL default=NULL  ",
      "column sales_flat_order_item.base_discount_refunded decimal(12,4) NULL default=NULL  ",
      "column sales_flat_invoice.discount_description varchar(255) NULL default=NULL  utf8mb3",
      "column sales_flat_creditmemo.discount_description varchar(255) NULL default=NULL  utf8mb3",
  };
  for (const char* table : {"sales_flat_order_address", "sales_flat_quote_address"}) {
    for (const std::string& column : vat_columns) magento19.insert(absl::StrCat("column ", table, ".", column));
  }
  ExpectSameSchema(*connection, ours.database, real.database, SchemaKind::kMagento1, magento19);
}

TEST(SchemaTest, Magento2MatchesTheReal248Database) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  const io::ConnectionOptions real = TestDatabase(DestinationServer(), "_real");
  const io::ConnectionOptions ours = TestDatabase(DestinationServer(), "_ours");
  auto connection = Connect(real);
  ASSERT_NE(connection, nullptr);
  ASSERT_NO_FATAL_FAILURE(
      CreateTablesFromDump(*connection, fixtures + "/magento2-2.4.8-empty.sql", SchemaTables(SchemaKind::kMagento2)));
  ASSERT_TRUE(CreateSchema(ours, SchemaKind::kMagento2).ok());
  ExpectSameSchema(*connection, ours.database, real.database, SchemaKind::kMagento2, {});
}

TEST(SchemaTest, StatementsAndTablesAgree) {
  for (SchemaKind kind : {SchemaKind::kMagento1, SchemaKind::kMagento2}) {
    const std::vector<std::string> tables = SchemaTables(kind);
    EXPECT_EQ(SchemaStatements(kind).size(), tables.size());
    EXPECT_EQ(std::set<std::string>(tables.begin(), tables.end()).size(), tables.size());
  }
  EXPECT_EQ(SchemaTables(SchemaKind::kMagento1).size(), 70u);
  EXPECT_EQ(SchemaTables(SchemaKind::kMagento2).size(), 72u);
  EXPECT_THAT(SchemaTables(SchemaKind::kMagento2), ::testing::Contains("sales_order"));
}

}  // namespace
}  // namespace migrate::generator
