// Magento's stock Map step on the real databases of ../shared/fixtures: the 1.6.1.0 sample into the
// 2.4.8 schema, run by the migrate binary with the stock 1.6.1.0 config.xml.dist's Settings and Stores
// steps (settings mode) and its Map step (data mode), the stock files it names, -a, and crypt keys;
// then the transformed values that arrive are checked.
//
// The sample has no sales, quotes or sales rules and an empty core_config_data, so the test first
// gives the source a few such rows as a 1.6.1.0 shop writes them: PHP-serialized options, payment
// data encrypted with a known crypt_key (Blowfish ECB, as Mage_Core_Model_Encryption does), an
// encrypted config value.
//
// The 2.4.8 dump carries Magento's indexer triggers, defined by 'magento'@'%': the destination
// server gets that account, as the shop the dump came from had, or every write into a table with a
// trigger fails.
#include <sodium.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kMagento1Key[] = "f3e25abe619dae2387df9961594b0789";
// A Magento 2.4.7+ key: "base64" and the 32 bytes 0, 1, ..., 31.
constexpr char kMagento2Key[] = "base64AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

constexpr char kMapStepOnly[] = R"(<steps mode="data">
        <step title="Map Step">
            <integrity>Migration\Step\Map\Integrity</integrity>
            <data>Migration\Step\Map\Data</data>
            <volume>Migration\Step\Map\Volume</volume>
        </step>
    </steps>)";

// Rows a 1.6.1.0 shop has; the encrypted values are kMagento1Key's Blowfish ECB of
// "paypal-api-password!", "4111111111111111" and "x".
constexpr char kShopRows[] = R"(
  INSERT INTO core_config_data (scope, scope_id, path, value) VALUES
    ('default', 0, 'paypal/wpp/api_password', 'VjlciZpg83ltcOSy4+DstFT1lc0yBr3d');
  INSERT INTO salesrule (rule_id, name, customer_group_ids, website_ids, is_active, conditions_serialized) VALUES
    (1, 'Ten off', '0,1', '1', 1,
     'a:3:{s:4:"type";s:32:"salesrule/rule_condition_combine";s:9:"attribute";N;s:10:"aggregator";s:3:"all";}'),
    (2, 'Members', '2,3', '1', 0, NULL);
  INSERT INTO sales_flat_order (entity_id, increment_id, store_id, state, status, grand_total, hidden_tax_amount,
                                total_item_count) VALUES
    (1, '100000001', 1, 'new', 'pending', 29.99, 1.5, 2),
    (2, '100000002', 1, 'processing', 'processing', 15.00, 0, 1),
    (3, '100000003', 2, 'complete', 'complete', 120.50, NULL, 1);
  INSERT INTO sales_flat_order_item (item_id, order_id, store_id, product_id, sku, product_type, price, free_shipping,
                                     no_discount, is_nominal, product_options, weee_tax_applied) VALUES
    (1, 1, 1, 16, 'n2610', 'simple', 19.99, 0, 0, 0,
     'a:1:{s:15:"info_buyRequest";a:3:{s:4:"uenc";s:4:"aHR0";s:7:"product";s:2:"16";s:3:"qty";i:1;}}', 'a:0:{}'),
    (2, 1, 1, 17, 'bb8100', 'simple', 10.00, 0, 0, 0,
     CONCAT('a:2:{s:15:"info_buyRequest";a:1:{s:3:"qty";d:2.5;}',
            's:7:"options";a:1:{i:0;a:2:{s:5:"label";s:9:"Engraving";s:5:"value";s:9:"Ünïcode";}}}'),
     NULL),
    (3, 2, 1, 18, 'sony', 'simple', 15.00, 0, 0, 0, NULL, NULL),
    (4, 3, 2, 19, 'cam', 'simple', 120.50, 0, 0, 0, 'a:1:{s:15:"info_buyRequest";a:1:{s:7:"product";b:1;}}', NULL);
  INSERT INTO sales_flat_order_payment (entity_id, parent_id, method, cc_number_enc, additional_information) VALUES
    (1, 1, 'checkmo', NULL, 'a:1:{s:12:"method_title";s:19:"Check / Money order";}'),
    (2, 2, 'paypal_direct', 'ldUL46jnob7B+TSjh5c6DA==', NULL),
    (3, 3, 'ccsave', 'qB4ynEO/+YE=', 'a:0:{}');
  INSERT INTO sales_flat_quote (entity_id, store_id, trigger_recollect) VALUES (1, 1, 0);
  INSERT INTO sales_flat_quote_item (item_id, quote_id, product_id, store_id, free_shipping) VALUES (1, 1, 16, 1, 0);
  INSERT INTO sales_flat_quote_item_option (option_id, item_id, product_id, code, value) VALUES
    (1, 1, 16, 'info_buyRequest', 'a:1:{s:3:"qty";i:2;}'),
    (2, 1, 16, 'option_3', 'a:2:{i:0;s:3:"red";i:1;s:4:"blue";}'),
    (3, 1, 16, 'option_ids', '3');
  INSERT INTO sales_flat_quote_payment (payment_id, quote_id, method, cc_number_enc, additional_information) VALUES
    (1, 1, 'paypal_standard', 'ldUL46jnob7B+TSjh5c6DA==', 'a:1:{s:4:"note";s:2:"ok";}');
)";

// Magento 2's decryption of a "0:3:<base64>" value (ChaCha20-Poly1305 IETF, the nonce first and
// also the additional data) with kMagento2Key; "<not decryptable>" when it is not one.
std::string Magento2Decrypt(const std::string& value) {
  std::string key;
  for (int i = 0; i < 32; ++i) key.push_back(static_cast<char>(i));
  std::string sealed;
  constexpr size_t kNonce = crypto_aead_chacha20poly1305_IETF_NPUBBYTES;
  if (!absl::StartsWith(value, "0:3:") || !absl::Base64Unescape(value.substr(4), &sealed) ||
      sealed.size() < kNonce + crypto_aead_chacha20poly1305_IETF_ABYTES) {
    return "<not decryptable>";
  }
  std::string plain(sealed.size(), '\0');
  unsigned long long size = 0;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_aead_chacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &size, nullptr,
                                                nonce + kNonce, sealed.size() - kNonce, nonce, kNonce, nonce,
                                                reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return "<not decryptable>";
  }
  plain.resize(size);
  return plain;
}

class StockMapStepTest : public StockSampleTest {
 protected:
  // The stock 1.6.1.0 config.xml.dist with the test's databases, the stock files' absolute paths,
  // crypt keys, and only the Map step in data mode.
  std::string StockConfig(const std::string& fixtures) {
    std::string config = StockConfigText(fixtures);
    const size_t data_steps = config.find(R"(<steps mode="data">)");
    const size_t data_steps_end = config.find("</steps>", data_steps);
    EXPECT_NE(data_steps_end, std::string::npos);
    config.replace(data_steps, data_steps_end + std::string("</steps>").size() - data_steps, kMapStepOnly);
    config = absl::StrReplaceAll(
        config,
        {{"<crypt_key />", absl::StrCat("<crypt_key>", kMagento1Key, "</crypt_key><crypt_key_destination>",
                                        kMagento2Key, "</crypt_key_destination>")}});
    return WriteFile("stock-config.xml", config);
  }

  // COUNT(*) of `table` on the source / on the destination.
  std::string SourceCount(const std::string& table) {
    return Scalar(*source_, absl::StrCat("SELECT COUNT(*) FROM ", table));
  }
  std::string DestinationCount(const std::string& table) {
    return Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM ", table));
  }
};

TEST_F(StockMapStepTest, SettingsStoresAndMapStepsOfTheSample) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  Exec(*source_, kShopRows);
  Exec(*destination_, absl::StrCat("CREATE USER IF NOT EXISTS 'magento'@'%'; GRANT ALL ON `",
                                   destination_options_.database, "`.* TO 'magento'@'%'"));
  const std::string config = StockConfig(fixtures);

  ProcessResult settings = Migrate({"settings", "-a", config});
  ASSERT_EQ(settings.exit_code, 0) << settings.output;
  ProcessResult data = Migrate({"data", "-a", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_THAT(data.output, HasSubstr("[stage: data migration][step: Map Step]: copied "));
  EXPECT_THAT(data.output, HasSubstr("Migration completed"));
  EXPECT_THAT(data.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_THAT(data.output, Not(HasSubstr("Could not unserialize")));

  // Renamed sales and quote tables hold the source's rows.
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"sales_flat_order", "sales_order"},
           {"sales_flat_order_item", "sales_order_item"},
           {"sales_flat_order_payment", "sales_order_payment"},
           {"sales_flat_quote", "quote"},
           {"sales_flat_quote_item", "quote_item"},
           {"sales_flat_quote_item_option", "quote_item_option"},
           {"sales_flat_quote_payment", "quote_payment"}}) {
    EXPECT_EQ(DestinationCount(to), SourceCount(from)) << from << " -> " << to;
  }
  // Tables of the sample itself, copied whole.
  for (const char* table : {"catalog_product_entity", "catalog_product_entity_varchar", "cms_block", "catalogrule",
                            "review", "tax_calculation_rate"}) {
    EXPECT_EQ(DestinationCount(table), SourceCount(table)) << table;
  }
  EXPECT_EQ(DestinationCount("catalog_product_entity"), "120");

  // cms_page.root_template moved to page_layout through Convert.
  EXPECT_THAT(Rows(*destination_, "SELECT page_id, identifier, page_layout FROM cms_page ORDER BY page_id"),
              ElementsAre("1|no-route|2columns-right", "2|home|2columns-right", "3|about-magento-demo-store|1column",
                          "4|customer-service|3columns", "5|home|1column", "6|enable-cookies|1column"));
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, increment_id, discount_tax_compensation_amount FROM sales_order "
                                  "ORDER BY 1"),
              ElementsAre("1|100000001|1.5000", "2|100000002|0.0000", "3|100000003|NULL"));

  // Serialized PHP turned into JSON as json_encode() writes it.
  EXPECT_THAT(Rows(*destination_, "SELECT item_id, product_options, weee_tax_applied FROM sales_order_item ORDER BY 1"),
              ElementsAre(R"(1|{"info_buyRequest":{"uenc":"aHR0","product":"16","qty":1}}|[])",
                          R"(2|{"info_buyRequest":{"qty":2.5},)"
                          R"("options":[{"label":"Engraving","value":"\u00dcn\u00efcode"}]}|NULL)",
                          "3|NULL|NULL", R"(4|{"info_buyRequest":{"product":true}}|NULL)"));
  EXPECT_THAT(Rows(*destination_, "SELECT option_id, code, value FROM quote_item_option ORDER BY 1"),
              ElementsAre(R"(1|info_buyRequest|{"qty":2})", R"(2|option_3|["red","blue"])", "3|option_ids|3"));
  EXPECT_THAT(Rows(*destination_, "SELECT rule_id, conditions_serialized FROM salesrule ORDER BY 1"),
              ElementsAre(R"(1|{"type":"Magento\\SalesRule\\Model\\Rule\\Condition\\Combine","attribute":null,)"
                          R"("aggregator":"all"})",
                          "2|NULL"));

  // Payments: methods converted, additional_information as JSON, card numbers re-encrypted.
  EXPECT_THAT(Rows(*destination_,
                   "SELECT entity_id, method, additional_information FROM sales_order_payment ORDER BY 1"),
              ElementsAre(R"(1|checkmo|{"method_title":"Check \/ Money order"})", "2|payflowpro|NULL", "3|ccsave|[]"));
  EXPECT_THAT(Rows(*destination_, "SELECT cc_number_enc FROM sales_order_payment WHERE entity_id = 1"),
              ElementsAre("NULL"));
  EXPECT_EQ(Magento2Decrypt(Scalar(*destination_, "SELECT cc_number_enc FROM sales_order_payment WHERE entity_id = 2")),
            "4111111111111111");
  EXPECT_EQ(Magento2Decrypt(Scalar(*destination_, "SELECT cc_number_enc FROM sales_order_payment WHERE entity_id = 3")),
            "x");
  EXPECT_THAT(Rows(*destination_, "SELECT method, additional_information FROM quote_payment"),
              ElementsAre(R"(paypal_express|{"note":"ok"})"));
  EXPECT_EQ(Magento2Decrypt(Scalar(*destination_, "SELECT cc_number_enc FROM quote_payment")), "4111111111111111");
  // The Settings step re-encrypted the config value.
  EXPECT_EQ(Magento2Decrypt(Scalar(*destination_, "SELECT value FROM core_config_data "
                                                  "WHERE path = 'paypal/wpp/api_password'")),
            "paypal-api-password!");

  // Rule\NormalizationIds: the rules' comma-separated ids became link rows.
  EXPECT_THAT(Rows(*destination_, "SELECT rule_id, GROUP_CONCAT(customer_group_id ORDER BY customer_group_id) "
                                  "FROM catalogrule_customer_group GROUP BY rule_id ORDER BY rule_id"),
              ElementsAre("1|0,1,2,3", "3|0,1,2,4", "4|0,1,2,4", "5|0,1,2,4", "6|0,1,2", "7|0,1,2,3,4"));
  EXPECT_THAT(Rows(*destination_, "SELECT rule_id, website_id FROM catalogrule_website ORDER BY 1"),
              ElementsAre("1|1", "3|1", "4|1", "5|1", "6|1", "7|1"));
  EXPECT_THAT(Rows(*destination_, "SELECT rule_id, customer_group_id FROM salesrule_customer_group ORDER BY 1, 2"),
              ElementsAre("1|0", "1|1", "2|2", "2|3"));
  EXPECT_THAT(Rows(*destination_, "SELECT rule_id, website_id FROM salesrule_website ORDER BY 1"),
              ElementsAre("1|1", "2|1"));

  // Started over with --reset, the Map step writes the same rows again, none twice; a rule whose
  // groups changed in between keeps only its current ones.
  const std::string links = "SELECT COUNT(*) FROM catalogrule_customer_group";
  const std::string before = Scalar(*destination_, links);
  Exec(*source_, "UPDATE salesrule SET customer_group_ids = '3,4' WHERE rule_id = 2");
  ProcessResult again = Migrate({"data", "-a", "-r", config});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(Scalar(*destination_, links), before);
  EXPECT_THAT(Rows(*destination_, "SELECT rule_id, customer_group_id FROM salesrule_customer_group ORDER BY 1, 2"),
              ElementsAre("1|0", "1|1", "2|3", "2|4"));
  EXPECT_EQ(DestinationCount("sales_order_item"), "4");
  EXPECT_EQ(DestinationCount("catalog_product_entity"), "120");
}

}  // namespace
}  // namespace migrate::testing
