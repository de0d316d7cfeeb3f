// Rule\NormalizationIds: a batch's rules lose their old links (one DELETE) and get one link row per
// comma-separated id (one INSERT IGNORE), the handled field left as it was.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/content_test_support.h"
#include "tests/mapping/handlers/fake_databases.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

HandlerRef GroupIdsRef() {
  return Ref("\\Migration\\Handler\\Rule\\NormalizationIds",
             {{"normalizationDocument", "catalogrule_customer_group"}, {"normalizationField", "customer_group_id"}});
}

HandlerContext RuleContext(const DestinationAccess* destination, const Config* config = nullptr) {
  HandlerContext context;
  context.document = "catalogrule";
  context.field = "customer_group_ids";
  context.fields = {"rule_id", "name", "customer_group_ids"};
  context.destination = destination;
  context.config = config;
  return context;
}

TEST(NormalizationIdsTest, EveryIdOfEveryRuleOfTheBatchBecomesALinkRow) {
  FakeDestination destination;
  const Rows rows = {{"1", "a", "0,1,2"}, {"2", "b", "3"}, {"3", "c", ""}, {"4", "d", std::nullopt},
                     {"5", "e", "1,,4"}};
  RunResult result = RunHandler(GroupIdsRef(), RuleContext(&destination), rows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(result.rows, rows);
  EXPECT_THAT(destination.executed,
              ElementsAre("DELETE FROM `m2_catalogrule_customer_group` WHERE rule_id IN ('1', '2', '3', '4', '5')",
                          "INSERT IGNORE INTO `m2_catalogrule_customer_group` (rule_id, `customer_group_id`) VALUES "
                          "('1', '0'), ('1', '1'), ('1', '2'), ('2', '3'), ('5', '1'), ('5', '4')"));
}

TEST(NormalizationIdsTest, RulesWithoutIdsOnlyLoseTheirLinks) {
  FakeDestination destination;
  RunResult result = RunHandler(GroupIdsRef(), RuleContext(&destination), {{"1", "a", ""}, {"2", "b", std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(destination.executed,
              ElementsAre("DELETE FROM `m2_catalogrule_customer_group` WHERE rule_id IN ('1', '2')"));
}

TEST(NormalizationIdsTest, AnEmptyBatchSendsNothing) {
  FakeDestination destination;
  RunResult result = RunHandler(GroupIdsRef(), RuleContext(&destination), {});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(destination.executed, IsEmpty());
}

TEST(NormalizationIdsTest, CommerceStagingTablesAreKeyedByRowId) {
  FakeDestination destination({{"SHOW COLUMNS FROM `m2_catalogrule_website` LIKE 'row_id'", {{"row_id"}}}});
  const Config config = ConfigWithOptions({{"edition_migrate", "opensource-to-commerce"}});
  HandlerContext context = RuleContext(&destination, &config);
  context.field = "website_ids";
  context.fields = {"rule_id", "website_ids"};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Rule\\NormalizationIds",
                                    {{"normalizationDocument", "catalogrule_website"},
                                     {"normalizationField", "website_id"}}),
                                context, {{"7", "1,2"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(destination.executed,
              ElementsAre("DELETE FROM `m2_catalogrule_website` WHERE row_id IN ('7')",
                          "INSERT IGNORE INTO `m2_catalogrule_website` (row_id, `website_id`) VALUES "
                          "('7', '1'), ('7', '2')"));
}

TEST(NormalizationIdsTest, OpenSourceToOpenSourceKeepsRuleIdWithoutAsking) {
  FakeDestination destination({{"row_id", {{"row_id"}}}});
  const Config config = ConfigWithOptions({{"edition_migrate", "opensource-to-opensource"}});
  RunResult result = RunHandler(GroupIdsRef(), RuleContext(&destination, &config), {{"1", "a", "2"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(destination.queries, IsEmpty());
  EXPECT_THAT(destination.executed,
              ElementsAre(HasSubstr("WHERE rule_id IN ('1')"), HasSubstr("(rule_id, `customer_group_id`)")));
}

TEST(NormalizationIdsTest, MissingParamOrDestinationIsAConfigurationError) {
  FakeDestination destination;
  RunResult no_field = RunHandler(Ref("\\Migration\\Handler\\Rule\\NormalizationIds",
                                      {{"normalizationDocument", "catalogrule_customer_group"}}),
                                  RuleContext(&destination), {});
  EXPECT_THAT(no_field.status.message(),
              HasSubstr("map.xml:7: handler \\Migration\\Handler\\Rule\\NormalizationIds "
                        "needs param normalizationField"));
  RunResult no_destination = RunHandler(GroupIdsRef(), RuleContext(nullptr), {});
  EXPECT_THAT(no_destination.status.message(), HasSubstr("needs the destination database"));
}

}  // namespace
}  // namespace migrate::mapping
