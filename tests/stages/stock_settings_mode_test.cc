// Magento's stock settings mode on the real databases of ../shared/fixtures: the 1.6.1.0 sample into
// the 2.4.8 schema, run with the stock 1.6.1.0 config.xml.dist (its Settings and Stores steps) and
// the stock settings.xml.dist and map-stores.xml.dist, and the rows that arrive checked.
//
// The stock Data Integrity step runs on the same sample, whose EAV and tag tables hold orphans.
//
// The sample ships an empty core_config_data, so the test first gives it rows a 1.6.1.0 shop has:
// paths the stock settings.xml ignores (exactly and by wildcard), renames, transforms, and leaves.
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class StockSettingsModeTest : public StockSampleTest {
 protected:
  std::string StockConfig(const std::string& fixtures) {
    return WriteFile("stock-config.xml", StockConfigText(fixtures));
  }
};

TEST_F(StockSettingsModeTest, SettingsAndStoresOfTheSample) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  ASSERT_EQ(Scalar(*source_, "SELECT COUNT(*) FROM core_config_data"), "0");
  Exec(*source_, R"(INSERT INTO core_config_data (scope, scope_id, path, value) VALUES
                     ('default', 0, 'web/unsecure/base_url', 'http://magento1.example.com/'),
                     ('default', 0, 'advanced/modules_disable_output/Mage_Poll', '1'),
                     ('default', 0, 'general/locale/code', 'en_US'),
                     ('stores', 2, 'general/locale/code', 'de_DE'),
                     ('stores', 3, 'general/locale/code', 'fr_FR'),
                     ('default', 0, 'currency/options/base', 'USD'),
                     ('default', 0, 'currency/options/customsymbol', 'a:1:{s:3:"USD";s:3:"US$";}'),
                     ('default', 0, 'api/config/charset', 'UTF-8'),
                     ('default', 0, 'carriers/dhlint/active', '1'),
                     ('default', 0, 'catalog/seo/product_url_suffix', 'html'),
                     ('default', 0, 'catalog/seo/category_url_suffix', '.html'),
                     ('default', 0, 'design/theme/default', 'modern'),
                     ('default', 0, 'general/store_information/name', 'Madison Island'))");
  const std::string config = StockConfig(fixtures);

  ProcessResult run = Migrate({"settings", "-a", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(run.output, Not(HasSubstr("Mismatch of entities")));

  EXPECT_THAT(Rows(*destination_, "SELECT store_id, code, website_id, group_id, name, sort_order, is_active "
                                  "FROM store ORDER BY store_id"),
              ElementsAre("0|admin|0|0|Admin|0|1", "1|default|1|1|English|0|1", "2|german|1|1|German|0|1",
                          "3|french|1|1|French|0|1"));
  EXPECT_THAT(Rows(*destination_, "SELECT group_id, website_id, name, root_category_id, default_store_id, code "
                                  "FROM store_group ORDER BY group_id"),
              ElementsAre("0|0|Default|0|0|default", "1|1|Main Store|3|1|main_store"));
  EXPECT_THAT(Rows(*destination_, "SELECT website_id, code, name, sort_order, default_group_id, is_default "
                                  "FROM store_website ORDER BY website_id"),
              ElementsAre("0|admin|Admin|0|0|0", "1|base|Main Website|0|1|1"));

  const std::string config_rows =
      "SELECT scope, scope_id, path, value FROM core_config_data WHERE path IN ('web/unsecure/base_url', "
      "'general/locale/code', 'currency/options/base', 'currency/options/customsymbol', 'webapi/soap/charset', "
      "'api/config/charset', 'carriers/dhl/active', 'carriers/dhlint/active', 'catalog/seo/product_url_suffix', "
      "'catalog/seo/category_url_suffix', 'design/theme/default', 'general/store_information/name') "
      "OR path LIKE 'advanced/modules_disable_output/%' ORDER BY scope, scope_id, path";
  const std::vector<std::string> expected = {
      "default|0|carriers/dhl/active|1",
      "default|0|catalog/seo/category_url_suffix|.html",
      "default|0|catalog/seo/product_url_suffix|.html",
      "default|0|currency/options/base|USD",
      "default|0|currency/options/customsymbol|{\"USD\":\"US$\"}",
      "default|0|general/locale/code|en_US",
      "default|0|general/store_information/name|Madison Island",
      "default|0|web/unsecure/base_url|https://magento2-hibrido.test/",
      "default|0|webapi/soap/charset|UTF-8",
      "stores|2|general/locale/code|de_DE",
      "stores|3|general/locale/code|fr_FR",
  };
  EXPECT_EQ(Rows(*destination_, config_rows), expected);
  // Rows that were there keep their ids: general/locale/code and currency/options/base of the 2.4.8 install.
  EXPECT_THAT(Rows(*destination_, "SELECT config_id, value FROM core_config_data WHERE config_id IN (6, 8) ORDER BY 1"),
              ElementsAre("6|en_US", "8|USD"));

  // A second run of the same command leaves every row as it was.
  const std::string all_rows = "SELECT config_id, scope, scope_id, path, value FROM core_config_data ORDER BY 1";
  const std::vector<std::string> before = Rows(*destination_, all_rows);
  ProcessResult again = Migrate({"settings", "-a", config});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(Rows(*destination_, all_rows), before);
  EXPECT_THAT(Rows(*destination_, "SELECT store_id, code FROM store ORDER BY store_id"),
              ElementsAre("0|admin", "1|default", "2|german", "3|french"));

  ProcessResult integrity = Migrate({"data", "-a", WriteConfig("data", R"(
    <step title="Data Integrity Step">
      <integrity>Migration\Step\DataIntegrity\Integrity</integrity>
    </step>)", "")});
  ASSERT_EQ(integrity.exit_code, 0) << integrity.output;
  for (const char* message : {
           "Foreign key (FK_EAV_ATTRIBUTE_ENTITY_TYPE_ID_EAV_ENTITY_TYPE_ENTITY_TYPE_ID) constraint fails on source "
           "database. Orphan records id: 19,21 from `eav_attribute`.`entity_type_id` has no referenced records in "
           "`eav_entity_type`",
           "Foreign key (FK_EAV_ATTR_SET_ENTT_TYPE_ID_EAV_ENTT_TYPE_ENTT_TYPE_ID) constraint fails on source database. "
           "Orphan records id: 19,21 from `eav_attribute_set`.`entity_type_id` has no referenced records in "
           "`eav_entity_type`",
           "Foreign key (FK_EAV_ENTITY_ATTRIBUTE_ATTRIBUTE_ID_EAV_ATTRIBUTE_ATTRIBUTE_ID) constraint fails on source "
           "database. Orphan records id: 202,213,706,732,944 from `eav_entity_attribute`.`attribute_id` has no "
           "referenced records in `eav_attribute`",
           "Foreign key (FK_TAG_FIRST_CUSTOMER_ID_CUSTOMER_ENTITY_ENTITY_ID) constraint fails on source database. "
           "Orphan records id: 0 from `tag`.`first_customer_id` has no referenced records in `customer_entity`"}) {
    EXPECT_THAT(integrity.output, HasSubstr(absl::StrCat("[WARNING][mode: data][stage: integrity check]"
                                                         "[step: Data Integrity Step]: ", message, "\n")));
  }
  EXPECT_THAT(integrity.output, HasSubstr("423 foreign keys of 324 source tables checked, 4 with orphan records"));
}

}  // namespace
}  // namespace migrate::testing
