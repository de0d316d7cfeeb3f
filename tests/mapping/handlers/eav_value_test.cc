// SetValueAttributeCondition, ConvertEavValue and CleanMultiselect on EAV value rows.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_databases.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

HandlerContext ValueContext(const SourceLookup* source) {
  HandlerContext context = ContextFor("catalog_product_entity_varchar", "value", {"value_id", "attribute_id", "value"});
  context.source = source;
  return context;
}

Rows AttributeValues(std::vector<std::pair<std::string, Cell>> values) {
  Rows rows;
  int id = 1;
  for (auto& [attribute, value] : values) rows.push_back({std::to_string(id++), attribute, std::move(value)});
  return rows;
}

TEST(SetValueAttributeConditionTest, SetsTheValueOnlyForTheNamedAttribute) {
  FakeSource source({{"attribute_code = 'custom_design'", {{"60"}, {"93"}}}});
  const Rows rows = AttributeValues({{"60", "default/blue"}, {"93", "x"}, {"61", "keep"}, {"60", std::nullopt}});
  RunResult to_null = RunHandler(Ref("\\Migration\\Handler\\SetValueAttributeCondition",
                                     {{"attributeCode", "custom_design"}, {"value", "NULL"}}),
                                 ValueContext(&source), rows);
  ASSERT_TRUE(to_null.status.ok()) << to_null.status;
  EXPECT_THAT(Column(to_null.rows, 2), ElementsAre(std::nullopt, std::nullopt, "keep", std::nullopt));

  RunResult to_zero = RunHandler(Ref("\\Migration\\Handler\\SetValueAttributeCondition",
                                     {{"attributeCode", "custom_design"}, {"value", "0"}}),
                                 ValueContext(&source), rows);
  ASSERT_TRUE(to_zero.status.ok()) << to_zero.status;
  EXPECT_THAT(Column(to_zero.rows, 2), ElementsAre("0", "0", "keep", "0"));
}

TEST(SetValueAttributeConditionTest, MissingParamNamesIt) {
  FakeSource source;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SetValueAttributeCondition", {{"value", "0"}}),
                                ValueContext(&source), {});
  EXPECT_THAT(result.status.message(), HasSubstr("needs param attributeCode"));
}

TEST(ConvertEavValueTest, ConvertsValuesOfTheAttributeThroughTheMap) {
  FakeSource source({{"attribute_code = 'page_layout'", {{"70"}}}});
  const HandlerRef ref = Ref("\\Migration\\Handler\\ConvertEavValue",
                             {{"map", "[one_column:1column;two_columns_left:2columns-left;three_columns:3columns]"},
                              {"attributeCode", "page_layout"}});
  RunResult result = RunHandler(ref, ValueContext(&source),
                                AttributeValues({{"70", "one_column"}, {"70", "three_columns"}, {"70", "empty"},
                                                 {"71", "one_column"}, {"70", std::nullopt}}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("1column", "3columns", "empty", "one_column", std::nullopt));
}

TEST(ConvertEavValueTest, BrokenMapIsMagentosError) {
  FakeSource source;
  RunResult result = RunHandler(
      Ref("\\Migration\\Handler\\ConvertEavValue", {{"map", "[a:b;c]"}, {"attributeCode", "page_layout"}}),
      ValueContext(&source), {});
  EXPECT_THAT(result.status.message(), HasSubstr("Invalid map provided to convert handler"));
}

TEST(CleanMultiselectTest, DropsEmptyItemsOfProductMultiselects) {
  FakeSource source({{"frontend_input = 'multiselect'", {{"80"}}}});
  RunResult result =
      RunHandler(Ref("\\Migration\\Handler\\CleanMultiselect"), ValueContext(&source),
                 AttributeValues({{"80", "24,,,41,,"}, {"80", ",0,7"}, {"80", std::nullopt}, {"80", ""},
                                  {"81", "24,,41"}, {"80", "1, ,2"}}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("24,41", "7", "", "", "24,,41", "1, ,2"));
  ASSERT_EQ(source.queries.size(), 1u);
  EXPECT_THAT(source.queries[0], HasSubstr("entity_type_code = 'catalog_product'"));
}

}  // namespace
}  // namespace migrate::mapping
