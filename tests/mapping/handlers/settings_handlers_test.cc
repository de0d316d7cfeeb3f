// settings.xml's value handlers on core_config_data rows.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;

HandlerContext Context() {
  return ContextFor("core_config_data", "value", {"config_id", "scope", "scope_id", "path", "value"});
}

Rows Values(std::vector<Cell> values) {
  Rows rows;
  int id = 1;
  for (Cell& value : values) rows.push_back({std::to_string(id++), "default", "0", "p", std::move(value)});
  return rows;
}

TEST(UrlSuffixTest, AddsTheDotWhenMissing) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Settings\\UrlSuffix"), Context(),
                         Values({"html", ".html", "", std::nullopt, "0", "htm.l"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 4), ElementsAre(".html", ".html", "", std::nullopt, "0", ".htm.l"));
}

TEST(CategoryRootIdTest, DefaultRootCategoryBecomesNull) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Settings\\CategoryRootId"), Context(),
                         Values({"2", "3", " 2", "2.0", "2e0", "02", "0x2", "2abc", "", std::nullopt, "12"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 4),
              ElementsAre(std::nullopt, "3", std::nullopt, std::nullopt, std::nullopt, std::nullopt, "0x2",
                          "2abc", "", std::nullopt, "12"));
}

}  // namespace
}  // namespace migrate::mapping
