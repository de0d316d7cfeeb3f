// Handlers that fill a field from another source table: per creation (small tables) or per batch.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_databases.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

HandlerContext Context(const SourceLookup* source, std::string document, std::string field,
                       std::vector<std::string> fields) {
  HandlerContext context = ContextFor(std::move(document), std::move(field), std::move(fields));
  context.source = source;
  return context;
}

TEST(ProductAlertStoreIdTest, TheWebsitesDefaultStore) {
  FakeSource source({{"default_store_id", {{"1", "1"}, {"2", "5"}}}});
  RunResult result = RunHandler(
      Ref("\\Migration\\Handler\\ProductAlertStoreId"),
      Context(&source, "product_alert_price", "store_id", {"alert_price_id", "website_id", "store_id"}),
      {{"1", "1", "0"}, {"2", "2", "0"}, {"3", "0", "7"}, {"4", std::nullopt, "7"}, {"5", "9", "7"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("1", "5", "7", "7", std::nullopt));
  ASSERT_EQ(source.queries.size(), 1u);
  EXPECT_THAT(source.queries[0], HasSubstr("`m1_core_store_group`"));
}

TEST(SetDefaultWebsiteIdTest, EveryRowGetsTheDefaultWebsite) {
  FakeSource source({{"is_default = 1", {{"3"}}}});
  RunResult result =
      RunHandler(Ref("\\Migration\\Handler\\SetDefaultWebsiteId"),
                 Context(&source, "customer_entity", "website_id", {"entity_id", "website_id"}),
                 {{"1", "0"}, {"2", std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("3", "3"));
  EXPECT_THAT(source.queries[0], HasSubstr("SELECT `website_id` FROM `m1_core_website`"));
}

TEST(QuoteMultiAddressStoreIdTest, OneQueryPerBatchWithItsDistinctKeys) {
  FakeSource source({{"m1_sales_flat_quote_item", {{"100", "1"}, {"101", "2"}}}});
  RunResult result = RunHandler(
      Ref("\\Migration\\Handler\\QuoteMultiAddressStoreId"),
      Context(&source, "quote_address_item", "store_id", {"address_item_id", "quote_item_id", "store_id"}),
      {{"1", "100", std::nullopt}, {"2", "101", std::nullopt}, {"3", "100", "9"}, {"4", "999", "9"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("1", "2", "1", std::nullopt));
  ASSERT_EQ(source.queries.size(), 1u);
  EXPECT_THAT(source.queries[0], HasSubstr("WHERE `item_id` IN ("));
  EXPECT_THAT(source.queries[0], HasSubstr("'999'"));
}

TEST(BundleParentProductTest, SetsTheParentProductWhenFound) {
  FakeSource source({{"m1_catalog_product_bundle_option", {{"5", "42"}, {"6", "0"}}}});
  const HandlerRef ref = Ref("\\Migration\\Handler\\BundleParentProduct",
                             {{"parentField", "option_id"},
                              {"documentWithProductId", "catalog_product_bundle_option"},
                              {"fieldWithProductId", "parent_id"}});
  RunResult result = RunHandler(ref,
                                Context(&source, "catalog_product_bundle_option_value", "parent_product_id",
                                        {"value_id", "option_id", "parent_product_id"}),
                                {{"1", "5", std::nullopt}, {"2", "6", "3"}, {"3", "7", "3"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("42", "3", "3"));
  EXPECT_THAT(source.queries[0], HasSubstr("SELECT `option_id`, `parent_id` FROM `m1_catalog_product_bundle_option`"));
}

TEST(BundleParentProductTest, MissingParamIsNamed) {
  FakeSource source;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\BundleParentProduct", {{"parentField", "option_id"}}),
                                Context(&source, "d", "parent_product_id", {"option_id", "parent_product_id"}), {});
  EXPECT_THAT(result.status.message(), HasSubstr("needs param documentWithProductId"));
}

TEST(GallerySetEntityIdTest, EntityOfTheSourceGalleryRowOrZero) {
  FakeSource source({{"m1_catalog_product_entity_media_gallery", {{"1", "11"}, {"2", "12"}}}});
  RunResult result = RunHandler(
      Ref("\\Migration\\Handler\\Gallery\\SetEntityId"),
      Context(&source, "catalog_product_entity_media_gallery_value", "entity_id", {"value_id", "store_id", "entity_id"}),
      {{"1", "0", std::nullopt}, {"2", "1", std::nullopt}, {"3", "0", std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 2), ElementsAre("11", "12", "0"));
  EXPECT_THAT(source.queries[0], HasSubstr("SELECT `value_id`, `entity_id`"));
}

TEST(RowLookupsTest, WithoutSourceIsAConfigurationError) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\QuoteMultiAddressStoreId"),
                                Context(nullptr, "quote_address_item", "store_id", {"quote_item_id", "store_id"}), {});
  EXPECT_THAT(result.status.message(), HasSubstr("needs the source database"));
  EXPECT_THAT(result.status.message(), Not(HasSubstr("needs param")));
}

}  // namespace
}  // namespace migrate::mapping
