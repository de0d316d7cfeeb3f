// The Log, Tier Price, ConfigurablePrices and Url Rewrite steps on Magento's real databases of
// ../shared/fixtures: the 1.6.1.0 sample, with the rows it lacks added (visitors and their logins,
// a configurable product whose super attributes have fixed, percent and website prices and a
// website-level parent price, custom URL rewrites with redirects), into the 2.4.8 schema, run by the
// migrate binary with the stock 1.6.1.0 config.xml.dist and its files, with -a, keeping the data
// steps this build implements (Data Integrity, EAV, Map and these four) in the stock order.
//
// What must hold: the rows and values that arrive (visitors with their customers, tier prices,
// children's prices per store, rewrites with their targets, entity types, redirect types, metadata,
// the product-category links and the CMS page rewrites), and every volume check passes. Group
// prices (Magento 1.7+, so with another edition_number) become tier prices of qty 1 that replace a
// tier price at qty 1 and keep its value_id. A plain rerun and -r leave the same tables. With
// source_prefix and dest_prefix, the same rows arrive in the prefixed tables and their unprefixed
// namesakes stay empty. And Magento's integrity messages for a missing column.
#include <signal.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_rows.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/sql.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class StockCopyStepsTest : public StockSampleTest {
 protected:
  // The stock config with only the data steps titled `titles`, the stages of each limited to
  // `stages` (e.g. {"integrity"}) when not empty, and `replacements` made in its text.
  std::string StockConfig(const std::string& fixtures, const std::vector<std::string>& titles,
                          const std::vector<std::pair<std::string, std::string>>& replacements = {},
                          bool integrity_only = false) {
    std::string config = absl::StrReplaceAll(StockConfigText(fixtures), replacements);
    const size_t data_steps = config.find(R"(<steps mode="data">)");
    const size_t data_steps_end = config.find("</steps>", data_steps);
    std::string kept;
    for (size_t at = config.find("<step title=", data_steps); at < data_steps_end;
         at = config.find("<step title=", at + 1)) {
      std::string step = config.substr(at, config.find("</step>", at) + 7 - at);
      for (const std::string& title : titles) {
        if (step.find(absl::StrCat("\"", title, "\"")) == std::string::npos) continue;
        if (integrity_only) {
          for (const char* stage : {"data", "volume"}) {
            const size_t open = step.find(absl::StrCat("<", stage, ">"));
            if (open != std::string::npos) {
              step.erase(open, step.find(absl::StrCat("</", stage, ">"), open) + 3 + strlen(stage) - open);
            }
          }
        }
        absl::StrAppend(&kept, step, "\n");
      }
    }
    config.replace(data_steps, data_steps_end - data_steps, absl::StrCat(R"(<steps mode="data">)", "\n", kept));
    return WriteFile("stock-config.xml", config);
  }

  // CHECKSUM TABLE of each table the four steps write.
  std::map<std::string, std::string> Checksums() {
    std::map<std::string, std::string> sums;
    for (const char* table : {"customer_visitor", "catalog_product_entity_tier_price", "catalog_product_entity_decimal",
                              "url_rewrite", "catalog_url_rewrite_product_category"}) {
      sums[table] = Rows(*destination_, absl::StrCat("CHECKSUM TABLE `", table, "`"))[0];
    }
    return sums;
  }
};

TEST_F(StockCopyStepsTest, VisitorsPricesAndRewritesArrive) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  for (const char* rows : {kVisitors, kConfigurable, kCustomRewrites, kRewriteRedirectAndSecondHome}) {
    Exec(*source_, rows);
  }
  const std::string config = StockConfig(fixtures, {"Data Integrity Step", "EAV Step", "Map Step", "Url Rewrite Step",
                                                    "Log Step", "ConfigurablePrices step", "Tier Price Step"});

  ProcessResult data = Migrate({"data", "-a", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  for (const char* step : {"Url Rewrite Step", "Log Step", "ConfigurablePrices step", "Tier Price Step"}) {
    EXPECT_THAT(data.output, HasSubstr(absl::StrCat("[stage: volume check][step: ", step, "]"))) << step;
  }
  EXPECT_THAT(data.output, Not(HasSubstr("Volume check failed")));
  EXPECT_THAT(data.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_THAT(data.output, Not(HasSubstr("Mismatch of amount")));
  EXPECT_THAT(data.output, HasSubstr("Migration completed"));

  // Log: visitors with their customers (the later login), created_at from first_visit_at (else
  // last_visit_at), session_id NULL in 2.4.8's varchar(1).
  EXPECT_THAT(Rows(*destination_,
                   "SELECT CONCAT_WS('|', visitor_id, IFNULL(customer_id, 'null'), IFNULL(session_id, 'null'), "
                   "created_at, last_visit_at) FROM customer_visitor ORDER BY visitor_id"),
              ElementsAre("1|7|null|2024-01-02 03:04:05|2024-01-02 04:00:00",
                          "2|null|null|2024-02-01 10:00:00|2024-02-01 10:00:00",
                          "3|9|null|2024-03-01 00:00:00|2024-03-01 01:00:00"));
  EXPECT_THAT(data.output, HasSubstr("visitors arrive with session_id NULL"));

  // Tier Price: the sample's ten tier prices, values unchanged (1.6.1.0 has no group prices;
  // Magento 2's value has 6 decimals where Magento 1's has 4).
  const std::string tier_prices =
      "SELECT CONCAT_WS('|', entity_id, all_groups, customer_group_id, qty, CAST(value AS DECIMAL(12,4)), "
      "website_id) FROM "
      "catalog_product_entity_tier_price ORDER BY entity_id, qty";
  EXPECT_EQ(Rows(*destination_, tier_prices), Rows(*source_, tier_prices));
  EXPECT_EQ(Rows(*destination_, tier_prices).size(), 10u);

  // ConfigurablePrices: children's prices per store.
  const std::string price_id =
      Scalar(*source_, "SELECT attribute_id FROM eav_attribute WHERE entity_type_id = 10 AND attribute_code = 'price'");
  EXPECT_THAT(
      Rows(*destination_, absl::StrCat("SELECT CONCAT_WS('|', entity_id, store_id, CAST(value AS DECIMAL(12,4))) FROM "
                                       "catalog_product_entity_decimal WHERE attribute_id = ",
                                       price_id, " AND entity_id IN (9002, 9003) ORDER BY entity_id, store_id")),
      ElementsAre("9002|0|115.0000", "9002|1|127.0000", "9002|2|107.0000", "9002|3|107.0000", "9003|0|110.0000"));
  // The sample's children (fixed prices on website 0): the parent's default price plus the deltas of
  // their super attribute values.
  const std::string sample_children = absl::StrCat(
      "SELECT CONCAT_WS('|', link.product_id, CAST(mt.value + SUM(ap.pricing_value) AS DECIMAL(12,4))) FROM "
      "catalog_product_super_link link JOIN catalog_product_super_attribute sa ON sa.product_id = link.parent_id "
      "JOIN catalog_product_super_attribute_pricing ap ON ap.product_super_attribute_id = "
      "sa.product_super_attribute_id JOIN catalog_product_entity_int i ON i.entity_id = link.product_id AND "
      "i.attribute_id = sa.attribute_id AND i.store_id = 0 AND i.value = ap.value_index JOIN "
      "catalog_product_entity_decimal mt ON mt.entity_id = link.parent_id AND mt.store_id = 0 AND mt.attribute_id = ",
      price_id, " WHERE link.parent_id < 9000 GROUP BY link.product_id, link.parent_id, mt.value ORDER BY 1");
  const std::vector<std::string> expected_children = Rows(*source_, sample_children);
  EXPECT_FALSE(expected_children.empty());
  EXPECT_EQ(Rows(*destination_, absl::StrCat("SELECT CONCAT_WS('|', entity_id, CAST(value AS DECIMAL(12,4))) FROM "
                                             "catalog_product_entity_decimal WHERE "
                                             "store_id = 0 AND attribute_id = ",
                                             price_id, " AND entity_id IN (",
                                             absl::StrJoin(expected_children, ",",
                                                           [](std::string* out, const std::string& row) {
                                                             absl::StrAppend(out, row.substr(0, row.find('|')));
                                                           }),
                                             ") ORDER BY 1")),
            expected_children);

  // Url Rewrite: every rewrite under its id; custom ones with explicit entity types and redirects.
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM url_rewrite WHERE entity_type <> 'cms-page'"),
            Scalar(*source_, "SELECT COUNT(*) FROM core_url_rewrite"));
  EXPECT_THAT(Rows(*destination_,
                   "SELECT CONCAT_WS('|', url_rewrite_id, entity_type, entity_id, request_path, target_path, "
                   "redirect_type, store_id, IFNULL(description, 'null'), is_autogenerated, IFNULL(metadata, 'null')) "
                   "FROM url_rewrite WHERE url_rewrite_id BETWEEN 5001 AND 5003 ORDER BY url_rewrite_id"),
              ElementsAre("5001|custom|0|old-page.html|new-page.html|301|1|moved for good|0|null",
                          "5002|product|83|promo-shoe.html|catalog/product/view/id/83|302|2|null|0|null",
                          "5003|custom|0|plain.html|plain-target.html|0|3|null|0|null"));
  // System rewrites: targets, types and metadata as Magento writes them.
  const std::string system =
      "SELECT CONCAT_WS('|', url_rewrite_id, store_id, request_path, target_path, "
      "IF(product_id IS NOT NULL, 'product', 'category'), COALESCE(product_id, category_id), "
      "IF(product_id IS NOT NULL AND category_id IS NOT NULL, CONCAT('{\"category_id\":\"', "
      "category_id, '\"}'), 'null')) FROM core_url_rewrite WHERE is_system = 1 ORDER BY 1";
  const std::string arrived =
      "SELECT CONCAT_WS('|', url_rewrite_id, store_id, request_path, target_path, entity_type, "
      "entity_id, IFNULL(metadata, 'null')) FROM url_rewrite WHERE is_autogenerated = 1 AND "
      "entity_type <> 'cms-page' ORDER BY 1";
  EXPECT_EQ(Rows(*destination_, arrived), Rows(*source_, system));
  EXPECT_GT(Rows(*source_, system).size(), 800u);
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM url_rewrite WHERE redirect_type <> 0 AND is_autogenerated = 1"),
            Scalar(*source_, "SELECT COUNT(*) FROM core_url_rewrite WHERE options IN ('R', 'RP') AND is_system = 1"));
  // Product-in-category links of system rewrites.
  const std::string links = "SELECT CONCAT_WS('|', url_rewrite_id, category_id, product_id) FROM %s ORDER BY 1";
  EXPECT_EQ(Rows(*destination_, absl::StrReplaceAll(links, {{"%s", "catalog_url_rewrite_product_category"}})),
            Rows(*source_, absl::StrReplaceAll(links, {{"%s",
                                                        "core_url_rewrite WHERE is_system = 1 AND product_id IS "
                                                        "NOT NULL AND category_id IS NOT NULL AND request_path "
                                                        "IS NOT NULL"}})));
  // CMS pages: one rewrite per identifier and store; 'home' of stores 1, 2, 3 (page 2) wins over
  // 'home' of all stores (page 5) in store 1.
  EXPECT_THAT(
      Rows(*destination_,
           "SELECT CONCAT_WS('|', request_path, store_id, target_path, entity_id, "
           "is_autogenerated, redirect_type) FROM url_rewrite WHERE entity_type = 'cms-page' "
           "ORDER BY request_path, store_id"),
      ElementsAre("about-magento-demo-store|1|cms/page/view/page_id/3|3|1|0",
                  "customer-service|1|cms/page/view/page_id/4|4|1|0", "enable-cookies|1|cms/page/view/page_id/6|6|1|0",
                  "home|1|cms/page/view/page_id/2|2|1|0", "home|2|cms/page/view/page_id/2|2|1|0",
                  "home|3|cms/page/view/page_id/2|2|1|0", "no-route|1|cms/page/view/page_id/1|1|1|0"));
  EXPECT_GT(std::stoull(Scalar(*destination_,
                               "SELECT MIN(url_rewrite_id) FROM url_rewrite WHERE entity_type = "
                               "'cms-page'")),
            5003u);

  // A plain rerun (every document finished) and -r (every document copied again) leave the same
  // tables, ids included.
  const std::map<std::string, std::string> first = Checksums();
  ProcessResult rerun = Migrate({"data", "-a", config});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(Checksums(), first);
  ProcessResult reset = Migrate({"data", "-a", "-r", config});
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_THAT(reset.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_EQ(Checksums(), first);
}

TEST_F(StockCopyStepsTest, GroupPricesBecomeTierPricesOfQtyOneAndKeepTheirIds) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  // Magento 1.7's group price table, and a tier price at qty 1 that a group price meets.
  Exec(*source_,
       "CREATE TABLE catalog_product_entity_group_price (value_id int(11) NOT NULL AUTO_INCREMENT, entity_id "
       "int(10) unsigned NOT NULL DEFAULT 0, all_groups smallint(5) unsigned NOT NULL DEFAULT 1, customer_group_id "
       "smallint(5) unsigned NOT NULL DEFAULT 0, value decimal(12,4) NOT NULL DEFAULT 0, website_id smallint(5) "
       "unsigned NOT NULL, is_percent smallint(5) unsigned NOT NULL DEFAULT 0, PRIMARY KEY (value_id), UNIQUE KEY "
       "u (entity_id, all_groups, customer_group_id, website_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8");
  Exec(*source_,
       "INSERT INTO catalog_product_entity_tier_price (value_id, entity_id, all_groups, customer_group_id, qty, value, "
       "website_id) VALUES (11, 44, 0, 1, 1, 440, 0)");
  Exec(*source_,
       "INSERT INTO catalog_product_entity_group_price (value_id, entity_id, all_groups, customer_group_id, value, "
       "website_id) VALUES (1, 44, 0, 1, 430, 0), (2, 123, 0, 2, 88, 0)");
  const std::string config =
      StockConfig(fixtures, {"Tier Price Step"},
                  {{"<edition_number>1.6.1.0</edition_number>", "<edition_number>1.7.0.2</edition_number>"}});

  ProcessResult data = Migrate({"data", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_THAT(data.output, Not(HasSubstr("Mismatch of amount")));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_product_entity_tier_price"), "12");
  // The group price replaced the value of the tier price at qty 1, whose row (one of the 11 tier
  // prices, written first) keeps its value_id; the other group price is a new tier price of qty 1.
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT CONCAT_WS('|', CAST(value AS DECIMAL(12,4)), value_id <= 11) FROM "
                   "catalog_product_entity_tier_price WHERE entity_id = 44 AND customer_group_id = 1"),
            "430.0000|1");
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT CONCAT_WS('|', all_groups, qty, CAST(value AS DECIMAL(12,4)), website_id) FROM "
                   "catalog_product_entity_tier_price WHERE entity_id = 123 AND customer_group_id = 2"),
            "0|1.0000|88.0000|0");
  EXPECT_EQ(Scalar(*destination_, "SELECT MAX(value_id) FROM catalog_product_entity_tier_price WHERE value_id <= 11"),
            "11");

  // A rerun copies nothing again and leaves the same rows.
  const std::string all =
      "SELECT CONCAT_WS('|', value_id, entity_id, customer_group_id, qty, value) FROM "
      "catalog_product_entity_tier_price ORDER BY value_id";
  const std::vector<std::string> before = Rows(*destination_, all);
  ProcessResult rerun = Migrate({"data", config});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(Rows(*destination_, all), before);
}

TEST_F(StockCopyStepsTest, IntegrityNamesTheMissingColumns) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  Exec(*destination_, "ALTER TABLE customer_visitor DROP COLUMN last_visit_at");
  Exec(*source_, "ALTER TABLE catalog_product_entity_tier_price ADD COLUMN custom_field INT NOT NULL DEFAULT 0");
  Exec(*source_, "ALTER TABLE catalog_product_super_attribute_pricing DROP COLUMN pricing_value");
  Exec(*source_, "ALTER TABLE core_url_rewrite DROP COLUMN options");
  Exec(*destination_, "ALTER TABLE url_rewrite DROP COLUMN metadata");
  const std::string config =
      StockConfig(fixtures, {"Url Rewrite Step", "Log Step", "ConfigurablePrices step", "Tier Price Step"}, {}, true);

  ProcessResult run = Migrate({"data", config});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  for (const auto& [step, message] : std::vector<std::pair<std::string, std::string>>{
           {"Url Rewrite Step", "Source fields are missing. Document: core_url_rewrite. Fields: options"},
           {"Url Rewrite Step", "Destination fields are missing. Document: url_rewrite. Fields: metadata"},
           {"Log Step", "Source fields are not mapped. Document: log_visitor. Fields: last_visit_at"},
           {"ConfigurablePrices step",
            "Source fields are missing. Document: catalog_product_super_attribute_pricing. Fields: pricing_value"},
           {"Tier Price Step",
            "Source fields are not mapped. Document: catalog_product_entity_tier_price. Fields: custom_field"}}) {
    EXPECT_THAT(run.output, HasSubstr(absl::StrCat("[ERROR][mode: data][stage: integrity check][step: ", step,
                                                   "]: ", message, "\n")));
  }
  EXPECT_THAT(run.output, Not(HasSubstr("Migration completed")));
}

TEST_F(StockCopyStepsTest, EveryTableNameGetsItsPrefix) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  for (const char* rows : {kVisitors, kConfigurable, kCustomRewrites, kRewriteRedirectAndSecondHome}) {
    Exec(*source_, rows);
  }
  // The four steps' tables under prefixes; tables without the prefix are not documents of the run.
  for (const char* table :
       {"log_visitor", "log_customer", "catalog_product_entity_tier_price", "core_url_rewrite", "cms_page",
        "cms_page_store", "eav_attribute", "eav_entity_type", "catalog_product_entity_decimal",
        "catalog_product_entity_int", "catalog_product_super_attribute", "catalog_product_super_attribute_pricing",
        "catalog_product_super_link", "core_store"}) {
    Exec(*source_, absl::StrCat("RENAME TABLE `", table, "` TO `m1_", table, "`"));
  }
  for (const char* table : {"customer_visitor", "catalog_product_entity_tier_price", "catalog_product_entity_decimal",
                            "url_rewrite", "catalog_url_rewrite_product_category"}) {
    Exec(*destination_, absl::StrCat("RENAME TABLE `", table, "` TO `m2_", table, "`"));
    Exec(*destination_, absl::StrCat("CREATE TABLE `", table, "` LIKE `m2_", table, "`"));
  }
  const std::string config =
      StockConfig(fixtures, {"Url Rewrite Step", "Log Step", "ConfigurablePrices step", "Tier Price Step"},
                  {{"<source_prefix />", "<source_prefix>m1_</source_prefix>"},
                   {"<dest_prefix />", "<dest_prefix>m2_</dest_prefix>"}});

  ProcessResult data = Migrate({"data", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_THAT(data.output, Not(HasSubstr("[ERROR]")));
  EXPECT_THAT(data.output, HasSubstr("Migration completed"));
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT GROUP_CONCAT(CONCAT(visitor_id, ':', IFNULL(customer_id, '-')) ORDER BY "
                   "visitor_id) FROM m2_customer_visitor"),
            "1:7,2:-,3:9");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_catalog_product_entity_tier_price"), "10");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_url_rewrite WHERE entity_type <> 'cms-page'"),
            Scalar(*source_, "SELECT COUNT(*) FROM m1_core_url_rewrite"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_url_rewrite WHERE entity_type = 'cms-page'"), "7");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_catalog_url_rewrite_product_category"),
            Scalar(*source_,
                   "SELECT COUNT(*) FROM m1_core_url_rewrite WHERE is_system = 1 AND product_id IS NOT NULL "
                   "AND category_id IS NOT NULL AND request_path IS NOT NULL"));
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT GROUP_CONCAT(CONCAT(store_id, ':', CAST(value AS DECIMAL(12,4))) ORDER BY "
                   "store_id) FROM m2_catalog_product_entity_decimal WHERE entity_id = 9002"),
            "0:115.0000,1:127.0000,2:107.0000,3:107.0000");
  // Their unprefixed namesakes stay empty.
  for (const char* table : {"customer_visitor", "catalog_product_entity_tier_price", "catalog_product_entity_decimal",
                            "url_rewrite", "catalog_url_rewrite_product_category"}) {
    EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM `", table, "`")), "0") << table;
  }
}

// Log's delta (the stock config's Log\Delta, group delta_log): visitors added, changed and removed on
// the source after `migrate data` arrive in customer_visitor as a fresh copy has them, the new one
// with its customer, and nothing stays pending.
TEST_F(StockCopyStepsTest, LogDeltaReplaysVisitorChanges) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  Exec(*source_, kVisitors);
  std::string config = ReadFile(StockConfig(fixtures, {"Log Step"}));
  const size_t delta = config.find(R"(<steps mode="delta">)");
  config.replace(delta, config.find("</steps>", delta) - delta, R"(<steps mode="delta">
        <step title="Log Step">
            <delta>Migration\Step\Log\Delta</delta>
            <volume>Migration\Step\Log\Volume</volume>
        </step>
    )");
  config = absl::StrReplaceAll(config, {{"<options>", "<options>\n        <delta_poll_interval>0.2</delta_poll_interval>"}});
  const std::string path = WriteFile("stock-config.xml", config);
  const ProcessResult data = Migrate({"data", "-a", path});
  ASSERT_EQ(data.exit_code, 0) << data.output;

  Exec(*source_, "INSERT INTO log_visitor (visitor_id, session_id, first_visit_at, last_visit_at, last_url_id, "
                 "store_id) VALUES (4, 'session-four', '2024-04-01 00:00:00', '2024-04-01 02:00:00', 0, 1)");
  Exec(*source_, "INSERT INTO log_customer (log_id, visitor_id, customer_id, login_at, logout_at, store_id) "
                 "VALUES (4, 4, 11, '2024-04-01 00:30:00', NULL, 1)");
  Exec(*source_, "UPDATE log_visitor SET last_visit_at = '2024-03-05 05:00:00' WHERE visitor_id = 3");
  Exec(*source_, "DELETE FROM log_visitor WHERE visitor_id = 2");
  std::unique_ptr<Subprocess> run = StartMigrate({"delta", path});
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_log_visitor WHERE processed = 0") != "0" &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  run->Kill(SIGTERM);
  const ProcessResult stopped = run->Wait();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
  EXPECT_THAT(stopped.output, HasSubstr("log_visitor: 3 changed keys replayed"));
  EXPECT_THAT(Rows(*destination_, "SELECT CONCAT_WS('|', visitor_id, IFNULL(customer_id, 'null'), last_visit_at) "
                                  "FROM customer_visitor ORDER BY visitor_id"),
              ElementsAre("1|7|2024-01-02 04:00:00", "3|9|2024-03-05 05:00:00", "4|11|2024-04-01 02:00:00"));
}

}  // namespace
}  // namespace migrate::testing
