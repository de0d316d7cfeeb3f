// Values the destination would change on the way in, end to end: a text too long for its varchar,
// an integer out of its column's range, an invalid date and a NULL for a NOT NULL column are each
// reported per table, column and key, counted in the summary, and with value_changes = fatal stop
// the run with the failing batch rolled back, its progress with it.
#include <signal.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_servers.h"

namespace migrate {
namespace {

using ::migrate::testing::Exec;
using ::migrate::testing::MigrateRunTest;
using ::migrate::testing::ProcessResult;
using ::migrate::testing::Scalar;
using ::migrate::testing::Subprocess;
using ::testing::HasSubstr;
using ::testing::Not;

class ValueChangesTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    Exec(*source_, R"(CREATE TABLE product (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, title TEXT NULL,
                       qty BIGINT NULL, born VARCHAR(20) NULL, sku VARCHAR(20) NULL))");
    Exec(*source_, R"(INSERT INTO product SELECT seq, CONCAT('title ', seq), seq, '2011-01-01', CONCAT('sku-', seq)
                     FROM seq_1_to_3000)");
    Exec(*destination_, R"(CREATE TABLE catalog_product (entity_id INT UNSIGNED NOT NULL PRIMARY KEY,
                            title VARCHAR(255) NULL, qty SMALLINT NULL, born DATETIME NULL, sku VARCHAR(20) NOT NULL))");
    WriteFile("map.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<map>
  <source>
    <document_rules>
      <rename><document>product</document><to>catalog_product</to></rename>
    </document_rules>
  </source>
  <destination/>
</map>
)");
  }

  std::string Config(const std::string& options) {
    return WriteConfig("data", kMapStep,
                       absl::StrCat("<map_file>map.xml</map_file><bulk_size>250</bulk_size><threads>1</threads>",
                                    options));
  }
};

TEST_F(ValueChangesTest, EachChangedValueIsReportedByTableColumnAndKeyAndCounted) {
  Exec(*source_, "UPDATE product SET title = REPEAT('x', 600) WHERE entity_id = 7");
  Exec(*source_, "UPDATE product SET qty = 100000 WHERE entity_id = 1011");
  Exec(*source_, "UPDATE product SET born = '2020-13-45' WHERE entity_id = 2013");
  Exec(*source_, "UPDATE product SET sku = NULL WHERE entity_id IN (17, 2999)");
  ProcessResult run = Migrate({"data", Config("")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output,
              HasSubstr("[WARNING][mode: data][stage: data migration][step: Map Step]: The destination changed 1 value "
                        "of catalog_product.title on the way in, e.g. entity_id=7: "
                        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (600 bytes) (Data truncated for column 'title')"));
  EXPECT_THAT(run.output, HasSubstr("The destination changed 1 value of catalog_product.qty on the way in, e.g. "
                                    "entity_id=1011: '100000' (Out of range value for column 'qty')"));
  EXPECT_THAT(run.output, HasSubstr("The destination changed 1 value of catalog_product.born on the way in, e.g. "
                                    "entity_id=2013: '2020-13-45' (Data truncated for column 'born')"));
  EXPECT_THAT(run.output, HasSubstr("The destination changed 2 values of catalog_product.sku on the way in, e.g. "
                                    "entity_id=17: NULL (Column 'sku' cannot be null); entity_id=2999: NULL"));
  // The integrity check warned before the copy, from the source's actual values.
  EXPECT_THAT(run.output, HasSubstr("[WARNING][mode: data][stage: integrity check][step: Map Step]: Source values do "
                                    "not fit the destination. Document: product. Field: title: its longest value is "
                                    "600 characters; destination catalog_product.title is varchar(255)"));
  EXPECT_THAT(run.output, HasSubstr("Source values do not fit the destination. Document: product. Field: qty: its "
                                    "values range from 1 to 100000; destination catalog_product.qty is smallint(6)"));
  EXPECT_THAT(run.output.find("Field: title: its longest"), ::testing::Lt(run.output.find("The destination changed")));
  EXPECT_THAT(run.output, HasSubstr("[WARNING][mode: data]: 5 values were changed by the destination on the way in"));
  EXPECT_THAT(run.output, HasSubstr("Migration completed: documents: 1, rows: 3000, "));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 5"));
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(LENGTH(title) = 255), ':', MAX(qty), ':', "
                                  "SUM(born = '0000-00-00 00:00:00'), ':', SUM(sku = '')) FROM catalog_product"),
            "3000:1:32767:1:2");
}

TEST_F(ValueChangesTest, CleanRunSaysNoValueChanged) {
  ProcessResult run = Migrate({"data", Config("")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 0"));
  EXPECT_THAT(run.output, Not(HasSubstr("The destination changed")));
  EXPECT_THAT(run.output, Not(HasSubstr("values were changed")));
  EXPECT_THAT(run.output, Not(HasSubstr("do not fit")));
}

TEST_F(ValueChangesTest, FatalStopsAtTheFirstChangeWithItsBatchRolledBackThenResumes) {
  Exec(*source_, "UPDATE product SET title = REPEAT('y', 600) WHERE entity_id = 1007");
  const std::string config = Config("<value_changes>fatal</value_changes>");
  ProcessResult run = Migrate({"data", config});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output, HasSubstr("The destination would change a value of catalog_product: catalog_product.title at "
                                    "entity_id=1007: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy...' (600 bytes) "
                                    "(Data truncated for column 'title'). Stopped because option value_changes is "
                                    "fatal; the batch was rolled back with its progress"));
  EXPECT_THAT(run.output, Not(HasSubstr("Migration completed")));
  // Batches 1-4 (keys 1-1000) committed; the fifth (1001-1250) is not there, not even in part.
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', MAX(entity_id)) FROM catalog_product"), "1000:1000");

  Exec(*source_, "UPDATE product SET title = 'fixed' WHERE entity_id = 1007");
  ProcessResult again = Migrate({"data", config});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("rows: 2000, "));
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', MAX(entity_id), ':', "
                                  "(SELECT title FROM catalog_product WHERE entity_id = 1007)) FROM catalog_product"),
            "3000:3000:fixed");

  ProcessResult bad = Migrate({"data", Config("<value_changes>sometimes</value_changes>")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.output, HasSubstr("option value_changes is 'sometimes'; it takes warn or fatal"));
}

// A document copied by INSERT ... SELECT on one server: the changes are counted and reported per
// column with the server's words (which row of the SELECT), not by key.
TEST_F(ValueChangesTest, DirectCopyChangesAreReportedWithoutKeys) {
  io::ConnectionOptions same_server = ::migrate::testing::TestDatabase(::migrate::testing::SourceServer(), "_dst");
  auto destination = ::migrate::testing::Connect(same_server);
  ASSERT_NE(destination, nullptr);
  Exec(*destination, R"(CREATE TABLE catalog_product (entity_id INT UNSIGNED NOT NULL PRIMARY KEY,
                         title VARCHAR(255) NULL, qty SMALLINT NULL, born DATETIME NULL, sku VARCHAR(20) NOT NULL))");
  Exec(*source_, "UPDATE product SET title = REPEAT('x', 600) WHERE entity_id = 7");
  const std::string options = "<map_file>map.xml</map_file><direct_document_copy>1</direct_document_copy>";
  ProcessResult run = Migrate({"data", WriteConfig("data", kMapStep, options, same_server)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("copied by INSERT ... SELECT"));
  EXPECT_THAT(run.output, HasSubstr("The destination changed 1 value of catalog_product.title on the way in, e.g. "
                                    "Data truncated for column 'title' at row 7"));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 1"));

  Exec(*destination, "TRUNCATE catalog_product");
  ProcessResult fatal = Migrate(
      {"data", "-r", WriteConfig("data", kMapStep, options + "<value_changes>fatal</value_changes>", same_server)});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr("Data truncated for column 'title' at row 7. Stopped because option "
                                      "value_changes is fatal"));
  EXPECT_EQ(Scalar(*destination, "SELECT COUNT(*) FROM catalog_product"), "0");
}

// Data, then delta replaying a value too long for its column: reported with its key in the
// delta's log and summary; with value_changes = fatal the page is rolled back, the change stays
// pending in the changelog, and delta stops non-zero.
class ValueChangesDeltaTest : public ValueChangesTest {
 protected:
  std::string DeltaConfig(const std::string& options) {
    WriteFile("deltalog.xml", R"(<?xml version="1.0"?>
<groups><group name="delta_map"><document key="entity_id">product</document></group></groups>
)");
    const std::vector<std::pair<std::string, std::string>> steps = {
        {"data", kMapStep},
        {"delta", R"(
    <step title="Map Step">
      <delta>Migration\Step\Map\Delta</delta>
    </step>)"}};
    return WriteConfig(steps,
                       absl::StrCat("<map_file>map.xml</map_file><delta_document_groups_file>deltalog.xml"
                                    "</delta_document_groups_file><delta_poll_interval>0.2</delta_poll_interval>",
                                    options),
                       destination_options_);
  }

  // Runs delta until `done` holds on the destination (at most 60 s), then stops it with SIGTERM.
  ProcessResult DeltaUntil(const std::string& config, const std::string& done_sql) {
    std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config});
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (delta->Running() && absl::Now() < deadline && Scalar(*destination_, done_sql) != "1") {
      absl::SleepFor(absl::Milliseconds(100));
    }
    if (delta->Running()) delta->Kill(SIGTERM);
    return delta->Wait();
  }
};

TEST_F(ValueChangesDeltaTest, ReplayedChangesAreReportedWithTheirKey) {
  const std::string config = DeltaConfig("");
  ProcessResult data = Migrate({"data", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  Exec(*source_, "UPDATE product SET title = REPEAT('z', 300), qty = 55 WHERE entity_id = 5");
  ProcessResult delta = DeltaUntil(config, "SELECT qty = 55 FROM catalog_product WHERE entity_id = 5");
  EXPECT_EQ(delta.exit_code, 0) << delta.output;
  EXPECT_THAT(delta.output, HasSubstr("[WARNING][mode: delta][stage: delta delivery][step: Map Step]: The destination "
                                      "changed 1 value of catalog_product.title on the way in, e.g. entity_id=5: "
                                      "'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...' (300 bytes) "
                                      "(Data truncated for column 'title')"));
  EXPECT_THAT(delta.output, HasSubstr("values changed by the destination: 1"));
}

TEST_F(ValueChangesDeltaTest, FatalRollsThePageBackAndStops) {
  const std::string config = DeltaConfig("<value_changes>fatal</value_changes>");
  ProcessResult data = Migrate({"data", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  Exec(*source_, "UPDATE product SET qty = 7 WHERE entity_id = 4");
  Exec(*source_, "UPDATE product SET title = REPEAT('z', 300), qty = 55 WHERE entity_id = 5");
  ProcessResult delta = DeltaUntil(config, "SELECT qty = 55 FROM catalog_product WHERE entity_id = 5");
  EXPECT_EQ(delta.exit_code, 1) << delta.output;
  EXPECT_THAT(delta.output, HasSubstr("catalog_product.title at entity_id=5: 'zzzz"));
  EXPECT_THAT(delta.output, HasSubstr("option value_changes is fatal"));
  // Neither change of the page arrived, and both are still pending.
  EXPECT_EQ(Scalar(*destination_, "SELECT GROUP_CONCAT(qty, ':', title ORDER BY entity_id) FROM catalog_product "
                                  "WHERE entity_id IN (4, 5)"),
            "4:title 4,5:title 5");
  EXPECT_EQ(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_product"), "2");
}

}  // namespace
}  // namespace migrate
