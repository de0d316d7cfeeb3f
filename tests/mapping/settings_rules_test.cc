// settings.xml (settings.xsd): ignored and renamed core_config_data paths, value handlers.
#include "mapping/settings_rules.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::mapping {
namespace {

using ::testing::SizeIs;

constexpr char kSettings[] = R"(<settings>
    <key>
        <ignore><path>advanced/modules_disable_output/*</path></ignore>
        <ignore><path>web/cookie/*</path></ignore>
        <ignore><path>carriers/dhl/debug</path></ignore>
        <ignore><path>payment/old/*</path></ignore>
        <rename>
            <path>shipping/option/checkout_multiple</path>
            <to>multishipping/options/checkout_multiple</to>
        </rename>
        <rename>
            <path>shipping/option/checkout_multiple</path>
            <to>ignored/second/rename</to>
        </rename>
        <rename>
            <path>payment/old/active</path>
            <to>payment/new/active</to>
        </rename>
    </key>
    <value>
        <transform>
            <path>catalog/seo/product_url_suffix</path>
            <handler class="\Migration\Handler\Settings\UrlSuffix" />
        </transform>
        <transform>
            <path>design/theme/default</path>
            <handler class="\Migration\Handler\SetValue">
                <param name="value" value="Magento/luma" />
            </handler>
        </transform>
        <transform>
            <path>payment/old/pwd</path>
            <handler class="\Migration\Handler\Encrypt" />
        </transform>
    </value>
</settings>)";

std::string ParseError(absl::string_view xml) {
  absl::StatusOr<SettingsRules> rules = SettingsRules::Parse("settings.xml", xml);
  EXPECT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(rules.status().message());
}

TEST(SettingsRulesTest, Ignores) {
  absl::StatusOr<SettingsRules> rules = SettingsRules::Parse("settings.xml", kSettings);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_THAT(rules->ignores(), SizeIs(4));
  EXPECT_TRUE(rules->IsIgnored("carriers/dhl/debug"));
  EXPECT_FALSE(rules->IsIgnored("carriers/dhl/debugging"));
  EXPECT_TRUE(rules->IsIgnored("advanced/modules_disable_output/Mage_Catalog"));
  EXPECT_TRUE(rules->IsIgnored("web/cookie/cookie_path/deeper"));
  // '*' needs at least one character.
  EXPECT_FALSE(rules->IsIgnored("web/cookie/"));
  EXPECT_FALSE(rules->IsIgnored("web/secure/base_url"));
}

TEST(SettingsRulesTest, RenamesAndHandlers) {
  absl::StatusOr<SettingsRules> rules = SettingsRules::Parse("settings.xml", kSettings);
  ASSERT_TRUE(rules.ok()) << rules.status();
  // The first rename of a path wins.
  EXPECT_EQ(rules->Rename("shipping/option/checkout_multiple"),
            "multishipping/options/checkout_multiple");
  EXPECT_EQ(rules->Rename("web/secure/base_url"), "web/secure/base_url");
  // An ignored path is neither renamed nor transformed.
  EXPECT_EQ(rules->Rename("payment/old/active"), "payment/old/active");
  EXPECT_EQ(rules->ValueHandler("payment/old/pwd"), nullptr);

  const HandlerRef* suffix = rules->ValueHandler("catalog/seo/product_url_suffix");
  ASSERT_NE(suffix, nullptr);
  EXPECT_EQ(suffix->ClassKey(), "Migration\\Handler\\Settings\\UrlSuffix");
  EXPECT_EQ(suffix->Location(), "settings.xml:23");
  const HandlerRef* theme = rules->ValueHandler("design/theme/default");
  ASSERT_NE(theme, nullptr);
  EXPECT_EQ(theme->Param("value")->value, "Magento/luma");
  EXPECT_EQ(rules->ValueHandler("web/secure/base_url"), nullptr);
}

TEST(SettingsRulesTest, SchemaErrors) {
  EXPECT_EQ(ParseError("<settings><key/></settings>"),
            "settings.xml:1: element <settings> lacks <value>");
  EXPECT_EQ(ParseError("<settings><key/><value/></settings>"),
            "settings.xml:1: element <value> lacks <transform>");
  EXPECT_EQ(ParseError("<settings><key><rename><path>a/*</path><to>b</to></rename></key>"
                       "<value/></settings>"),
            "settings.xml:1: <path> value \"a/*\" is not a configuration path");
  EXPECT_EQ(ParseError("<settings><key><ignore><path>a b</path></ignore></key><value/></settings>"),
            "settings.xml:1: <path> value \"a b\" is not a configuration path");
  // settings.xsd allows no underscore in handler classes, unlike map.xsd.
  EXPECT_EQ(ParseError("<settings><key/><value><transform><path>a/b</path>"
                       "<handler class=\"My_Handler\"/></transform></value></settings>"),
            "settings.xml:1: handler class \"My_Handler\" is not a valid class name");
  EXPECT_EQ(
      ParseError("<settings>\n<key/>\n<value>\n<transform>\n<handler class=\"H\"/>\n"
                 "</transform>\n</value>\n</settings>"),
      "settings.xml:5: element <handler> is not allowed here in <transform>: expected <path>");
}

TEST(SettingsRulesTest, RepeatedParamNamesAreAllowed) {
  absl::StatusOr<SettingsRules> rules =
      SettingsRules::Parse("settings.xml",
                           "<settings><key/><value><transform><path>a/b</path><handler class=\"H\">"
                           "<param name=\"v\" value=\"1\"/><param name=\"v\" value=\"2\"/>"
                           "</handler></transform></value></settings>");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->ValueHandler("a/b")->Param("v")->value, "2");
}

}  // namespace
}  // namespace migrate::mapping
