// The handlers that touch the destination beside the copy (Synonym, Gallery\InsertValueToEntity) and
// one that looks the source up a batch at a time (QuoteMultiAddressStoreId), in a Map step run by
// the migrate binary on hand-made tables; a run over a reset repeats their writes without
// duplicating a row, as a resumed run that handles a batch again would.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kMap[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<map xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
     xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/map.xsd">
  <source>
    <document_rules>
      <ignore><document>core_store</document></ignore>
      <ignore><document>sales_flat_quote_item</document></ignore>
      <rename>
        <document>sales_flat_quote_address_item</document>
        <to>quote_address_item</to>
      </rename>
    </document_rules>
    <field_rules>
      <transform>
        <field>catalogsearch_query.synonym_for</field>
        <handler class="\Migration\Handler\Synonym" />
      </transform>
      <ignore><field>catalogsearch_query.synonym_for</field></ignore>
      <transform>
        <field>catalog_product_entity_media_gallery.value_id</field>
        <handler class="\Migration\Handler\Gallery\InsertValueToEntity" />
      </transform>
      <ignore><field>catalog_product_entity_media_gallery.entity_id</field></ignore>
    </field_rules>
  </source>
  <destination>
    <document_rules>
      <ignore><document>search_synonyms</document></ignore>
      <ignore><document>catalog_product_entity_media_gallery_value_to_entity</document></ignore>
    </document_rules>
    <field_rules>
      <transform>
        <field>quote_address_item.store_id</field>
        <handler class="\Migration\Handler\QuoteMultiAddressStoreId" />
      </transform>
      <ignore><field>quote_address_item.store_id</field></ignore>
    </field_rules>
  </destination>
</map>
)";

class DestinationHandlersTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    Exec(*source_, R"(
      CREATE TABLE core_store (store_id SMALLINT UNSIGNED PRIMARY KEY, website_id SMALLINT UNSIGNED NOT NULL);
      INSERT INTO core_store VALUES (0, 0), (1, 1), (2, 1);
      CREATE TABLE catalogsearch_query (query_id INT UNSIGNED PRIMARY KEY, query_text VARCHAR(255),
                                        store_id SMALLINT UNSIGNED NOT NULL, synonym_for VARCHAR(255));
      INSERT INTO catalogsearch_query VALUES (1, 'tee', 1, 'shirt'), (2, 'cap', 2, NULL), (3, 'hat', 2, 'cap'),
                                             (4, 'jumper', 1, '');
      CREATE TABLE catalog_product_entity_media_gallery (value_id INT UNSIGNED PRIMARY KEY,
                                                         attribute_id SMALLINT UNSIGNED NOT NULL,
                                                         entity_id INT UNSIGNED NOT NULL, value VARCHAR(255));
      INSERT INTO catalog_product_entity_media_gallery VALUES (1, 88, 11, '/a.jpg'), (2, 88, 12, '/b.jpg'),
                                                              (3, 88, 11, '/c.jpg');
      CREATE TABLE sales_flat_quote_item (item_id INT UNSIGNED PRIMARY KEY, store_id SMALLINT UNSIGNED);
      INSERT INTO sales_flat_quote_item VALUES (100, 1), (101, 2);
      CREATE TABLE sales_flat_quote_address_item (address_item_id INT UNSIGNED PRIMARY KEY,
                                                  quote_item_id INT UNSIGNED NOT NULL);
      INSERT INTO sales_flat_quote_address_item VALUES (1, 100), (2, 101), (3, 100), (4, 999);
    )");
    Exec(*destination_, R"(
      CREATE TABLE catalogsearch_query (query_id INT UNSIGNED PRIMARY KEY, query_text VARCHAR(255),
                                        store_id SMALLINT UNSIGNED NOT NULL);
      CREATE TABLE search_synonyms (group_id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, synonyms TEXT NOT NULL,
                                    store_id SMALLINT UNSIGNED NOT NULL DEFAULT 0,
                                    website_id SMALLINT UNSIGNED NOT NULL DEFAULT 0);
      CREATE TABLE catalog_product_entity_media_gallery (value_id INT UNSIGNED PRIMARY KEY,
                                                         attribute_id SMALLINT UNSIGNED NOT NULL, value VARCHAR(255));
      CREATE TABLE catalog_product_entity_media_gallery_value_to_entity (
          value_id INT UNSIGNED NOT NULL, entity_id INT UNSIGNED NOT NULL, PRIMARY KEY (value_id, entity_id));
      CREATE TABLE quote_address_item (address_item_id INT UNSIGNED PRIMARY KEY,
                                       quote_item_id INT UNSIGNED NOT NULL DEFAULT 0,
                                       store_id SMALLINT UNSIGNED DEFAULT NULL);
    )");
    WriteFile("map.xml", kMap);
  }

  void ExpectHandledRows() {
    EXPECT_THAT(Rows(*destination_, "SELECT synonyms, store_id, website_id FROM search_synonyms ORDER BY synonyms"),
                ElementsAre("cap\"hat\",|2|1", "shirt\"tee\",|1|1"));
    EXPECT_THAT(Rows(*destination_, "SELECT value_id, entity_id FROM catalog_product_entity_media_gallery_value_to_entity "
                                    "ORDER BY value_id"),
                ElementsAre("1|11", "2|12", "3|11"));
    EXPECT_THAT(Rows(*destination_, "SELECT address_item_id, quote_item_id, store_id FROM quote_address_item ORDER BY 1"),
                ElementsAre("1|100|1", "2|101|2", "3|100|1", "4|999|NULL"));
    EXPECT_THAT(Rows(*destination_, "SELECT * FROM catalog_product_entity_media_gallery ORDER BY 1"),
                ElementsAre("1|88|/a.jpg", "2|88|/b.jpg", "3|88|/c.jpg"));
    EXPECT_THAT(Rows(*destination_, "SELECT * FROM catalogsearch_query ORDER BY 1"),
                ElementsAre("1|tee|1", "2|cap|2", "3|hat|2", "4|jumper|1"));
  }
};

TEST_F(DestinationHandlersTest, WriteBesideTheCopyOnceEvenWhenBatchesAreHandledAgain) {
  const std::string config = WriteConfig("data", kMapStep, "\n    <map_file>map.xml</map_file>");
  ProcessResult run = Migrate({"data", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ExpectHandledRows();

  // --reset empties the copied tables, not the handlers' side tables: every batch is handled again.
  ProcessResult again = Migrate({"data", "--reset", config});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("copied 11 rows of 3 documents"));
  ExpectHandledRows();
}

// 丁 is e4 b8 81 in utf8; read as gbk, 0x81 and the backslash after it are one character, so an
// escaped quote after them would end the string. Handlers bind values, and init statements keep a
// utf8 session (Magento's stock SET NAMES utf8 is raised to utf8mb4) or are refused.
constexpr char kCraftedSynonym[] = R"(UPDATE catalogsearch_query SET synonym_for = '丁\\'' OR 1=1 -- 🎉'
                                      WHERE query_id = 1)";

TEST_F(DestinationHandlersTest, CraftedValuesArriveByteExactUnderMagentosUtf8InitStatements) {
  Exec(*source_, kCraftedSynonym);
  const std::string config = WriteConfig("data", kMapStep,
                                         "\n    <map_file>map.xml</map_file>"
                                         "\n    <init_statements_source>SET NAMES utf8;</init_statements_source>"
                                         "\n    <init_statements_destination>SET NAMES utf8;</init_statements_destination>");
  ProcessResult run = Migrate({"data", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(Rows(*destination_, "SELECT synonyms, store_id, website_id FROM search_synonyms ORDER BY store_id"),
              ElementsAre("丁\\' OR 1=1 -- 🎉\"tee\",|1|1", "cap\"hat\",|2|1"));
}

TEST_F(DestinationHandlersTest, InitStatementsThatChangeTheCharacterSetAreRefused) {
  Exec(*source_, kCraftedSynonym);
  const std::string config = WriteConfig("data", kMapStep,
                                         "\n    <map_file>map.xml</map_file>"
                                         "\n    <init_statements_destination>SET NAMES gbk;</init_statements_destination>");
  ProcessResult run = Migrate({"data", config});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("init_statements_destination sets character_set_client to gbk"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM search_synonyms"), "0");
}

}  // namespace
}  // namespace migrate::testing
