// The Data Integrity step (Migration\Step\DataIntegrity\Integrity) through the migrate binary: orphan
// foreign key values of the source reported with Magento's message, word for word; -a carries on.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

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

}  // namespace
}  // namespace migrate::testing
