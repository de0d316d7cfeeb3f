// The content handlers: SerializeToJson's variants, Rule\SerializedData, ClassMap, Placeholder,
// SetHash, Settings\Template, and PHP's preg_* they rest on.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/handlers/php_regex.h"
#include "tests/mapping/handlers/content_test_support.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Replace(absl::string_view pattern, absl::string_view replacement, absl::string_view subject) {
  absl::StatusOr<php::Regex> regex = php::Regex::Compile(pattern);
  EXPECT_TRUE(regex.ok()) << regex.status();
  std::string out;
  EXPECT_TRUE(regex->Replace(subject, replacement, out));
  return out;
}

TEST(PhpRegexTest, ReplacesAsPregReplace) {
  EXPECT_EQ(Replace("/a(b)?/", "[$1]", "ab a"), "[b] []");
  EXPECT_EQ(Replace("#x*#", "-", "abc"), "-a-b-c-");
  EXPECT_EQ(Replace("{(\\d+)}", "${1}0 \\1 \\$1", "7"), "70 7 $1");
  EXPECT_EQ(Replace("/.*/U", "", "line\nnext"), "\n");
  EXPECT_TRUE(php::Regex::Compile("/OPTION_\\d/i")->Matches("my option_1"));
  EXPECT_FALSE(php::Regex::Compile("/^b/m")->Matches("a\nc"));
}

TEST(PhpRegexTest, RejectsWhatPhpRejects) {
  EXPECT_THAT(php::Regex::Compile("abc").status().message(), HasSubstr("alphanumeric"));
  EXPECT_THAT(php::Regex::Compile("/abc").status().message(), HasSubstr("No ending delimiter"));
  EXPECT_THAT(php::Regex::Compile("/abc/q").status().message(), HasSubstr("Unknown modifier 'q'"));
  EXPECT_THAT(php::Regex::Compile("/(abc/").status().message(), HasSubstr("Compilation failed"));
}

HandlerContext OptionContext(std::vector<std::string>* warnings) {
  HandlerContext context = ContextFor("sales_flat_quote_item_option", "value", {"option_id", "code", "value"});
  context.id_field = "option_id";
  context.warn = [warnings](absl::string_view message) { warnings->emplace_back(message); };
  return context;
}

const Rows kItemOptions = {
    {"1", "option_12", "a:1:{s:4:\"type\";s:4:\"file\";}"},
    {"2", "option_ids", "a:1:{i:0;i:1;}"},
    {"3", "option_7", "plain text"},
    {"4", "option_8", "b:0;"},
    {"5", "info_buyRequest", "a:1:{s:3:\"qty\";i:2;}"},
    {"6", "option_9", std::nullopt},
    {"7", "attributes", "broken"},
};

TEST(ItemOptionTest, ConvertsCustomOptionsOnly) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson\\ItemOption"),
                                OptionContext(&warnings), kItemOptions);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2),
              ElementsAre("{\"type\":\"file\"}", "a:1:{i:0;i:1;}", "plain text", "b:0;",
                          "a:1:{s:3:\"qty\";i:2;}", std::nullopt, "broken"));
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(ItemOptionTest, NullCodeIsMagentosError) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson\\ItemOption"),
                                OptionContext(&warnings), {{"1", std::nullopt, "x"}});
  EXPECT_EQ(result.status.message(), "Field code not found in the record.");
}

HandlerRef ConditionsRef(std::vector<HandlerParam> extra = {}) {
  std::vector<HandlerParam> params = {
      {"conditionalField", "code"},
      {"conditionalFieldValuesPattern",
       "/(parameters)|(info_buyRequest)|(attributes)|(bundle_option_ids)|(bundle_selection_ids)|"
       "(bundle_selection_attributes)/"}};
  for (HandlerParam& param : extra) params.push_back(std::move(param));
  return Ref("\\Migration\\Handler\\SerializeToJson\\ConvertWithConditions", std::move(params));
}

TEST(ConvertWithConditionsTest, ConvertsMatchingCodesAndWarnsOnBrokenData) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(ConditionsRef(), OptionContext(&warnings), kItemOptions);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2),
              ElementsAre("a:1:{s:4:\"type\";s:4:\"file\";}", "a:1:{i:0;i:1;}", "plain text", "b:0;",
                          "{\"qty\":2}", std::nullopt, "broken"));
  EXPECT_THAT(warnings,
              ElementsAre("Could not unserialize data of sales_flat_quote_item_option.value with record id 7"));
}

TEST(ConvertWithConditionsTest, WithoutIgnoreBrokenDataTheRunStops) {
  std::vector<std::string> warnings;
  RunResult result = RunHandler(ConditionsRef({{"ignoreBrokenData", "0"}}), OptionContext(&warnings), kItemOptions);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(result.status.message(),
            "Could not unserialize data of sales_flat_quote_item_option.value with record id 7");
}

TEST(ConvertWithConditionsTest, ParamErrors) {
  std::vector<std::string> warnings;
  RunResult missing = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson\\ConvertWithConditions",
                                     {{"conditionalField", "code"}}),
                                 OptionContext(&warnings), {});
  EXPECT_THAT(missing.status.message(), HasSubstr("needs param conditionalFieldValuesPattern"));
  RunResult bad = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson\\ConvertWithConditions",
                                 {{"conditionalField", "code"}, {"conditionalFieldValuesPattern", "/(/"}}),
                             OptionContext(&warnings), {});
  EXPECT_THAT(bad.status.message(), HasSubstr("map.xml:7: handler"));
  RunResult unknown_field = RunHandler(Ref("\\Migration\\Handler\\SerializeToJson\\ConvertWithConditions",
                                           {{"conditionalField", "nope"}, {"conditionalFieldValuesPattern", "/a/"}}),
                                       OptionContext(&warnings), {});
  EXPECT_THAT(unknown_field.status.message(), HasSubstr("nope"));
  RunResult null_code = RunHandler(ConditionsRef(), OptionContext(&warnings), {{"1", std::nullopt, "x"}});
  EXPECT_EQ(null_code.status.message(), "Conditional field code not found in the record.");
}

HandlerContext OrderItemContext() {
  HandlerContext context = ContextFor("sales_flat_order_item", "product_options", {"item_id", "product_options"});
  context.id_field = "item_id";
  return context;
}

RunResult RunSalesOrderItem(std::vector<Cell> values) {
  Rows rows;
  int id = 1;
  for (Cell& value : values) rows.push_back({std::to_string(id++), std::move(value)});
  return RunHandler(Ref("\\Migration\\Handler\\SerializeToJson\\SalesOrderItem"), OrderItemContext(), rows);
}

TEST(SalesOrderItemTest, FileOptionsAndBundleAttributesBecomeJsonStrings) {
  const std::string file_value = "a:2:{s:5:\"title\";s:5:\"a.png\";s:4:\"size\";i:12;}";
  const std::string file_options = "a:2:{s:7:\"options\";a:2:{i:0;a:2:{s:11:\"option_type\";s:4:\"file\";"
                                   "s:12:\"option_value\";s:" + std::to_string(file_value.size()) + ":\"" +
                                   file_value + "\";}i:1;a:2:{s:11:\"option_type\";s:5:\"field\";"
                                   "s:12:\"option_value\";s:3:\"a:1\";}}s:3:\"qty\";d:1.5;}";
  const std::string bundle_value = "a:1:{s:5:\"price\";d:10;}";
  const std::string bundle = "a:1:{s:27:\"bundle_selection_attributes\";s:" +
                             std::to_string(bundle_value.size()) + ":\"" + bundle_value + "\";}";
  RunResult result = RunSalesOrderItem({file_options, bundle, std::nullopt, "", "a:0:{}", "b:0;",
                                        "a:1:{s:15:\"info_buyRequest\";a:1:{s:3:\"qty\";s:1:\"1\";}}"});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1),
              ElementsAre("{\"options\":[{\"option_type\":\"file\",\"option_value\":"
                          "\"{\\\"title\\\":\\\"a.png\\\",\\\"size\\\":12}\"},"
                          "{\"option_type\":\"field\",\"option_value\":\"a:1\"}],\"qty\":1.5}",
                          "{\"bundle_selection_attributes\":\"{\\\"price\\\":10}\"}", std::nullopt, "",
                          "[]", "", "{\"info_buyRequest\":{\"qty\":\"1\"}}"));
}

TEST(SalesOrderItemTest, BrokenDataStopsTheRun) {
  RunResult result = RunSalesOrderItem({"a:1:{s:3:\"qty\";i:1;}", "a:1:{"});
  EXPECT_EQ(result.status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(result.status.message(), "Could not unserialize data of sales_flat_order_item.product_options with record id 2");
}

HandlerContext WithClassMap(HandlerContext context, const Config* config) {
  context.config = config;
  return context;
}

HandlerContext OneField(absl::string_view document, absl::string_view field) {
  HandlerContext context = ContextFor(std::string(document), std::string(field), {"id", std::string(field)});
  context.id_field = "id";
  return context;
}

TEST(ClassMapTest, RenamesMappedClassesOnly) {
  const Config config = ConfigWithOptions({{"class_map", WriteClassMap({{"cms/widget_block", "Magento\\Cms\\Block\\Widget\\Block"},
                                                                         {"old/gone", ""}})}});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\ClassMap"),
                                WithClassMap(OneField("widget_instance", "instance_type"), &config),
                                {{"1", "cms/widget_block"}, {"2", "old/gone"}, {"3", "Vendor_Module_Block"}, {"4", std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1),
              ElementsAre("Magento\\Cms\\Block\\Widget\\Block", "old/gone", "Vendor_Module_Block", std::nullopt));
}

TEST(ClassMapTest, WithoutClassMapOptionMagentosMessage) {
  const Config config = ConfigWithOptions({});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\ClassMap"),
                                WithClassMap(OneField("widget_instance", "instance_type"), &config), {});
  EXPECT_THAT(result.status.message(), HasSubstr("map.xml:7: handler \\Migration\\Handler\\ClassMap: Invalid map filename"));
}

TEST(PlaceholderTest, RenamesWidgetTypesCutsTemplateModulesAndDropsMagento1Widgets) {
  const Config config = ConfigWithOptions(
      {{"class_map", WriteClassMap({{"cms/widget_page_link", "Magento\\Cms\\Block\\Widget\\Page\\Link"},
                                    {"catalog/product_widget_new", "Magento\\Catalog\\Block\\Product\\Widget\\NewWidget"},
                                    {"old/gone", ""}})}});
  const std::string content =
      "<p>{{widget type=\"cms/widget_page_link\" template=\"cms/widget/link/link_block.phtml\" page_id=\"2\"}}</p>\n"
      "{{widget type=\"catalog/product_widget_new\" products_count=\"5\"}}\n"
      "{{block type=\"core/template\" template=\"page/html/notices.phtml\"}}\n"
      "{{widget type=\"old/gone\" a=\"b\"}} text\n"
      "{{store url=\"\"}}";
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Placeholder"),
                                WithClassMap(OneField("cms_page", "content"), &config),
                                {{"1", content}, {"2", "no directives {{store url=\"x\"}}"}, {"3", std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1),
              ElementsAre("<p>{{widget type=\"Magento\\\\Cms\\\\Block\\\\Widget\\\\Page\\\\Link\" "
                          "template=\"widget/link/link_block.phtml\" page_id=\"2\"}}</p>\n"
                          "{{widget type=\"Magento\\\\Catalog\\\\Block\\\\Product\\\\Widget\\\\NewWidget\" "
                          "products_count=\"5\"}}\n"
                          "{{block type=\"core/template\" template=\"html/notices.phtml\"}}\n"
                          " text\n"
                          "{{store url=\"\"}}",
                          "no directives {{store url=\"x\"}}", std::nullopt));
}

TEST(RuleSerializedDataTest, RenamesClassesInNestedArraysAndSerializesAgain) {
  const Config config = ConfigWithOptions(
      {{"class_map", WriteClassMap({{"salesrule/rule_condition_combine", "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine"},
                                    {"salesrule/rule_condition_address", "Magento\\SalesRule\\Model\\Rule\\Condition\\Address"},
                                    {"old/gone", ""}})}});
  const std::string conditions =
      "a:4:{s:4:\"type\";s:32:\"salesrule/rule_condition_combine\";s:9:\"attribute\";N;s:10:\"conditions\";"
      "a:1:{i:0;a:3:{s:4:\"type\";s:32:\"salesrule/rule_condition_address\";s:5:\"value\";s:3:\"100\";"
      "s:5:\"other\";s:8:\"old/gone\";}}s:8:\"operator\";s:2:\"==\";}";
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Rule\\SerializedData"),
                                WithClassMap(OneField("salesrule", "conditions_serialized"), &config),
                                {{"1", conditions}, {"2", "s:32:\"salesrule/rule_condition_combine\";"}, {"3", std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1),
              ElementsAre("a:4:{s:4:\"type\";s:46:\"Magento\\SalesRule\\Model\\Rule\\Condition\\Combine\";"
                          "s:9:\"attribute\";N;s:10:\"conditions\";a:1:{i:0;a:3:{s:4:\"type\";"
                          "s:46:\"Magento\\SalesRule\\Model\\Rule\\Condition\\Address\";s:5:\"value\";s:3:\"100\";"
                          "s:5:\"other\";N;}}s:8:\"operator\";s:2:\"==\";}",
                          "s:32:\"salesrule/rule_condition_combine\";", std::nullopt));
  RunResult broken = RunHandler(Ref("\\Migration\\Handler\\Rule\\SerializedData"),
                                WithClassMap(OneField("salesrule", "conditions_serialized"), &config), {{"9", "a:1:{"}});
  EXPECT_EQ(broken.status.message(), "Could not unserialize data of salesrule.conditions_serialized with record id 9");
}

TEST(SetHashTest, Crc32OfTheOtherSidesBaseField) {
  HandlerContext context = ContextFor("translation", "crc_string", {"key_id", "string", "crc_string"});
  context.opposite_fields = {"key_id", "string"};
  Rows opposite = {{"1", "Add to Cart"}, {"2", ""}, {"3", std::nullopt}};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SetHash", {{"hash", "crc32"}, {"baseField", "string"}}),
                                context, {{"1", "Add to Cart", "x"}, {"2", "", "x"}, {"3", std::nullopt, "x"}}, opposite);
  ASSERT_TRUE(result.status.ok()) << result.status;
  // php -r 'echo crc32("Add to Cart");'
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("4129685265", "0", "0"));
  RunResult md5 = RunHandler(Ref("\\Migration\\Handler\\SetHash", {{"hash", "md5"}, {"baseField", "string"}}), context, {});
  EXPECT_THAT(md5.status.message(), HasSubstr("md5 hash algorithm is not supported."));
  RunResult no_base = RunHandler(Ref("\\Migration\\Handler\\SetHash", {{"hash", "crc32"}}), context, {});
  EXPECT_THAT(no_base.status.message(), HasSubstr("needs param baseField"));
}

TEST(SettingsTemplateTest, NamesTakeTheOtherSidesValueIdsStay) {
  HandlerContext context = ContextFor("core_config_data", "value", {"path", "value"});
  context.opposite_fields = {"path", "value"};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Settings\\Template"), context,
                                {{"p", "sales_email_order_template"}, {"p", "12"}, {"p", " 1.5e3 "}, {"p", "name"}, {"p", std::nullopt}},
                                {{"p", "sales_email_order_template_m2"}, {"p", "x"}, {"p", "y"}, {"p", "0"}, {"p", "z"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("sales_email_order_template_m2", "12", " 1.5e3 ", "name", "z"));
}

}  // namespace
}  // namespace migrate::mapping
