// Magento's integration suite, Migration\App\SetupDeltaLogTest (@dbFixture default): setting up the
// changelogs and triggers of _files/deltalog.xml (here `migrate delta --setup-only`), then what the
// triggers record, and the warning when a listed table is missing. Our changelogs carry two more
// columns (version, changed_at: see README, "Deliberate differences"); the case compares Magento's.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kDelta[] = R"(
    <step title="Map step">
      <delta>Migration\Step\Map\Delta</delta>
    </step>)";

class MagentoSuiteSetupDeltaLogTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteSetupDeltaLogTest, TestSetupTriggers) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "default");
  const ProcessResult run = Migrate({"delta", "--setup-only", SuiteConfig(fixtures, kDelta, {}, "delta")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* table : {"table_with_data", "source_table_1", "source_table_2"}) {
    EXPECT_EQ(Scalar(*source_, absl::StrCat("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                                            "DATABASE() AND TABLE_NAME = 'm2_cl_", table, "'")),
              "1")
        << table;
  }
  Exec(*source_, "INSERT INTO table_with_data (field1, field2, field3) VALUES (100, 2, 3)");
  Exec(*source_, "INSERT INTO table_with_data (field1, field2) VALUES (1000, 200)");
  Exec(*source_, "INSERT INTO table_with_data (field1, field2, field3) VALUES (101, 22, 33)");
  Exec(*source_, "UPDATE table_with_data SET field2 = 12, field3 = 13 WHERE field1 = 100");
  EXPECT_THAT(Rows(*source_, "SELECT `key`, operation, processed FROM m2_cl_table_with_data ORDER BY `key`"),
              ElementsAre("8|UPDATE|0", "9|INSERT|0", "10|INSERT|0"));
}

TEST_F(MagentoSuiteSetupDeltaLogTest, TestSetupTriggersFail) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "default");
  Exec(*source_, "DROP TABLE source_table_1");
  const ProcessResult run = Migrate({"delta", "--setup-only", SuiteConfig(fixtures, kDelta, {}, "delta")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("[WARNING][mode: delta][stage: setup triggers]: Some of the delta log tables "
                                    "were not created. Expected:3. Actual:2\n"));
}

}  // namespace
}  // namespace migrate::testing
