// Magento's stock EAV step on the real databases of ../shared/fixtures: the 1.6.1.0 sample into the
// 2.4.8 schema (whose catalog_product entity type is 4, the sample's 10), run by the migrate binary
// with the stock 1.6.1.0 config.xml.dist and the files it names, with -a, with the data steps Data
// Integrity, EAV, Map and PostProcessing in the stock order.
//
// What must hold after the run: every product and category value of the sample arrives under the
// same attribute code, entity and store; each product keeps its attribute set by name; every
// (set, attribute) membership of Magento 1 is kept; Magento 2's own attributes stay in their sets;
// nothing references an entity type, set, group or attribute that does not exist; and the volume
// checks pass. Then `kill -9` at random moments, a plain rerun, and -r after a complete run each
// leave every EAV table equal to what the clean run left.
#include <signal.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kEavTables[] = {"eav_entity_type",      "eav_attribute_set",     "eav_attribute_group",
                                      "eav_attribute",        "eav_entity_attribute",  "catalog_eav_attribute",
                                      "customer_eav_attribute"};

// The value tables whose rows name an attribute, with the entity table they belong to.
constexpr const char* kValueTables[] = {
    "catalog_product_entity_varchar", "catalog_product_entity_int",  "catalog_product_entity_decimal",
    "catalog_product_entity_text",    "catalog_product_entity_datetime", "catalog_category_entity_varchar",
    "catalog_category_entity_int",    "catalog_category_entity_decimal", "catalog_category_entity_text",
    "catalog_category_entity_datetime"};

class StockEavStepTest : public StockSampleTest {
 protected:
  // The stock config with only the data steps this build implements.
  std::string StockConfig(const std::string& fixtures) {
    return WriteFile("stock-config.xml",
                     StockConfigWithDataSteps(fixtures, {"Data Integrity Step", "EAV Step", "Map Step", "PostProcessing Step"}));
  }

  // "count/checksum" of `sql`'s rows, each folded into one CRC32.
  static std::string Fingerprint(io::MysqlConnection& connection, const std::string& select_columns,
                                 const std::string& from) {
    return Scalar(connection, absl::StrCat("SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('#', ",
                                           select_columns, "))), 0)) FROM ", from));
  }

  // Every row of every EAV table, by checksum.
  std::map<std::string, std::string> EavChecksums() {
    std::map<std::string, std::string> sums;
    for (const char* table : kEavTables) {
      sums[table] = Rows(*destination_, absl::StrCat("CHECKSUM TABLE `", table, "`"))[0];
    }
    return sums;
  }

  // Rows of `sql` on the destination: references to ids that do not exist.
  std::vector<std::string> Dangling(const std::string& sql) { return Rows(*destination_, sql); }
};

TEST_F(StockEavStepTest, TheSamplesAttributeModelArrivesWholeAndRerunsGiveTheSameTables) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  const std::string config = StockConfig(fixtures);

  ProcessResult data = Migrate({"data", "-a", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_THAT(data.output, HasSubstr("[stage: data migration][step: EAV Step]"));
  EXPECT_THAT(data.output, Not(HasSubstr("Volume check failed")));
  EXPECT_THAT(data.output, Not(HasSubstr("attributes mismatch")));
  EXPECT_THAT(data.output, HasSubstr("Migration completed"));

  // Magento 1's entity type ids are kept; Magento 2's own types moved after them.
  EXPECT_EQ(Scalar(*destination_, "SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product'"),
            Scalar(*source_, "SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product'"));
  EXPECT_EQ(Scalar(*destination_, "SELECT entity_model FROM eav_entity_type WHERE entity_type_code = 'catalog_product'"),
            "Magento\\Catalog\\Model\\ResourceModel\\Product");

  // Every product and category value arrives under the same attribute code, entity and store (the
  // map's handlers change some values, e.g. url_path's suffix; names and prices arrive as they were),
  // but for products' url_path, which PostProcessing removes as Magento's does.
  for (const char* table : kValueTables) {
    const std::string type = absl::StrContains(table, "product") ? "catalog_product" : "catalog_category";
    const std::string from = absl::StrCat("`", table, "` v JOIN eav_attribute a ON a.attribute_id = v.attribute_id ",
                                          "JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id AND ",
                                          "t.entity_type_code = '", type, "' WHERE a.attribute_code NOT IN ",
                                          "('msrp_enabled', 'group_price', 'is_recurring', 'recurring_profile')",
                                          type == "catalog_product" ? " AND a.attribute_code <> 'url_path'" : "");
    const std::string keys = "v.entity_id, v.store_id, a.attribute_code";
    EXPECT_EQ(Fingerprint(*destination_, keys, from), Fingerprint(*source_, keys, from)) << table;
    const std::string values = absl::StrCat(from, " AND a.attribute_code IN ('name', 'price', 'sku', 'status')");
    const std::string compared = absl::StrCat(keys, ", IF(v.value REGEXP '^-?[0-9]+\\\\.[0-9]+$', ",
                                              "CAST(CAST(v.value AS DECIMAL(20, 4)) AS CHAR), CAST(v.value AS CHAR))");
    EXPECT_EQ(Fingerprint(*destination_, compared, values), Fingerprint(*source_, compared, values)) << table;
  }
  // Each product keeps its attribute set, by name.
  const std::string product_sets =
      "catalog_product_entity p JOIN eav_attribute_set s ON s.attribute_set_id = p.attribute_set_id";
  EXPECT_EQ(Fingerprint(*destination_, "p.entity_id, s.attribute_set_name", product_sets),
            Fingerprint(*source_, "p.entity_id, s.attribute_set_name", product_sets));
  // Every (set, attribute) membership of Magento 1 is kept.
  const std::string memberships =
      "SELECT CONCAT(t.entity_type_code, '/', s.attribute_set_name, '/', a.attribute_code) FROM eav_entity_attribute "
      "e JOIN eav_attribute_set s ON s.attribute_set_id = e.attribute_set_id JOIN eav_attribute a ON "
      "a.attribute_id = e.attribute_id JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id WHERE "
      "a.attribute_code NOT IN ('msrp_enabled', 'group_price', 'is_recurring', 'recurring_profile') ORDER BY 1";
  const std::vector<std::string> source_memberships = Rows(*source_, memberships);
  const std::vector<std::string> destination_memberships = Rows(*destination_, memberships);
  std::vector<std::string> lost;
  std::set_difference(source_memberships.begin(), source_memberships.end(), destination_memberships.begin(),
                      destination_memberships.end(), std::back_inserter(lost));
  EXPECT_THAT(lost, IsEmpty());
  EXPECT_GT(source_memberships.size(), 300u);
  // Magento 2's own attributes stay in its Default product set, in a group of that set.
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT COUNT(*) FROM eav_entity_attribute e JOIN eav_attribute a USING (attribute_id) JOIN "
                   "eav_attribute_set s ON s.attribute_set_id = e.attribute_set_id JOIN eav_attribute_group g ON "
                   "g.attribute_group_id = e.attribute_group_id AND g.attribute_set_id = e.attribute_set_id JOIN "
                   "eav_entity_type t ON t.entity_type_id = s.entity_type_id WHERE a.attribute_code = "
                   "'quantity_and_stock_status' AND s.attribute_set_name = 'Default' AND t.entity_type_code = "
                   "'catalog_product'"),
            "1");

  // Nothing references an id that does not exist, but for what the sample itself left dangling (the
  // Data Integrity step reports those: attributes and sets of the entity types 19 and 21).
  for (const char* orphans : {"SELECT attribute_id FROM eav_attribute a LEFT JOIN eav_entity_type t USING "
                              "(entity_type_id) WHERE t.entity_type_id IS NULL ORDER BY 1",
                              "SELECT attribute_set_id FROM eav_attribute_set s LEFT JOIN eav_entity_type t USING "
                              "(entity_type_id) WHERE t.entity_type_id IS NULL ORDER BY 1",
                              "SELECT DISTINCT entity_type_id FROM eav_entity_attribute e LEFT JOIN eav_entity_type t "
                              "USING (entity_type_id) WHERE t.entity_type_id IS NULL ORDER BY 1"}) {
    EXPECT_EQ(Dangling(orphans), Rows(*source_, orphans)) << orphans;
  }
  EXPECT_THAT(Dangling("SELECT attribute_group_id FROM eav_attribute_group g LEFT JOIN eav_attribute_set s USING "
                       "(attribute_set_id) WHERE s.attribute_set_id IS NULL"),
              IsEmpty());
  EXPECT_THAT(Dangling("SELECT e.entity_attribute_id FROM eav_entity_attribute e LEFT JOIN eav_attribute_set s ON "
                       "s.attribute_set_id = e.attribute_set_id LEFT JOIN eav_attribute_group g ON "
                       "g.attribute_group_id = e.attribute_group_id AND g.attribute_set_id = e.attribute_set_id LEFT "
                       "JOIN eav_attribute a ON a.attribute_id = e.attribute_id WHERE s.attribute_set_id IS NULL OR "
                       "g.attribute_group_id IS NULL OR a.attribute_id IS NULL"),
              IsEmpty());
  for (const char* table : {"catalog_eav_attribute", "customer_eav_attribute", "eav_attribute_option",
                            "eav_attribute_label"}) {
    EXPECT_THAT(Dangling(absl::StrCat("SELECT x.attribute_id FROM ", table, " x LEFT JOIN eav_attribute a USING ",
                                      "(attribute_id) WHERE a.attribute_id IS NULL")),
                IsEmpty())
        << table;
  }
  EXPECT_THAT(Dangling("SELECT entity_id FROM catalog_product_entity p LEFT JOIN eav_attribute_set s USING "
                       "(attribute_set_id) WHERE s.attribute_set_id IS NULL"),
              IsEmpty());
  const std::map<std::string, std::string> clean = EavChecksums();

  // -r after a complete run gives the same tables.
  ProcessResult reset = Migrate({"data", "-a", "-r", config});
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_EQ(EavChecksums(), clean);

  // Killed at five random moments, then run again to the end: the same tables.
  std::mt19937 random(7);
  for (int kill = 0; kill < 5; ++kill) {
    std::unique_ptr<Subprocess> run = StartMigrate({"data", "-a", "-r", config});
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(200, 4000)(random)));
    run->Kill(SIGKILL);
    run->Wait();
  }
  ProcessResult rerun = Migrate({"data", "-a", config});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(EavChecksums(), clean);
}

// A write that fails half way (a trigger refuses the customer attributes Magento 2's own attributes
// become, the last document written) restores every EAV document from its backup, with Magento's
// rollback messages, and the run fails; with the trigger gone, the rerun completes.
TEST_F(StockEavStepTest, AFailedWriteRollsBackAndTheRerunCompletes) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  const std::map<std::string, std::string> pristine = EavChecksums();
  Exec(*destination_, "CREATE TRIGGER refuse_new_ids BEFORE INSERT ON customer_eav_attribute FOR EACH ROW "
                      "IF NEW.attribute_id > 900 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'new ids refused'; "
                      "END IF");
  const std::string config = StockConfig(fixtures);
  const ProcessResult failed = Migrate({"data", "-a", config});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_THAT(failed.output, HasSubstr("[step: EAV Step]: Error occurred. Rollback."));
  EXPECT_THAT(failed.output, HasSubstr("[step: EAV Step]: EAV Step: rollback"));
  EXPECT_THAT(failed.output, HasSubstr("Please fix errors and run Migration Tool again"));
  EXPECT_THAT(failed.output, HasSubstr("new ids refused"));
  EXPECT_THAT(failed.output, Not(HasSubstr("Rollback failed")));
  EXPECT_EQ(EavChecksums(), pristine);

  Exec(*destination_, "DROP TRIGGER refuse_new_ids");
  const ProcessResult rerun = Migrate({"data", "-a", config});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(Scalar(*destination_, "SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = "
                                  "'catalog_product'"),
            Scalar(*source_, "SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product'"));
}

// The volume check names each Magento 1 attribute id whose code differs in the destination.
TEST_F(StockEavStepTest, TheVolumeCheckNamesAnAttributeWhoseCodeDiffers) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  const ProcessResult data = Migrate({"data", "-a", StockConfig(fixtures)});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  const std::string id = Scalar(*source_, "SELECT attribute_id FROM eav_attribute a JOIN eav_entity_type t USING "
                                          "(entity_type_id) WHERE a.attribute_code = 'sku' AND t.entity_type_code = "
                                          "'catalog_product'");
  Exec(*destination_, "UPDATE eav_attribute SET attribute_code = 'sku_changed' WHERE attribute_id = " + id);
  const std::string volume_only = WriteConfig("data", R"(
    <step title="EAV Step">
      <volume>Migration\Step\Eav\Volume</volume>
    </step>)",
                                              absl::StrCat("<eav_map_file>", fixtures,
                                                           "/magento-dmt/etc/opensource-to-opensource/map-eav.xml.dist"
                                                           "</eav_map_file><eav_document_groups_file>",
                                                           fixtures,
                                                           "/magento-dmt/etc/opensource-to-opensource/"
                                                           "eav-document-groups.xml.dist</eav_document_groups_file>"
                                                           "<eav_attribute_groups_file>",
                                                           fixtures,
                                                           "/magento-dmt/etc/opensource-to-opensource/"
                                                           "eav-attribute-groups.xml.dist</eav_attribute_groups_file>"));
  const ProcessResult volume = Migrate({"data", volume_only});
  EXPECT_EQ(volume.exit_code, 1);
  EXPECT_THAT(volume.output, HasSubstr(absl::StrCat("[ERROR][mode: data][stage: volume check][step: EAV Step]: "
                                                    "Source and Destination attributes mismatch. Attribute id:",
                                                    id, "\n")));
}

}  // namespace
}  // namespace migrate::testing
