// Magento's integration suite, Migration\Step\SalesIncrement (@dbFixture sales_increment): DataTest
// runs the Data stage alone and asserts that sales_sequence_meta and sales_sequence_profile hold
// exactly its ten rows each (order, invoice, creditmemo, shipment, rma_item x stores 0 and 1, ids
// from 1; profile prefix '' for store 0 and '1' for store 1) and that nothing was logged at ERROR.
// Our config names only the step's <data> stage, as the PHP test calls only Data::perform().
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kData[] = R"(
    <step title="SalesIncrement Step">
      <data>Migration\Step\SalesIncrement\Data</data>
    </step>)";

class MagentoSuiteSalesIncrementTest : public MagentoSuiteTest {};

TEST_F(MagentoSuiteSalesIncrementTest, DataTestPerform) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "sales_increment");
  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kData)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));

  EXPECT_THAT(Rows(*destination_, "SELECT meta_id, entity_type, store_id, sequence_table FROM sales_sequence_meta "
                                  "ORDER BY meta_id"),
              ElementsAre("1|order|0|sequence_order_0", "2|order|1|sequence_order_1",
                          "3|invoice|0|sequence_invoice_0", "4|invoice|1|sequence_invoice_1",
                          "5|creditmemo|0|sequence_creditmemo_0", "6|creditmemo|1|sequence_creditmemo_1",
                          "7|shipment|0|sequence_shipment_0", "8|shipment|1|sequence_shipment_1",
                          "9|rma_item|0|sequence_rma_item_0", "10|rma_item|1|sequence_rma_item_1"));
  EXPECT_THAT(Rows(*destination_,
                   "SELECT profile_id, meta_id, prefix, suffix, start_value, step, max_value, warning_value, "
                   "is_active FROM sales_sequence_profile ORDER BY profile_id"),
              ElementsAre("1|1|||1|1|4294967295|4294966295|1", "2|2|1||1|1|4294967295|4294966295|1",
                          "3|3|||1|1|4294967295|4294966295|1", "4|4|1||1|1|4294967295|4294966295|1",
                          "5|5|||1|1|4294967295|4294966295|1", "6|6|1||1|1|4294967295|4294966295|1",
                          "7|7|||1|1|4294967295|4294966295|1", "8|8|1||1|1|4294967295|4294966295|1",
                          "9|9|||1|1|4294967295|4294966295|1", "10|10|1||1|1|4294967295|4294966295|1"));
  // The PHP test's '' prefixes are empty strings, not NULL.
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_sequence_profile WHERE prefix = '' AND suffix = ''"),
            "5");
}

}  // namespace
}  // namespace migrate::testing
