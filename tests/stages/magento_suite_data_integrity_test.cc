// Magento's integration suite, Migration\Step\DataIntegrity\IntegrityTest (@dbFixture
// data_integrity): Integrity::perform() with getDocumentList() mocked, two data sets:
// - ['eav_entity_type', 'eav_attribute']: true, no message;
// - ['eav_attribute_set']: false, one ERROR, "Foreign key
//   (FK_EAV_ATTR_SET_ENTT_TYPE_ID_EAV_ENTT_TYPE_ENTT_TYPE_ID) constraint fails on source database.
//   Orphan records id: 2,3 from `eav_attribute_set`.`entity_type_id` has no referenced records in
//   `eav_entity_type`".
// Our step checks every source table, so a document list is the source's tables: the first set is the
// fixture without eav_attribute_set, the second the whole fixture (its eav_attribute rows reference
// existing entity types, so the set's one message is all there is). A failed check makes `migrate
// data` exit 1; under -a the message is a WARNING and the run goes on, as Magento logs it.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kIntegrity[] = R"(
    <step title="Data Integrity Step">
      <integrity>Migration\Step\DataIntegrity\Integrity</integrity>
    </step>)";

constexpr char kOrphans[] =
    "Foreign key (FK_EAV_ATTR_SET_ENTT_TYPE_ID_EAV_ENTT_TYPE_ENTT_TYPE_ID) constraint fails on source database. "
    "Orphan records id: 2,3 from `eav_attribute_set`.`entity_type_id` has no referenced records in `eav_entity_type`";

// The lines of `output` logged at `level` ("ERROR", "WARNING", ...), from the level on (without
// their time).
std::vector<std::string> LinesAt(const std::string& output, const std::string& level) {
  const std::string tag = absl::StrCat("[", level, "]");
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    const size_t at = line.find(tag);
    if (at != absl::string_view::npos) lines.emplace_back(line.substr(at));
  }
  return lines;
}

class MagentoSuiteDataIntegrityTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteDataIntegrityTest, PerformWithoutOrphans) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "data_integrity");
  Exec(*source_, "DROP TABLE eav_attribute_set");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kIntegrity)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(LinesAt(run.output, "ERROR"), ElementsAre());
  EXPECT_THAT(LinesAt(run.output, "WARNING"), ElementsAre());
  // Magento's step logs nothing here; ours adds one INFO line with what it checked.
  EXPECT_THAT(run.output, HasSubstr("1 foreign keys of 2 source tables checked, 0 with orphan records"));
}

TEST_F(MagentoSuiteDataIntegrityTest, PerformWithOrphans) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "data_integrity");
  const std::string config = SuiteConfig(fixtures, kIntegrity);
  const ProcessResult strict = Migrate({"data", config});
  EXPECT_EQ(strict.exit_code, 1) << strict.output;
  // The step's one ERROR, then the mode's line that stops the run.
  EXPECT_THAT(LinesAt(strict.output, "ERROR"),
              ElementsAre(absl::StrCat("[ERROR][mode: data][stage: integrity check][step: Data Integrity Step]: ",
                                       kOrphans),
                          HasSubstr("[ERROR][mode: data]: Integrity check failed")));
  EXPECT_THAT(LinesAt(strict.output, "WARNING"), ElementsAre());

  const ProcessResult automatic = Migrate({"data", "-a", config});
  EXPECT_EQ(automatic.exit_code, 0) << automatic.output;
  EXPECT_THAT(automatic.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(automatic.output,
              HasSubstr(absl::StrCat("[WARNING][mode: data][stage: integrity check][step: Data Integrity Step]: ",
                                     kOrphans, "\n")));
}

}  // namespace
}  // namespace migrate::testing
