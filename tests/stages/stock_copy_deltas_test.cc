// The Tier Price, ConfigurablePrices and Url Rewrite deltas (with Map's, which ConfigurablePrices
// follows) on Magento's real databases of ../shared/fixtures: the 1.6.1.0 sample with Magento 1.7's
// group price table added (edition_number 1.7.0.2, so it is a source document), a configurable
// product with super attribute prices and custom rewrites, into the 2.4.8 schema, with the stock
// 1.6.1.0 config.xml.dist and its files. `migrate data` runs the EAV, Map, Url Rewrite,
// ConfigurablePrices and Tier Price steps; then `migrate delta` runs while the test changes tier and
// group prices (a group price that shadowed a tier price at qty 1 deleted among them), super
// attribute prices and a parent's price, custom and system rewrites (a new Magento 1 rewrite under
// the id a CMS rewrite holds in Magento 2, another on a CMS page's request path) and CMS pages.
//
// What must hold after catch-up: the tables the three steps write equal what a fresh `migrate
// data` of the final source writes into a second destination database (tier prices and decimal
// values but for value_id; url_rewrite's Magento 1 rows with their ids, its CMS rows but for
// url_rewrite_id; the product-category links), no change is left pending, and a CMS rewrite keeps
// its id across idle cycles. The same when delta is killed (kill -9) at random moments while the
// changes are made, and restarted.
#include <signal.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_rows.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/sql.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_servers.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The changelogs the deltas under test read or follow.
constexpr const char* kChangelogs[] = {
    "m2_cl_catalog_product_entity_tier_price",        "m2_cl_catalog_product_entity_group_price",
    "m2_cl_catalog_product_super_attribute_pricing", "m2_cl_catalog_product_entity_decimal",
    "m2_cl_catalog_product_super_link",               "m2_cl_catalog_product_super_attribute",
    "m2_cl_core_url_rewrite"};

class StockCopyDeltasTest : public StockSampleTest {
 protected:
  // Loads the sample, the 2.4.8 schema into the destination and a reference database, adds the
  // rows the changes need, writes the config for both and runs `migrate data` into the destination.
  void SetUpShop(const std::string& fixtures) {
    LoadDumps(fixtures);
    reference_options_ = TestDatabase(DestinationServer(), "_ref");
    LoadDump(reference_options_, fixtures + "/magento2-2.4.8-empty.sql");
    GrantMagentoDefiner(reference_options_.database);
    AddGroupPrices();
    Exec(*source_, kConfigurable);
    Exec(*source_, kCustomRewrites);
    config_ = WriteFile("config.xml", ConfigText(destination_options_.database));
    reference_config_ = WriteFile("reference.xml", ConfigText(reference_options_.database));
    const ProcessResult data = Migrate({"data", "-a", config_});
    ASSERT_EQ(data.exit_code, 0) << data.output;
    ASSERT_THAT(data.output, HasSubstr("Migration completed"));
  }

  // The stock config with the data steps of the test and the deltas of Map and the three steps.
  std::string ConfigText(const std::string& destination_database) {
    std::string config = StockConfigWithDataSteps(
        fixture_dir_, {"EAV Step", "Map Step", "Url Rewrite Step", "ConfigurablePrices step", "Tier Price Step"});
    const size_t delta = config.find(R"(<steps mode="delta">)");
    config.replace(delta, config.find("</steps>", delta) - delta, R"(<steps mode="delta">
        <step title="Map Step">
            <delta>Migration\Step\Map\Delta</delta>
            <volume>Migration\Step\Map\Volume</volume>
        </step>
        <step title="ConfigurablePrices step">
            <delta>Migration\Step\ConfigurablePrices\Delta</delta>
            <volume>Migration\Step\ConfigurablePrices\Volume</volume>
        </step>
        <step title="Tier Price Step">
            <delta>Migration\Step\TierPrice\Delta</delta>
            <volume>Migration\Step\TierPrice\Volume</volume>
        </step>
        <step title="Url Rewrite Step">
            <delta>Migration\Step\UrlRewrite\Version191to2000Delta</delta>
            <volume>Migration\Step\UrlRewrite\Version191to2000</volume>
        </step>
    )");
    return absl::StrReplaceAll(
        config, {{"<edition_number>1.6.1.0</edition_number>", "<edition_number>1.7.0.2</edition_number>"},
                 {absl::StrCat(R"(port=")", destination_options_.port, R"(" name=")", destination_options_.database),
                  absl::StrCat(R"(port=")", destination_options_.port, R"(" name=")", destination_database)},
                 {"<options>", "<options>\n        <delta_poll_interval>0.2</delta_poll_interval>"}});
  }

  // Magento 1.7's group price table: a group price meeting the tier price at qty 1 of product 44,
  // and one of product 123 alone.
  void AddGroupPrices() {
    Exec(*source_,
         "CREATE TABLE catalog_product_entity_group_price (value_id int(11) NOT NULL AUTO_INCREMENT, entity_id "
         "int(10) unsigned NOT NULL DEFAULT 0, all_groups smallint(5) unsigned NOT NULL DEFAULT 1, customer_group_id "
         "smallint(5) unsigned NOT NULL DEFAULT 0, value decimal(12,4) NOT NULL DEFAULT 0, website_id smallint(5) "
         "unsigned NOT NULL, is_percent smallint(5) unsigned NOT NULL DEFAULT 0, PRIMARY KEY (value_id), UNIQUE KEY "
         "u (entity_id, all_groups, customer_group_id, website_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8");
    Exec(*source_,
         "INSERT INTO catalog_product_entity_tier_price (value_id, entity_id, all_groups, customer_group_id, qty, "
         "value, website_id) VALUES (11, 44, 0, 1, 1, 440, 0), (12, 44, 0, 1, 5, 400, 0)");
    Exec(*source_,
         "INSERT INTO catalog_product_entity_group_price (value_id, entity_id, all_groups, customer_group_id, value, "
         "website_id) VALUES (1, 44, 0, 1, 430, 0), (2, 123, 0, 2, 88, 0)");
  }

  std::string PriceId() {
    return Scalar(*source_,
                  "SELECT attribute_id FROM eav_attribute WHERE entity_type_id = 10 AND attribute_code = 'price'");
  }

  // The changes, one statement at a time, with `between` called after each; then `rounds` rounds of
  // updates of the same keys.
  void MakeChanges(const std::function<void()>& between, int rounds = 1) {
    // The id the first CMS rewrite took in Magento 2, which a new Magento 1 rewrite now takes.
    const std::string cms_id =
        Scalar(*destination_, "SELECT MIN(url_rewrite_id) FROM url_rewrite WHERE entity_type = 'cms-page'");
    ASSERT_FALSE(cms_id.empty());
    const std::string system = Scalar(
        *source_,
        "SELECT MIN(url_rewrite_id) FROM core_url_rewrite WHERE is_system = 1 AND product_id IS NOT NULL AND "
        "category_id IS NOT NULL");
    const std::vector<std::string> changes = {
        // Tier and group prices.
        "UPDATE catalog_product_entity_tier_price SET value = value + 1 WHERE value_id = 1",
        "INSERT INTO catalog_product_entity_tier_price (entity_id, all_groups, customer_group_id, qty, value, "
        "website_id) VALUES (123, 1, 0, 3, 77, 0)",
        "DELETE FROM catalog_product_entity_tier_price WHERE value_id = 2",
        "UPDATE catalog_product_entity_tier_price SET qty = 7 WHERE value_id = 12",
        "DELETE FROM catalog_product_entity_group_price WHERE value_id = 1",
        "UPDATE catalog_product_entity_group_price SET value = 86 WHERE value_id = 2",
        "INSERT INTO catalog_product_entity_group_price (entity_id, all_groups, customer_group_id, value, "
        "website_id) VALUES (44, 0, 3, 420, 0)",
        // Super attribute prices and the parent's price.
        "UPDATE catalog_product_super_attribute_pricing SET pricing_value = 9 WHERE value_id = 903",
        "INSERT INTO catalog_product_super_attribute_pricing (value_id, product_super_attribute_id, value_index, "
        "is_percent, pricing_value, website_id) VALUES (904, 901, '38', 0, 3, 0)",
        "DELETE FROM catalog_product_super_attribute_pricing WHERE value_id = 902",
        absl::StrCat("UPDATE catalog_product_entity_decimal SET value = 110 WHERE entity_id = 9001 AND store_id = 0 "
                     "AND attribute_id = ",
                     PriceId()),
        // Rewrites: changed, moved onto a CMS rewrite's path, deleted, new under a CMS rewrite's id, new
        // on a CMS rewrite's path, a system rewrite no longer in a category, a new product-in-category
        // rewrite.
        "UPDATE core_url_rewrite SET target_path = 'newer-page.html', options = 'R' WHERE url_rewrite_id = 5001",
        "UPDATE core_url_rewrite SET request_path = 'home' WHERE url_rewrite_id = 5002",
        "DELETE FROM core_url_rewrite WHERE url_rewrite_id = 5003",
        absl::StrCat("INSERT INTO core_url_rewrite (url_rewrite_id, store_id, category_id, product_id, id_path, "
                     "request_path, target_path, is_system, options, description) VALUES (",
                     cms_id, ", 1, NULL, NULL, 'custom/4', 'taken-id.html', 'elsewhere.html', 0, 'RP', NULL)"),
        "INSERT INTO core_url_rewrite (url_rewrite_id, store_id, category_id, product_id, id_path, request_path, "
        "target_path, is_system, options, description) VALUES (7001, 1, NULL, NULL, 'custom/5', "
        "'customer-service', 'contacts', 0, 'R', NULL)",
        absl::StrCat("UPDATE core_url_rewrite SET category_id = NULL WHERE url_rewrite_id = ", system),
        "INSERT INTO core_url_rewrite (url_rewrite_id, store_id, category_id, product_id, id_path, request_path, "
        "target_path, is_system, options, description) VALUES (7002, 1, 10, 83, 'product/83/10', "
        "'furniture/new-shoe.html', 'catalog/product/view/id/83/category/10', 1, '', NULL)",
        // CMS pages: a new identifier, one deactivated, a new page.
        "UPDATE cms_page SET identifier = 'cookies' WHERE page_id = 6",
        "UPDATE cms_page SET is_active = 0 WHERE page_id = 3",
        "INSERT INTO cms_page (page_id, title, root_template, identifier, content, creation_time, update_time, "
        "is_active) VALUES (90, 'Sale', 'one_column', 'sale', 'x', NOW(), NOW(), 1)",
        "INSERT INTO cms_page_store (page_id, store_id) VALUES (90, 0)",
    };
    for (const std::string& change : changes) {
      Exec(*source_, change);
      between();
    }
    for (int round = 0; round < rounds; ++round) {
      for (const std::string& change :
           {std::string("UPDATE catalog_product_entity_tier_price SET value = value + 1 WHERE value_id = 1"),
            std::string("UPDATE catalog_product_entity_group_price SET value = value + 1 WHERE value_id = 2"),
            absl::StrCat("UPDATE catalog_product_super_attribute_pricing SET pricing_value = ", 11 + round,
                         " WHERE value_id = 903"),
            absl::StrCat("UPDATE catalog_product_entity_decimal SET value = value + 1 WHERE entity_id = 9001 AND "
                         "store_id = 1 AND attribute_id = ",
                         PriceId()),
            absl::StrCat("UPDATE core_url_rewrite SET description = 'round ", round, "' WHERE url_rewrite_id = 5002"),
            absl::StrCat("UPDATE cms_page SET identifier = 'sale-", round, "' WHERE page_id = 90")}) {
        Exec(*source_, change);
        between();
      }
    }
  }

  int64_t Pending() {
    int64_t pending = 0;
    for (const char* changelog : kChangelogs) {
      pending += std::stoll(Scalar(*source_, absl::StrCat("SELECT COUNT(*) FROM `", changelog, "`")));
    }
    return pending + std::stoll(Scalar(*destination_, "SELECT COUNT(*) FROM migrate_delta_followers"));
  }

  // Waits until nothing is pending, lets a few more cycles run (the CMS rewrites are brought up to
  // date at the end of each), then stops delta as Ctrl+C does.
  void CatchUpAndStop(Subprocess& delta) {
    const absl::Time deadline = absl::Now() + absl::Seconds(90);
    while (Pending() != 0 && delta.Running() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(200));
    absl::SleepFor(absl::Seconds(1));
    delta.Kill(SIGTERM);
    const ProcessResult stopped = delta.Wait();
    EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
    // cms_page and cms_page_store are in no delta group: Map's closing volume check of them differs
    // after the test's page changes. Nothing else may fail (catalog_product_entity_decimal's count
    // allows for ConfigurablePrices' rows).
    for (absl::string_view line : absl::StrSplit(stopped.output, '\n')) {
      if (line.find("Mismatch of entities in the document: cms_page") != std::string::npos) continue;
      EXPECT_THAT(line, Not(HasSubstr("[ERROR]")));
    }
    EXPECT_EQ(Pending(), 0) << stopped.output;
  }

  // The rows the three steps write, in a form both databases share: tier prices and decimal values
  // without value_id, Magento 1's rewrites with their ids and the CMS rewrites without.
  static std::vector<std::vector<std::string>> Contents(io::MysqlConnection& connection) {
    return {
        Rows(connection,
             "SELECT CONCAT_WS('|', entity_id, all_groups, customer_group_id, qty, value, website_id) FROM "
             "catalog_product_entity_tier_price ORDER BY 1"),
        Rows(connection,
             "SELECT CONCAT_WS('|', attribute_id, store_id, entity_id, IFNULL(value, 'null')) FROM "
             "catalog_product_entity_decimal ORDER BY attribute_id, entity_id, store_id"),
        Rows(connection,
             "SELECT CONCAT_WS('|', url_rewrite_id, entity_type, entity_id, request_path, target_path, redirect_type, "
             "store_id, IFNULL(description, 'null'), is_autogenerated, IFNULL(metadata, 'null')) FROM url_rewrite "
             "WHERE entity_type <> 'cms-page' ORDER BY url_rewrite_id"),
        Rows(connection,
             "SELECT CONCAT_WS('|', entity_id, request_path, target_path, redirect_type, store_id, "
             "IFNULL(description, 'null'), is_autogenerated, IFNULL(metadata, 'null')) FROM url_rewrite WHERE "
             "entity_type = 'cms-page' ORDER BY request_path, store_id"),
        Rows(connection,
             "SELECT CONCAT_WS('|', url_rewrite_id, category_id, product_id) FROM "
             "catalog_url_rewrite_product_category ORDER BY 1"),
    };
  }

  // The destination equals a fresh `migrate data` of the final source.
  void ExpectDestinationEqualsAFreshCopy() {
    const ProcessResult fresh = Migrate({"data", "-a", reference_config_});
    ASSERT_EQ(fresh.exit_code, 0) << fresh.output;
    std::unique_ptr<io::MysqlConnection> reference = Connect(reference_options_);
    ASSERT_NE(reference, nullptr);
    const std::vector<std::vector<std::string>> ours = Contents(*destination_);
    const std::vector<std::vector<std::string>> theirs = Contents(*reference);
    const char* names[] = {"tier prices", "decimal values", "Magento 1 rewrites", "CMS rewrites",
                           "product-category links"};
    for (size_t i = 0; i < ours.size(); ++i) {
      EXPECT_FALSE(theirs[i].empty()) << names[i];
      EXPECT_EQ(ours[i], theirs[i]) << names[i];
    }
  }

  std::string fixture_dir_;
  io::ConnectionOptions reference_options_;
  std::string config_;
  std::string reference_config_;
};

TEST_F(StockCopyDeltasTest, ChangesArriveAsAFreshCopyHasThem) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  fixture_dir_ = fixtures;
  SetUpShop(fixtures);
  if (HasFatalFailure()) return;
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config_});
  MakeChanges([] { absl::SleepFor(absl::Milliseconds(50)); }, /*rounds=*/2);
  if (HasFatalFailure()) return;
  CatchUpAndStop(*delta);

  // What the changes must have done, besides the equality below.
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT GROUP_CONCAT(CONCAT(ROUND(qty), ':', ROUND(value)) ORDER BY qty) FROM "
                   "catalog_product_entity_tier_price WHERE entity_id = 44 AND customer_group_id = 1"),
            "1:440,7:400");
  // The child 9002's prices: the parent's (110 by default, 121 + 2 rounds in store 1) plus shoe_size
  // 37's +5 on website 0 and +12 on website 1 (the last round), shirt_size's +10 % gone.
  EXPECT_EQ(Scalar(*destination_,
                   absl::StrCat("SELECT GROUP_CONCAT(CONCAT(store_id, ':', ROUND(value, 2)) ORDER BY store_id) FROM "
                                "catalog_product_entity_decimal WHERE entity_id = 9002 AND attribute_id = ",
                                PriceId())),
            "0:115.00,1:134.00,2:122.00,3:122.00");
  const std::string cms_ids =
      "SELECT GROUP_CONCAT(url_rewrite_id ORDER BY url_rewrite_id) FROM url_rewrite WHERE entity_type = 'cms-page'";
  const std::string ids_before = Scalar(*destination_, cms_ids);
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM url_rewrite WHERE request_path = 'taken-id.html'"), "1");
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT COUNT(*) FROM url_rewrite WHERE request_path = 'customer-service' AND entity_type = "
                   "'custom'"),
            "1");

  // Idle cycles leave the CMS rewrites' ids alone.
  std::unique_ptr<Subprocess> idle = StartMigrate({"delta", config_});
  CatchUpAndStop(*idle);
  EXPECT_EQ(Scalar(*destination_, cms_ids), ids_before);
  ExpectDestinationEqualsAFreshCopy();
}

TEST_F(StockCopyDeltasTest, KilledAtRandomMomentsAndRestartedItStillLosesNothing) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  fixture_dir_ = fixtures;
  SetUpShop(fixtures);
  if (HasFatalFailure()) return;
  std::mt19937 random(11);
  const auto next_kill = [&] {
    return absl::Now() + absl::Milliseconds(std::uniform_int_distribution<int>(300, 1500)(random));
  };
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config_});
  absl::Time kill_at = next_kill();
  int kills = 0;
  MakeChanges(
      [&] {
        absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(20, 250)(random)));
        if (absl::Now() < kill_at) return;
        delta->Kill(SIGKILL);
        delta->Wait();
        ++kills;
        delta = StartMigrate({"delta", config_});
        kill_at = next_kill();
      },
      /*rounds=*/15);
  if (HasFatalFailure()) return;
  EXPECT_GE(kills, 8);
  CatchUpAndStop(*delta);
  ExpectDestinationEqualsAFreshCopy();
}

}  // namespace
}  // namespace migrate::testing
