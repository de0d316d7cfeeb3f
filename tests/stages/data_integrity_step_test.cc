// The Data Integrity step (Migration\Step\DataIntegrity\Integrity) through the migrate binary: orphan
// foreign key values of the source reported with Magento's message, word for word; -a carries on.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kDataIntegrityStep[] = R"(
    <step title="Data Integrity Step">
      <integrity>Migration\Step\DataIntegrity\Integrity</integrity>
    </step>)";

constexpr char kOrphanMessage[] =
    "Foreign key (FK_SALES_ITEM_ORDER) constraint fails on source database. Orphan records id: 7,9 from "
    "`sales_item`.`order_id` has no referenced records in `sales_order`";

constexpr char kCompositeOrphanMessage[] =
    "Foreign key (FK_PRICE_WEBSITE_STORE) constraint fails on source database. Orphan records id: (1,5),(2,1) from "
    "`price`.`website_id,store_id` has no referenced records in `website_store`";

class DataIntegrityStepTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    Exec(*source_, R"(CREATE TABLE sales_order (entity_id INT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB;
                     CREATE TABLE sales_item (item_id INT UNSIGNED NOT NULL PRIMARY KEY, order_id INT UNSIGNED NULL,
                       CONSTRAINT FK_SALES_ITEM_ORDER FOREIGN KEY (order_id) REFERENCES sales_order (entity_id)) ENGINE=InnoDB;
                     CREATE TABLE sales_comment (comment_id INT UNSIGNED NOT NULL PRIMARY KEY, order_id INT UNSIGNED NOT NULL,
                       CONSTRAINT FK_SALES_COMMENT_ORDER FOREIGN KEY (order_id) REFERENCES sales_order (entity_id)) ENGINE=InnoDB;
                     CREATE TABLE website_store (website_id INT NOT NULL, store_id INT NOT NULL,
                       PRIMARY KEY (website_id, store_id)) ENGINE=InnoDB;
                     CREATE TABLE price (price_id INT NOT NULL PRIMARY KEY, website_id INT NULL, store_id INT NULL,
                       CONSTRAINT FK_PRICE_WEBSITE_STORE FOREIGN KEY (website_id, store_id)
                         REFERENCES website_store (website_id, store_id)) ENGINE=InnoDB;
                     INSERT INTO sales_order VALUES (1), (2), (3);
                     INSERT INTO website_store VALUES (1, 1), (1, 2);
                     SET SESSION foreign_key_checks = 0;
                     INSERT INTO sales_item VALUES (1, 1), (2, 9), (3, NULL), (4, 7), (5, 2), (6, 9), (7, 7);
                     INSERT INTO sales_comment VALUES (1, 1), (2, 3);
                     INSERT INTO price VALUES (1, 1, 1), (2, 2, 1), (3, 1, 5), (4, NULL, 7), (5, 2, 1);
                     SET SESSION foreign_key_checks = 1)");
  }

  std::string Config() { return WriteConfig("data", kDataIntegrityStep, ""); }
};

TEST_F(DataIntegrityStepTest, OrphansAreReportedWordForWordAndFailTheRun) {
  ProcessResult run = Migrate({"data", Config()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output, HasSubstr(std::string("[ERROR]") + "[mode: data][stage: integrity check]"
                                    "[step: Data Integrity Step]: " + kOrphanMessage + "\n"));
  EXPECT_THAT(run.output, HasSubstr(std::string(kCompositeOrphanMessage) + "\n"));
  EXPECT_THAT(run.output, Not(HasSubstr("FK_SALES_COMMENT_ORDER")));
  EXPECT_THAT(run.output, HasSubstr("Integrity check failed"));
}

TEST_F(DataIntegrityStepTest, AutoCarriesOnWithWarnings) {
  ProcessResult run = Migrate({"data", "-a", Config()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr(std::string("[WARNING]") + "[mode: data][stage: integrity check]"
                                    "[step: Data Integrity Step]: " + kOrphanMessage + "\n"));
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
}

TEST_F(DataIntegrityStepTest, NoOrphansPasses) {
  Exec(*source_, "DELETE FROM sales_item WHERE order_id > 3; DELETE FROM price WHERE price_id IN (2, 3, 5)");
  ProcessResult run = Migrate({"data", Config()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("constraint fails")));
  EXPECT_THAT(run.output, HasSubstr("3 foreign keys of 5 source tables checked, 0 with orphan records"));
}

// The step's messages at `level`, in the order logged.
std::vector<std::string> StepLines(const std::string& output, const std::string& level) {
  const std::string tag =
      absl::StrCat("[", level, "][mode: data][stage: integrity check][step: Data Integrity Step]: ");
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    const size_t at = line.find(tag);
    if (at != absl::string_view::npos) lines.emplace_back(line.substr(at + tag.size()));
  }
  return lines;
}

TEST_F(DataIntegrityStepTest, KeysScannedInParallelAreReportedInTableAndKeyOrder) {
  // Ten more keys with orphans on four connections. The first table by name is the largest, so its
  // scan starts first and ends last; its messages still come first, each table's keys by name.
  Exec(*source_, R"(CREATE TABLE a_order (entity_id INT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB;
                     CREATE TABLE a_value (value_id INT NOT NULL PRIMARY KEY, order_id INT UNSIGNED NOT NULL,
                       comment_order_id INT UNSIGNED NOT NULL,
                       CONSTRAINT FK_A_VALUE_ORDER FOREIGN KEY (order_id) REFERENCES a_order (entity_id),
                       CONSTRAINT FK_A_VALUE_COMMENT_ORDER FOREIGN KEY (comment_order_id)
                         REFERENCES sales_order (entity_id)) ENGINE=InnoDB;
                     INSERT INTO a_order SELECT seq FROM seq_1_to_199998;
                     SET SESSION foreign_key_checks = 0;
                     INSERT INTO a_value SELECT seq, seq, 3 + seq % 2 FROM seq_1_to_200000;
                     SET SESSION foreign_key_checks = 1)");
  std::vector<std::string> expected = {
      "Foreign key (FK_A_VALUE_COMMENT_ORDER) constraint fails on source database. Orphan records id: 4 from "
      "`a_value`.`comment_order_id` has no referenced records in `sales_order`",
      "Foreign key (FK_A_VALUE_ORDER) constraint fails on source database. Orphan records id: 199999,200000 from "
      "`a_value`.`order_id` has no referenced records in `a_order`"};
  for (char table = 'b'; table <= 'i'; ++table) {
    const std::string name = absl::StrCat(std::string(1, table), "_item");
    const std::string key = absl::StrCat("FK_", std::string(1, table), "_ITEM_ORDER");
    Exec(*source_, absl::StrCat("CREATE TABLE ", name, " (item_id INT NOT NULL PRIMARY KEY, order_id INT UNSIGNED, ",
                                "CONSTRAINT ", key, " FOREIGN KEY (order_id) REFERENCES sales_order (entity_id)) ",
                                "ENGINE=InnoDB; SET SESSION foreign_key_checks = 0; INSERT INTO ", name,
                                " VALUES (1, 1), (2, 100), (3, NULL); SET SESSION foreign_key_checks = 1"));
    expected.push_back(absl::StrCat("Foreign key (", key, ") constraint fails on source database. Orphan records id: "
                                    "100 from `", name, "`.`order_id` has no referenced records in `sales_order`"));
  }
  expected.push_back(kCompositeOrphanMessage);
  expected.push_back(kOrphanMessage);

  const std::string config = WriteConfig("data", kDataIntegrityStep, "\n    <threads>4</threads>");
  ProcessResult run = Migrate({"data", "-a", config});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(StepLines(run.output, "WARNING"), ElementsAreArray(expected));
  EXPECT_THAT(run.output, HasSubstr("13 foreign keys of 15 source tables checked, 12 with orphan records"));
}

}  // namespace
}  // namespace migrate::testing
