// class-map.xml (class-map.xsd): Magento 1 class aliases to Magento 2 classes.
#include "mapping/class_map.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::mapping {
namespace {

using ::testing::SizeIs;

std::string ParseError(absl::string_view xml) {
  absl::StatusOr<ClassMap> map = ClassMap::Parse("class-map.xml", xml);
  EXPECT_FALSE(map.ok());
  EXPECT_EQ(map.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(map.status().message());
}

TEST(ClassMapTest, RenamesInAnyChildOrder) {
  absl::StatusOr<ClassMap> map = ClassMap::Parse("class-map.xml", R"(<classmap>
    <rename>
        <from>catalogrule/rule_condition_combine</from>
        <to>Magento\CatalogRule\Model\Rule\Condition\Combine</to>
    </rename>
    <rename>
        <to>Magento\Old</to>
        <from>core/old</from>
    </rename>
    <rename>
        <from>adminhtml/catalog_product_helper_form_msrp_enabled</from>
        <to />
    </rename>
    <rename>
        <from>core/old</from>
        <to>Magento\New</to>
    </rename>
</classmap>)");
  ASSERT_TRUE(map.ok()) << map.status();
  ASSERT_THAT(map->renames(), SizeIs(4));
  EXPECT_EQ(map->renames()[1].from, "core/old");
  EXPECT_EQ(map->renames()[1].line, 6);
  EXPECT_EQ(map->Convert("catalogrule/rule_condition_combine"),
            "Magento\\CatalogRule\\Model\\Rule\\Condition\\Combine");
  // A later rename of the same class wins.
  EXPECT_EQ(map->Convert("core/old"), "Magento\\New");
  // Known, but without a Magento 2 class.
  EXPECT_TRUE(map->Has("adminhtml/catalog_product_helper_form_msrp_enabled"));
  EXPECT_EQ(map->Convert("adminhtml/catalog_product_helper_form_msrp_enabled"), "");
  EXPECT_FALSE(map->Has("unknown/class"));
  EXPECT_EQ(map->Convert("unknown/class"), "");
}

TEST(ClassMapTest, SchemaErrors) {
  EXPECT_EQ(ParseError("<classmap/>"), "class-map.xml:1: element <classmap> lacks <rename>");
  EXPECT_EQ(ParseError("<classmap><rename><from>a</from></rename></classmap>"),
            "class-map.xml:1: element <rename> lacks <to>");
  EXPECT_EQ(ParseError("<classmap><rename><from>a</from><to>b</to><to>c</to></rename></classmap>"),
            "class-map.xml:1: element <to> is repeated in <rename>");
  EXPECT_EQ(ParseError("<classmap><rename><from></from><to>b</to></rename></classmap>"),
            "class-map.xml:1: <from> is empty");
  EXPECT_EQ(ParseError("<classmap>\n<map><from>a</from></map>\n</classmap>"),
            "class-map.xml:2: element <map> is not allowed in <classmap>");
}

}  // namespace
}  // namespace migrate::mapping
