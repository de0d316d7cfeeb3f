// The values the destination changes on the way in (README "Values the destination would change"),
// for the steps that need Magento's data, on the real 1.6.1.0 sample and 2.4.8 schema of
// ../shared/fixtures with the stock config: the EAV step's rewrite of its documents. The sample
// itself has three entity types whose entity_model the stock map's ConvertModel makes NULL, which
// Magento 2's NOT NULL column turns into '' (as Magento's tool leaves it, without a word); the test
// adds a Magento 1 attribute note longer than a narrowed Magento 2 column. The run names table,
// column and key of each in a WARNING and counts them in the summary; with value_changes = fatal
// it exits 1 at the first (eav_attribute is written before eav_entity_type), and the EAV documents
// are restored to what they were. Then the Tier Price and Url Rewrite deltas, each replaying a
// Magento 1 change a narrowed Magento 2 column cannot hold: with fatal, `delta --until-caught-up`
// exits 1 naming table, column and key, and leaves the page's rows (and its changelog) as they
// were; without, it reports and counts them.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_rows.h"
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
  // The stock config with the data steps `titles` and, in delta mode, `deltas` (<step> elements)
  // alone; `options` added to <options>.
  std::string DeltasConfig(const std::string& fixtures, const std::vector<std::string>& titles,
                           const std::string& deltas, const std::string& options) {
    std::string config = StockConfigWithDataSteps(fixtures, titles);
    const size_t delta = config.find(R"(<steps mode="delta">)");
    config.replace(delta, config.find("</steps>", delta) - delta, absl::StrCat(R"(<steps mode="delta">)", deltas));
    return WriteFile(options.empty() ? "config.xml" : "fatal.xml",
                     absl::StrReplaceAll(config, {{"<options>", absl::StrCat("<options>", options)}}));
  }

  // The config of the Tier Price and Url Rewrite deltas.
  std::string DeltasConfig(const std::string& fixtures, const std::string& options) {
    return DeltasConfig(fixtures, {"EAV Step", "Map Step", "Url Rewrite Step", "Tier Price Step"}, R"(
        <step title="Tier Price Step">
            <delta>Migration\Step\TierPrice\Delta</delta>
        </step>
        <step title="Url Rewrite Step">
            <delta>Migration\Step\UrlRewrite\Version191to2000Delta</delta>
        </step>
    )", options);
  }

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

// Tier price 1 (product 44, 449.0000; the delta's key is the tier price's unique key) and a new
// custom rewrite (whose id a CMS rewrite holds in Magento 2, moved out of its way) of 250
// characters, replayed into a Magento 2 tier price value narrowed to DECIMAL(8,2) and a
// request_path narrowed to 200 characters.
TEST_F(ValueChangesStockTest, TierPriceAndUrlRewriteDeltasNameTheRowsWhoseValuesTheDestinationChanged) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  const ProcessResult data = Migrate({"data", "-a", DeltasConfig(fixtures, "")});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  Exec(*destination_,
       "ALTER TABLE catalog_product_entity_tier_price MODIFY value DECIMAL(8,2) NOT NULL DEFAULT 0;"
       "ALTER TABLE url_rewrite MODIFY request_path VARCHAR(200) NULL");
  const std::string tier_before = Rows(*destination_, "SELECT * FROM catalog_product_entity_tier_price "
                                                      "WHERE value_id = 1")[0];
  Exec(*source_, "UPDATE catalog_product_entity_tier_price SET value = 1234567.89 WHERE value_id = 1");
  Exec(*source_, "INSERT INTO core_url_rewrite (store_id, id_path, request_path, target_path, is_system) VALUES "
                 "(1, 'custom/long', REPEAT('r', 250), 'catalog/product/view/id/44', 0)");
  const std::string rewrite_id = Scalar(*source_, "SELECT url_rewrite_id FROM core_url_rewrite WHERE id_path = "
                                                  "'custom/long'");
  const std::string fatal = DeltasConfig(fixtures, "<value_changes>fatal</value_changes>");

  // The Tier Price delta runs first: its page stops the run, nothing of it written.
  const ProcessResult tier_fatal = Migrate({"delta", "--until-caught-up", fatal});
  EXPECT_EQ(tier_fatal.exit_code, 1) << tier_fatal.output;
  EXPECT_THAT(tier_fatal.output, HasSubstr("The destination would change a value of catalog_product_entity_tier_price: "
                                           "catalog_product_entity_tier_price.value at entity_id=44, all_groups=1, "
                                           "customer_group_id=0, qty=2.0000, website_id=0: '1234567.8900' "
                                           "(Out of range value for column 'value'). Stopped because option "
                                           "value_changes is fatal"));
  EXPECT_EQ(Rows(*destination_, "SELECT * FROM catalog_product_entity_tier_price WHERE value_id = 1")[0], tier_before);
  EXPECT_NE(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_catalog_product_entity_tier_price"), "0");

  // With the price back in range, the Url Rewrite delta's page stops the run.
  Exec(*source_, "UPDATE catalog_product_entity_tier_price SET value = 440 WHERE value_id = 1");
  const ProcessResult rewrite_fatal = Migrate({"delta", "--until-caught-up", fatal});
  EXPECT_EQ(rewrite_fatal.exit_code, 1) << rewrite_fatal.output;
  EXPECT_THAT(rewrite_fatal.output,
              HasSubstr(absl::StrCat("The destination would change a value of url_rewrite: url_rewrite.request_path at "
                                     "url_rewrite_id=", rewrite_id, ": '", std::string(40, 'r'),
                                     "...' (250 bytes) (Data truncated for column 'request_path'). Stopped because "
                                     "option value_changes is fatal")));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM url_rewrite WHERE request_path LIKE 'rrrr%'"), "0");
  EXPECT_EQ(Scalar(*destination_, "SELECT value FROM catalog_product_entity_tier_price WHERE value_id = 1"),
            "440.00");

  // Without fatal both arrive changed, reported and counted.
  Exec(*source_, "UPDATE catalog_product_entity_tier_price SET value = 2345678 WHERE value_id = 1");
  const ProcessResult run = Migrate({"delta", "--until-caught-up", DeltasConfig(fixtures, "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("The destination changed 1 value of catalog_product_entity_tier_price.value on the "
                                    "way in, e.g. entity_id=44, all_groups=1, customer_group_id=0, qty=2.0000, "
                                    "website_id=0: '2345678.0000' (Out of range value for column "
                                    "'value')"));
  EXPECT_THAT(run.output,
              HasSubstr(absl::StrCat("The destination changed 1 value of url_rewrite.request_path on the way in, e.g. "
                                     "url_rewrite_id=", rewrite_id, ": '", std::string(40, 'r'),
                                     "...' (250 bytes) (Data truncated for column 'request_path')")));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 2"));
  EXPECT_EQ(Scalar(*destination_, "SELECT value FROM catalog_product_entity_tier_price WHERE value_id = 1"),
            "999999.99");
  EXPECT_EQ(Scalar(*destination_,
                   absl::StrCat("SELECT CHAR_LENGTH(request_path) FROM url_rewrite WHERE url_rewrite_id = ", rewrite_id)),
            "200");
}

// A configurable child's own price (product 9002 of kConfigurable) out of the range of a Magento 2
// decimal value narrowed to DECIMAL(8,2), replayed by the ConfigurablePrices delta when a super
// attribute price of its parent changes.
TEST_F(ValueChangesStockTest, ConfigurablePricesDeltaNamesTheRowWhoseValueTheDestinationChanged) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  Exec(*source_, kConfigurable);
  const std::vector<std::string> titles = {"EAV Step", "Map Step", "ConfigurablePrices step"};
  const std::string deltas = R"(
        <step title="ConfigurablePrices step">
            <delta>Migration\Step\ConfigurablePrices\Delta</delta>
        </step>
    )";
  const ProcessResult data = Migrate({"data", "-a", DeltasConfig(fixtures, titles, deltas, "")});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  Exec(*destination_, "ALTER TABLE catalog_product_entity_decimal MODIFY value DECIMAL(8,2) NULL");
  // Magento 1's attribute ids are kept.
  const std::string price_id =
      Scalar(*source_, "SELECT attribute_id FROM eav_attribute WHERE entity_type_id = 10 AND attribute_code = 'price'");
  const std::string own_price = absl::StrCat(
      "SELECT value FROM catalog_product_entity_decimal WHERE entity_id = 9002 AND store_id = 0 AND attribute_id = ",
      price_id);
  const std::string before = Scalar(*destination_, own_price);
  const std::string price_value_id = Scalar(
      *source_, absl::StrCat("SELECT value_id FROM catalog_product_entity_decimal WHERE entity_id = 9002 AND "
                             "store_id = 0 AND attribute_id = ", price_id));
  Exec(*source_, absl::StrCat("UPDATE catalog_product_entity_decimal SET value = 12345678 WHERE value_id = ",
                              price_value_id, "; UPDATE catalog_product_super_attribute_pricing SET pricing_value = 6 "
                              "WHERE value_id = 901"));

  const ProcessResult fatal =
      Migrate({"delta", "--until-caught-up",
               DeltasConfig(fixtures, titles, deltas, "<value_changes>fatal</value_changes>")});
  EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
  EXPECT_THAT(fatal.output, HasSubstr(absl::StrCat("The destination would change a value of "
                                                   "catalog_product_entity_decimal: catalog_product_entity_decimal.value "
                                                   "at value_id=", price_value_id, ": '12345678.0000' (Out of range "
                                                   "value for column 'value'). Stopped because option value_changes "
                                                   "is fatal")));
  EXPECT_EQ(Scalar(*destination_, own_price), before);
  EXPECT_NE(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_catalog_product_super_attribute_pricing"), "0");

  const ProcessResult run = Migrate({"delta", "--until-caught-up", DeltasConfig(fixtures, titles, deltas, "")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("The destination changed 1 value of catalog_product_entity_decimal.value "
                                                 "on the way in, e.g. value_id=", price_value_id, ": '12345678.0000' "
                                                 "(Out of range value for column 'value')")));
  EXPECT_THAT(run.output, HasSubstr("values changed by the destination: 1"));
  EXPECT_EQ(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_catalog_product_super_attribute_pricing"), "0");
}

}  // namespace
}  // namespace migrate::testing
