// Magento's integration suite, Migration\Step\Eav (@dbFixture eav): IntegrityTest, DataTest and
// VolumeTest assert that each stage's perform() returns true. Our CLI runs stages in a mode, not one
// by one: integrity alone is the EAV step with just its <integrity> stage; data and volume run after
// it, as Magento's data mode runs them, and a false stage makes `migrate data` (without -a) exit 1.
#include <string>

#include "absl/strings/str_cat.h"
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

// The suite's config.xml names two files Magento does not ship (map-log.xml,
// log-document-groups.xml.dist): Magento reads a file only when a configured step uses it, so a run
// of steps that do not read them goes on, with a warning; one with the Log step stops, naming it.
TEST_F(MagentoSuiteEavTest, FilesNoConfiguredStepReadsDoNotStopTheRun) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "eav");
  const std::string files = absl::StrCat(fixtures, "/magento-dmt-tests/testsuite/Migration/_files/");
  const std::string options = absl::StrCat(
      "<eav_map_file>", files, "map-eav.xml</eav_map_file><eav_attribute_groups_file>", files,
      "eav-attribute-groups.xml</eav_attribute_groups_file><eav_document_groups_file>", files,
      "eav-document-groups.xml</eav_document_groups_file><class_map>", files, "class-map.xml</class_map>",
      "<log_map_file>", files, "map-log.xml</log_map_file><log_document_groups_file>", files,
      "log-document-groups.xml.dist</log_document_groups_file>");
  const ProcessResult run = Migrate({"data", WriteConfig("data", kIntegrity, options)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("map-log.xml"));
  EXPECT_THAT(run.output, HasSubstr("(no step of this run reads log_map_file, so the run goes on)"));

  const ProcessResult with_log = Migrate({"data", WriteConfig("data", absl::StrCat(kIntegrity, R"(
    <step title="Log Step">
      <integrity>Migration\Step\Log\Integrity</integrity>
    </step>)"), options)});
  EXPECT_EQ(with_log.exit_code, 1);
  EXPECT_THAT(with_log.output, HasSubstr("map-log.xml"));
  EXPECT_THAT(with_log.output, Not(HasSubstr("so the run goes on")));
}

}  // namespace
}  // namespace migrate::testing
