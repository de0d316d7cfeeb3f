// SetValue, AddPrefix and FieldCopy against Magento's semantics.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;

HandlerContext Context(std::string field) {
  return ContextFor("sales_order", std::move(field), {"entity_id", "code", "label"});
}

const Rows kRows = {{"1", "a", "A"}, {"2", std::nullopt, "B"}, {"3", "", std::nullopt}, {"4", "0", "0"}};

TEST(SetValueTest, SetsTheConstantInEveryRow) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SetValue", {{"value", "0.0000"}}), Context("code"), kRows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("0.0000", "0.0000", "0.0000", "0.0000"));
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("A", "B", std::nullopt, "0"));
}

TEST(SetValueTest, NullMeansSqlNull) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SetValue", {{"value", "NULL"}}), Context("label"), kRows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre(std::nullopt, std::nullopt, std::nullopt, std::nullopt));
}

TEST(SetValueTest, EmptyValueIsAnEmptyString) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SetValue", {{"value", ""}}), Context("label"), kRows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("", "", "", ""));
}

TEST(AddPrefixTest, PrependsAndNullBecomesThePrefix) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\AddPrefix", {{"prefix", "m1_"}}), Context("code"), kRows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("m1_a", "m1_", "m1_", "m1_0"));
}

TEST(AddPrefixTest, NeedsPrefix) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\AddPrefix"), Context("code"), kRows);
  EXPECT_EQ(result.status.message(), "map.xml:7: handler \\Migration\\Handler\\AddPrefix needs param prefix");
}

TEST(FieldCopyTest, CopiesOnlyTruthyValues) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\FieldCopy", {{"fieldCopy", "code"}}), Context("label"), kRows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  // NULL, "" and "0" are falsy in PHP: the label stays.
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("a", "B", std::nullopt, "0"));
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("a", std::nullopt, "", "0"));
}

TEST(FieldCopyTest, CopiedFieldMustExist) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\FieldCopy", {{"fieldCopy", "nope"}}), Context("label"), kRows);
  EXPECT_EQ(result.status.message(),
            "map.xml:7: handler \\Migration\\Handler\\FieldCopy: nope field not found in the record of "
            "sales_order");
}

}  // namespace
}  // namespace migrate::mapping
