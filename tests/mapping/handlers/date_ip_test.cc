// ConvertTimestampToDate, ConvertIp, ConvertDateFormat and Timezone.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ConvertTimestampToDateTest, NumericDefaultsOfDateAttributes) {
  RunResult result = RunHandler(
      Ref("\\Migration\\Handler\\ConvertTimestampToDate"),
      ContextFor("eav_attribute", "default_value", {"attribute_id", "frontend_input", "default_value"}),
      {{"1", "date", "1325376000"},
       {"2", "date", " 86400.9"},
       {"3", "text", "1325376000"},
       {"4", "date", "2012-01-01"},
       {"5", "date", "0"},
       {"6", "date", std::nullopt},
       {"7", "date", "1e3"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2),
              ElementsAre("2012-01-01 00:00:00", "1970-01-02 00:00:00", "1325376000", "2012-01-01", "0",
                          std::nullopt, "1970-01-01 00:16:40"));
}

TEST(ConvertIpTest, DottedAndBinaryIpv4BecomeNumbers) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\ConvertIp"),
                                ContextFor("log_visitor_info", "remote_addr", {"visitor_id", "remote_addr"}),
                                {{"1", "127.0.0.1"},
                                 {"2", "255.255.255.255"},
                                 {"3", std::string("\x0a\x00\x00\x01", 4)},
                                 {"4", "::1"},
                                 {"5", "::12"},
                                 {"6", "01.2.3.4"},
                                 {"7", "256.1.1.1"},
                                 {"8", std::nullopt},
                                 {"9", "localhost"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1),
              ElementsAre("2130706433", "4294967295", "167772161", "0", "0", "0", "0", "0", "0"));
}

TEST(ConvertDateFormatTest, NamedFormatsBecomeIntlConstants) {
  RunResult result =
      RunHandler(Ref("\\Migration\\Handler\\ConvertDateFormat"),
                 ContextFor("widget_instance", "widget_parameters", {"widget_parameters"}),
                 {{"<a><date_format>full</date_format><b><date_format>short</date_format></b></a>"},
                  {"<date_format>long</date_format><date_format>medium</date_format><date_format>other</date_format>"},
                  {std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 0),
              ElementsAre("<a><date_format>0</date_format><b><date_format>3</date_format></b></a>",
                          "<date_format>1</date_format><date_format>2</date_format><date_format>other</date_format>",
                          ""));
}

TEST(TimezoneTest, MovesDateTimesAndUnixTimesByTheOffset) {
  const HandlerContext context = ContextFor("sales_order", "created_at", {"entity_id", "created_at"});
  const Rows rows = {{"1", "2012-03-04 23:30:00"}, {"2", "1325376000"}, {"3", std::nullopt}, {"4", "0"}};
  RunResult plus = RunHandler(Ref("\\Migration\\Handler\\Timezone", {{"offset", "+2"}}), context, rows);
  ASSERT_TRUE(plus.status.ok()) << plus.status;
  EXPECT_THAT(Column(plus.rows, 1), ElementsAre("2012-03-05 01:30:00", "1325383200", std::nullopt, "0"));
  RunResult minus = RunHandler(Ref("\\Migration\\Handler\\Timezone", {{"offset", "-5"}}), context, rows);
  ASSERT_TRUE(minus.status.ok()) << minus.status;
  EXPECT_THAT(Column(minus.rows, 1), ElementsAre("2012-03-04 18:30:00", "1325358000", std::nullopt, "0"));
  RunResult none = RunHandler(Ref("\\Migration\\Handler\\Timezone", {{"offset", "0"}}), context, rows);
  EXPECT_EQ(none.rows, rows);
}

TEST(TimezoneTest, OffsetOutOfRangeAndUnsupportedValuesAreMagentosErrors) {
  const HandlerContext context = ContextFor("sales_order", "created_at", {"created_at"});
  RunResult too_far = RunHandler(Ref("\\Migration\\Handler\\Timezone", {{"offset", "+13"}}), context, {});
  EXPECT_THAT(too_far.status.message(), HasSubstr("Offset can have value between \"-14\" and \"+12\"\""));
  RunResult text = RunHandler(Ref("\\Migration\\Handler\\Timezone", {{"offset", "1"}}), context, {{"soon"}});
  EXPECT_THAT(text.status.message(), HasSubstr("Provided datatype for field \"created_at\" is not supported"));
}

}  // namespace
}  // namespace migrate::mapping
