// The PostProcessing step (Migration\Step\PostProcessing\Data) after a Map step, run by the migrate
// binary on hand-made Magento-like tables: the rows each action leaves, the multiselect value too
// long for varchar that stays in _text with a warning, the row counts it records in
// migrate_volume_adjustments, and Map's volume check passing on a rerun (and failing without them);
// the rows Map's copy leaves out because PostProcessing would delete them, and where it does not.
#include <signal.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPostProcessingStep[] = R"(
    <step title="PostProcessing Step">
      <data>Migration\Step\PostProcessing\Data</data>
    </step>)";

// The destination's EAV tables and products are there before the run, as Magento 2's are; Map
// leaves them alone.
constexpr char kMap[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<map xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
     xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/map.xsd">
  <source>
    <document_rules></document_rules>
    <field_rules></field_rules>
  </source>
  <destination>
    <document_rules>
      <ignore><document>eav_entity_type</document></ignore>
      <ignore><document>eav_attribute</document></ignore>
      <ignore><document>eav_entity_attribute</document></ignore>
      <ignore><document>catalog_product_entity</document></ignore>
    </document_rules>
    <field_rules></field_rules>
  </destination>
</map>
)";

// catalog_product_entity_decimal is not in the destination and eav_entity_type has no attribute_id:
// both are skipped.
constexpr char kEavGroups[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<groups xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
        xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/groups.xsd">
    <group name="documents_leftover_values">
        <document>catalog_product_entity_decimal</document>
        <document>catalog_product_entity_int</document>
        <document>catalog_product_entity_text</document>
        <document>catalog_product_entity_varchar</document>
        <document>eav_entity_attribute</document>
        <document>eav_entity_type</document>
    </group>
    <group name="documents_attribute_set_leftover_values">
        <document>catalog_product_entity_decimal</document>
        <document>catalog_product_entity_int</document>
        <document>catalog_product_entity_text</document>
        <document>catalog_product_entity_varchar</document>
    </group>
</groups>
)";

// The value tables and catalog_category_product, alike on both sides.
constexpr char kCopiedTables[] = R"(
  CREATE TABLE catalog_product_entity_int (value_id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
      attribute_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL, entity_id INT UNSIGNED NOT NULL,
      value INT NULL, UNIQUE KEY (entity_id, attribute_id, store_id));
  CREATE TABLE catalog_product_entity_text (value_id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
      attribute_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL, entity_id INT UNSIGNED NOT NULL,
      value MEDIUMTEXT NULL, UNIQUE KEY (entity_id, attribute_id, store_id));
  CREATE TABLE catalog_product_entity_varchar (value_id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
      attribute_id SMALLINT UNSIGNED NOT NULL, store_id SMALLINT UNSIGNED NOT NULL, entity_id INT UNSIGNED NOT NULL,
      value VARCHAR(255) NULL, UNIQUE KEY (entity_id, attribute_id, store_id));
  CREATE TABLE catalog_category_product (entity_id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
      category_id INT UNSIGNED NOT NULL, product_id INT UNSIGNED NOT NULL, position INT NOT NULL DEFAULT 0,
      UNIQUE KEY (category_id, product_id));
)";

// What the source holds; the comments say what PostProcessing does to each row once copied.
constexpr char kSourceRows[] = R"(
      INSERT INTO catalog_product_entity_int VALUES
        (1, 10, 0, 1, 1),      -- stays
        (2, 11, 0, 1, 5),      -- 11 is not in product 1's set 4: deleted
        (3, 11, 0, 3, 6),      -- 11 is in product 3's set 9: stays
        (4, 99, 0, 1, 7),      -- attribute 99 is not in eav_attribute: deleted
        (5, 11, 0, 2, NULL),   -- NULL value: stays
        (6, 11, 0, 7, 8);      -- no product 7: stays
      INSERT INTO catalog_product_entity_text VALUES
        (1, 20, 0, 1, '1,2'),             -- moves, replacing varchar's 'old'
        (2, 20, 1, 1, '3'),               -- moves, a new varchar row
        (3, 20, 0, 2, REPEAT('x', 256)),  -- too long for varchar(255): stays, with a warning
        (4, 21, 0, 1, 'desc'),            -- not multiselect: stays
        (5, 41, 0, 1, '5,6');             -- catalog_category's multiselect: stays
      INSERT INTO catalog_product_entity_varchar VALUES
        (1, 20, 0, 1, 'old'),
        (2, 30, 0, 1, 'p1.html'),   -- product url_path: deleted
        (3, 30, 1, 2, 'p2.html'),   -- product url_path: deleted
        (4, 31, 0, 1, 'Name 1'),
        (5, 40, 0, 1, 'cat-path');  -- catalog_category's url_path: stays
      INSERT INTO catalog_category_product VALUES (1, 1, 1, 0), (2, 2, 1, 0), (3, 1, 2, 0), (4, 3, 2, 1);
)";

class PostProcessingStepTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    Exec(*source_, kCopiedTables);
    // Products 1 and 2 are in attribute set 4, product 3 in set 9; product 7 does not exist.
    // Attributes: 10 status, 11 color_old (set 9 only), 20 material (multiselect), 21 description,
    // 30 url_path, 31 name; 40 and 41 are catalog_category's url_path and multiselect; 99 is gone.
    Exec(*source_, kSourceRows);
    Exec(*destination_, kCopiedTables);
    Exec(*destination_, R"(
      CREATE TABLE eav_entity_type (entity_type_id SMALLINT UNSIGNED PRIMARY KEY,
          entity_type_code VARCHAR(50) NOT NULL);
      INSERT INTO eav_entity_type VALUES (3, 'catalog_category'), (4, 'catalog_product');
      CREATE TABLE eav_attribute (attribute_id SMALLINT UNSIGNED PRIMARY KEY,
          entity_type_id SMALLINT UNSIGNED NOT NULL, attribute_code VARCHAR(255) NOT NULL,
          frontend_input VARCHAR(50) NULL);
      INSERT INTO eav_attribute VALUES (10, 4, 'status', 'select'), (11, 4, 'color_old', 'select'),
          (20, 4, 'material', 'multiselect'), (21, 4, 'description', 'textarea'), (30, 4, 'url_path', 'text'),
          (31, 4, 'name', 'text'), (40, 3, 'url_path', 'text'), (41, 3, 'tags', 'multiselect');
      CREATE TABLE eav_entity_attribute (entity_attribute_id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
          entity_type_id SMALLINT UNSIGNED NOT NULL, attribute_set_id SMALLINT UNSIGNED NOT NULL,
          attribute_id SMALLINT UNSIGNED NOT NULL, UNIQUE KEY (attribute_set_id, attribute_id));
      INSERT INTO eav_entity_attribute (entity_type_id, attribute_set_id, attribute_id) VALUES
          (4, 4, 10), (4, 4, 20), (4, 4, 21), (4, 4, 30), (4, 4, 31), (4, 4, 40), (4, 4, 41),
          (4, 9, 10), (4, 9, 11),
          (4, 4, 77);  -- attribute 77 is not in eav_attribute: deleted
      CREATE TABLE catalog_product_entity (entity_id INT UNSIGNED PRIMARY KEY,
          attribute_set_id SMALLINT UNSIGNED NOT NULL);
      INSERT INTO catalog_product_entity VALUES (1, 4), (2, 4), (3, 9);
    )");
    WriteFile("map.xml", kMap);
    WriteFile("eav-document-groups.xml", kEavGroups);
    config_ = WriteMapAndPostProcessingConfig();
  }

  // config.xml with the Map and PostProcessing steps (WriteConfig always writes config.xml).
  std::string WriteMapAndPostProcessingConfig() {
    return WriteConfig("data", absl::StrCat(kMapStep, kPostProcessingStep),
                       "\n    <map_file>map.xml</map_file>"
                       "\n    <eav_document_groups_file>eav-document-groups.xml</eav_document_groups_file>");
  }

  // The rows PostProcessing leaves in the destination's tables named with `prefix`.
  void ExpectPostProcessedRows(const std::string& prefix = "") {
    EXPECT_THAT(Rows(*destination_, absl::StrCat("SELECT value_id, attribute_id, entity_id, IFNULL(value, 'NULL') FROM ",
                                                 prefix, "catalog_product_entity_int ORDER BY value_id")),
                ElementsAre("1|10|1|1", "3|11|3|6", "5|11|2|NULL", "6|11|7|8"));
    EXPECT_THAT(Rows(*destination_, absl::StrCat("SELECT value_id, attribute_id, store_id, entity_id, LEFT(value, 4), "
                                                 "CHAR_LENGTH(value) FROM ",
                                                 prefix, "catalog_product_entity_text ORDER BY value_id")),
                ElementsAre("3|20|0|2|xxxx|256", "4|21|0|1|desc|4", "5|41|0|1|5,6|3"));
    EXPECT_THAT(Rows(*destination_, absl::StrCat("SELECT attribute_id, store_id, entity_id, value FROM ", prefix,
                                                 "catalog_product_entity_varchar "
                                                 "ORDER BY entity_id, attribute_id, store_id")),
                ElementsAre("20|0|1|1,2", "20|1|1|3", "31|0|1|Name 1", "40|0|1|cat-path"));
    EXPECT_THAT(Rows(*destination_, absl::StrCat("SELECT entity_id, category_id FROM ", prefix,
                                                 "catalog_category_product ORDER BY entity_id")),
                ElementsAre("2|2", "4|3"));
    EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM ", prefix, "eav_entity_attribute")), "9");
    EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM ", prefix,
                                                 "eav_entity_attribute WHERE attribute_id = 77")),
              "0");
  }

  // verify allows for the rows left out as for the rows PostProcessing deleted: the value tables
  // are equal but for catalog_product_entity_varchar, whose value PostProcessing's multiselect move
  // replaced (as it did when Map copied every row).
  void ExpectVerifiedAsBefore() {
    ProcessResult verified = Migrate({"verify", config_});
    EXPECT_THAT(verified.output, HasSubstr("catalog_product_entity_int: equal (6 rows; 2 rows removed and 0 added"));
    EXPECT_THAT(verified.output,
                HasSubstr("catalog_product_entity_varchar: differs (source 5 rows, destination 4 rows); 1 changed, "
                          "first: value_id=1: value (source 'old', destination '1,2'); 2 missing from the "
                          "destination, first: value_id=2, value_id=3; 1 only in the destination, first: "
                          "value_id=6; later steps removed 1 rows net"));
    EXPECT_THAT(verified.output, HasSubstr("4 documents, 3 equal, 1 differ"));
  }

  // Net rows removed, per table, as recorded.
  std::vector<std::string> Adjustments() {
    return Rows(*destination_, "SELECT step, document, `rows` FROM migrate_volume_adjustments ORDER BY document");
  }

  // How many delta runs have started looping, by the log file all runs append to.
  int DeltaStarts() {
    std::ifstream log(dir_ + "/migration.log");
    int starts = 0;
    for (std::string line; std::getline(log, line);) {
      if (line.find("replaying changes every") != std::string::npos) ++starts;
    }
    return starts;
  }

  std::string config_;
};

const std::vector<std::string> kExpectedAdjustments = {
    "PostProcessing|catalog_category_product|2",        // the two rows of category 1
    "PostProcessing|catalog_product_entity_int|2",      // attribute 99, and 11 outside set 4
    "PostProcessing|catalog_product_entity_text|2",     // the two multiselect values moved out
    "PostProcessing|catalog_product_entity_varchar|1",  // two url_paths deleted, one moved value added
    "PostProcessing|eav_entity_attribute|1",            // attribute 77
};

TEST_F(PostProcessingStepTest, TidiesTheCopyAndMapVolumeAllowsForIt) {
  ProcessResult run = Migrate({"data", config_});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ExpectPostProcessedRows();
  EXPECT_THAT(Adjustments(), ::testing::ElementsAreArray(kExpectedAdjustments));
  // Map leaves out what actions 1 and 5 would delete from the tables it copies: attribute 99's row
  // and the two product url_paths, recorded as PostProcessing's; action 1 deletes attribute 77 alone.
  EXPECT_THAT(run.output, HasSubstr("left out 3 rows PostProcessing would delete (values of attributes not in "
                                    "eav_attribute, products' url_path values): catalog_product_entity_int: 1, "
                                    "catalog_product_entity_varchar: 2"));
  EXPECT_THAT(run.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_THAT(run.output, HasSubstr("EAV leftovers: deleted 1 rows of attributes not in eav_attribute from 4 tables "
                                    "of group documents_leftover_values (eav_entity_attribute: 1)"));
  EXPECT_THAT(run.output, HasSubstr("skipped catalog_product_entity_decimal (not in the destination), "
                                    "eav_entity_type (no attribute_id)"));
  EXPECT_THAT(run.output, HasSubstr("Attribute-set leftovers: deleted 1 values"));
  EXPECT_THAT(run.output, HasSubstr("Root category products: deleted 2 rows"));
  EXPECT_THAT(run.output, HasSubstr("Multiselect values: moved 2 values of 1 multiselect attributes (20)"));
  EXPECT_THAT(run.output, HasSubstr("(1 new rows, 1 replaced values); 1 too long to move"));
  EXPECT_THAT(run.output, HasSubstr("1 multiselect values in catalog_product_entity_text are longer than the 255 "
                                    "characters of catalog_product_entity_varchar.value and stay in "
                                    "catalog_product_entity_text (attribute_id 20 entity_id 2 store_id 0)"));
  EXPECT_THAT(run.output, HasSubstr("Product url_path: deleted 0 url_path values"));
  ExpectVerifiedAsBefore();

  // A rerun: Map's copy is done, so its volume check compares the source with what PostProcessing
  // left, allowing for what it recorded; PostProcessing finds nothing more to do and adds nothing.
  ProcessResult again = Migrate({"data", config_});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_THAT(again.output, HasSubstr("EAV leftovers: deleted 0 rows"));
  EXPECT_THAT(again.output, HasSubstr("Multiselect values: moved 0 values"));
  ExpectPostProcessedRows();
  EXPECT_THAT(Adjustments(), ::testing::ElementsAreArray(kExpectedAdjustments));

  // Without the record, the same rerun fails Map's volume check: the adjustments are what passes it.
  Exec(*destination_, "DELETE FROM migrate_volume_adjustments");
  ProcessResult unrecorded = Migrate({"data", config_});
  EXPECT_NE(unrecorded.exit_code, 0) << unrecorded.output;
  EXPECT_THAT(unrecorded.output,
              HasSubstr("Mismatch of entities in the document: catalog_product_entity_int Source: 6 Destination: 4"));
}

TEST_F(PostProcessingStepTest, ResetCopiesAgainAndCountsOnce) {
  ProcessResult run = Migrate({"data", config_});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(Adjustments(), ::testing::ElementsAreArray(kExpectedAdjustments));

  // -r empties and refills the copied tables: their figures are forgotten before Map's volume check
  // (which would otherwise count the removed rows twice) and recorded once more by PostProcessing.
  ProcessResult reset = Migrate({"data", "-r", config_});
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_THAT(reset.output, Not(HasSubstr("Mismatch of entities")));
  // Map left out attribute 99's row again, and eav_entity_attribute was not refilled.
  EXPECT_THAT(reset.output, HasSubstr("left out 3 rows PostProcessing would delete"));
  EXPECT_THAT(reset.output, HasSubstr("EAV leftovers: deleted 0 rows"));
  ExpectPostProcessedRows();
  EXPECT_THAT(Adjustments(), ::testing::ElementsAreArray(kExpectedAdjustments));
}

// A handler on attribute_id could change it on the way: that document is copied whole and
// PostProcessing deletes its rows, as before; the others are still left out. The end is the same.
TEST_F(PostProcessingStepTest, DocumentWithAHandlerOnAttributeIdIsCopiedWhole) {
  std::string map = kMap;
  const std::string rules = "<source>\n    <document_rules></document_rules>\n    <field_rules></field_rules>";
  ASSERT_NE(map.find(rules), std::string::npos);
  map.replace(map.find(rules), rules.size(), R"(<source>
    <document_rules></document_rules>
    <field_rules>
      <transform>
        <field>catalog_product_entity_int.attribute_id</field>
        <handler class="\Migration\Handler\Convert"><param name="map" value="[99:99]" /></handler>
      </transform>
    </field_rules>)");
  WriteFile("map.xml", map);
  ProcessResult run = Migrate({"data", config_});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("left out 2 rows PostProcessing would delete (values of attributes not in "
                                    "eav_attribute, products' url_path values): catalog_product_entity_varchar: 2; "
                                    "copied whole: catalog_product_entity_int (a handler on attribute_id)"));
  EXPECT_THAT(run.output, HasSubstr("EAV leftovers: deleted 2 rows of attributes not in eav_attribute from 4 tables "
                                    "of group documents_leftover_values (catalog_product_entity_int: 1, "
                                    "eav_entity_attribute: 1)"));
  EXPECT_THAT(run.output, HasSubstr("Product url_path: deleted 0 url_path values"));
  EXPECT_THAT(run.output, Not(HasSubstr("Mismatch of entities")));
  ExpectPostProcessedRows();
  EXPECT_THAT(Adjustments(), ::testing::ElementsAreArray(kExpectedAdjustments));
}

// Without PostProcessing after Map, nothing is left out and nothing recorded.
TEST_F(PostProcessingStepTest, WithoutPostProcessingMapCopiesEveryRow) {
  ProcessResult run = Migrate({"data", WriteConfig("data", kMapStep, "\n    <map_file>map.xml</map_file>")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("PostProcessing would delete")));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_product_entity_int"), "6");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_product_entity_varchar WHERE attribute_id = 30"), "2");
  EXPECT_THAT(Adjustments(), ::testing::IsEmpty());
}

// The left-out rows are recorded when a document starts afresh, not when it resumes: a copy that
// fails after some batches of the filtered document and is run again counts them once, exactly.
TEST_F(PostProcessingStepTest, ResumedCopyCountsTheLeftOutRowsOnce) {
  config_ = WriteConfig("data", absl::StrCat(kMapStep, kPostProcessingStep),
                        "\n    <map_file>map.xml</map_file>"
                        "\n    <eav_document_groups_file>eav-document-groups.xml</eav_document_groups_file>"
                        "\n    <bulk_size>1</bulk_size>");
  Exec(*destination_, R"(
    CREATE TRIGGER refuse_name BEFORE INSERT ON catalog_product_entity_varchar FOR EACH ROW
    IF NEW.value_id = 4 THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test';
    END IF)");
  ProcessResult refused = Migrate({"data", config_});
  EXPECT_NE(refused.exit_code, 0) << refused.output;
  EXPECT_THAT(refused.output, HasSubstr("refused by the test"));
  EXPECT_THAT(Rows(*destination_, "SELECT value_id FROM catalog_product_entity_varchar"), ElementsAre("1"));
  EXPECT_THAT(Rows(*destination_, "SELECT `rows` FROM migrate_volume_adjustments "
                                  "WHERE document = 'catalog_product_entity_varchar'"),
              ElementsAre("2"));

  Exec(*destination_, "DROP TRIGGER refuse_name");
  ProcessResult resumed = Migrate({"data", config_});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_THAT(resumed.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_THAT(resumed.output, HasSubstr("Product url_path: deleted 0 url_path values"));
  ExpectPostProcessedRows();
  EXPECT_THAT(Adjustments(), ::testing::ElementsAreArray(kExpectedAdjustments));
  ExpectVerifiedAsBefore();
}

// A table's delete and its record commit together: when recording fails (as a kill -9 between
// them would stop it), the delete is rolled back too, and the next run deletes and records once.
TEST_F(PostProcessingStepTest, ChangeAndRecordCommitTogether) {
  ProcessResult copied = Migrate({"data", WriteConfig("data", kMapStep, "\n    <map_file>map.xml</map_file>")});
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  config_ = WriteMapAndPostProcessingConfig();
  Exec(*destination_, R"(
    CREATE TRIGGER refuse_int BEFORE INSERT ON migrate_volume_adjustments FOR EACH ROW
    IF NEW.document = 'catalog_product_entity_int' THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test';
    END IF)");
  ProcessResult refused = Migrate({"data", config_});
  EXPECT_NE(refused.exit_code, 0) << refused.output;
  EXPECT_THAT(refused.output, HasSubstr("refused by the test"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_product_entity_int"), "6");
  EXPECT_THAT(Adjustments(), ::testing::IsEmpty());

  Exec(*destination_, "DROP TRIGGER refuse_int");
  ProcessResult run = Migrate({"data", config_});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ExpectPostProcessedRows();
  EXPECT_THAT(Adjustments(), ::testing::ElementsAreArray(kExpectedAdjustments));
}

// With dest_prefix, every table the step reads or changes is the prefixed one, and the adjustments
// name the prefixed tables; a table of the same name without the prefix is left alone.
TEST_F(PostProcessingStepTest, UsesTheDestinationPrefix) {
  for (const char* table : {"catalog_product_entity_int", "catalog_product_entity_text",
                            "catalog_product_entity_varchar", "catalog_category_product", "eav_entity_type",
                            "eav_attribute", "eav_entity_attribute", "catalog_product_entity"}) {
    Exec(*destination_, absl::StrCat("CREATE TABLE m2_", table, " LIKE ", table, "; INSERT INTO m2_", table,
                                     " SELECT * FROM ", table));
  }
  std::string rows = kSourceRows;
  for (size_t at = rows.find("INSERT INTO "); at != std::string::npos; at = rows.find("INSERT INTO ", at + 1)) {
    rows.insert(at + 12, "m2_");
  }
  Exec(*destination_, rows);
  Exec(*destination_, "INSERT INTO catalog_category_product VALUES (1, 1, 1, 0)");
  const std::string config = WriteConfig(
      "data", kPostProcessingStep,
      "\n    <dest_prefix>m2_</dest_prefix>"
      "\n    <eav_document_groups_file>eav-document-groups.xml</eav_document_groups_file>");
  ProcessResult run = Migrate({"data", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ExpectPostProcessedRows("m2_");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_category_product WHERE category_id = 1"), "1");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM eav_entity_attribute WHERE attribute_id = 77"), "1");
  EXPECT_THAT(Adjustments(), ElementsAre("PostProcessing|m2_catalog_category_product|2",
                                         "PostProcessing|m2_catalog_product_entity_int|2",
                                         "PostProcessing|m2_catalog_product_entity_text|2",
                                         "PostProcessing|m2_catalog_product_entity_varchar|1",
                                         "PostProcessing|m2_eav_entity_attribute|1"));
}

// Delta mode's volume check, after a cycle that replays a new source row, counts what
// PostProcessing removed too.
TEST_F(PostProcessingStepTest, DeltaVolumeCheckAllowsForIt) {
  WriteFile("deltalog.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<groups xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
        xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/groups.xsd">
    <group name="delta_map">
        <document key="entity_id">catalog_category_product</document>
    </group>
</groups>
)");
  const std::string config = WriteConfig(
      {{"data", absl::StrCat(kMapStep, kPostProcessingStep)}, {"delta", R"(
    <step title="Map Step">
      <delta>Migration\Step\Map\Delta</delta>
      <volume>Migration\Step\Map\Volume</volume>
    </step>)"}},
      "\n    <map_file>map.xml</map_file>"
      "\n    <eav_document_groups_file>eav-document-groups.xml</eav_document_groups_file>"
      "\n    <delta_document_groups_file>deltalog.xml</delta_document_groups_file>"
      "\n    <delta_poll_interval>0.2</delta_poll_interval>",
      destination_options_);
  ProcessResult run = Migrate({"data", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  Exec(*source_, "INSERT INTO catalog_category_product VALUES (5, 5, 3, 0)");

  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config});
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (Scalar(*destination_, "SELECT COUNT(*) FROM catalog_category_product WHERE entity_id = 5") != "1" &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  delta->Kill(SIGTERM);
  ProcessResult stopped = delta->Wait();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
  EXPECT_THAT(stopped.output, HasSubstr("Delta stopped"));
  EXPECT_THAT(stopped.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, category_id FROM catalog_category_product ORDER BY entity_id"),
              ElementsAre("2|2", "4|3", "5|5"));

  // The same stop without the record warns: the volume check did run, and the record is what passed it.
  Exec(*destination_, "DELETE FROM migrate_volume_adjustments");
  delta = StartMigrate({"delta", config});
  const absl::Time second_deadline = absl::Now() + absl::Seconds(60);
  while (DeltaStarts() < 2 && absl::Now() < second_deadline) absl::SleepFor(absl::Milliseconds(100));
  delta->Kill(SIGTERM);
  stopped = delta->Wait();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
  EXPECT_THAT(stopped.output,
              HasSubstr("Mismatch of entities in the document: catalog_category_product Source: 5 Destination: 3"));
}

}  // namespace
}  // namespace migrate::testing
