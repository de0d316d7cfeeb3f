// The SalesIncrement and Inventory deltas on small hand-made tables, each alone in `migrate delta`:
// SalesIncrement's replays eav_entity_store's changelog into the sequences (a new store's sequence
// made from scratch); Inventory's consumes the keys Map's delta hands it (migrate_delta_followers,
// written here as Map's delta writes them) and leaves other followers' keys alone.
#include <signal.h>

#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/follower_keys.h"
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

constexpr char kSequenceDestination[] = R"(
  CREATE TABLE eav_entity_type (entity_type_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
                                entity_type_code VARCHAR(50) NOT NULL);
  INSERT INTO eav_entity_type VALUES (1, 'customer'), (11, 'order'), (16, 'invoice'), (19, 'shipment'),
                                     (23, 'creditmemo');
  CREATE TABLE sales_sequence_meta (meta_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    entity_type VARCHAR(32) NOT NULL, store_id SMALLINT UNSIGNED NOT NULL, sequence_table VARCHAR(64) NOT NULL,
    UNIQUE KEY (entity_type, store_id));
  CREATE TABLE sales_sequence_profile (profile_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meta_id INT UNSIGNED NOT NULL, prefix VARCHAR(32), suffix VARCHAR(32),
    start_value INT UNSIGNED NOT NULL DEFAULT 1, step INT UNSIGNED NOT NULL DEFAULT 1,
    max_value INT UNSIGNED NOT NULL, warning_value INT UNSIGNED NOT NULL, is_active TINYINT NOT NULL DEFAULT 0,
    UNIQUE KEY (meta_id, prefix, suffix));
)";

TEST_F(DestinationDeltasTest, SalesIncrementDeltaCarriesNewNumbersAndNewStores) {
  Exec(*source_, kSequenceSource);
  Exec(*destination_, kSequenceDestination);
  const std::string groups = WriteFile(
      "deltalog.xml", Groups(R"(
    <group name="delta_sales_sequence">
        <document key="entity_store_id">eav_entity_store</document>
    </group>)"));
  const std::string config = WriteConfig(
      {{"data", R"(
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
    const std::string groups = WriteFile("deltalog.xml", Groups("\n    <group name=\"delta_inventory\">\n    </group>"));
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
    ASSERT_TRUE(keys.Record(*destination_, {"inventory"}, "cataloginventory_stock_item", {{"10"}, {"13"}, {"14"}}).ok());
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
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                                  "AND TABLE_NAME LIKE 'inventory%'"),
            "0");
}

}  // namespace
}  // namespace migrate::testing
