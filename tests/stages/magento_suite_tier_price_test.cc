// Magento's integration suite, Migration\Step\TierPrice (@dbFixture tier_price, edition_number
// 1.9.2.1, so group prices are a source document too):
// - IntegrityTest::testPerform: Integrity with tier_price_map_file passes.
// - IntegrityTest::testPerformFail: Integrity with the empty map (option tier_price_map_file_fail)
//   fails, the first ERROR being "Source fields are not mapped. Document:
//   catalog_product_entity_tier_price. Fields: custom_field".
// - DataTest::testPerform: Data returns true and the destination holds 3 tier prices (2 tier prices
//   and 2 group prices, one of which meets a tier price at qty 1).
// Our CLI runs stages in a mode: integrity alone is the step with just its <integrity> stage (a
// failure makes `migrate data` exit 1); data runs after its integrity, with volume, as data mode does.
#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/sql.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kIntegrity[] = R"(
    <step title="Tier Price Step">
      <integrity>Migration\Step\TierPrice\Integrity</integrity>
    </step>)";

constexpr char kIntegrityDataVolume[] = R"(
    <step title="Tier Price Step">
      <integrity>Migration\Step\TierPrice\Integrity</integrity>
      <data>Migration\Step\TierPrice\Data</data>
      <volume>Migration\Step\TierPrice\Volume</volume>
    </step>)";

class MagentoSuiteTierPriceTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteTierPriceTest, IntegrityTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "tier_price");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kIntegrity)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
}

TEST_F(MagentoSuiteTierPriceTest, IntegrityTestPerformFail) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "tier_price");
  const ProcessResult run =
      Migrate({"data", SuiteConfig(fixtures, kIntegrity, {{"tier_price_map_file", "map-tier-price-fail.xml"}})});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  const size_t first_error = run.output.find("[ERROR]");
  ASSERT_NE(first_error, std::string::npos) << run.output;
  const std::string line = run.output.substr(first_error, run.output.find('\n', first_error) - first_error);
  EXPECT_THAT(line, HasSubstr("Source fields are not mapped. Document: catalog_product_entity_tier_price. "
                              "Fields: custom_field"));
  EXPECT_TRUE(absl::EndsWith(line, "Fields: custom_field")) << line;
}

TEST_F(MagentoSuiteTierPriceTest, DataTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "tier_price");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kIntegrityDataVolume)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, HasSubstr("Migration completed"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_product_entity_tier_price"), "3");
}

}  // namespace
}  // namespace migrate::testing
