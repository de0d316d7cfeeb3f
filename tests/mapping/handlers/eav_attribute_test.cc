// EavAttribute\ConvertModel / ApplyTo / BackendTypeForMultiselect and EavAttributeGroup\SetGroupCode.
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/config.h"
#include "tests/mapping/handlers/fake_databases.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kClassMap[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<classmap>
    <rename>
        <from>catalog/product_attribute_backend_media</from>
        <to>Magento\Catalog\Model\Product\Attribute\Backend\Media</to>
    </rename>
    <rename>
        <from>adminhtml/catalog_product_helper_form_msrp_enabled</from>
        <to />
    </rename>
</classmap>
)";

// A config whose class_map option names a class map written next to it.
Config ConfigWithClassMap() {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) /
      absl::StrCat("h2_eav_", testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "class-map.xml") << kClassMap;
  const std::string xml = absl::StrCat(R"(<?xml version="1.0" encoding="UTF-8"?>
<config>
    <steps mode="data"><step title="Map Step"><data>Migration\Step\Map\Data</data></step></steps>
    <source><database host="localhost" name="m1" user="root" /></source>
    <destination><database host="localhost" name="m2" user="root" /></destination>
    <options><class_map>)", (dir / "class-map.xml").string(), R"(</class_map></options>
</config>
)");
  absl::StatusOr<Config> config = Config::Parse((dir / "config.xml").string(), xml, "");
  EXPECT_TRUE(config.ok()) << config.status();
  return *std::move(config);
}

HandlerContext AttributeContext(std::string field) {
  HandlerContext context =
      ContextFor("eav_attribute", std::move(field),
                 {"attribute_id", "entity_type_id", "backend_model", "backend_type", "frontend_input"});
  context.opposite_fields = {"attribute_id", "backend_model"};
  return context;
}

TEST(ConvertModelTest, ConvertsThroughTheClassMapAndFallsBackToTheOppositeValue) {
  const Config config = ConfigWithClassMap();
  HandlerContext context = AttributeContext("backend_model");
  context.config = &config;
  const Rows source = {
      {"1", "4", "catalog/product_attribute_backend_media", "varchar", "gallery"},
      {"2", "4", "adminhtml/catalog_product_helper_form_msrp_enabled", "int", "select"},
      {"3", "4", "unknown/model", "int", "select"},
      {"4", "4", "", "int", "select"},
      {"5", "4", std::nullopt, "int", "select"},
      {"6", "4", "0", "int", "select"},
  };
  const Rows destination = {{"1", "X"}, {"2", "X"}, {"3", "X"}, {"4", "Dest\\Model"}, {"5", ""}, {"6", "0"}};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\EavAttribute\\ConvertModel"), context, source, destination);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2),
              ElementsAre("Magento\\Catalog\\Model\\Product\\Attribute\\Backend\\Media", std::nullopt, std::nullopt,
                          "Dest\\Model", std::nullopt, std::nullopt));
}

TEST(ConvertModelTest, WithoutClassMapOptionIsAConfigurationError) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\EavAttribute\\ConvertModel"),
                                AttributeContext("backend_model"), {});
  EXPECT_THAT(result.status.message(), HasSubstr("map.xml:7"));
  EXPECT_THAT(result.status.message(), HasSubstr("Invalid map filename"));
}

TEST(ApplyToTest, UserDefinedAttributesUnknownToTheDestinationGetNull) {
  FakeSource source({{"is_user_defined", {{"10"}, {"11"}}}});
  HandlerContext context = ContextFor("catalog_eav_attribute", "apply_to", {"attribute_id", "apply_to"});
  context.opposite_fields = {"attribute_id", "apply_to"};
  context.source = &source;
  const Rows rows = {{"10", "simple"}, {"11", "simple"}, {"12", "simple"}, {"13", "simple"}};
  const Rows opposite = {{std::nullopt, std::nullopt}, {"11", "virtual"}, {"12", "bundle"}, {"0", std::nullopt}};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\EavAttribute\\ApplyTo"), context, rows, opposite);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre(std::nullopt, "virtual", "bundle", std::nullopt));
  ASSERT_EQ(source.queries.size(), 1u);
  EXPECT_THAT(source.queries[0], HasSubstr("`m1_eav_attribute`"));
}

TEST(BackendTypeForMultiselectTest, ProductMultiselectsBecomeVarchar) {
  FakeSource source({{"eav_entity_type", {{"4"}}}});
  HandlerContext context = AttributeContext("backend_type");
  context.source = &source;
  const Rows rows = {{"1", "4", "", "text", "multiselect"},
                     {"2", "3", "", "text", "multiselect"},
                     {"3", "4", "", "int", "select"},
                     {"4", "4", "", "varchar", std::nullopt}};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\EavAttribute\\BackendTypeForMultiselect"), context, rows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 3), ElementsAre("varchar", "text", "int", "varchar"));
  ASSERT_EQ(source.queries.size(), 1u);
  EXPECT_THAT(source.queries[0], HasSubstr("entity_type_code = 'catalog_product'"));
}

TEST(SetGroupCodeTest, MapsKnownNamesAndSlugsTheRest) {
  HandlerContext context =
      ContextFor("eav_attribute_group", "attribute_group_code",
                 {"attribute_group_id", "attribute_set_id", "attribute_group_name", "attribute_group_code"});
  Rows rows;
  for (Cell name : std::vector<Cell>{"General", "Migration_Prices", "Design", "Gift Options", "Migration_Meta  Info!",
                                     "Ünïcode Tab", "Migration_General", std::nullopt, "Recurring-Profile"}) {
    rows.push_back({"1", "4", name, std::nullopt});
  }
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\EavAttributeGroup\\SetGroupCode"), context, rows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 3),
              ElementsAre("product-details", "advanced-pricing", "design", "gift-options", "migration-meta-info-",
                          "-n-code-tab", "product-details", "", "recurring-profile"));
}

TEST(SetGroupCodeTest, NeedsTheGroupNameField) {
  HandlerContext context =
      ContextFor("eav_attribute_group", "attribute_group_code", {"attribute_set_id", "attribute_group_code"});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\EavAttributeGroup\\SetGroupCode"), context, {});
  EXPECT_FALSE(result.status.ok());
  EXPECT_THAT(result.status.message(), HasSubstr("attribute_group_name"));
}

}  // namespace
}  // namespace migrate::mapping
