// The map.xml fragment for what the integrity check finds not mapped (stages/map_fragment.h), on
// hand-made findings: ignores, renames and moves chosen only when unambiguous, the exact XML, the
// reasons, and the XML read back by map_rules.h's reader with the effect it promises.
#include "stages/map_fragment.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/map_rules.h"

namespace migrate::stages {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A table of `columns`, each "name type".
std::unique_ptr<io::TableSchema> Table(const std::string& name,
                                       const std::vector<std::pair<std::string, std::string>>& columns) {
  auto table = std::make_unique<io::TableSchema>();
  table->name = name;
  for (const auto& [name, type] : columns) {
    io::ColumnSchema column;
    column.name = name;
    column.data_type = type;
    table->columns.push_back(std::move(column));
  }
  return table;
}

class MapFragmentTest : public ::testing::Test {
 protected:
  const io::TableSchema* Keep(std::unique_ptr<io::TableSchema> table) {
    tables_.push_back(std::move(table));
    return tables_.back().get();
  }
  void UnmappedSource(const std::string& name, std::unique_ptr<io::TableSchema> table, bool renamed = false) {
    documents_.unmapped_source.push_back(name);
    documents_.unmapped_source_tables[name] = UnmappedDocument{Keep(std::move(table)), renamed};
  }
  void UnmappedDestination(const std::string& name, std::unique_ptr<io::TableSchema> table, bool renamed = false) {
    documents_.unmapped_destination.push_back(name);
    documents_.unmapped_destination_tables[name] = UnmappedDocument{Keep(std::move(table)), renamed};
  }
  void Pair(const std::string& source, std::unique_ptr<io::TableSchema> source_table, const std::string& destination,
            std::unique_ptr<io::TableSchema> destination_table) {
    DocumentPair pair;
    pair.plan.source_document = source;
    pair.plan.destination_document = destination;
    pair.source = Keep(std::move(source_table));
    pair.destination = Keep(std::move(destination_table));
    documents_.pairs.push_back(std::move(pair));
  }

  std::vector<std::unique_ptr<io::TableSchema>> tables_;
  MapDocuments documents_;
};

TEST_F(MapFragmentTest, NothingUnmappedGivesNothing) {
  Pair("a", Table("a", {{"id", "int"}}), "a", Table("a", {{"id", "int"}}));
  MapFragment fragment = BuildMapFragment(documents_);
  EXPECT_EQ(fragment.xml, "");
  EXPECT_THAT(fragment.explanations, IsEmpty());
}

TEST_F(MapFragmentTest, DocumentsOfOtherShapesAreIgnoredOnTheirSide) {
  UnmappedSource("extension_a", Table("extension_a", {{"id", "int"}}));
  UnmappedSource("extension_b", Table("extension_b", {{"id", "int"}, {"note", "text"}}));
  UnmappedDestination("m2_only", Table("m2_only", {{"id", "int"}, {"note", "varchar"}}));
  MapFragment fragment = BuildMapFragment(documents_);
  EXPECT_EQ(fragment.xml, R"(<map>
  <source>
    <document_rules>
      <ignore><document>extension_a</document></ignore>
      <ignore><document>extension_b</document></ignore>
    </document_rules>
  </source>
  <destination>
    <document_rules>
      <ignore><document>m2_only</document></ignore>
    </document_rules>
  </destination>
</map>
)");
  EXPECT_THAT(fragment.explanations,
              ElementsAre("Source document extension_a: ignored, no unmapped destination document has the same columns",
                          "Source document extension_b: ignored, no unmapped destination document has the same columns",
                          "Destination document m2_only: ignored, no unmapped source document is renamed to it"));
}

TEST_F(MapFragmentTest, OneDocumentOfTheSameColumnsIsARename) {
  UnmappedSource("aw_blog", Table("aw_blog", {{"post_id", "int"}, {"title", "varchar"}}));
  UnmappedDestination("aw_blog_post", Table("aw_blog_post", {{"title", "varchar"}, {"post_id", "int"}}));
  UnmappedDestination("m2_only", Table("m2_only", {{"id", "int"}}));
  MapFragment fragment = BuildMapFragment(documents_);
  EXPECT_EQ(fragment.xml, R"(<map>
  <source>
    <document_rules>
      <rename><document>aw_blog</document><to>aw_blog_post</to></rename>
    </document_rules>
  </source>
  <destination>
    <document_rules>
      <ignore><document>m2_only</document></ignore>
    </document_rules>
  </destination>
</map>
)");
  EXPECT_THAT(fragment.explanations,
              ElementsAre("Source document aw_blog: renamed to aw_blog_post, the one unmapped destination document "
                          "with the same columns (post_id int, title varchar)",
                          "Destination document m2_only: ignored, no unmapped source document is renamed to it"));
}

TEST_F(MapFragmentTest, AmbiguousOrAlreadyRenamedDocumentsAreOnlyIgnored) {
  UnmappedSource("one", Table("one", {{"id", "int"}}));
  UnmappedSource("two", Table("two", {{"id", "int"}}));
  UnmappedDestination("three", Table("three", {{"id", "int"}}));
  UnmappedSource("old", Table("old", {{"code", "varchar"}}), /*renamed=*/true);
  UnmappedDestination("new", Table("new", {{"code", "varchar"}}));
  MapFragment fragment = BuildMapFragment(documents_);
  EXPECT_THAT(fragment.explanations,
              ElementsAre("Source document one: ignored, more than two unmapped documents have the same columns "
                          "(source: one,two; destination: three): choose a rename yourself",
                          "Source document two: ignored, more than two unmapped documents have the same columns "
                          "(source: one,two; destination: three): choose a rename yourself",
                          "Source document old: ignored, the map renames it already, to a document the destination "
                          "lacks: fix that rename or ignore it",
                          "Destination document three: ignored, no unmapped source document is renamed to it",
                          "Destination document new: ignored, no unmapped source document is renamed to it"));
}

TEST_F(MapFragmentTest, FieldsMoveToTheOnlyUnmappedFieldOfTheirTypeElseAreIgnored) {
  Pair("order_item", Table("order_item", {{"id", "int"}, {"gift_message", "varchar"}, {"flag", "tinyint"},
                                          {"a", "text"}, {"b", "text"}}),
       "sales_order_item", Table("sales_order_item", {{"id", "int"}, {"gift_note", "varchar"}, {"weight", "decimal"},
                                                      {"c", "text"}}));
  documents_.source_fields_not_mapped = {{"order_item", {"gift_message", "flag", "a", "b"}}};
  documents_.destination_fields_not_mapped = {{"sales_order_item", {"gift_note", "weight", "c"}}};
  MapFragment fragment = BuildMapFragment(documents_);
  EXPECT_EQ(fragment.xml, R"(<map>
  <source>
    <field_rules>
      <move><field>order_item.gift_message</field><to>sales_order_item.gift_note</to></move>
      <ignore><field>order_item.flag</field></ignore>
      <ignore><field>order_item.a</field></ignore>
      <ignore><field>order_item.b</field></ignore>
    </field_rules>
  </source>
  <destination>
    <field_rules>
      <ignore><field>sales_order_item.weight</field></ignore>
      <ignore><field>sales_order_item.c</field></ignore>
    </field_rules>
  </destination>
</map>
)");
  EXPECT_THAT(
      fragment.explanations,
      ElementsAre("Source field order_item.gift_message: moved to sales_order_item.gift_note, the one unmapped "
                  "destination field of type varchar",
                  "Source field order_item.flag: ignored, no unmapped field of sales_order_item has type tinyint",
                  "Source field order_item.a: ignored, more than two unmapped fields have type text (order_item: a,b; "
                  "sales_order_item: c): choose a move yourself",
                  "Source field order_item.b: ignored, more than two unmapped fields have type text (order_item: a,b; "
                  "sales_order_item: c): choose a move yourself",
                  "Destination field sales_order_item.weight: ignored, no unmapped source field is moved to it",
                  "Destination field sales_order_item.c: ignored, no unmapped source field is moved to it"));
}

TEST_F(MapFragmentTest, TheXmlReadsBackAndMapsOrIgnoresEveryFinding) {
  UnmappedSource("aw_blog", Table("aw_blog", {{"post_id", "int"}}));
  UnmappedDestination("aw_blog_post", Table("aw_blog_post", {{"post_id", "int"}}));
  UnmappedSource("x&y", Table("x&y", {{"id", "int"}, {"z", "int"}}));
  UnmappedDestination("m2_only", Table("m2_only", {{"id", "int"}, {"z", "text"}}));
  Pair("order_item", Table("order_item", {{"gift_message", "varchar"}, {"flag", "tinyint"}}), "sales_order_item",
       Table("sales_order_item", {{"gift_note", "varchar"}, {"weight", "decimal"}}));
  documents_.source_fields_not_mapped = {{"order_item", {"gift_message", "flag"}}};
  documents_.destination_fields_not_mapped = {{"sales_order_item", {"gift_note", "weight"}}};
  MapFragment fragment = BuildMapFragment(documents_);

  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Parse("fragment.xml", fragment.xml);
  ASSERT_TRUE(rules.ok()) << rules.status() << "\n" << fragment.xml;
  using mapping::Side;
  EXPECT_EQ(rules->DocumentMap("aw_blog", Side::kSource), "aw_blog_post");
  EXPECT_EQ(rules->DocumentMap("aw_blog_post", Side::kDestination), "aw_blog");
  EXPECT_TRUE(rules->IsDocumentIgnored("x&y", Side::kSource));
  EXPECT_TRUE(rules->IsDocumentIgnored("m2_only", Side::kDestination));
  EXPECT_EQ(*rules->FieldMap("order_item", "gift_message", Side::kSource), "gift_note");
  EXPECT_EQ(*rules->FieldMap("sales_order_item", "gift_note", Side::kDestination), "gift_message");
  EXPECT_TRUE(rules->IsFieldIgnored("order_item", "flag", Side::kSource));
  EXPECT_TRUE(rules->IsFieldIgnored("sales_order_item", "weight", Side::kDestination));
}

}  // namespace
}  // namespace migrate::stages
