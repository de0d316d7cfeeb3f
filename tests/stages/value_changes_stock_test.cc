// The values the destination changes on the way in (README "Values the destination would change"),
// for the steps that need Magento's data, on the real 1.6.1.0 sample and 2.4.8 schema of
// ../shared/fixtures with the stock config: the EAV step's rewrite of its documents. The sample
// itself has three entity types whose entity_model the stock map's ConvertModel makes NULL, which
// Magento 2's NOT NULL column turns into '' (as Magento's tool leaves it, without a word); the test
// adds a Magento 1 attribute note longer than a narrowed Magento 2 column. The run names table,
// column and key of each in a WARNING and counts them in the summary; with value_changes = fatal
// it exits 1 at the first (eav_attribute is written before eav_entity_type), and the EAV documents
// are restored to what they were.
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kEavTables[] = {"eav_entity_type",      "eav_attribute",        "eav_attribute_set",
                                      "eav_attribute_group",  "eav_entity_attribute", "catalog_eav_attribute",
                                      "customer_eav_attribute"};

class ValueChangesStockTest : public StockSampleTest {
 protected:
  std::map<std::string, std::string> EavChecksums() {
    std::map<std::string, std::string> sums;
    for (const char* table : kEavTables) {
      sums[table] = Rows(*destination_, absl::StrCat("CHECKSUM TABLE `", table, "`"))[0];
    }
    return sums;
  }
};

// Magento 1's megapixels attribute (Magento 2 has none) with a note of 250 characters; Magento 2's
// note narrowed to 200.
TEST_F(ValueChangesStockTest, EavNamesTheAttributeWhoseValueTheDestinationChanged) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  const std::string id = Scalar(*source_,
                                "SELECT attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id) "
                                "WHERE a.attribute_code = 'megapixels' AND t.entity_type_code = 'catalog_product'");
  Exec(*source_, absl::StrCat("UPDATE eav_attribute SET note = REPEAT('n', 250) WHERE attribute_id = ", id));
  Exec(*destination_, "ALTER TABLE eav_attribute MODIFY note VARCHAR(200) NULL");
  const std::map<std::string, std::string> pristine = EavChecksums();
  const std::string value = absl::StrCat("attribute_id=", id, ": '", std::string(40, 'n'),
                                         "...' (250 bytes) (Data truncated for column 'note')");

  std::string fatal_text = StockConfigWithDataSteps(fixtures, {"EAV Step"});
  fatal_text.replace(fatal_text.find("<options>"), 9, "<options><value_changes>fatal</value_changes>");
  const ProcessResult fatal = Migrate({"data", "-a", WriteFile("fatal.xml", fatal_text)});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr(absl::StrCat("writing eav_attribute: The destination would change a value of "
                                                   "eav_attribute: eav_attribute.note at ",
                                                   value, ". Stopped because option value_changes is fatal")));
  EXPECT_THAT(fatal.output, HasSubstr("[step: EAV Step]: Error occurred. Rollback."));
  EXPECT_EQ(EavChecksums(), pristine);

  const ProcessResult run =
      Migrate({"data", "-a", WriteFile("config.xml", StockConfigWithDataSteps(fixtures, {"EAV Step"}))});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("The destination changed 3 values of eav_entity_type.entity_model on the way in, "
                                    "e.g. entity_type_id=3: NULL (Column 'entity_model' cannot be null); "
                                    "entity_type_id=5: NULL (Column 'entity_model' cannot be null); "
                                    "entity_type_id=22: NULL (Column 'entity_model' cannot be null)"));
  EXPECT_THAT(run.output,
              HasSubstr(absl::StrCat("The destination changed 1 value of eav_attribute.note on the way in, e.g. ", value)));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 4"));
  EXPECT_EQ(Scalar(*destination_, "SELECT entity_model FROM eav_entity_type WHERE entity_type_id = 3"), "");
  EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT CHAR_LENGTH(note) FROM eav_attribute WHERE attribute_id = ", id)),
            "200");
}

}  // namespace
}  // namespace migrate::testing
