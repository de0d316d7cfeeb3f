// The values the destination changes on the way in (README "Values the destination would change"),
// for the writers that are not the copy engine, each on small hand-made tables with a Magento 2
// column too narrow for what arrives: Ratings' UPDATE, SalesIncrement's meta and profile rows,
// PostProcessing's move of multiselect values, the INSERT ... SELECT of the OrderGrids and
// Inventory deltas, and Inventory's sales channels. Each run names table, column and key in a WARNING and counts the change in the
// summary; with value_changes = fatal the run exits 1 naming them, and the destination keeps what
// it had before that write.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/follower_keys.h"
#include "tests/stages/sales_tables_fixture.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kFatal[] = "<value_changes>fatal</value_changes>";

// True when `output` has a line of `level` whose message is exactly `message`.
bool Logged(const std::string& output, const std::string& level, const std::string& message) {
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if (absl::StrContains(line, absl::StrCat("][", level, "][")) &&
        absl::EndsWith(line, absl::StrCat("]: ", message))) {
      return true;
    }
  }
  return false;
}

std::string DataStep(const std::string& name) {
  return absl::StrCat("\n    <step title=\"", name, " Step\">\n      <data>Migration\\Step\\", name,
                      "\\Data</data>\n    </step>");
}

std::string Groups(const std::string& groups) {
  return absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<groups xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
        xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/groups.xsd">)",
      groups, "\n</groups>\n");
}

class ValueChangesStepsTest : public MigrateRunTest {
 protected:
  // A config whose data mode runs `name`'s data stage and whose delta mode runs its delta (the
  // followers' keys are written by the tests, as Map's delta writes them), with `options`.
  std::string FollowerConfig(const std::string& name, const std::string& options) {
    const std::string groups = WriteFile("deltalog.xml", Groups("\n    <group name=\"delta_map\">\n    </group>"));
    return WriteConfig({{"data", DataStep(name)},
                        {"delta", absl::StrCat("\n    <step title=\"", name, " Step\">\n      <delta>Migration\\Step\\",
                                               name, "\\Delta</delta>\n    </step>")}},
                       absl::StrCat("<delta_document_groups_file>", groups, "</delta_document_groups_file>", options),
                       destination_options_);
  }

  std::string PendingKeys(const std::string& follower) {
    return Scalar(*destination_,
                  absl::StrCat("SELECT COUNT(*) FROM migrate_delta_followers WHERE follower = '", follower, "'"));
  }
};

// --- Ratings -------------------------------------------------------------------------------------

// A destination whose is_active cannot hold 1 (DECIMAL(1,1) tops at 0.9): the UPDATE clips it.
constexpr char kNarrowRatings[] = R"(
  CREATE TABLE rating (rating_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, rating_code VARCHAR(64) NOT NULL,
                       is_active DECIMAL(1,1) NOT NULL DEFAULT 0);
  CREATE TABLE rating_store (rating_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL,
                             PRIMARY KEY (rating_id, store_id));
  INSERT INTO rating VALUES (1, 'Quality', 0), (2, 'Value', 0), (3, 'Price', 0);
  INSERT INTO rating_store VALUES (1, 1), (2, 0), (3, 2);
)";

TEST_F(ValueChangesStepsTest, RatingsNamesTheRatingWhoseValueTheDestinationChanged) {
  Exec(*destination_, kNarrowRatings);
  const ProcessResult fatal = Migrate({"data", WriteConfig("data", DataStep("Ratings"), kFatal)});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr("The destination would change a value of rating: rating.is_active at "
                                      "rating_id=1: '1' (Out of range value for column 'is_active'). Stopped because "
                                      "option value_changes is fatal"));
  EXPECT_THAT(Rows(*destination_, "SELECT rating_id, is_active FROM rating ORDER BY 1"),
              ElementsAre("1|0.0", "2|0.0", "3|0.0"));

  const ProcessResult run = Migrate({"data", WriteConfig("data", DataStep("Ratings"), "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(Logged(run.output, "WARNING",
                     "The destination changed 2 values of rating.is_active on the way in, e.g. rating_id=1: '1' "
                     "(Out of range value for column 'is_active'); rating_id=3: '1' (Out of range value for column "
                     "'is_active')"))
      << run.output;
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 2"));
}

// --- SalesIncrement ------------------------------------------------------------------------------

constexpr char kSequenceSource[] = R"(
  CREATE TABLE core_store (store_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, code VARCHAR(32));
  INSERT INTO core_store VALUES (0, 'admin'), (12, 'twelfth');
  CREATE TABLE eav_entity_store (entity_store_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
                                 entity_type_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL,
                                 increment_prefix VARCHAR(20), increment_last_id VARCHAR(50));
  INSERT INTO eav_entity_store (entity_type_id, store_id, increment_prefix, increment_last_id) VALUES
    (11, 12, '12', '1200000042');
)";

// A profile prefix of one character: store 12's profiles ('12') are cut.
TEST_F(ValueChangesStepsTest, SalesIncrementNamesTheProfileWhoseValueTheDestinationChanged) {
  Exec(*source_, kSequenceSource);
  Exec(*destination_, kSequenceTables);
  Exec(*destination_,
       "ALTER TABLE sales_sequence_profile MODIFY prefix VARCHAR(1);"
       "INSERT INTO sales_sequence_meta VALUES (1, 'order', 0, 'sequence_order_0');"
       "INSERT INTO sales_sequence_profile VALUES (1, 1, NULL, NULL, 1, 1, 4294967295, 4294966295, 1);");
  const ProcessResult fatal = Migrate({"data", WriteConfig("data", DataStep("SalesIncrement"), kFatal)});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr("The destination would change a value of sales_sequence_profile: "
                                      "sales_sequence_profile.prefix at profile_id=2: '12' (Data truncated for "
                                      "column 'prefix'). Stopped because option value_changes is fatal"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_sequence_meta"), ElementsAre("1|order|0|sequence_order_0"));
  EXPECT_THAT(Rows(*destination_, "SELECT profile_id, prefix FROM sales_sequence_profile"), ElementsAre("1|NULL"));

  const ProcessResult run = Migrate({"data", WriteConfig("data", DataStep("SalesIncrement"), "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Profiles by type, then store: order 0 and 12 are 1 and 2, invoice 0 and 12 are 3 and 4, ...
  EXPECT_TRUE(Logged(run.output, "WARNING",
                     "The destination changed 5 values of sales_sequence_profile.prefix on the way in, e.g. "
                     "profile_id=2: '12' (Data truncated for column 'prefix'); profile_id=4: '12' (Data truncated "
                     "for column 'prefix'); profile_id=6: '12' (Data truncated for column 'prefix')"))
      << run.output;
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 5"));
}

// --- PostProcessing ------------------------------------------------------------------------------

// A multiselect value in _text with a character _varchar's character set (utf8mb3) lacks.
constexpr char kMultiselectTables[] = R"(
  CREATE TABLE eav_entity_type (entity_type_id SMALLINT UNSIGNED PRIMARY KEY, entity_type_code VARCHAR(50) NOT NULL);
  INSERT INTO eav_entity_type VALUES (4, 'catalog_product');
  CREATE TABLE eav_attribute (attribute_id SMALLINT UNSIGNED PRIMARY KEY, entity_type_id SMALLINT UNSIGNED NOT NULL,
                              attribute_code VARCHAR(255) NOT NULL, frontend_input VARCHAR(50) NULL);
  INSERT INTO eav_attribute VALUES (20, 4, 'material', 'multiselect');
  CREATE TABLE catalog_product_entity_text (value_id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
      attribute_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL, entity_id INT UNSIGNED NOT NULL,
      value MEDIUMTEXT CHARACTER SET utf8mb4 NULL, UNIQUE KEY (entity_id, attribute_id, store_id));
  CREATE TABLE catalog_product_entity_varchar (value_id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
      attribute_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL, entity_id INT UNSIGNED NOT NULL,
      value VARCHAR(255) CHARACTER SET utf8mb3 NULL, UNIQUE KEY (entity_id, attribute_id, store_id));
)";
constexpr char kMultiselectValues[] =
    "INSERT INTO catalog_product_entity_text (attribute_id, store_id, entity_id, value) VALUES "
    "(20, 0, 1, '1,2'), (20, 0, 2, '3,\U0001F600')";

TEST_F(ValueChangesStepsTest, PostProcessingNamesTheMovedValueTheDestinationChanged) {
  Exec(*destination_, kMultiselectTables);
  Exec(*destination_, kMultiselectValues);
  const std::string groups = WriteFile("eav-groups.xml", Groups(R"(
    <group name="documents_leftover_values"></group>
    <group name="documents_attribute_set_leftover_values"></group>)"));
  const std::string options = absl::StrCat("<eav_document_groups_file>", groups, "</eav_document_groups_file>");
  const ProcessResult fatal =
      Migrate({"data", WriteConfig("data", DataStep("PostProcessing"), absl::StrCat(options, kFatal))});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr("The destination would change a value of catalog_product_entity_varchar: "
                                      "catalog_product_entity_varchar.value at entity_id=2, attribute_id=20, "
                                      "store_id=0: '3,\U0001F600' (Incorrect string value: "));
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, value FROM catalog_product_entity_text ORDER BY 1"),
              ElementsAre("1|1,2", "2|3,\U0001F600"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_product_entity_varchar"), "0");

  const ProcessResult run = Migrate({"data", WriteConfig("data", DataStep("PostProcessing"), options)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("The destination changed 1 value of catalog_product_entity_varchar.value on "
                                    "the way in, e.g. entity_id=2, attribute_id=20, store_id=0: '3,\U0001F600' "
                                    "(Incorrect string value: "));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 1"));
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, value FROM catalog_product_entity_varchar ORDER BY 1"),
              ElementsAre("1|1,2", "2|3,?"));
}

// --- OrderGrids' delta ---------------------------------------------------------------------------

// After the grids are built, Map's delta brings order 1's customer a first name longer than the
// shipment grid's customer_name (varchar(128)).
TEST_F(ValueChangesStepsTest, OrderGridsDeltaNamesTheGridRowWhoseValueTheDestinationChanged) {
  Exec(*source_, kSalesSource);
  Exec(*destination_, kSalesTables);
  const ProcessResult data = Migrate({"data", FollowerConfig("OrderGrids", "")});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  const std::string before = Scalar(*destination_, "SELECT customer_name FROM sales_shipment_grid WHERE entity_id = 1");
  Exec(*destination_, "UPDATE sales_order SET customer_firstname = REPEAT('a', 128) WHERE entity_id = 1");
  const io::FollowerKeys keys(destination_options_.database);
  ASSERT_TRUE(keys.Create(*destination_).ok());
  ASSERT_TRUE(keys.Record(*destination_, {"order_grids"}, "sales_flat_order", {{"1"}}).ok());

  const ProcessResult fatal = Migrate({"delta", "--until-caught-up", FollowerConfig("OrderGrids", kFatal)});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr("The destination would change a value of sales_shipment_grid: "
                                      "sales_shipment_grid.customer_name at entity_id=1: 'aaaaaaaa"));
  EXPECT_THAT(fatal.output, HasSubstr("(Data truncated for column 'customer_name'). Stopped because option "
                                      "value_changes is fatal"));
  EXPECT_EQ(PendingKeys("order_grids"), "1");
  EXPECT_EQ(Scalar(*destination_, "SELECT customer_name FROM sales_shipment_grid WHERE entity_id = 1"), before);
  EXPECT_EQ(Scalar(*destination_, "SELECT customer_name FROM sales_order_grid WHERE entity_id = 1"), before);

  const ProcessResult run = Migrate({"delta", "--until-caught-up", FollowerConfig("OrderGrids", "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("The destination changed 1 value of sales_shipment_grid.customer_name on the "
                                    "way in, e.g. entity_id=1: 'aaaaaaaa"));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 1"));
  EXPECT_EQ(PendingKeys("order_grids"), "0");
}

// --- Inventory's delta ---------------------------------------------------------------------------

constexpr char kStockAndMsi[] = R"(
  CREATE TABLE catalog_product_entity (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, sku VARCHAR(100));
  CREATE TABLE cataloginventory_stock_item (item_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    product_id INT UNSIGNED NOT NULL, stock_id SMALLINT UNSIGNED NOT NULL, qty DECIMAL(12,4),
    is_in_stock SMALLINT UNSIGNED NOT NULL DEFAULT 0, website_id SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    UNIQUE KEY (product_id, stock_id));
  CREATE TABLE store_website (website_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, code VARCHAR(32));
  CREATE TABLE sales_shipment (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY);
  CREATE TABLE setup_module (module VARCHAR(50) NOT NULL PRIMARY KEY, schema_version VARCHAR(50),
                             data_version VARCHAR(50));
  INSERT INTO setup_module VALUES ('Magento_Inventory', '1.2.5', '1.2.5');
  INSERT INTO catalog_product_entity VALUES (1, 'n2610');
  INSERT INTO cataloginventory_stock_item VALUES (10, 1, 1, 5.0000, 1, 0);
  INSERT INTO store_website VALUES (0, 'admin'), (1, 'base');
  CREATE TABLE inventory_source (source_code VARCHAR(255) NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL);
  INSERT INTO inventory_source VALUES ('default', 'Default Source');
  CREATE TABLE inventory_source_item (source_item_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    source_code VARCHAR(255) NOT NULL, sku VARCHAR(64) NOT NULL, quantity DECIMAL(12,4) NOT NULL DEFAULT 0,
    status SMALLINT UNSIGNED NOT NULL DEFAULT 0, UNIQUE KEY (source_code, sku));
  CREATE TABLE inventory_stock_sales_channel (type VARCHAR(64) NOT NULL, code VARCHAR(64) NOT NULL,
    stock_id INT UNSIGNED NOT NULL, PRIMARY KEY (type, code));
  CREATE TABLE inventory_shipment_source (shipment_id INT UNSIGNED NOT NULL PRIMARY KEY,
    source_code VARCHAR(255) NOT NULL);
)";

// Map's delta brings a stock item of a product whose sku is longer than the source item's sku.
TEST_F(ValueChangesStepsTest, InventoryDeltaNamesTheSourceItemWhoseValueTheDestinationChanged) {
  Exec(*destination_, kStockAndMsi);
  const ProcessResult data = Migrate({"data", FollowerConfig("Inventory", "")});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  const std::string sku(80, 's');
  Exec(*destination_, absl::StrCat("INSERT INTO catalog_product_entity VALUES (2, '", sku,
                                   "'); INSERT INTO cataloginventory_stock_item VALUES (11, 2, 1, 3.0000, 1, 0)"));
  const io::FollowerKeys keys(destination_options_.database);
  ASSERT_TRUE(keys.Create(*destination_).ok());
  ASSERT_TRUE(keys.Record(*destination_, {"inventory"}, "cataloginventory_stock_item", {{"11"}}).ok());

  const ProcessResult fatal = Migrate({"delta", "--until-caught-up", FollowerConfig("Inventory", kFatal)});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output,
              HasSubstr(absl::StrCat("The destination would change a value of inventory_source_item: "
                                     "inventory_source_item.sku at source_code=default, sku=", sku, ": '",
                                     sku.substr(0, 40), "...' (80 bytes) (Data truncated for column 'sku'). Stopped "
                                     "because option value_changes is fatal")));
  EXPECT_EQ(PendingKeys("inventory"), "1");
  EXPECT_THAT(Rows(*destination_, "SELECT sku FROM inventory_source_item"), ElementsAre("n2610"));

  const ProcessResult run = Migrate({"delta", "--until-caught-up", FollowerConfig("Inventory", "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("The destination changed 1 value of inventory_source_item.sku on "
                                                 "the way in, e.g. source_code=default, sku=",
                                                 sku)));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 1"));
  EXPECT_EQ(PendingKeys("inventory"), "0");
}

// Inventory's data stage names its sales channels after the websites: a code column narrowed to
// three characters cuts 'base'.
TEST_F(ValueChangesStepsTest, InventoryNamesTheSalesChannelWhoseValueTheDestinationChanged) {
  Exec(*destination_, kStockAndMsi);
  Exec(*destination_, "ALTER TABLE inventory_stock_sales_channel MODIFY code VARCHAR(3) NOT NULL;"
                      "INSERT INTO inventory_stock_sales_channel VALUES ('website', 'old', 1)");
  const ProcessResult fatal = Migrate({"data", WriteConfig("data", DataStep("Inventory"), kFatal)});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr("The destination would change a value of inventory_stock_sales_channel: "
                                      "inventory_stock_sales_channel.code at type=website, code=base: 'base' (Data "
                                      "truncated for column 'code'). Stopped because option value_changes is fatal"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM inventory_stock_sales_channel"), ElementsAre("website|old|1"));

  const ProcessResult run = Migrate({"data", WriteConfig("data", DataStep("Inventory"), "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(Logged(run.output, "WARNING",
                     "The destination changed 1 value of inventory_stock_sales_channel.code on the way in, e.g. "
                     "type=website, code=base: 'base' (Data truncated for column 'code')"))
      << run.output;
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 1"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM inventory_stock_sales_channel"), ElementsAre("website|bas|1"));
}

}  // namespace
}  // namespace migrate::testing
