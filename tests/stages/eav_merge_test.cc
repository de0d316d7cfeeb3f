// The EAV merge (stages/steps/eav/eav_merge.h) on small hand-made models, where Magento 2's ids and
// Magento 1's overlap as they do in real shops: Magento 1's ids kept, Magento 2's own rows moved
// after them with every reference following, Magento 2's definitions winning for shared attributes,
// product set layouts copied, and every Magento 1 membership kept.
#include "stages/steps/eav/eav_merge.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::stages::eav {
namespace {

using ::testing::ElementsAre;

io::Record R(std::initializer_list<std::pair<const std::string, io::Value>> fields) { return io::Record(fields); }

// "a=1 b=2" for the named columns of each row, NULL as "NULL" and an absent column as "-".
std::vector<std::string> Show(const std::vector<io::Record>& rows, const std::vector<std::string>& columns) {
  std::vector<std::string> lines;
  for (const io::Record& row : rows) {
    std::vector<std::string> parts;
    for (const std::string& column : columns) {
      auto it = row.find(column);
      parts.push_back(absl::StrCat(column, "=", it == row.end() ? "-" : it->second.value_or("NULL")));
    }
    lines.push_back(absl::StrJoin(parts, " "));
  }
  return lines;
}

// Magento 1: product type 10, customer type 1; sets Default (4, product) and Shoes (9, product),
// Default (1, customer); groups General (7, set 4), General (8, set 9), Shoe Sizes (12, set 9),
// General (2, set 1); attributes name (60, product), shoe_size (61, product, custom), color (62,
// product, M2 knows it but its Default layout does not hold it), msrp_enabled (63, ignored),
// email (5, customer).
EavMergeInput Model() {
  EavMergeInput in;
  in.source.entity_types = {R({{"entity_type_id", "1"}, {"entity_type_code", "customer"}}),
                            R({{"entity_type_id", "10"}, {"entity_type_code", "catalog_product"}})};
  in.source.attribute_sets = {
      R({{"attribute_set_id", "1"}, {"entity_type_id", "1"}, {"attribute_set_name", "Default"}}),
      R({{"attribute_set_id", "4"}, {"entity_type_id", "10"}, {"attribute_set_name", "Default"}}),
      R({{"attribute_set_id", "9"}, {"entity_type_id", "10"}, {"attribute_set_name", "Shoes"}})};
  in.source.attribute_groups = {
      R({{"attribute_group_id", "2"}, {"attribute_set_id", "1"}, {"attribute_group_name", "General"}}),
      R({{"attribute_group_id", "7"}, {"attribute_set_id", "4"}, {"attribute_group_name", "General"}}),
      R({{"attribute_group_id", "8"}, {"attribute_set_id", "9"}, {"attribute_group_name", "General"}}),
      R({{"attribute_group_id", "12"}, {"attribute_set_id", "9"}, {"attribute_group_name", "Shoe Sizes"}})};
  in.source.attributes = {
      R({{"attribute_id", "5"}, {"entity_type_id", "1"}, {"attribute_code", "email"}, {"backend_type", "static"}}),
      R({{"attribute_id", "60"}, {"entity_type_id", "10"}, {"attribute_code", "name"}, {"backend_type", "varchar"}}),
      R({{"attribute_id", "61"}, {"entity_type_id", "10"}, {"attribute_code", "shoe_size"}, {"backend_type", "int"}}),
      R({{"attribute_id", "62"}, {"entity_type_id", "10"}, {"attribute_code", "color"}, {"backend_type", "int"}}),
      R({{"attribute_id", "63"}, {"entity_type_id", "10"}, {"attribute_code", "msrp_enabled"}})};
  in.source.entity_attributes = {
      R({{"entity_attribute_id", "1"}, {"entity_type_id", "1"}, {"attribute_set_id", "1"}, {"attribute_group_id", "2"},
         {"attribute_id", "5"}, {"sort_order", "1"}}),
      R({{"entity_attribute_id", "2"}, {"entity_type_id", "10"}, {"attribute_set_id", "4"},
         {"attribute_group_id", "7"}, {"attribute_id", "60"}, {"sort_order", "1"}}),
      R({{"entity_attribute_id", "3"}, {"entity_type_id", "10"}, {"attribute_set_id", "9"},
         {"attribute_group_id", "8"}, {"attribute_id", "60"}, {"sort_order", "1"}}),
      R({{"entity_attribute_id", "4"}, {"entity_type_id", "10"}, {"attribute_set_id", "9"},
         {"attribute_group_id", "12"}, {"attribute_id", "61"}, {"sort_order", "2"}}),
      R({{"entity_attribute_id", "5"}, {"entity_type_id", "10"}, {"attribute_set_id", "9"},
         {"attribute_group_id", "8"}, {"attribute_id", "62"}, {"sort_order", "3"}}),
      R({{"entity_attribute_id", "6"}, {"entity_type_id", "10"}, {"attribute_set_id", "9"},
         {"attribute_group_id", "8"}, {"attribute_id", "63"}, {"sort_order", "4"}})};
  in.source.catalog_attributes = {R({{"attribute_id", "60"}, {"is_global", "0"}}),
                                  R({{"attribute_id", "61"}, {"is_global", "1"}}),
                                  R({{"attribute_id", "63"}, {"is_global", "1"}})};
  in.transformed = in.source;
  for (io::Record& set : in.transformed.attribute_sets) set["sort_order"] = "100";
  for (io::Record& group : in.transformed.attribute_groups) group["tab_group_code"] = "basic";

  // Magento 2: customer 1, catalog_product 4, cataloginventory_stock 9 (its own); sets Default
  // (1, customer), Default (4, product), Stock (5, type 9); groups of the Default product set:
  // Product Details (7, code product-details) and Advanced Pricing (10, advanced-pricing);
  // attributes email (1), name (73), color (93), quantity_and_stock_status (112).
  in.destination.entity_types = {
      R({{"entity_type_id", "1"}, {"entity_type_code", "customer"}, {"entity_model", "M2Customer"}}),
      R({{"entity_type_id", "4"}, {"entity_type_code", "catalog_product"}, {"entity_model", "M2Product"}}),
      R({{"entity_type_id", "9"}, {"entity_type_code", "cataloginventory_stock"}, {"entity_model", "M2Stock"}})};
  in.destination.attribute_sets = {
      R({{"attribute_set_id", "1"}, {"entity_type_id", "1"}, {"attribute_set_name", "Default"}}),
      R({{"attribute_set_id", "4"}, {"entity_type_id", "4"}, {"attribute_set_name", "Default"}}),
      R({{"attribute_set_id", "5"}, {"entity_type_id", "9"}, {"attribute_set_name", "Stock"}})};
  in.destination.attribute_groups = {
      R({{"attribute_group_id", "1"}, {"attribute_set_id", "1"}, {"attribute_group_name", "General"},
         {"attribute_group_code", "general"}}),
      R({{"attribute_group_id", "7"}, {"attribute_set_id", "4"}, {"attribute_group_name", "Product Details"},
         {"attribute_group_code", "product-details"}}),
      R({{"attribute_group_id", "10"}, {"attribute_set_id", "4"}, {"attribute_group_name", "Advanced Pricing"},
         {"attribute_group_code", "advanced-pricing"}})};
  in.destination.attributes = {
      R({{"attribute_id", "1"}, {"entity_type_id", "1"}, {"attribute_code", "email"}, {"backend_type", "static"}}),
      R({{"attribute_id", "73"}, {"entity_type_id", "4"}, {"attribute_code", "name"}, {"backend_type", "m2"}}),
      R({{"attribute_id", "93"}, {"entity_type_id", "4"}, {"attribute_code", "color"}, {"backend_type", "m2"}}),
      R({{"attribute_id", "112"}, {"entity_type_id", "4"}, {"attribute_code", "quantity_and_stock_status"}})};
  in.destination.entity_attributes = {
      R({{"entity_attribute_id", "1"}, {"entity_type_id", "1"}, {"attribute_set_id", "1"}, {"attribute_group_id", "1"},
         {"attribute_id", "1"}, {"sort_order", "10"}}),
      R({{"entity_attribute_id", "20"}, {"entity_type_id", "4"}, {"attribute_set_id", "4"},
         {"attribute_group_id", "7"}, {"attribute_id", "73"}, {"sort_order", "1"}}),
      R({{"entity_attribute_id", "21"}, {"entity_type_id", "4"}, {"attribute_set_id", "4"},
         {"attribute_group_id", "7"}, {"attribute_id", "112"}, {"sort_order", "2"}})};
  in.destination.catalog_attributes = {R({{"attribute_id", "73"}, {"is_global", "m2"}}),
                                       R({{"attribute_id", "112"}, {"is_global", "m2"}})};
  in.ignored = {{"catalog_product", "msrp_enabled"}};
  return in;
}

TEST(EavMergeTest, EntityTypesKeepMagento1IdsOverMagento2RowsAndMagento2sOwnMoveAfterThem) {
  absl::StatusOr<EavTables> merged = MergeEav(Model());
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(Show(merged->entity_types, {"entity_type_id", "entity_type_code", "entity_model"}),
              ElementsAre("entity_type_id=1 entity_type_code=customer entity_model=M2Customer",
                          "entity_type_id=10 entity_type_code=catalog_product entity_model=M2Product",
                          "entity_type_id=11 entity_type_code=cataloginventory_stock entity_model=M2Stock"));
}

TEST(EavMergeTest, Magento1SetsReplaceMagento2sOfTheSameNameAndTheRestMoveWithTheirType) {
  absl::StatusOr<EavTables> merged = MergeEav(Model());
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(Show(merged->attribute_sets, {"attribute_set_id", "entity_type_id", "attribute_set_name", "sort_order"}),
              ElementsAre("attribute_set_id=1 entity_type_id=1 attribute_set_name=Default sort_order=100",
                          "attribute_set_id=4 entity_type_id=10 attribute_set_name=Default sort_order=100",
                          "attribute_set_id=9 entity_type_id=10 attribute_set_name=Shoes sort_order=100",
                          "attribute_set_id=10 entity_type_id=11 attribute_set_name=Stock sort_order=-"));
}

TEST(EavMergeTest, CustomProductSetsGetMagento2sLayoutAndMagento1sOwnGroups) {
  absl::StatusOr<EavTables> merged = MergeEav(Model());
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(Show(merged->attribute_groups, {"attribute_group_id", "attribute_set_id", "attribute_group_name"}),
              ElementsAre("attribute_group_id=1 attribute_set_id=1 attribute_group_name=General",
                          "attribute_group_id=7 attribute_set_id=4 attribute_group_name=Product Details",
                          "attribute_group_id=10 attribute_set_id=4 attribute_group_name=Advanced Pricing",
                          "attribute_group_id=11 attribute_set_id=9 attribute_group_name=Product Details",
                          "attribute_group_id=12 attribute_set_id=9 attribute_group_name=Advanced Pricing",
                          "attribute_group_id=13 attribute_set_id=9 attribute_group_name=Shoe Sizes"));
}

TEST(EavMergeTest, SharedAttributesKeepMagento2sDefinitionUnderMagento1sIdAndMagento2sOwnFollowEveryId) {
  absl::StatusOr<EavTables> merged = MergeEav(Model());
  ASSERT_TRUE(merged.ok()) << merged.status();
  // New ids follow the highest Magento 1 id, the ignored msrp_enabled's 63 included.
  EXPECT_THAT(Show(merged->attributes, {"attribute_id", "entity_type_id", "attribute_code", "backend_type"}),
              ElementsAre("attribute_id=5 entity_type_id=1 attribute_code=email backend_type=static",
                          "attribute_id=60 entity_type_id=10 attribute_code=name backend_type=m2",
                          "attribute_id=61 entity_type_id=10 attribute_code=shoe_size backend_type=int",
                          "attribute_id=62 entity_type_id=10 attribute_code=color backend_type=m2",
                          "attribute_id=64 entity_type_id=10 attribute_code=quantity_and_stock_status "
                          "backend_type=-"));
  EXPECT_THAT(Show(merged->catalog_attributes, {"attribute_id", "is_global"}),
              ElementsAre("attribute_id=60 is_global=m2", "attribute_id=61 is_global=1",
                          "attribute_id=64 is_global=m2"));
}

TEST(EavMergeTest, MembershipsFollowTheNewIdsAndEveryMagento1MembershipIsKept) {
  absl::StatusOr<EavTables> merged = MergeEav(Model());
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(Show(merged->entity_attributes, {"entity_attribute_id", "entity_type_id", "attribute_set_id",
                                               "attribute_group_id", "attribute_id", "sort_order"}),
              ElementsAre(
                  // Magento 2's, remapped in one pass: customer email 1 -> 5, name 73 -> 60, stock 112 -> 64.
                  "entity_attribute_id=1 entity_type_id=1 attribute_set_id=1 attribute_group_id=1 attribute_id=5 "
                  "sort_order=10",
                  "entity_attribute_id=20 entity_type_id=10 attribute_set_id=4 attribute_group_id=7 attribute_id=60 "
                  "sort_order=1",
                  "entity_attribute_id=21 entity_type_id=10 attribute_set_id=4 attribute_group_id=7 attribute_id=64 "
                  "sort_order=2",
                  // Magento 2's Default layout copied into Shoes.
                  "entity_attribute_id=22 entity_type_id=10 attribute_set_id=9 attribute_group_id=11 "
                  "attribute_id=60 sort_order=1",
                  "entity_attribute_id=23 entity_type_id=10 attribute_set_id=9 attribute_group_id=11 "
                  "attribute_id=64 sort_order=2",
                  // Magento 1's own: shoe_size in its group, color (General -> Product Details, +200).
                  "entity_attribute_id=24 entity_type_id=10 attribute_set_id=9 attribute_group_id=13 "
                  "attribute_id=61 sort_order=2",
                  "entity_attribute_id=25 entity_type_id=10 attribute_set_id=9 attribute_group_id=11 "
                  "attribute_id=62 sort_order=203"));
}

TEST(EavMergeTest, ATransformedTableOfAnotherLengthIsAnError) {
  EavMergeInput in = Model();
  in.transformed.attributes.pop_back();
  EXPECT_FALSE(MergeEav(in).ok());
}

}  // namespace
}  // namespace migrate::stages::eav
