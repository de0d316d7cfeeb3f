// Magento's integration suite, Migration\Step\Stores (@dbFixture stores), settings-mode steps that
// our CLI runs with `migrate settings`:
// - IntegrityTest::testPerform: Integrity with stores_map_file (map-stores.xml) returns true.
// - DataTest::testPerform: Data returns true and store, store_group and store_website hold 2 rows
//   each (Magento 1's admin and default store, group and website; Magento 2's admin rows replaced).
// The PHP tests call one stage each; our configs name just that stage.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kIntegrity[] = R"(
    <step title="Stores Step">
      <integrity>Migration\Step\Stores\Integrity</integrity>
    </step>)";

constexpr char kData[] = R"(
    <step title="Stores Step">
      <data>Migration\Step\Stores\Data</data>
    </step>)";

class MagentoSuiteStoresTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteStoresTest, IntegrityTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "stores");
  const ProcessResult run = Migrate({"settings", SuiteConfig(fixtures, kIntegrity, {}, "settings")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
}

TEST_F(MagentoSuiteStoresTest, DataTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "stores");
  const ProcessResult run = Migrate({"settings", SuiteConfig(fixtures, kData, {}, "settings")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  for (const char* table : {"store", "store_group", "store_website"}) {
    EXPECT_EQ(Scalar(*destination_, std::string("SELECT COUNT(*) FROM ") + table), "2") << table;
  }
}

}  // namespace
}  // namespace migrate::testing
