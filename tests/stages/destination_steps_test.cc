// The Ratings, SalesIncrement, OrderGrids and Inventory steps, each alone in a data-mode config, on
// small hand-made Magento 1 and Magento 2 tables (only the columns the steps read and write): what
// arrives, and the message of each volume check when a difference is planted.
//
// A volume check runs right after its data stage, which would repair most planted differences; so
// a planted difference either survives the data stage (a row the source has and the destination
// lacks) or is checked by a config whose step has only its <volume> stage.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
  -- What a fresh Magento 2 holds: its own sequences, one of a store Magento 1 does not have.
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
  Exec(*destination_, kSequenceDestination);
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
  Exec(*destination_, kSequenceDestination);
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
  Exec(*destination_, kSequenceDestination);
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

}  // namespace
}  // namespace migrate::testing
