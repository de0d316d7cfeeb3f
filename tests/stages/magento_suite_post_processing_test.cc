// Magento's integration suite, Migration\Step\PostProcessing\Model\EavLeftoverDataTest (@dbFixture
// post_processing, an empty source): the EavLeftoverData model's getLeftoverAttributeIds() is [1111]
// (the attribute eav_entity_attribute and catalog_eav_attribute hold but eav_attribute lacks) and its
// getDocumentsToCheck() is the 32 documents of eav_document_groups_file's group
// documents_leftover_values.
// Our CLI cannot call the model alone: it runs the PostProcessing data stage
// (Migration\Step\PostProcessing\Data), whose first action is what that model serves, deleting the
// leftover attributes' rows from those documents. This is as close as the CLI allows: the documents
// to check are the ones its INFO line counts (all 32 are in the fixture), and the leftover ids are
// seen through their effect: attribute 1111's two rows are gone from every listed document, the rows
// of the attributes eav_attribute has stay, and the INFO line names the documents 1111 was deleted
// from. The stage's other actions find no catalog_product_entity or catalog_category_product in this
// fixture and are skipped with a WARNING each.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/magento_suite_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kData[] = R"(
    <step title="PostProcessing Step">
      <data>Migration\Step\PostProcessing\Data</data>
    </step>)";

constexpr const char* kDocumentsToCheck[] = {
    "catalog_category_entity_datetime", "catalog_category_entity_decimal", "catalog_category_entity_int",
    "catalog_category_entity_text", "catalog_category_entity_varchar", "catalog_eav_attribute",
    "catalog_product_entity_datetime", "catalog_product_entity_decimal", "catalog_product_entity_gallery",
    "catalog_product_entity_int", "catalog_product_entity_media_gallery", "catalog_product_entity_text",
    "catalog_product_entity_varchar", "customer_address_entity_datetime", "customer_address_entity_decimal",
    "customer_address_entity_int", "customer_address_entity_text", "customer_address_entity_varchar",
    "customer_eav_attribute", "customer_eav_attribute_website", "customer_entity_datetime",
    "customer_entity_decimal", "customer_entity_int", "customer_entity_text", "customer_entity_varchar",
    "customer_form_attribute", "eav_attribute_label", "eav_attribute_option", "eav_entity_attribute",
    "eav_form_element", "salesrule_product_attribute", "weee_tax"};

// Rows of attribute `attribute_id` in every document to check.
int RowsOfAttribute(io::MysqlConnection& connection, int attribute_id) {
  int rows = 0;
  for (const char* document : kDocumentsToCheck) {
    rows += std::stoi(
        Scalar(connection, absl::StrCat("SELECT COUNT(*) FROM ", document, " WHERE attribute_id = ", attribute_id)));
  }
  return rows;
}

class MagentoSuitePostProcessingTest : public MagentoSuiteTest {};

TEST_F(MagentoSuitePostProcessingTest, EavLeftoverDataTestGetLeftoverAttributeIds) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadFixture(fixtures, "post_processing");
  ASSERT_EQ(RowsOfAttribute(*destination_, 1111), 2);
  const std::string known = "SELECT COUNT(*) FROM eav_entity_attribute WHERE attribute_id IN (SELECT attribute_id "
                            "FROM eav_attribute)";
  const std::string known_rows = Scalar(*destination_, known);
  ASSERT_NE(known_rows, "0");

  const ProcessResult run = Migrate({"data", SuiteConfig(fixtures, kData)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_EQ(RowsOfAttribute(*destination_, 1111), 0);
  EXPECT_EQ(Scalar(*destination_, known), known_rows);
  EXPECT_THAT(run.output,
              HasSubstr("[INFO][mode: data][stage: data migration][step: PostProcessing Step]: EAV leftovers: deleted 2 "
                        "rows of attributes not in eav_attribute from 32 tables of group documents_leftover_values "
                        "(catalog_eav_attribute: 1, eav_entity_attribute: 1)\n"));
  EXPECT_THAT(run.output, HasSubstr("[WARNING][mode: data][stage: data migration][step: PostProcessing Step]: "
                                    "Attribute-set leftovers: skipped, the destination has no table "
                                    "catalog_product_entity\n"));
  EXPECT_THAT(run.output, HasSubstr("[WARNING][mode: data][stage: data migration][step: PostProcessing Step]: "
                                    "Root category products: skipped, the destination has no table "
                                    "catalog_category_product\n"));
}

}  // namespace
}  // namespace migrate::testing
