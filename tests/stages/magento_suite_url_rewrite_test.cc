// Magento's integration suite, Migration\Step\UrlRewrite\Version191to2000Test (@dbFixture
// url_rewrite_191):
// - testIntegrity: the integrity stage returns true.
// - testData: the data stage logs no ERROR and leaves 8 rows in url_rewrite and 4 in
//   catalog_url_rewrite_product_category; then the volume stage returns true.
// One class serves the three stages, told apart by the stage config.xml names it for.
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
    <step title="Url Rewrite step">
      <integrity>Migration\Step\UrlRewrite\Version191to2000</integrity>
    </step>)";

constexpr char kIntegrityDataVolume[] = R"(
    <step title="Url Rewrite step">
      <integrity>Migration\Step\UrlRewrite\Version191to2000</integrity>
      <data>Migration\Step\UrlRewrite\Version191to2000</data>
      <volume>Migration\Step\UrlRewrite\Version191to2000</volume>
    </step>)";

class MagentoSuiteUrlRewriteTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteUrlRewriteTest, Version191to2000TestIntegrity) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "url_rewrite_191");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kIntegrity)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
}

TEST_F(MagentoSuiteUrlRewriteTest, Version191to2000TestDataThenVolume) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "url_rewrite_191");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kIntegrityDataVolume)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, HasSubstr("Migration completed"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM url_rewrite"), "8");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_url_rewrite_product_category"), "4");
}

}  // namespace
}  // namespace migrate::testing
