// The Ratings, SalesIncrement, OrderGrids and Inventory steps, each alone in a data-mode config, on
// small hand-made Magento 1 and Magento 2 tables (only the columns the steps read and write): what
// arrives, and the message of each volume check when a difference is planted.
//
// A volume check runs right after its data stage, which would repair most planted differences; so
// a planted difference either survives the data stage (a row the source has and the destination
// lacks) or is checked by a config whose step has only its <volume> stage.
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/sales_tables_fixture.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Step(const std::string& name, bool integrity, bool data, bool volume) {
  std::string step = absl::StrCat("\n    <step title=\"", name, " Step\">");
  if (integrity) absl::StrAppend(&step, "\n      <integrity>Migration\\Step\\", name, "\\Integrity</integrity>");
  if (data) absl::StrAppend(&step, "\n      <data>Migration\\Step\\", name, "\\Data</data>");
  if (volume) absl::StrAppend(&step, "\n      <volume>Migration\\Step\\", name, "\\Volume</volume>");
  return absl::StrCat(step, "\n    </step>");
}

std::string WholeStep(const std::string& name) { return Step(name, true, true, true); }
std::string VolumeOnly(const std::string& name) { return Step(name, false, false, true); }

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

class DestinationStepsTest : public MigrateRunTest {};

// --- Ratings -------------------------------------------------------------------------------------

constexpr char kRatingTables[] = R"(
  CREATE TABLE rating (rating_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, entity_id SMALLINT UNSIGNED NOT NULL,
                       rating_code VARCHAR(64) NOT NULL, position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
                       is_active SMALLINT NOT NULL DEFAULT 1);
  CREATE TABLE rating_store (rating_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL,
                             PRIMARY KEY (rating_id, store_id));
  INSERT INTO rating VALUES (1, 1, 'Quality', 0, 0), (2, 1, 'Value', 0, 0), (3, 1, 'Price', 0, 0),
                            (4, 1, 'Looks', 0, 1);
  INSERT INTO rating_store VALUES (1, 0), (1, 1), (1, 2), (2, 0), (3, 2);
)";

TEST_F(DestinationStepsTest, RatingsActivatesTheRatingsOfStoreViews) {
  Exec(*destination_, kRatingTables);
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("Ratings"), "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  // Ratings of a store view (1 and 3) are active; rating 2 (admin only) stays as it was, and so does
  // rating 4 (no store at all): the step never sets 0.
  EXPECT_THAT(Rows(*destination_, "SELECT rating_id, is_active FROM rating ORDER BY rating_id"),
              ElementsAre("1|1", "2|0", "3|1", "4|1"));
}

TEST_F(DestinationStepsTest, RatingsVolumeReportsAnInactiveRatingOfAStoreView) {
  Exec(*destination_, kRatingTables);
  const ProcessResult run = Migrate({"data", WriteConfig("data", VolumeOnly("Ratings"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR", "Mismatch of entities in the documents: rating, rating_store")) << run.output;
}

TEST_F(DestinationStepsTest, RatingsIntegrityNeedsBothTablesAndIsActive) {
  Exec(*destination_, kRatingTables);
  Exec(*destination_, "ALTER TABLE rating DROP COLUMN is_active");
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("Ratings"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR",
                     "\"is_active\" field does not exist in \"rating\" document of the destination resource"))
      << run.output;
  Exec(*destination_, "DROP TABLE rating_store");
  const ProcessResult missing = Migrate({"data", WriteConfig("data", WholeStep("Ratings"), "")});
  EXPECT_TRUE(Logged(missing.output, "ERROR",
                     "\"rating\" or \"rating_store\" documents do not exist in the destination resource"))
      << missing.output;
}

// --- SalesIncrement ------------------------------------------------------------------------------

constexpr char kSequenceSource[] = R"(
  CREATE TABLE core_store (store_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, code VARCHAR(32));
  INSERT INTO core_store VALUES (2, 'french'), (0, 'admin'), (1, 'default');
  CREATE TABLE eav_entity_store (entity_store_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
                                 entity_type_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL,
                                 increment_prefix VARCHAR(20), increment_last_id VARCHAR(50));
  -- Magento 1's type ids, which the EAV step keeps: customer 1, order 11, invoice 16, shipment 19,
  -- creditmemo 23.
  INSERT INTO eav_entity_store (entity_type_id, store_id, increment_prefix, increment_last_id) VALUES
    (1, 0, '0', '000000042'),
    (11, 1, '1', '100000123'), (11, 2, '2', '200000007'),
    (16, 1, '1', '100000045'),
    (19, 2, '2', '200000002'),
    (23, 1, 'CM-', 'CM-00000009');
)";

// What a fresh Magento 2 holds: its own sequences, one of a store Magento 1 does not have.
constexpr char kFreshSequences[] = R"(
  INSERT INTO sales_sequence_meta VALUES (1, 'order', 0, 'sequence_order_0'), (2, 'order', 1, 'sequence_order_1'),
                                         (3, 'order', 5, 'sequence_order_5');
  INSERT INTO sales_sequence_profile VALUES (1, 1, NULL, NULL, 1, 1, 4294967295, 4294966295, 1),
                                            (2, 2, NULL, NULL, 1, 1, 4294967295, 4294966295, 1),
                                            (3, 3, NULL, NULL, 1, 1, 4294967295, 4294966295, 1);
  CREATE TABLE sequence_order_1 (sequence_value INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY);
  INSERT INTO sequence_order_1 VALUES (1), (2);
  CREATE TABLE sequence_order_5 (sequence_value INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY);
  INSERT INTO sequence_order_5 VALUES (77);
)";

// The increment number Magento 2 hands out next from `table`.
std::string NextValue(io::MysqlConnection& connection, const std::string& table) {
  Exec(connection, absl::StrCat("INSERT INTO ", table, " VALUES (NULL)"));
  return Scalar(connection, "SELECT LAST_INSERT_ID()");
}

TEST_F(DestinationStepsTest, SalesIncrementContinuesMagento1sNumbersPerStoreAndType) {
  Exec(*source_, kSequenceSource);
  Exec(*destination_, absl::StrCat(kSequenceTables, kFreshSequences));
  const std::string config = WriteConfig("data", WholeStep("SalesIncrement"), "");
  for (int run = 0; run < 2; ++run) {  // a rerun gives the same tables
    const ProcessResult result = Migrate({"data", config});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_THAT(result.output, Not(HasSubstr("[ERROR]")));
    EXPECT_THAT(result.output, Not(HasSubstr("[WARNING]")));

    // Types in Magento's order, then Magento 1's stores in id order; the ids from 1.
    EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_sequence_meta ORDER BY meta_id"),
                ElementsAre("1|order|0|sequence_order_0", "2|order|1|sequence_order_1", "3|order|2|sequence_order_2",
                            "4|invoice|0|sequence_invoice_0", "5|invoice|1|sequence_invoice_1",
                            "6|invoice|2|sequence_invoice_2", "7|creditmemo|0|sequence_creditmemo_0",
                            "8|creditmemo|1|sequence_creditmemo_1", "9|creditmemo|2|sequence_creditmemo_2",
                            "10|shipment|0|sequence_shipment_0", "11|shipment|1|sequence_shipment_1",
                            "12|shipment|2|sequence_shipment_2", "13|rma_item|0|sequence_rma_item_0",
                            "14|rma_item|1|sequence_rma_item_1", "15|rma_item|2|sequence_rma_item_2"));
    EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_sequence_profile"), "15");
    EXPECT_THAT(
        Rows(*destination_, "SELECT * FROM sales_sequence_profile WHERE profile_id IN (1, 2, 3, 15) ORDER BY 1"),
        ElementsAre("1|1|||1|1|4294967295|4294966295|1", "2|2|1||1|1|4294967295|4294966295|1",
                    "3|3|2||1|1|4294967295|4294966295|1", "15|15|2||1|1|4294967295|4294966295|1"));
    // The prefix is the store id ('' for store 0) in every profile, each of its own meta row.
    EXPECT_EQ(Scalar(*destination_,
                     "SELECT COUNT(*) FROM sales_sequence_profile p JOIN sales_sequence_meta m USING (meta_id) "
                     "WHERE p.suffix = '' AND p.prefix = IF(m.store_id = 0, '', m.store_id)"),
              "15");
  }

  // Each table holds Magento 1's last number, so Magento 2 continues after it.
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sequence_order_1"), ElementsAre("123"));
  EXPECT_EQ(NextValue(*destination_, "sequence_order_1"), "124");
  EXPECT_EQ(NextValue(*destination_, "sequence_order_2"), "8");
  EXPECT_EQ(NextValue(*destination_, "sequence_invoice_1"), "46");
  EXPECT_EQ(NextValue(*destination_, "sequence_shipment_2"), "3");
  EXPECT_EQ(NextValue(*destination_, "sequence_creditmemo_1"), "10");  // the custom prefix "CM-" cut off
  for (const char* empty : {"sequence_order_0", "sequence_invoice_0", "sequence_invoice_2", "sequence_shipment_1",
                            "sequence_creditmemo_2", "sequence_rma_item_1"}) {
    EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM ", empty)), "0") << empty;
  }
  // A store Magento 1 lacks keeps its table (not its meta row, as in Magento).
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sequence_order_5"), ElementsAre("77"));
}

TEST_F(DestinationStepsTest, SalesIncrementVolumeReportsTheFirstMismatchPerType) {
  Exec(*source_, kSequenceSource);
  Exec(*destination_, absl::StrCat(kSequenceTables, kFreshSequences));
  ASSERT_EQ(Migrate({"data", WriteConfig("data", Step("SalesIncrement", false, true, false), "")}).exit_code, 0);
  Exec(*destination_,
       "INSERT INTO sequence_invoice_1 VALUES (500); INSERT INTO sequence_invoice_2 VALUES (9);"
       "DELETE FROM sequence_order_2; DROP TABLE sequence_shipment_2");
  const ProcessResult run = Migrate({"data", WriteConfig("data", VolumeOnly("SalesIncrement"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "WARNING", "Mismatch in last increment id of order entity: Source: 7 Destination: "))
      << run.output;
  EXPECT_TRUE(
      Logged(run.output, "WARNING", "Mismatch in last increment id of invoice entity: Source: 45 Destination: 500"))
      << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("Source:  Destination: 9")));  // one message per type
  EXPECT_TRUE(
      Logged(run.output, "WARNING", "Mismatch in last increment id of shipment entity: Source: 2 Destination: "))
      << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("of creditmemo entity")));
}

TEST_F(DestinationStepsTest, SalesIncrementIntegrityNeedsMagentosColumns) {
  Exec(*source_, kSequenceSource);
  Exec(*destination_, absl::StrCat(kSequenceTables, kFreshSequences));
  Exec(*destination_, "ALTER TABLE sales_sequence_profile ADD COLUMN extra INT, DROP COLUMN warning_value");
  Exec(*destination_, "DROP TABLE sales_sequence_meta");
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("SalesIncrement"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR", "Destination documents are missing: sales_sequence_meta")) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR", "Source fields are missing. Document: sales_sequence_profile. Fields: extra"))
      << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR",
                     "Destination fields are missing. Document: sales_sequence_profile. Fields: warning_value"))
      << run.output;
}

TEST_F(DestinationStepsTest, SalesIncrementIntegrityProblemsAreWarningsUnderAuto) {
  Exec(*source_, kSequenceSource);
  Exec(*destination_, absl::StrCat(kSequenceTables, kFreshSequences));
  Exec(*destination_, "ALTER TABLE sales_sequence_profile ADD COLUMN extra INT");
  const ProcessResult run = Migrate({"data", "-a", WriteConfig("data", WholeStep("SalesIncrement"), "")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(
      Logged(run.output, "WARNING", "Source fields are missing. Document: sales_sequence_profile. Fields: extra"))
      << run.output;
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sequence_order_1"), ElementsAre("123"));
}

// --- OrderGrids ----------------------------------------------------------------------------------

TEST_F(DestinationStepsTest, OrderGridsRebuildsTheFourGridsFromTheSalesTables) {
  Exec(*source_, kSalesSource);
  Exec(*destination_, kSalesTables);
  // bulk_size 2: the orders go in two ranges, (1, 2) and (5).
  const ProcessResult run =
      Migrate({"data", WriteConfig("data", WholeStep("OrderGrids"), "<bulk_size>2</bulk_size>")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, Not(HasSubstr("[WARNING]")));
  EXPECT_TRUE(Logged(run.output, "INFO",
                     "sales_flat_order_grid lists 2 of the 3 rows of sales_flat_order; sales_order_grid gets a row "
                     "for every one"))
      << run.output;

  // Names and addresses from the order's addresses, the customer's name from the order, the first
  // payment's method; NULL where the order has no such row.
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_order_grid ORDER BY entity_id"),
              ElementsAre("1|pending|1|Main Website\nMain Store\nEnglish|7|110.0000|0.0000|110.0000|NULL|100000001|"
                          "USD|USD|Ann Shipper|Ann Lee|2024-01-02 10:00:00|2024-01-02 11:00:00|"
                          "1 Main St, Springfield, Oregon, 97001|2 Dock Rd, Portland, , 97002|Flat Rate - Fixed|"
                          "ann@example.com|1|100.0000|10.0000|Ann Lee|checkmo|NULL",
                          "2|processing|1|Main Store|NULL|20.0000|20.0000|20.0000|20.0000|100000002|USD|USD|"
                          "Gus Guest|Guest|2024-01-03 10:00:00|2024-01-03 10:00:00|Via Roma 3, Rome, ,|"
                          "Via Roma 3, Rome, Lazio, 00100|NULL|guest@example.com|0|15.0000|5.0000|Guest|"
                          "paypal_express|5.0000",
                          "5|complete|2|French|8|50.0000|50.0000|60.0000|60.0000|200000001|EUR|GBP|||"
                          "2024-02-01 09:00:00|2024-02-01 09:30:00|, , ,|, , ,|Free|bo@example.com|2|45.0000|"
                          "5.0000|Bo|NULL|NULL"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_invoice_grid ORDER BY entity_id"),
              ElementsAre("1|100000001|2|1|Main Website\nMain Store\nEnglish|1|100000001|2024-01-02 10:00:00|"
                          "Ann Lee|ann@example.com|1|checkmo|USD|USD|USD|USD|Ann Lee|"
                          "1 Main St, Springfield, Oregon, 97001|2 Dock Rd, Portland, , 97002|Flat Rate - Fixed|"
                          "100.0000|10.0000|110.0000|2024-01-04 00:00:00|2024-01-04 00:00:00|110.0000",
                          "2|200000001|2|2|French|5|200000001|2024-02-01 09:00:00|Bo|bo@example.com|2|NULL|EUR|GBP|"
                          "EUR|EUR||, , ,|, , ,|Free|45.0000|5.0000|60.0000|2024-02-02 00:00:00|"
                          "2024-02-02 00:00:00|50.0000"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_shipment_grid"),
              ElementsAre("1|100000001|1|100000001|1|2024-01-02 10:00:00|Ann Lee|3.0000|NULL|pending|"
                          "1 Main St, Springfield, Oregon, 97001|2 Dock Rd, Portland, , 97002|Ann Lee|Ann Shipper|"
                          "ann@example.com|1|checkmo|Flat Rate - Fixed|2024-01-05 00:00:00|2024-01-05 00:00:00"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM sales_creditmemo_grid"),
              ElementsAre("1|100000001|2024-01-06 00:00:00|2024-01-06 00:00:00|2|100000002|2024-01-03 10:00:00|"
                          "Guest|2|5.0000|processing|1|Via Roma 3, Rome, ,|Via Roma 3, Rome, Lazio, 00100|Guest|"
                          "guest@example.com|0|paypal_express|NULL|3.0000|2.0000|1.0000|0.5000|20.0000"));

  // Every grid row agrees with its base table on the columns both have.
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT COUNT(*) FROM sales_order_grid g JOIN sales_order o USING (entity_id) WHERE "
                   "g.increment_id = o.increment_id AND g.subtotal = o.base_subtotal AND "
                   "g.customer_group = o.customer_group_id"),
            "3");
}

// A grid column narrower than what the step computes for it: the cut value is reported with the grid
// row's key and the value the SELECT computed, and with value_changes = fatal the range's rows are
// rolled back and the step stops.
TEST_F(DestinationStepsTest, OrderGridsReportsTheValuesTheGridsCut) {
  Exec(*source_, kSalesSource);
  Exec(*destination_, kSalesTables);
  Exec(*destination_, "UPDATE sales_order SET customer_firstname = REPEAT('a', 128) WHERE entity_id = 1");
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("OrderGrids"), "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(Logged(run.output, "WARNING",
                     absl::StrCat("The destination changed 1 value of sales_shipment_grid.customer_name on the way "
                                  "in, e.g. entity_id=1: '", std::string(40, 'a'),
                                  "...' (132 bytes) (Data truncated for column 'customer_name')")))
      << run.output;
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 1"));

  const ProcessResult fatal =
      Migrate({"data", WriteConfig("data", WholeStep("OrderGrids"), "<value_changes>fatal</value_changes>")});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr(absl::StrCat("sales_shipment_grid.customer_name at entity_id=1: '",
                                                   std::string(40, 'a'),
                                                   "...' (132 bytes) (Data truncated for column 'customer_name'). "
                                                   "Stopped because option value_changes is fatal")));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_shipment_grid"), "0");
}

// A run that stops halfway (here an invoice grid row the server refuses, while the other grids'
// ranges run on other connections) leaves some ranges written; the next run ends with the rows of an
// uninterrupted one.
TEST_F(DestinationStepsTest, OrderGridsRerunAfterAFailureEndsWithTheSameRows) {
  Exec(*source_, kSalesSource);
  Exec(*destination_, kSalesTables);
  const std::string config = WriteConfig("data", WholeStep("OrderGrids"), "<bulk_size>1</bulk_size>");
  const ProcessResult clean = Migrate({"data", config});
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  const std::vector<std::string> grids = {"sales_order_grid", "sales_invoice_grid", "sales_shipment_grid",
                                          "sales_creditmemo_grid"};
  std::vector<std::vector<std::string>> expected;
  for (const std::string& grid : grids) {
    expected.push_back(Rows(*destination_, "SELECT * FROM " + grid + " ORDER BY 1"));
  }

  Exec(*destination_, R"(
    CREATE TRIGGER refuse_invoice BEFORE INSERT ON sales_invoice_grid FOR EACH ROW
    IF NEW.entity_id = 2 THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test';
    END IF)");
  const ProcessResult failed = Migrate({"data", config});
  EXPECT_EQ(failed.exit_code, 1) << failed.output;
  EXPECT_THAT(failed.output, HasSubstr("refused by the test"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_invoice_grid WHERE entity_id = 2"), "0");

  Exec(*destination_, "DROP TRIGGER refuse_invoice");
  const ProcessResult rerun = Migrate({"data", config});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  for (size_t i = 0; i < grids.size(); ++i) {
    EXPECT_EQ(Rows(*destination_, "SELECT * FROM " + grids[i] + " ORDER BY 1"), expected[i]) << grids[i];
  }
  EXPECT_EQ(expected[1].size(), 2u);
}

TEST_F(DestinationStepsTest, OrderGridsVolumeComparesMagento1sEntities) {
  Exec(*source_, kSalesSource);
  Exec(*source_, "INSERT INTO sales_flat_invoice VALUES (3)");  // an invoice the destination lacks
  Exec(*destination_, kSalesTables);
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("OrderGrids"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "WARNING",
                     "Mismatch of entities in the document: sales_invoice_grid Source: 3 Destination: 2"))
      << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("document: sales_order_grid")));
}

TEST_F(DestinationStepsTest, OrderGridsIntegrityNamesWhatTheGridsLack) {
  Exec(*source_, kSalesSource);
  Exec(*destination_, kSalesTables);
  Exec(*destination_, "ALTER TABLE sales_shipment_grid DROP COLUMN order_status; DROP TABLE sales_order_payment");
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("OrderGrids"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR", "Destination documents are missing: sales_order_payment")) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR", "sales_shipment_grid table does not contain field: order_status"))
      << run.output;
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
  INSERT INTO setup_module VALUES ('Magento_Catalog', '2.4.8', '2.4.8');
  INSERT INTO catalog_product_entity VALUES (1, 'n2610'), (2, 'bb8100'), (3, 'sony-cam'), (4, 'gift');
  INSERT INTO cataloginventory_stock_item (item_id, product_id, stock_id, qty, is_in_stock, website_id) VALUES
    (10, 1, 1, 5.0000, 1, 0), (11, 2, 1, 0.0000, 0, 0), (12, 3, 1, NULL, 1, 0), (13, 4, 1, 2.5000, 1, 0);
  INSERT INTO store_website VALUES (0, 'admin'), (1, 'base'), (2, 'french');
  INSERT INTO sales_shipment VALUES (1), (2), (7);
)";

constexpr char kMsiTables[] = R"(
  INSERT INTO setup_module VALUES ('Magento_Inventory', '1.2.5', '1.2.5');
  CREATE TABLE inventory_source (source_code VARCHAR(255) NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL,
                                 enabled TINYINT NOT NULL DEFAULT 1);
  INSERT INTO inventory_source VALUES ('a-warehouse', 'A', 1), ('default', 'Default Source', 1);
  CREATE TABLE inventory_source_item (source_item_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    source_code VARCHAR(255) NOT NULL, sku VARCHAR(64) NOT NULL, quantity DECIMAL(12,4) NOT NULL DEFAULT 0,
    status SMALLINT UNSIGNED NOT NULL DEFAULT 0, UNIQUE KEY (source_code, sku));
  CREATE TABLE inventory_stock_sales_channel (type VARCHAR(64) NOT NULL, code VARCHAR(64) NOT NULL,
    stock_id INT UNSIGNED NOT NULL, PRIMARY KEY (type, code));
  INSERT INTO inventory_stock_sales_channel VALUES ('website', 'gone', 1);
  CREATE TABLE inventory_shipment_source (shipment_id INT UNSIGNED NOT NULL PRIMARY KEY,
    source_code VARCHAR(255) NOT NULL);
  -- A source item Magento 2 already had for a product: updated in place.
  INSERT INTO inventory_source_item (source_code, sku, quantity, status) VALUES ('default', 'n2610', 100, 0);
)";

TEST_F(DestinationStepsTest, InventoryIsANoOpWithoutMsi) {
  Exec(*destination_, kLegacyStock);
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("Inventory"), "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(Logged(run.output, "INFO", "MSI (Magento_Inventory) is not installed in the destination: nothing to do"))
      << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, Not(HasSubstr("[WARNING]")));
}

TEST_F(DestinationStepsTest, InventoryFillsMsiFromTheLegacyStock) {
  Exec(*destination_, kLegacyStock);
  Exec(*destination_, kMsiTables);
  const std::string config = WriteConfig("data", WholeStep("Inventory"), "<bulk_size>3</bulk_size>");
  for (int run = 0; run < 2; ++run) {  // a rerun gives the same rows
    const ProcessResult result = Migrate({"data", config});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_THAT(result.output, Not(HasSubstr("[ERROR]")));
    EXPECT_THAT(result.output, Not(HasSubstr("[WARNING]")));
    EXPECT_THAT(Rows(*destination_, "SELECT source_code, sku, quantity, status FROM inventory_source_item ORDER BY 2"),
                ElementsAre("default|bb8100|0.0000|0", "default|gift|2.5000|1", "default|n2610|5.0000|1",
                            "default|sony-cam|0.0000|1"));
    EXPECT_THAT(Rows(*destination_, "SELECT * FROM inventory_stock_sales_channel ORDER BY code"),
                ElementsAre("website|base|1", "website|french|1"));
    EXPECT_THAT(Rows(*destination_, "SELECT * FROM inventory_shipment_source ORDER BY shipment_id"),
                ElementsAre("1|default", "2|default", "7|default"));
  }
}

TEST_F(DestinationStepsTest, InventoryVolumeComparesTheLegacyTables) {
  Exec(*destination_, kLegacyStock);
  Exec(*destination_, kMsiTables);
  // A stock item of a product that does not exist gets no source item.
  Exec(*destination_, "INSERT INTO cataloginventory_stock_item (product_id, stock_id, qty) VALUES (42, 1, 1)");
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("Inventory"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "WARNING",
                     "Mismatch of entities in the document: inventory_source_item Source: 5 Destination: 4"))
      << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("document: inventory_shipment_source")));
}

TEST_F(DestinationStepsTest, InventoryIntegrityChecksTheMsiTables) {
  Exec(*destination_, kLegacyStock);
  Exec(*destination_, kMsiTables);
  Exec(*destination_, "DROP TABLE inventory_shipment_source; ALTER TABLE inventory_stock_sales_channel ADD note TEXT");
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("Inventory"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR", "Destination documents are missing: inventory_shipment_source"))
      << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR",
                     "Source fields are missing. Document: inventory_stock_sales_channel. Fields: note"))
      << run.output;
}

// --- Prefixes ------------------------------------------------------------------------------------

// `sql` with every name of `tables` given `prefix` (whole words only: sales_order, not sales_order_grid).
std::string WithPrefix(const std::string& sql, const std::string& prefix, const std::vector<std::string>& tables) {
  std::string out = sql;
  for (const std::string& table : tables) {
    out = std::regex_replace(out, std::regex(absl::StrCat("\\b", table, "\\b")), prefix + table);
  }
  return out;
}

TEST_F(DestinationStepsTest, AllFourStepsUseTheTablePrefixes) {
  const std::vector<std::string> source_tables = {
      "core_store", "eav_entity_store", "sales_flat_order", "sales_flat_invoice", "sales_flat_shipment",
      "sales_flat_creditmemo", "sales_flat_order_grid", "sales_flat_invoice_grid", "sales_flat_shipment_grid",
      "sales_flat_creditmemo_grid"};
  const std::vector<std::string> destination_tables = {
      "rating", "rating_store", "eav_entity_type", "sales_sequence_meta", "sales_sequence_profile",
      "sequence_order_1", "sequence_order_5", "sales_order", "sales_order_address", "sales_order_payment",
      "sales_invoice", "sales_creditmemo", "sales_order_grid", "sales_invoice_grid", "sales_shipment_grid",
      "sales_creditmemo_grid", "catalog_product_entity", "cataloginventory_stock_item", "store_website",
      "sales_shipment", "setup_module", "inventory_source", "inventory_source_item", "inventory_stock_sales_channel",
      "inventory_shipment_source"};
  Exec(*source_, WithPrefix(absl::StrCat(kSequenceSource, kSalesSource), "m1_", source_tables));
  // kSalesTables and kLegacyStock both make sales_shipment: the grids' one serves the Inventory step.
  const std::string stock =
      std::regex_replace(kLegacyStock, std::regex("(CREATE TABLE|INSERT INTO) sales_shipment [^;]*;"), "");
  Exec(*destination_, WithPrefix(absl::StrCat(kRatingTables, kSequenceTables, kFreshSequences, kSalesTables, stock, kMsiTables),
                                 "m2_", destination_tables));
  const std::string steps = absl::StrCat(WholeStep("Ratings"), WholeStep("OrderGrids"), WholeStep("SalesIncrement"),
                                         WholeStep("Inventory"));
  const ProcessResult run = Migrate(
      {"data", WriteConfig("data", steps, "<source_prefix>m1_</source_prefix><dest_prefix>m2_</dest_prefix>")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, Not(HasSubstr("[WARNING]")));

  EXPECT_THAT(Rows(*destination_, "SELECT rating_id, is_active FROM m2_rating ORDER BY 1"),
              ElementsAre("1|1", "2|0", "3|1", "4|1"));
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, billing_name, payment_method FROM m2_sales_order_grid ORDER BY 1"),
              ElementsAre("1|Ann Lee|checkmo", "2|Guest|paypal_express", "5||NULL"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_sales_creditmemo_grid"), "1");
  EXPECT_EQ(Scalar(*destination_, "SELECT sequence_table FROM m2_sales_sequence_meta WHERE meta_id = 2"),
            "m2_sequence_order_1");
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM m2_sequence_order_1"), ElementsAre("123"));
  EXPECT_THAT(Rows(*destination_, "SELECT sequence_value FROM m2_sequence_invoice_1"), ElementsAre("45"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_inventory_source_item"), "4");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_inventory_shipment_source"), "1");
  // Nothing was made without the prefix.
  EXPECT_THAT(Rows(*destination_, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                  "DATABASE() AND table_name NOT LIKE 'm2\\_%' AND table_name <> 'migrate_progress'"),
              ::testing::IsEmpty());
}

}  // namespace
}  // namespace migrate::testing
