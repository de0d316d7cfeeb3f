// Convert: Magento's "[a:b;c:d]" maps, the stock multi-line map, defaultValue, and bad maps.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;

HandlerContext Context() {
  return ContextFor("cms_page", "root_template", {"page_id", "root_template"});
}

Rows Values(std::vector<Cell> values) {
  Rows rows;
  int id = 1;
  for (Cell& value : values) rows.push_back({std::to_string(id++), std::move(value)});
  return rows;
}

TEST(ConvertTest, MapsKnownValuesAndLeavesTheRest) {
  RunResult result = RunHandler(
      Ref("\\Migration\\Handler\\Convert",
          {{"map", "[one_column:1column;two_columns_left:2columns-left;two_columns_right:2columns-right;"
                   "three_columns:3columns]"}}),
      Context(), Values({"one_column", "three_columns", "empty", std::nullopt, "", "One_column"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1),
              ElementsAre("1column", "3columns", "empty", std::nullopt, "", "One_column"));
}

TEST(ConvertTest, DefaultValueForUnmatchedValues) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Convert",
                             {{"map", "[one_column:1column]"}, {"defaultValue", "1column"}}),
                         Context(), Values({"one_column", "empty", std::nullopt}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("1column", "1column", "1column"));
}

TEST(ConvertTest, FalsyDefaultValueIsNone) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Convert", {{"map", "[a:b]"}, {"defaultValue", "0"}}),
                         Context(), Values({"a", "c"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("b", "c"));
}

TEST(ConvertTest, MultiLineMapAsInMapEav) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Convert",
                             {{"map", "[\n    customer/entity:customer_entity;\n    sales/quote:quote;\n"
                                      "    sales/invoice:sales_invoice\n    ]"}}),
                         Context(), Values({"customer/entity", "sales/quote", "sales/invoice", "x"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("customer_entity", "quote", "sales_invoice", "x"));
}

TEST(ConvertTest, LaterPairWinsAndNullLooksUpTheEmptyKey) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Convert", {{"map", "[a:1;a:2;:was_empty]"}}), Context(),
                         Values({"a", std::nullopt, ""}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("2", "was_empty", "was_empty"));
}

TEST(ConvertTest, InvalidMapIsMagentosError) {
  for (const char* map : {"[a:b;c]", "[]", "[a:b:c]", "[a:b;]"}) {
    RunResult result = RunHandler(Ref("\\Migration\\Handler\\Convert", {{"map", map}}), Context(), {});
    EXPECT_EQ(result.status.message(),
              "map.xml:7: handler \\Migration\\Handler\\Convert: Invalid map provided to convert handler")
        << map;
  }
}

}  // namespace
}  // namespace migrate::mapping
