// Magento's integration suite, Migration\Step\Customer\DataTest (@dbFixture customer): the data stage
// alone, then the rows each customer document holds.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

constexpr char kData[] = R"(
    <step title="Customer Attributes Step">
      <data>Migration\Step\Customer\Data</data>
    </step>)";

class MagentoSuiteCustomerTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteCustomerTest, DataTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "customer");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kData)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const auto& [table, rows] : std::vector<std::pair<std::string, std::string>>{
           {"customer_entity", "2"},
           {"customer_entity_int", "6"},
           {"customer_entity_varchar", "0"},
           {"customer_address_entity", "4"},
           {"customer_address_entity_varchar", "3"},
           {"customer_address_entity_int", "0"},
           {"customer_address_entity_text", "0"}}) {
    EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM " + table), rows) << table;
  }
}

}  // namespace
}  // namespace migrate::testing
