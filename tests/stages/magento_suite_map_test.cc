// Magento's integration suite, Migration\Step\Map\IntegrityTest (@dbFixture default): the Map step's
// integrity check with the suite's map (differences logged as ERROR, and as WARNING under -a) and
// with an empty map (every document and field named, as ERROR).
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
    <step title="Map Step">
      <integrity>Migration\Step\Map\Integrity</integrity>
    </step>)";

class MagentoSuiteMapTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteMapTest, IntegrityWithMap) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "default");
  const std::string config = SuiteConfig(fixtures, kIntegrity);
  const ProcessResult strict = Migrate({"data", config});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_THAT(strict.output, HasSubstr("[ERROR][mode: data][stage: integrity check][step: Map Step]: "));
  const ProcessResult automatic = Migrate({"data", "-a", config});
  EXPECT_EQ(automatic.exit_code, 0) << automatic.output;
  EXPECT_THAT(automatic.output, HasSubstr("[WARNING][mode: data][stage: integrity check][step: Map Step]: "));
  EXPECT_THAT(automatic.output, Not(HasSubstr("[ERROR]")));
}

TEST_F(MagentoSuiteMapTest, IntegrityWithoutMap) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "default");
  const std::string empty_map =
      absl::StrCat(fixtures, "/magento-dmt-tests/testsuite/Migration/_files/empty-map.xml");
  const ProcessResult run =
      Migrate({"data", WriteConfig("data", kIntegrity, absl::StrCat("<map_file>", empty_map, "</map_file>"))});
  EXPECT_EQ(run.exit_code, 1);
  for (const char* text : {"Source documents are not mapped: ",
                           "source_table_1,source_table_2,source_table_ignored,source_table_renamed,table_with_data",
                           "Destination documents are not mapped: ",
                           "dest_table_1,dest_table_2,dest_table_ignored,dest_table_renamed,table_without_data",
                           "Source fields are not mapped. ", "Document: common_table. Fields: source_field_ignored",
                           "Destination fields are not mapped. ", "Document: common_table. Fields: dest_field_ignored"}) {
    EXPECT_THAT(run.output, HasSubstr(text));
  }
  EXPECT_THAT(run.output, HasSubstr("[ERROR][mode: data][stage: integrity check][step: Map Step]: Source documents"));
}

}  // namespace
}  // namespace migrate::testing
