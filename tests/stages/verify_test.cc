// migrate verify on real servers.
// - A generated shop migrated with the demo profile (Stores in settings mode; EAV, Customer
//   Attributes, Map and PostProcessing in data mode) verifies equal, exit 0, PostProcessing's
//   recorded removals allowed for; then four planted differences in the destination are each found
//   and named with their document, key and column: a changed value, a missing row, an extra row, and
//   a changed value in an untouched column of a document with handlers; exit 1. Changes made on the
//   source after data differ until delta has replayed them, then the shop verifies equal again.
// - Hand-made tables whose column types differ between the sides (decimal(12,4) / decimal(20,6),
//   datetime / timestamp, latin1 / utf8mb4 varchar, float / double, smallint / int) verify equal
//   after a copy, and one changed value among 20,000 rows (ranges larger than a row-by-row leaf, so
//   narrowed by bisection) is named, as are a NULL set where a value was and a value cut short; a
//   table without a key is compared whole and its difference found, without keys; rows deleted from
//   most of a range are counted without reading them one by one.
#include <signal.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "generator/generator.h"
#include "generator/schema.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class VerifyShopTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    generator::GeneratorOptions shop;
    shop.connection = source_options_;
    shop.products = 150;
    shop.seed = 7;
    shop.connections = 1;
    absl::StatusOr<generator::LoadSummary> loaded = generator::GenerateCatalog(shop);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    ASSERT_TRUE(generator::CreateSchema(destination_options_, generator::SchemaKind::kMagento2, 1).ok());
    const std::string demo = SourceDir() + "/configs/demo/";
    std::string options;
    for (const auto& [option, file] : std::vector<std::pair<std::string, std::string>>{
             {"map_file", "map.xml"},
             {"stores_map_file", "map-stores.xml"},
             {"map_document_groups", "map-document-groups.xml"},
             {"eav_map_file", "map-eav.xml"},
             {"eav_document_groups_file", "eav-document-groups.xml"},
             {"eav_attribute_groups_file", "eav-attribute-groups.xml"},
             {"class_map", "class-map.xml"},
             {"customer_map_file", "map-customer.xml"},
             {"customer_document_groups_file", "customer-document-groups.xml"},
             {"customer_attribute_groups_file", "customer-attribute-groups.xml"}}) {
      absl::StrAppend(&options, "\n    <", option, ">", demo, file, "</", option, ">");
    }
    absl::StrAppend(&options, "\n    <upgrade_customer_password_hash>1</upgrade_customer_password_hash>",
                    "\n    <delta_document_groups_file>", demo, "deltalog.xml</delta_document_groups_file>",
                    "\n    <delta_poll_interval>0.2</delta_poll_interval>");
    config_ = WriteConfig({{"settings", R"(
    <step title="Stores Step">
      <integrity>Migration\Step\Stores\Integrity</integrity>
      <data>Migration\Step\Stores\Data</data>
    </step>)"},
                           {"data", R"(
    <step title="EAV Step">
      <integrity>Migration\Step\Eav\Integrity</integrity>
      <data>Migration\Step\Eav\Data</data>
    </step>
    <step title="Customer Attributes Step">
      <integrity>Migration\Step\Customer\Integrity</integrity>
      <data>Migration\Step\Customer\Data</data>
    </step>
    <step title="Map Step">
      <integrity>Migration\Step\Map\Integrity</integrity>
      <data>Migration\Step\Map\Data</data>
      <volume>Migration\Step\Map\Volume</volume>
    </step>
    <step title="PostProcessing Step">
      <data>Migration\Step\PostProcessing\Data</data>
    </step>)"},
                           {"delta", R"(
    <step title="Map Step">
      <delta>Migration\Step\Map\Delta</delta>
    </step>)"}},
                          options, destination_options_);
  }

  void MigrateSettingsAndData() {
    for (const char* mode : {"settings", "data"}) {
      const ProcessResult run = Migrate({mode, config_});
      ASSERT_EQ(run.exit_code, 0) << run.output;
    }
  }

  // Changes recorded in the changelogs of `tables` and not yet replayed.
  int64_t Pending(const std::vector<std::string>& tables) {
    int64_t pending = 0;
    for (const std::string& table : tables) {
      pending += std::stoll(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_" + table + " WHERE processed = 0"));
    }
    return pending;
  }

  std::string config_;
};

TEST_F(VerifyShopTest, EqualAfterDataThenEachPlantedDifferenceIsNamed) {
  MigrateSettingsAndData();
  const ProcessResult clean = Migrate({"verify", config_});
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_THAT(clean.output, HasSubstr(", 0 differ;"));
  EXPECT_THAT(clean.output, HasSubstr("sales_flat_order -> sales_order: equal"));
  EXPECT_THAT(clean.output, HasSubstr("core_store -> store: equal"));
  // PostProcessing removed url_path values: allowed as recorded, and said so.
  EXPECT_THAT(clean.output, HasSubstr("added by later steps, as recorded in migrate_volume_adjustments"));
  EXPECT_THAT(clean.output, HasSubstr("columns transformed by handlers, not compared: product_options"));

  const std::string order = Scalar(*destination_, "SELECT MAX(entity_id) FROM sales_order");
  const std::string subscriber = Scalar(*destination_, "SELECT MIN(subscriber_id) FROM newsletter_subscriber");
  const std::string item = Scalar(*destination_, "SELECT MIN(item_id) FROM sales_order_item");
  const std::string sku =
      Scalar(*destination_, absl::StrCat("SELECT sku FROM sales_order_item WHERE item_id = ", item));
  ASSERT_NE(order, "NULL");
  ASSERT_NE(subscriber, "NULL");
  ASSERT_NE(item, "NULL");
  // Changed, missing, extra; sales_flat_order_item has handlers (product_options, weee_tax_applied)
  // and sku is not one of their columns. updated_at is kept as it is.
  ASSERT_TRUE(destination_
                  ->Execute(absl::StrCat(
                      "UPDATE sales_order SET customer_email = 'planted@example.com', updated_at = updated_at "
                      "WHERE entity_id = ",
                      order, ";", "DELETE FROM newsletter_subscriber WHERE subscriber_id = ", subscriber, ";",
                      "INSERT INTO review_status (status_id, status_code) VALUES (99, 'planted');",
                      "UPDATE sales_order_item SET sku = 'PLANTED', updated_at = updated_at WHERE item_id = ", item))
                  .ok());

  const ProcessResult planted = Migrate({"verify", config_});
  EXPECT_EQ(planted.exit_code, 1) << planted.output;
  EXPECT_THAT(planted.output, HasSubstr(absl::StrCat("sales_flat_order -> sales_order: differs (source ")));
  EXPECT_THAT(planted.output,
              HasSubstr(absl::StrCat("1 changed, first: entity_id=", order, ": customer_email (source '")));
  EXPECT_THAT(planted.output, HasSubstr("destination 'planted@example.com')"));
  EXPECT_THAT(planted.output, HasSubstr(absl::StrCat("newsletter_subscriber: differs")));
  EXPECT_THAT(planted.output,
              HasSubstr(absl::StrCat("1 missing from the destination, first: subscriber_id=", subscriber)));
  EXPECT_THAT(planted.output, HasSubstr("review_status: differs (source 3 rows, destination 4 rows); "
                                        "1 only in the destination, first: status_id=99"));
  EXPECT_THAT(planted.output, HasSubstr(absl::StrCat("sales_flat_order_item -> sales_order_item: differs (source ")));
  EXPECT_THAT(planted.output,
              HasSubstr(absl::StrCat("item_id=", item, ": sku (source '", sku, "', destination 'PLANTED')")));
  EXPECT_THAT(planted.output, HasSubstr("Verify found differences in 4 documents"));
  EXPECT_THAT(planted.output, HasSubstr("sales_flat_quote -> quote: equal"));
}

TEST_F(VerifyShopTest, SourceChangesDifferUntilDeltaReplaysThem) {
  MigrateSettingsAndData();
  const std::string order = Scalar(*source_, "SELECT MIN(entity_id) FROM sales_flat_order");
  const std::string subscriber = Scalar(*source_, "SELECT MAX(subscriber_id) FROM newsletter_subscriber");
  ASSERT_TRUE(
      source_
          ->Execute(absl::StrCat("UPDATE sales_flat_order SET customer_email = 'changed@example.com' "
                                 "WHERE entity_id = ",
                                 order, ";", "DELETE FROM newsletter_subscriber WHERE subscriber_id = ", subscriber))
          .ok());

  const ProcessResult before = Migrate({"verify", config_});
  EXPECT_EQ(before.exit_code, 1) << before.output;
  EXPECT_THAT(before.output,
              HasSubstr(absl::StrCat("entity_id=", order, ": customer_email (source 'changed@example.com'")));
  EXPECT_THAT(before.output, HasSubstr(absl::StrCat("1 only in the destination, first: subscriber_id=", subscriber)));
  EXPECT_THAT(before.output, HasSubstr("Verify found differences in 2 documents"));

  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config_});
  const std::vector<std::string> changed = {"sales_flat_order", "newsletter_subscriber"};
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (Pending(changed) > 0 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(200));
  absl::SleepFor(absl::Seconds(1));
  delta->Kill(SIGTERM);
  const ProcessResult stopped = delta->Wait();
  ASSERT_EQ(stopped.exit_code, 0) << stopped.output;
  ASSERT_EQ(Pending(changed), 0);

  const ProcessResult after = Migrate({"verify", config_});
  EXPECT_EQ(after.exit_code, 0) << after.output;
  EXPECT_THAT(after.output, HasSubstr(", 0 differ;"));
}

class VerifyTypesTest : public MigrateRunTest {
 protected:
  static constexpr int kRows = 20000;

  void SetUp() override {
    MigrateRunTest::SetUp();
    ASSERT_TRUE(source_
                    ->Execute(absl::StrCat(
                        "CREATE TABLE ledger (id INT PRIMARY KEY, amount DECIMAL(12,4), at DATETIME, "
                        "name VARCHAR(64) CHARACTER SET latin1, ratio FLOAT, kind SMALLINT) ENGINE=InnoDB;"
                        "INSERT INTO ledger SELECT seq, seq / 7, '2020-03-29 01:30:00' + INTERVAL seq MINUTE, "
                        "CONCAT('caf', CHAR(233 USING latin1), ' ', seq), seq / 3, IF(seq % 5 = 0, NULL, seq % 9) "
                        "FROM seq_1_to_",
                        kRows,
                        ";"
                        "CREATE TABLE notes (body VARCHAR(20)) ENGINE=InnoDB;"
                        "INSERT INTO notes VALUES ('a'), ('b'), ('b');"
                        "CREATE TABLE events (id INT PRIMARY KEY, happened DATE) ENGINE=InnoDB;"
                        "INSERT INTO events SELECT seq, '2020-01-01' + INTERVAL seq DAY FROM seq_1_to_5000"))
                    .ok());
    ASSERT_TRUE(destination_
                    ->Execute("CREATE TABLE ledger (id INT UNSIGNED PRIMARY KEY, amount DECIMAL(20,6), "
                              "at TIMESTAMP NULL, name VARCHAR(64) CHARACTER SET utf8mb4, ratio DOUBLE, kind INT) "
                              "ENGINE=InnoDB;"
                              "CREATE TABLE notes (body VARCHAR(20)) ENGINE=InnoDB;"
                              "CREATE TABLE events (id INT PRIMARY KEY, happened DATETIME) ENGINE=InnoDB")
                    .ok());
    WriteFile("map.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<map xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
     xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/map.xsd">
  <source><document_rules></document_rules><field_rules></field_rules></source>
  <destination><document_rules></document_rules><field_rules></field_rules></destination>
</map>)");
    config_ = WriteConfig("data", kMapStep, "\n    <map_file>map.xml</map_file>\n    <threads>2</threads>");
  }

  std::string config_;
};

TEST_F(VerifyTypesTest, DifferingTypesCompareEqualAndABisectedRangeNamesItsKey) {
  const ProcessResult copied = Migrate({"data", config_});
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  const ProcessResult clean = Migrate({"verify", "-vv", config_});
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_THAT(clean.output, HasSubstr(absl::StrCat("ledger: equal (", kRows, " rows; 3 columns of differing types")));
  EXPECT_THAT(clean.output, HasSubstr("amount (decimal(12,4) / decimal(20,6))"));
  EXPECT_THAT(clean.output, HasSubstr("at (datetime / timestamp)"));
  EXPECT_THAT(clean.output, HasSubstr("notes: equal (3 rows; no key: compared as a whole)"));
  EXPECT_THAT(clean.output, HasSubstr("happened (date / datetime)"));

  ASSERT_TRUE(destination_
                  ->Execute("UPDATE ledger SET amount = amount + 0.0001 WHERE id = 12345;"
                            "UPDATE ledger SET name = NULL WHERE id = 777;"
                            "UPDATE ledger SET name = LEFT(name, 3) WHERE id = 19999;"
                            "UPDATE notes SET body = 'c' WHERE body = 'a';"
                            "DELETE FROM events WHERE id > 2")
                  .ok());
  const ProcessResult planted = Migrate({"verify", "-vv", config_});
  EXPECT_EQ(planted.exit_code, 1) << planted.output;
  // One range of 20,000 rows, split 8 ways twice down to leaves of at most 2,000 rows: three leaves
  // of about 312 rows are read row by row, not the whole table.
  EXPECT_THAT(planted.output,
              ::testing::ContainsRegex("ledger: [1-9][0-9]* ranges split, [0-9]{3,4} row digests read"));
  EXPECT_THAT(planted.output,
              HasSubstr("ledger: differs (source 20000 rows, destination 20000 rows); 3 changed, first: "
                        "id=777: name (source 'café 777', destination NULL); "
                        "id=12345: amount (source '1763.5714', destination '1763.5715'); "
                        "id=19999: name (source 'café 19999', destination 'caf')"));
  EXPECT_THAT(planted.output, Not(::testing::ContainsRegex("ledger: differs[^\n]*missing")));
  EXPECT_THAT(planted.output, HasSubstr("notes: differs (source 3 rows, destination 3 rows); no key to narrow the "
                                        "difference down"));
  // Rows gone from a part of the range that only the source has rows in: counted, not read one by one.
  EXPECT_THAT(planted.output, HasSubstr("events: differs (source 5000 rows, destination 2 rows); 4998 missing from "
                                        "the destination, first: id=3, id=4, id=5, id=6, id=7"));
  EXPECT_THAT(planted.output, ::testing::ContainsRegex("events: [0-9]+ ranges split, [0-9]{1,3} row digests read"));
  EXPECT_THAT(planted.output, HasSubstr("Verify found differences in 3 documents: events, ledger, notes"));
}

}  // namespace
}  // namespace migrate::testing
