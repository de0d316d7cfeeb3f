// Synonym, Gallery\InsertValueToEntity and Sequence: the idempotent statements they send to the
// destination, one per batch, and the handled field left as it was.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_databases.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(SynonymTest, OneInsertOfTheBatchsSynonymGroupsThatAreNotThereYet) {
  FakeSource source({{"m1_core_store", {{"0", "0"}, {"1", "1"}, {"2", "1"}}}});
  FakeDestination destination;
  HandlerContext context =
      ContextFor("catalogsearch_query", "synonym_for", {"query_id", "query_text", "store_id", "synonym_for"});
  context.source = &source;
  context.destination = &destination;
  const Rows rows = {{"1", "tee", "1", "shirt"}, {"2", "x", "2", ""}, {"3", "cap", "2", "hat"},
                     {"4", "y", "1", std::nullopt}, {"5", "z", "9", "zed"}};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Synonym"), context, rows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(result.rows, rows);
  ASSERT_EQ(destination.executed.size(), 1u);
  const std::string& sql = destination.executed[0];
  EXPECT_THAT(sql, HasSubstr("INSERT INTO `m2_search_synonyms` (synonyms, store_id, website_id)"));
  EXPECT_THAT(sql, HasSubstr("SELECT 'shirt\"tee\",' AS synonyms, '1' AS store_id, '1' AS website_id"));
  EXPECT_THAT(sql, HasSubstr("SELECT 'hat\"cap\",' AS synonyms, '2' AS store_id, '1' AS website_id"));
  EXPECT_THAT(sql, HasSubstr("SELECT 'zed\"z\",' AS synonyms, '9' AS store_id, '0' AS website_id"));
  EXPECT_THAT(sql, HasSubstr("WHERE NOT EXISTS"));
  EXPECT_THAT(sql, ::testing::Not(HasSubstr("'x'")));
}

TEST(SynonymTest, NothingToWriteSendsNothing) {
  FakeSource source;
  FakeDestination destination;
  HandlerContext context = ContextFor("catalogsearch_query", "synonym_for", {"query_text", "store_id", "synonym_for"});
  context.source = &source;
  context.destination = &destination;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Synonym"), context, {{"a", "1", "0"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(destination.executed, IsEmpty());
}

HandlerContext GalleryContext(const DestinationAccess* destination) {
  HandlerContext context = ContextFor("catalog_product_entity_media_gallery", "value_id",
                                      {"value_id", "attribute_id", "entity_id", "value"});
  context.destination = destination;
  return context;
}

TEST(InsertValueToEntityTest, InsertIgnoresTheBatchsLinks) {
  FakeDestination destination;
  const Rows rows = {{"1", "88", "11", "/a.jpg"}, {"2", "88", "12", "/b.jpg"}};
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Gallery\\InsertValueToEntity"),
                                GalleryContext(&destination), rows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(result.rows, rows);
  EXPECT_THAT(destination.executed,
              ElementsAre("INSERT IGNORE INTO `m2_catalog_product_entity_media_gallery_value_to_entity` "
                          "(value_id, entity_id) VALUES ('1', '11'), ('2', '12')"));
}

TEST(InsertValueToEntityTest, WithoutDestinationIsAConfigurationError) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Gallery\\InsertValueToEntity"), GalleryContext(nullptr), {});
  EXPECT_THAT(result.status.message(), HasSubstr("map.xml:7: handler \\Migration\\Handler\\Gallery\\InsertValueToEntity"));
  EXPECT_THAT(result.status.message(), HasSubstr("needs the destination database"));
}

TEST(SequenceTest, InsertIgnoresTruthyIds) {
  FakeDestination destination;
  HandlerContext context = ContextFor("catalog_product_entity", "entity_id", {"entity_id", "sku"});
  context.destination = &destination;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Sequence", {{"table", "sequence_product"}}), context,
                                {{"1", "a"}, {"0", "b"}, {"3", "c"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(destination.executed,
              ElementsAre("INSERT IGNORE INTO `m2_sequence_product` (sequence_value) VALUES ('1'), ('3')"));
  RunResult missing = RunHandler(Ref("\\Migration\\Handler\\Sequence"), context, {});
  EXPECT_THAT(missing.status.message(), HasSubstr("needs param table"));
}

}  // namespace
}  // namespace migrate::mapping
