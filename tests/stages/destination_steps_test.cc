// The Ratings, SalesIncrement, OrderGrids and Inventory steps, each alone in a data-mode config, on
// small hand-made Magento 1 and Magento 2 tables (only the columns the steps read and write): what
// arrives, and the message of each volume check when a difference is planted.
//
// A volume check runs right after its data stage, which would repair most planted differences; so
// a planted difference either survives the data stage (a row the source has and the destination
// lacks) or is checked by a config whose step has only its <volume> stage.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Step(const std::string& name, bool integrity, bool data, bool volume) {
  std::string step = absl::StrCat("\n    <step title=\"", name, " Step\">");
  if (integrity) absl::StrAppend(&step, "\n      <integrity>Migration\\Step\\", name, "\\Integrity</integrity>");
  if (data) absl::StrAppend(&step, "\n      <data>Migration\\Step\\", name, "\\Data</data>");
  if (volume) absl::StrAppend(&step, "\n      <volume>Migration\\Step\\", name, "\\Volume</volume>");
  return absl::StrCat(step, "\n    </step>");
}

std::string WholeStep(const std::string& name) { return Step(name, true, true, true); }
std::string VolumeOnly(const std::string& name) { return Step(name, false, false, true); }

// True when `output` has a line of `level` whose message is exactly `message`.
bool Logged(const std::string& output, const std::string& level, const std::string& message) {
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if (absl::StrContains(line, absl::StrCat("][", level, "][")) &&
        absl::EndsWith(line, absl::StrCat("]: ", message))) {
      return true;
    }
  }
  return false;
}

class DestinationStepsTest : public MigrateRunTest {};

// --- Ratings -------------------------------------------------------------------------------------

constexpr char kRatingTables[] = R"(
  CREATE TABLE rating (rating_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, entity_id SMALLINT UNSIGNED NOT NULL,
                       rating_code VARCHAR(64) NOT NULL, position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
                       is_active SMALLINT NOT NULL DEFAULT 1);
  CREATE TABLE rating_store (rating_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL,
                             PRIMARY KEY (rating_id, store_id));
  INSERT INTO rating VALUES (1, 1, 'Quality', 0, 0), (2, 1, 'Value', 0, 0), (3, 1, 'Price', 0, 0),
                            (4, 1, 'Looks', 0, 1);
  INSERT INTO rating_store VALUES (1, 0), (1, 1), (1, 2), (2, 0), (3, 2);
)";

TEST_F(DestinationStepsTest, RatingsActivatesTheRatingsOfStoreViews) {
  Exec(*destination_, kRatingTables);
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("Ratings"), "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  // Ratings of a store view (1 and 3) are active; rating 2 (admin only) stays as it was, and so does
  // rating 4 (no store at all): the step never sets 0.
  EXPECT_THAT(Rows(*destination_, "SELECT rating_id, is_active FROM rating ORDER BY rating_id"),
              ElementsAre("1|1", "2|0", "3|1", "4|1"));
}

TEST_F(DestinationStepsTest, RatingsVolumeReportsAnInactiveRatingOfAStoreView) {
  Exec(*destination_, kRatingTables);
  const ProcessResult run = Migrate({"data", WriteConfig("data", VolumeOnly("Ratings"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR", "Mismatch of entities in the documents: rating, rating_store")) << run.output;
}

TEST_F(DestinationStepsTest, RatingsIntegrityNeedsBothTablesAndIsActive) {
  Exec(*destination_, kRatingTables);
  Exec(*destination_, "ALTER TABLE rating DROP COLUMN is_active");
  const ProcessResult run = Migrate({"data", WriteConfig("data", WholeStep("Ratings"), "")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Logged(run.output, "ERROR",
                     "\"is_active\" field does not exist in \"rating\" document of the destination resource"))
      << run.output;
  Exec(*destination_, "DROP TABLE rating_store");
  const ProcessResult missing = Migrate({"data", WriteConfig("data", WholeStep("Ratings"), "")});
  EXPECT_TRUE(Logged(missing.output, "ERROR",
                     "\"rating\" or \"rating_store\" documents do not exist in the destination resource"))
      << missing.output;
}

}  // namespace
}  // namespace migrate::testing
