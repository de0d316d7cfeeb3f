// SerializeToJson as a handler: NULLs, broken data with Magento's warning, its params.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

HandlerContext Context(std::vector<std::string>* warnings) {
  HandlerContext context =
      ContextFor("sales_flat_quote_item_option", "value", {"option_id", "item_id", "code", "value"});
  context.id_field = "option_id";
  context.warn = [warnings](absl::string_view message) { warnings->emplace_back(message); };
  return context;
}

Rows Values(std::vector<Cell> values) {
  Rows rows;
  int id = 10;
  for (Cell& value : values) rows.push_back({std::to_string(id++), "1", "info_buyRequest", std::move(value)});
  return rows;
}

const std::vector<Cell> kValues = {
    "a:2:{s:4:\"uenc\";s:8:\"aHR0cDov\";s:7:\"product\";s:3:\"166\";}",
    std::nullopt,
    "not serialized",
    "",
    "s:3:\"\xff\xfe\xfd\";",
};

TEST(SerializeToJsonTest, ConvertsAndNullsBrokenDataWithMagentosWarning) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson"), Context(&warnings), Values(kValues));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 3),
              ElementsAre("{\"uenc\":\"aHR0cDov\",\"product\":\"166\"}", std::nullopt, std::nullopt, "false", ""));
  EXPECT_THAT(warnings,
              ElementsAre("Could not unserialize data of sales_flat_quote_item_option.value with record id 12"));
}

TEST(SerializeToJsonTest, SuppressWarning) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson", {{"suppressWarning", "true"}}),
                         Context(&warnings), Values(kValues));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(Column(result.rows, 3)[2], std::nullopt);
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(SerializeToJsonTest, WithoutMigrateBrokenDataTheRunStops) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson", {{"migrateBrokenData", "false"}}),
                         Context(&warnings), Values(kValues));
  EXPECT_EQ(result.status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(result.status.message(),
            "Could not unserialize data of sales_flat_quote_item_option.value with record id 12");
}

TEST(SerializeToJsonTest, OnlyTheStringTrueTurnsFlagsOn) {
  std::vector<std::string> warnings;
  // PHP's `$suppressWarning == 'true'`: "1" is not "true", so the warning stays.
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson", {{"suppressWarning", "1"}}),
                         Context(&warnings), Values({"x"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(warnings.size(), 1u);
  // "1" for migrateBrokenData is not "true" either: broken data stops the run.
  RunResult strict = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson", {{"migrateBrokenData", "1"}}),
                         Context(&warnings), Values({"x"}));
  EXPECT_FALSE(strict.status.ok());
}

TEST(SerializeToJsonTest, WithoutIdFieldTheIdIsEmpty) {
  std::vector<std::string> warnings;
  HandlerContext context = Context(&warnings);
  context.id_field.clear();
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson"), context, Values({"x"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(warnings,
              ElementsAre("Could not unserialize data of sales_flat_quote_item_option.value with record id "));
}

}  // namespace
}  // namespace migrate::mapping
