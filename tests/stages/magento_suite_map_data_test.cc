// Magento's integration suite, Migration\Step\Map\DataTest and VolumeTest (@dbFixture default):
// - DataTest::testPerform: Data alone logs no ERROR; table_with_data arrives in table_without_data
//   (renamed) with keys 1-7 and its values, table_ignored stays empty, and common_table's rows keep
//   their keys with dest_field_ignored at its default 0 and common_field set to 123 by SetValue.
// - VolumeTest::testPerform: Data, then Volume returns true.
// The PHP tests call the stages without the integrity check, whose differences on this fixture stop
// a run without -a (see magento_suite_map_test.cc): our config names only the stages they call.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kData[] = R"(
    <step title="Map Step">
      <data>Migration\Step\Map\Data</data>
    </step>)";

constexpr char kDataVolume[] = R"(
    <step title="Map Step">
      <data>Migration\Step\Map\Data</data>
      <volume>Migration\Step\Map\Volume</volume>
    </step>)";

class MagentoSuiteMapDataTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteMapDataTest, DataTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "default");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kData)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(Rows(*destination_, "SELECT `key`, field1, field2, field3 FROM table_without_data ORDER BY `key`"),
              ElementsAre("1|1|2|3", "2|2|3|4", "3|3|4|5", "4|4|5|6", "5|5|5|5", "6|6|6|7", "7|7|7|7"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM table_ignored"), IsEmpty());
  EXPECT_THAT(Rows(*destination_, "SELECT `key`, dest_field_ignored, common_field FROM common_table ORDER BY `key`"),
              ElementsAre("1|0|123", "2|0|123", "3|0|123", "4|0|123", "5|0|123", "6|0|123", "7|0|123"));
}

TEST_F(MagentoSuiteMapDataTest, VolumeTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "default");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kDataVolume)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, HasSubstr("Migration completed"));
}

}  // namespace
}  // namespace migrate::testing
