// The SalesIncrement, Inventory and OrderGrids deltas on small hand-made tables, each alone in
// `migrate delta`: SalesIncrement's replays eav_entity_store's changelog into the sequences (a new
// store's sequence made from scratch); Inventory's and OrderGrids' consume the keys Map's delta
// hands them (migrate_delta_followers, written here as Map's delta writes them after changing the
// destination's rows) and leave other followers' keys alone.
#include <signal.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/follower_keys.h"
#include "tests/stages/sales_tables_fixture.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Groups(const std::string& groups) {
  return absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<groups xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
        xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/groups.xsd">)",
      groups, "\n</groups>\n");
}

class DestinationDeltasTest : public MigrateRunTest {
 protected:
  // Runs `migrate delta config` until `done` says so (at most 30 s), then stops it as Ctrl+C does.
  void DeltaUntil(const std::string& config, const std::function<bool()>& done) {
    std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config});
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (!done() && delta->Running() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(100));
    absl::SleepFor(absl::Milliseconds(300));
    delta->Kill(SIGTERM);
    const ProcessResult stopped = delta->Wait();
    EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
    EXPECT_THAT(stopped.output, Not(HasSubstr("[ERROR]")));
    EXPECT_TRUE(done()) << stopped.output;
  }
};

// --- SalesIncrement ------------------------------------------------------------------------------

constexpr char kSequenceSource[] = R"(
  CREATE TABLE core_store (store_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, code VARCHAR(32));
  INSERT INTO core_store VALUES (0, 'admin'), (1, 'default');
  CREATE TABLE eav_entity_store (entity_store_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
                                 entity_type_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL,
                                 increment_prefix VARCHAR(20), increment_last_id VARCHAR(50));
  INSERT INTO eav_entity_store (entity_type_id, store_id, increment_prefix, increment_last_id) VALUES
    (1, 0, '0', '000000042'), (11, 1, '1', '100000123'), (16, 1, '1', '100000045');
)";


TEST_F(DestinationDeltasTest, SalesIncrementDeltaCarriesNewNumbersAndNewStores) {
  Exec(*source_, kSequenceSource);
  Exec(*destination_, kSequenceTables);
  const std::string groups = WriteFile("deltalog.xml", Groups(R"(
    <group name="delta_sales_sequence">
        <document key="entity_store_id">eav_entity_store</document>
    </group>)"));
  const std::string config =
      WriteConfig({{"data", R"(
    <step title="SalesIncrement Step">
      <integrity>Migration\Step\SalesIncrement\Integrity</integrity>
      <data>Migration\Step\SalesIncrement\Data</data>
    </step>)"},
                   {"delta", R"(
    <step title="SalesIncrement Step">
      <delta>Migration\Step\SalesIncrement\Delta</delta>
      <volume>Migration\Step\SalesIncrement\Volume</volume>
    </step>)"}},
                  absl::StrCat("<delta_document_groups_file>", groups,
                               "</delta_document_groups_file><delta_poll_interval>0.1</delta_poll_interval>"),
                  destination_options_);
  const ProcessResult data = Migrate({"data", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sequence_order_1"), ElementsAre("123"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_sequence_meta"), "10");

  // The shop goes on: more orders and invoices, and a new store with its first order.
  Exec(*source_,
       "UPDATE eav_entity_store SET increment_last_id = '100000130' WHERE entity_type_id = 11 AND store_id = 1;"
       "UPDATE eav_entity_store SET increment_last_id = '100000046' WHERE entity_type_id = 16 AND store_id = 1;"
       "INSERT INTO core_store VALUES (3, 'german');"
       "INSERT INTO eav_entity_store (entity_type_id, store_id, increment_prefix, increment_last_id) VALUES "
       "(11, 3, '3', '300000005'), (1, 3, '3', '300000009');");
  DeltaUntil(config, [&] { return Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_eav_entity_store") == "0"; });

  EXPECT_EQ(Scalar(*destination_, "SELECT MAX(sequence_value) FROM sequence_order_1"), "130");
  EXPECT_EQ(Scalar(*destination_, "SELECT MAX(sequence_value) FROM sequence_invoice_1"), "46");
  // The new store's order sequence, made with its meta and profile rows after the existing ids; a
  // customer's number (not a sales type) makes nothing.
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sequence_order_3"), ElementsAre("5"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_sequence_meta WHERE store_id = 3"),
              ElementsAre("11|order|3|sequence_order_3"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_sequence_profile WHERE meta_id = 11"),
              ElementsAre("11|11|3||1|1|4294967295|4294966295|1"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_sequence_meta"), "11");

  // Replayed again (the same change twice, as after a kill): nothing doubles.
  Exec(*source_, "UPDATE eav_entity_store SET increment_prefix = '3' WHERE store_id = 3");
  DeltaUntil(config, [&] { return Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_eav_entity_store") == "0"; });
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sequence_order_3"), ElementsAre("5"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_sequence_meta"), "11");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_sequence_profile"), "11");
}

// --- Inventory -----------------------------------------------------------------------------------

constexpr char kLegacyStock[] = R"(
  CREATE TABLE catalog_product_entity (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, sku VARCHAR(64));
  CREATE TABLE cataloginventory_stock_item (item_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    product_id INT UNSIGNED NOT NULL, stock_id SMALLINT UNSIGNED NOT NULL, qty DECIMAL(12,4),
    is_in_stock SMALLINT UNSIGNED NOT NULL DEFAULT 0, website_id SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    UNIQUE KEY (product_id, stock_id));
  CREATE TABLE store_website (website_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, code VARCHAR(32));
  CREATE TABLE sales_shipment (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY);
  CREATE TABLE setup_module (module VARCHAR(50) NOT NULL PRIMARY KEY, schema_version VARCHAR(50),
                             data_version VARCHAR(50));
  INSERT INTO catalog_product_entity VALUES (1, 'n2610'), (2, 'bb8100'), (3, 'sony-cam'), (4, 'gift');
  INSERT INTO cataloginventory_stock_item (item_id, product_id, stock_id, qty, is_in_stock, website_id) VALUES
    (10, 1, 1, 5.0000, 1, 0), (11, 2, 1, 0.0000, 0, 0), (12, 3, 1, NULL, 1, 0), (13, 4, 1, 2.5000, 1, 0);
  INSERT INTO store_website VALUES (0, 'admin'), (1, 'base');
  INSERT INTO sales_shipment VALUES (1), (2), (7);
)";

constexpr char kMsiTables[] = R"(
  INSERT INTO setup_module VALUES ('Magento_Inventory', '1.2.5', '1.2.5');
  CREATE TABLE inventory_source (source_code VARCHAR(255) NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL);
  INSERT INTO inventory_source VALUES ('a-warehouse', 'A'), ('default', 'Default Source');
  CREATE TABLE inventory_source_item (source_item_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    source_code VARCHAR(255) NOT NULL, sku VARCHAR(64) NOT NULL, quantity DECIMAL(12,4) NOT NULL DEFAULT 0,
    status SMALLINT UNSIGNED NOT NULL DEFAULT 0, UNIQUE KEY (source_code, sku));
  CREATE TABLE inventory_stock_sales_channel (type VARCHAR(64) NOT NULL, code VARCHAR(64) NOT NULL,
    stock_id INT UNSIGNED NOT NULL, PRIMARY KEY (type, code));
  CREATE TABLE inventory_shipment_source (shipment_id INT UNSIGNED NOT NULL PRIMARY KEY,
    source_code VARCHAR(255) NOT NULL);
  -- Another source's item of a sku that goes: not the delta's to remove.
  INSERT INTO inventory_source_item (source_code, sku, quantity, status) VALUES ('a-warehouse', 'gift', 1, 1);
)";

class InventoryDeltaTest : public DestinationDeltasTest {
 protected:
  void SetUp() override {
    DestinationDeltasTest::SetUp();
    const std::string groups =
        WriteFile("deltalog.xml", Groups("\n    <group name=\"delta_inventory\">\n    </group>"));
    config_ = WriteConfig({{"data", R"(
    <step title="Inventory Step">
      <data>Migration\Step\Inventory\Data</data>
    </step>)"},
                           {"delta", R"(
    <step title="Inventory Step">
      <delta>Migration\Step\Inventory\Delta</delta>
    </step>)"}},
                          absl::StrCat("<delta_document_groups_file>", groups,
                                       "</delta_document_groups_file><delta_poll_interval>0.1</delta_poll_interval>"),
                          destination_options_);
  }

  // What Map's delta does for a page: the destination's rows changed, then the keys recorded.
  void MapDeltaReplays() {
    Exec(*destination_,
         "UPDATE cataloginventory_stock_item SET qty = 7 WHERE item_id = 10;"
         "DELETE FROM cataloginventory_stock_item WHERE item_id = 13;"
         "INSERT INTO catalog_product_entity VALUES (5, 'new-sku');"
         "INSERT INTO cataloginventory_stock_item VALUES (14, 5, 1, 3.0000, 1, 0);"
         "DELETE FROM sales_shipment WHERE entity_id = 2;"
         "INSERT INTO sales_shipment VALUES (9);");
    const io::FollowerKeys keys(destination_options_.database);
    ASSERT_TRUE(keys.Create(*destination_).ok());
    ASSERT_TRUE(
        keys.Record(*destination_, {"inventory"}, "cataloginventory_stock_item", {{"10"}, {"13"}, {"14"}}).ok());
    ASSERT_TRUE(keys.Record(*destination_, {"inventory", "order_grids"}, "sales_flat_shipment", {{"2"}, {"9"}}).ok());
  }

  std::string Pending(const std::string& follower) {
    return Scalar(*destination_,
                  absl::StrCat("SELECT COUNT(*) FROM migrate_delta_followers WHERE follower = '", follower, "'"));
  }

  std::string config_;
};

TEST_F(InventoryDeltaTest, RefreshesSourceItemsAndShipmentSourcesOfTheKeysItIsHanded) {
  Exec(*destination_, kLegacyStock);
  Exec(*destination_, kMsiTables);
  const ProcessResult data = Migrate({"data", config_});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  MapDeltaReplays();
  DeltaUntil(config_, [&] { return Pending("inventory") == "0"; });

  EXPECT_THAT(Rows(*destination_, "SELECT source_code, sku, quantity, status FROM inventory_source_item ORDER BY 1, 2"),
              ElementsAre("a-warehouse|gift|1.0000|1", "default|bb8100|0.0000|0", "default|n2610|7.0000|1",
                          "default|new-sku|3.0000|1", "default|sony-cam|0.0000|1"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM inventory_shipment_source ORDER BY shipment_id"),
              ElementsAre("1|default", "7|default", "9|default"));
  // OrderGrids' keys wait for OrderGrids' delta.
  EXPECT_EQ(Pending("order_grids"), "2");
}

TEST_F(InventoryDeltaTest, WithoutMsiItConsumesTheKeysAndWritesNothing) {
  Exec(*destination_, kLegacyStock);
  MapDeltaReplays();
  DeltaUntil(config_, [&] { return Pending("inventory") == "0"; });
  EXPECT_EQ(Pending("order_grids"), "2");
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                   "AND TABLE_NAME LIKE 'inventory%'"),
            "0");
}

// --- OrderGrids ----------------------------------------------------------------------------------

// Every row of the four grids, in key order.
std::vector<std::string> Grids(io::MysqlConnection& connection) {
  std::vector<std::string> rows;
  for (const char* grid : {"sales_order_grid", "sales_invoice_grid", "sales_shipment_grid", "sales_creditmemo_grid"}) {
    for (const std::string& row : Rows(connection, absl::StrCat("SELECT '", grid, "', g.* FROM ", grid,
                                                                " AS g ORDER BY entity_id"))) {
      rows.push_back(row);
    }
  }
  return rows;
}

TEST_F(DestinationDeltasTest, OrderGridsDeltaRefreshesTheGridsOfTheKeysItIsHanded) {
  Exec(*source_, kSalesSource);
  Exec(*destination_, kSalesTables);
  const std::string groups = WriteFile("deltalog.xml", Groups("\n    <group name=\"delta_map\">\n    </group>"));
  const std::string config = WriteConfig({{"data", R"(
    <step title="OrderGrids Step">
      <data>Migration\Step\OrderGrids\Data</data>
    </step>)"},
                                          {"delta", R"(
    <step title="OrderGrids Step">
      <delta>Migration\Step\OrderGrids\Delta</delta>
    </step>)"}},
                                         absl::StrCat("<delta_document_groups_file>", groups,
                                                      "</delta_document_groups_file><delta_poll_interval>0.1"
                                                      "</delta_poll_interval><bulk_size>2</bulk_size>"),
                                         destination_options_);
  const ProcessResult data = Migrate({"data", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  const std::vector<std::string> before = Grids(*destination_);

  // What Map's delta writes for a page of each document, then the keys it records.
  Exec(*destination_,
       // order 1's payment and its customer's name (all four grids of order 1)
       "UPDATE sales_order_payment SET method = 'banktransfer' WHERE entity_id = 7;"
       "UPDATE sales_order SET customer_firstname = 'Annie' WHERE entity_id = 1;"
       // order 2's billing address gone: order 2's row and credit memo 1 named it
       "DELETE FROM sales_order_address WHERE entity_id = 3;"
       "UPDATE sales_creditmemo SET state = 3 WHERE entity_id = 1;"
       // order 5 deleted with its invoice; order 6 placed and invoiced
       "DELETE FROM sales_order WHERE entity_id = 5; DELETE FROM sales_invoice WHERE entity_id = 2;"
       "INSERT INTO sales_order (entity_id, status, increment_id, customer_lastname, billing_address_id) VALUES "
       "(6, 'pending', '100000006', 'New', 1);"
       "INSERT INTO sales_invoice (entity_id, order_id, increment_id, state) VALUES (3, 6, '100000006', 1);");
  const io::FollowerKeys keys(destination_options_.database);
  ASSERT_TRUE(keys.Create(*destination_).ok());
  for (const auto& [document, ids] : std::vector<std::pair<std::string, std::vector<io::Key>>>{
           {"sales_flat_order_payment", {{"7"}}},
           {"sales_flat_order", {{"1"}, {"5"}, {"6"}}},
           {"sales_flat_order_address", {{"3"}}},
           {"sales_flat_creditmemo", {{"1"}}},
           {"sales_flat_invoice", {{"2"}, {"3"}}}}) {
    ASSERT_TRUE(keys.Record(*destination_, {"order_grids"}, document, ids).ok());
  }
  ASSERT_TRUE(keys.Record(*destination_, {"inventory"}, "sales_flat_shipment", {{"1"}}).ok());
  auto pending = [&](const std::string& follower) {
    return Scalar(*destination_,
                  absl::StrCat("SELECT COUNT(*) FROM migrate_delta_followers WHERE follower = '", follower, "'"));
  };
  DeltaUntil(config, [&] { return pending("order_grids") == "0"; });
  EXPECT_EQ(pending("inventory"), "1");

  const std::vector<std::string> after = Grids(*destination_);
  EXPECT_NE(after, before);
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, payment_method, customer_name FROM sales_order_grid ORDER BY 1"),
              ElementsAre("1|banktransfer|Annie Lee", "2|paypal_express|Guest", "6|NULL|New"));
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, order_id, payment_method FROM sales_invoice_grid ORDER BY 1"),
              ElementsAre("1|1|banktransfer", "3|6|NULL"));
  EXPECT_EQ(Scalar(*destination_, "SELECT billing_name FROM sales_order_grid WHERE entity_id = 2"), "");
  EXPECT_THAT(Rows(*destination_, "SELECT state, billing_name FROM sales_creditmemo_grid"), ElementsAre("3|"));
  EXPECT_EQ(Scalar(*destination_, "SELECT payment_method FROM sales_shipment_grid WHERE entity_id = 1"),
            "banktransfer");
  // The same grids as the Data stage builds from the destination as it is now.
  ASSERT_EQ(Migrate({"data", config}).exit_code, 0);
  EXPECT_EQ(after, Grids(*destination_));
}

}  // namespace
}  // namespace migrate::testing
