// Magento's integration suite, Migration\Step\Eav (@dbFixture eav): IntegrityTest, DataTest and
// VolumeTest assert that each stage's perform() returns true. Our CLI runs stages in a mode, not one
// by one: integrity alone is the EAV step with just its <integrity> stage; data and volume run after
// it, as Magento's data mode runs them, and a false stage makes `migrate data` (without -a) exit 1.
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
    <step title="EAV Step">
      <integrity>Migration\Step\Eav\Integrity</integrity>
    </step>)";

constexpr char kIntegrityDataVolume[] = R"(
    <step title="EAV Step">
      <integrity>Migration\Step\Eav\Integrity</integrity>
      <data>Migration\Step\Eav\Data</data>
      <volume>Migration\Step\Eav\Volume</volume>
    </step>)";

class MagentoSuiteEavTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteEavTest, IntegrityTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "eav");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kIntegrity)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
}

TEST_F(MagentoSuiteEavTest, DataTestAndVolumeTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "eav");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kIntegrityDataVolume)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, HasSubstr("Migration completed"));
  // The fixture's Magento 1 attributes are in the destination under their ids and codes.
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM eav_attribute"), "3");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM eav_entity_type"), "2");
}

}  // namespace
}  // namespace migrate::testing
