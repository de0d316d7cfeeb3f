// StoreGroupCode: store_group.code from the group's name, Magento's rule, unique within a batch.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;

HandlerContext Context(std::vector<std::string>* warnings) {
  HandlerContext context = ContextFor(
      "store_group", "code", {"group_id", "website_id", "name", "root_category_id", "default_store_id", "code"});
  context.warn = [warnings](absl::string_view message) { warnings->emplace_back(message); };
  return context;
}

Rows Groups(std::vector<Cell> names) {
  Rows rows;
  int id = 0;
  for (Cell& name : names) rows.push_back({std::to_string(id++), "1", std::move(name), "2", "1", std::nullopt});
  return rows;
}

TEST(StoreGroupCodeTest, CodeFromNameAsMagentoMakesIt) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\StoreGroupCode"), Context(&warnings),
                         Groups({"Default", "Main Website Store", "  Tabs\tand\n\nLines ", "123 Shop-Front_2!",
                                 "Ünïcode Störe", "4 5 6", "", std::nullopt}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  // preg_replace('/\s+/', '_'), strtolower (ASCII), drop [^a-z0-9-_], drop leading non-letters;
  // empty -> store_group (then made unique).
  EXPECT_THAT(Column(result.rows, 5),
              ElementsAre("default", "main_website_store", "tabs_and_lines_", "shop-front_2", "ncode_stre",
                          "store_group", "store_group-6", "store_group-7"));
  EXPECT_THAT(warnings, ElementsAre("Duplicated code in store_group.code Record id 6",
                                    "Duplicated code in store_group.code Record id 7"));
}

TEST(StoreGroupCodeTest, DuplicateNamesGetTheGroupIdAppended) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\StoreGroupCode"), Context(&warnings),
                         Groups({"Main Store", "Main Store", "main  store"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 5), ElementsAre("main_store", "main_store-1", "main_store-2"));
  EXPECT_EQ(warnings.size(), 2u);
}

TEST(StoreGroupCodeTest, NeedsGroupIdAndName) {
  HandlerContext context = ContextFor("store_group", "code", {"group_id", "code"});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\StoreGroupCode"), context, {});
  EXPECT_EQ(result.status.message(),
            "map.xml:7: handler \\Migration\\Handler\\StoreGroupCode: name field not found in the record "
            "of store_group");
}

}  // namespace
}  // namespace migrate::mapping
