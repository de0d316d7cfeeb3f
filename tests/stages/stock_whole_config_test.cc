// Magento's stock 1.6.1.0 and 1.9.4.5 configs, each unchanged but for databases, crypt keys and
// the poll interval, run whole on the 1.6.1.0 sample (with the rows it lacks: customers with every
// kind of password hash, addresses, sales with Magento 1's grids and increments, visitors, a
// configurable product with super attribute prices, custom URL rewrites) into 2.4.8 with MSI:
// `migrate settings`, then `migrate data` with every step it names, then `migrate delta` with every
// delta class it names, each exiting 0 with its volume checks passing.
//
// During delta, shop writers change customers, their passwords and addresses, orders with
// invoices, shipments and credit memos, the increments, stock, product names and visitors, and
// with the 1.6.1.0 config (whose delta names the Tier Price, ConfigurablePrices and Url Rewrite
// deltas, which 1.9.4.5's does not) also tier prices, super attribute prices and the parent's
// price, and URL rewrites, at a few hundred changes per second, while delta is killed (-9) at
// random moments and restarted. After the writers stop, delta stops and `migrate delta
// --until-caught-up` replays the rest and passes every volume check; then nothing is pending and
// every table of the destination equals what a fresh `settings` and `data` of the final source
// give (columns the server fills with its clock aside, and Magento 2's own mview changelogs, *_cl,
// which its triggers fill on every write).
#include <signal.h>

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_rows.h"
#include "tests/stages/shop_writer.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_servers.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::Duration kWriterTime = absl::Seconds(25);
constexpr int kWriterThreads = 2;
constexpr int kOperationsPerSecond = 250;
// The writers' least operations; on a machine too short of CPU to do them in kWriterTime they
// write on, for at most kLongestWriterTime.
constexpr uint64_t kLeastOperations = 2500;
constexpr absl::Duration kLongestWriterTime = absl::Seconds(90);

// What one operation of a SampleShopWriter changes.
enum class SampleChange {
  kNewOrder,              // an order cloned with its address, payment, invoice, shipment, credit memo, grid row
  kOrderTotal,            // an order's total and status
  kDeleteOrder,           // an order of the writers' (its children cascade)
  kSalesDocumentDate,     // an invoice's, shipment's or credit memo's updated_at
  kNewCustomer,           // a customer cloned with its values and addresses
  kPasswordHash,          // a customer's password hash, of one of Magento 1's kinds
  kResetToken,            // a customer's password reset token and its date set, or both removed, as a save
  kCustomerName,          // a customer's first or last name
  kAddressCity,           // an address's city
  kDeleteCustomer,        // a customer of the writers'
  kTierPrice,             // a tier price added, changed or removed
  kConfigurablePrice,     // a super attribute price or the configurable parent's price
  kUrlRewrite,            // a system or custom URL rewrite added, changed or removed
  kNewVisitor,            // a visitor added
  kVisitor,               // a visitor's last visit changed, or the visitor removed
  kStock,                 // a stock item's quantity and status
  kIncrement,             // an increment's last number
  kOrderAddress,          // an order address's last name
  kProductName,           // a product's name
  kCompleteOrder,         // an order completed and paid
};

// One writer thread's changes to the shop of the sample: each operation is one transaction.
class SampleShopWriter final : public ShopWriter {
 public:
  // Each operation is one of `mix`, drawn uniformly (a change listed twice is twice as likely).
  SampleShopWriter(const io::ConnectionOptions& source, uint32_t seed, std::vector<SampleChange> mix)
      : ShopWriter(source, seed), mix_(std::move(mix)) {}

 private:
  // A new number for an increment id: unique among the writers, digits only (the sequences read it).
  static constexpr char kNewIncrement[] = "CAST(400000000 + UUID_SHORT() % 100000000 AS CHAR)";

  absl::Status NewOrder(const std::string& order) {
    return CloneTree("sales_flat_order", "entity_id", order, {{"entity_id", "NULL"}, {"increment_id", kNewIncrement}},
                     {{"sales_flat_order_address", "parent_id", {{"entity_id", "NULL"}, {"parent_id", "@id"}}},
                      {"sales_flat_order_payment", "parent_id", {{"entity_id", "NULL"}, {"parent_id", "@id"}}},
                      {"sales_flat_invoice", "order_id",
                       {{"entity_id", "NULL"}, {"order_id", "@id"}, {"increment_id", kNewIncrement}}},
                      {"sales_flat_shipment", "order_id",
                       {{"entity_id", "NULL"}, {"order_id", "@id"}, {"increment_id", kNewIncrement}}},
                      {"sales_flat_creditmemo", "order_id",
                       {{"entity_id", "NULL"}, {"order_id", "@id"}, {"increment_id", kNewIncrement}}},
                      {"sales_flat_order_grid", "entity_id",
                       {{"entity_id", "@id"},
                        {"increment_id", "(SELECT increment_id FROM sales_flat_order WHERE entity_id = @id)"}}}});
  }

  absl::Status NewCustomer(const std::string& customer) {
    return CloneTree("customer_entity", "entity_id", customer,
                     {{"entity_id", "NULL"}, {"email", "CONCAT('d', UUID_SHORT(), '@example.com')"}},
                     {{"customer_entity_varchar", "entity_id", {{"value_id", "NULL"}, {"entity_id", "@id"}}},
                      {"customer_entity_datetime", "entity_id", {{"value_id", "NULL"}, {"entity_id", "@id"}}},
                      {"customer_address_entity", "parent_id", {{"entity_id", "NULL"}, {"parent_id", "@id"}}}});
  }

  // What Magento 1's customer save does when a password reset is asked for (a new token and its
  // date) or done (both values removed): the values change and so does the customer's updated_at,
  // in one transaction, with the customer locked first (another writer may have removed it).
  // 1.9.4.5's customer attribute groups keep both in static columns of customer_entity, 1.6.1.0's
  // in the value tables.
  absl::Status ResetToken(const std::string& customer) {
    const std::string attribute =
        "(SELECT attribute_id FROM eav_attribute WHERE entity_type_id = 1 AND attribute_code = ";
    std::vector<std::string> statements;
    if (std::uniform_int_distribution<int>(0, 2)(random_) > 0) {
      statements = {
          absl::StrCat("INSERT INTO customer_entity_varchar (entity_type_id, attribute_id, entity_id, value) ",
                       "SELECT 1, ", attribute, "'rp_token'), ", customer,
                       ", MD5(RAND()) ON DUPLICATE KEY UPDATE value = VALUES(value)"),
          absl::StrCat("INSERT INTO customer_entity_datetime (entity_type_id, attribute_id, entity_id, value) ",
                       "SELECT 1, ", attribute, "'rp_token_created_at'), ", customer, ", NOW() - INTERVAL ",
                       std::uniform_int_distribution<int>(0, 9999)(random_),
                       " MINUTE ON DUPLICATE KEY UPDATE value = VALUES(value)")};
    } else {
      statements = {absl::StrCat("DELETE FROM customer_entity_varchar WHERE entity_id = ", customer,
                                 " AND attribute_id = ", attribute, "'rp_token')"),
                    absl::StrCat("DELETE FROM customer_entity_datetime WHERE entity_id = ", customer,
                                 " AND attribute_id = ", attribute, "'rp_token_created_at')")};
    }
    statements.push_back("UPDATE customer_entity SET updated_at = NOW() WHERE entity_id = " + customer);
    if (absl::Status status = connection_->Execute("BEGIN"); !status.ok()) return status;
    absl::StatusOr<io::ResultSet> locked =
        connection_->Query("SELECT entity_id FROM customer_entity WHERE entity_id = " + customer + " FOR UPDATE");
    if (!locked.ok()) return locked.status();
    if (locked->empty()) return connection_->Execute("COMMIT");
    for (const std::string& statement : statements) {
      if (absl::Status status = connection_->Execute(statement); !status.ok()) return status;
    }
    return connection_->Execute("COMMIT");
  }

  // A password hash of one of Magento 1's kinds: md5 or sha256 with a salt, sha512, bare md5.
  std::string NewPasswordHash() {
    switch (std::uniform_int_distribution<int>(0, 3)(random_)) {
      case 0:
        return "CONCAT(MD5(CONCAT('s', RAND())), ':s1')";
      case 1:
        return "CONCAT(SHA2(CONCAT('s', RAND()), 256), ':s2')";
      case 2:
        return "CONCAT(SHA2(CONCAT('s', RAND()), 512), ':s3')";
      default:
        return "MD5(RAND())";
    }
  }

  absl::Status OneOperation() override {
    switch (mix_[std::uniform_int_distribution<size_t>(0, mix_.size() - 1)(random_)]) {
      case SampleChange::kNewOrder: {
        absl::StatusOr<std::string> order = AnyKey("sales_flat_order", "entity_id");
        if (!order.ok() || order->empty()) return order.status();
        return NewOrder(*order);
      }
      case SampleChange::kOrderTotal: {
        absl::StatusOr<std::string> order = AnyKey("sales_flat_order", "entity_id");
        if (!order.ok() || order->empty()) return order.status();
        return connection_->Execute(absl::StrCat(
            "UPDATE sales_flat_order SET grand_total = grand_total + 1, status = 'processing' WHERE entity_id = ",
            *order));
      }
      case SampleChange::kDeleteOrder: {
        absl::StatusOr<std::string> order = AnyKey("sales_flat_order", "entity_id", "entity_id > 3");
        if (!order.ok() || order->empty()) return order.status();
        return connection_->Execute("DELETE FROM sales_flat_order WHERE entity_id = " + *order);
      }
      case SampleChange::kSalesDocumentDate: {
        static constexpr const char* kDocuments[] = {"sales_flat_invoice", "sales_flat_shipment",
                                                     "sales_flat_creditmemo"};
        const std::string table = kDocuments[std::uniform_int_distribution<int>(0, 2)(random_)];
        absl::StatusOr<std::string> key = AnyKey(table, "entity_id");
        if (!key.ok() || key->empty()) return key.status();
        return connection_->Execute(absl::StrCat("UPDATE ", table, " SET updated_at = NOW() - INTERVAL ",
                                                 std::uniform_int_distribution<int>(1, 900)(random_),
                                                 " MINUTE WHERE entity_id = ", *key));
      }
      case SampleChange::kNewCustomer: {
        absl::StatusOr<std::string> customer = AnyKey("customer_entity", "entity_id");
        if (!customer.ok() || customer->empty()) return customer.status();
        return NewCustomer(*customer);
      }
      case SampleChange::kPasswordHash: {
        absl::StatusOr<std::string> value =
            AnyKey("customer_entity_varchar", "value_id",
                   "attribute_id = (SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'password_hash' AND "
                   "entity_type_id = 1)");
        if (!value.ok() || value->empty()) return value.status();
        return connection_->Execute(absl::StrCat("UPDATE customer_entity_varchar SET value = ", NewPasswordHash(),
                                                 " WHERE value_id = ", *value));
      }
      case SampleChange::kResetToken: {
        absl::StatusOr<std::string> customer = AnyKey("customer_entity", "entity_id");
        if (!customer.ok() || customer->empty()) return customer.status();
        return ResetToken(*customer);
      }
      case SampleChange::kCustomerName: {
        absl::StatusOr<std::string> value = AnyKey("customer_entity_varchar", "value_id");
        if (!value.ok() || value->empty()) return value.status();
        return connection_->Execute(absl::StrCat(
            "UPDATE customer_entity_varchar SET value = CONCAT('n', FLOOR(RAND() * 1000)) WHERE value_id = ", *value,
            " AND attribute_id IN (SELECT attribute_id FROM eav_attribute WHERE attribute_code IN ('firstname', "
            "'lastname') AND entity_type_id = 1)"));
      }
      case SampleChange::kAddressCity: {
        absl::StatusOr<std::string> value = AnyKey("customer_address_entity_varchar", "value_id");
        if (!value.ok() || value->empty()) return value.status();
        return connection_->Execute(absl::StrCat(
            "UPDATE customer_address_entity_varchar SET value = CONCAT('Straße ', FLOOR(RAND() * 99)) WHERE "
            "value_id = ",
            *value, " AND attribute_id = (SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'city' AND "
                    "entity_type_id = 2)"));
      }
      case SampleChange::kDeleteCustomer: {
        absl::StatusOr<std::string> customer = AnyKey("customer_entity", "entity_id", "entity_id > 104");
        if (!customer.ok() || customer->empty()) return customer.status();
        return connection_->Execute("DELETE FROM customer_entity WHERE entity_id = " + *customer);
      }
      case SampleChange::kTierPrice: {
        const int change = std::uniform_int_distribution<int>(0, 2)(random_);
        if (change == 0) {
          absl::StatusOr<std::string> product = AnyKey("catalog_product_entity", "entity_id", "type_id = 'simple'");
          if (!product.ok() || product->empty()) return product.status();
          return connection_->Execute(absl::StrCat(
              "INSERT IGNORE INTO catalog_product_entity_tier_price (entity_id, all_groups, customer_group_id, qty, "
              "value, website_id) VALUES (",
              *product, ", 1, 0, ", std::uniform_int_distribution<int>(2, 20)(random_), ", ",
              std::uniform_int_distribution<int>(1, 500)(random_), ", 0)"));
        }
        absl::StatusOr<std::string> tier = AnyKey("catalog_product_entity_tier_price", "value_id");
        if (!tier.ok() || tier->empty()) return tier.status();
        if (change == 1) {
          return connection_->Execute(
              "UPDATE catalog_product_entity_tier_price SET value = value + 1 WHERE value_id = " + *tier);
        }
        return connection_->Execute("DELETE FROM catalog_product_entity_tier_price WHERE value_id = " + *tier);
      }
      case SampleChange::kConfigurablePrice: {
        switch (std::uniform_int_distribution<int>(0, 3)(random_)) {
          case 0:
            return connection_->Execute(absl::StrCat(
                "UPDATE catalog_product_super_attribute_pricing SET pricing_value = ",
                std::uniform_int_distribution<int>(1, 30)(random_), " WHERE value_id = ",
                std::uniform_int_distribution<int>(901, 903)(random_)));
          case 1:
            return connection_->Execute(absl::StrCat(
                "UPDATE catalog_product_entity_decimal SET value = ",
                std::uniform_int_distribution<int>(80, 200)(random_),
                " WHERE entity_id = 9001 AND store_id = 0 AND attribute_id = (SELECT attribute_id FROM "
                "eav_attribute WHERE attribute_code = 'price' AND entity_type_id = 10)"));
          case 2:
            return connection_->Execute(
                "INSERT IGNORE INTO catalog_product_super_attribute_pricing (value_id, product_super_attribute_id, "
                "value_index, is_percent, pricing_value, website_id) VALUES (904, 901, '38', 0, 3, 0)");
          default:
            return connection_->Execute("DELETE FROM catalog_product_super_attribute_pricing WHERE value_id = 904");
        }
      }
      case SampleChange::kUrlRewrite: {
        const int change = std::uniform_int_distribution<int>(0, 2)(random_);
        if (change == 0) {
          const bool system = std::uniform_int_distribution<int>(0, 1)(random_) == 1;
          return connection_->Execute(absl::StrCat(
              "INSERT INTO core_url_rewrite (store_id, category_id, product_id, id_path, request_path, target_path, "
              "is_system, options) VALUES (1, ",
              system ? "3, 83" : "NULL, NULL", ", CONCAT('w/', UUID_SHORT()), CONCAT('w-', UUID_SHORT(), '.html'), ",
              system ? "'catalog/product/view/id/83/category/3', 1, ''" : "'somewhere.html', 0, 'RP'", ")"));
        }
        absl::StatusOr<std::string> rewrite = AnyKey("core_url_rewrite", "url_rewrite_id");
        if (!rewrite.ok() || rewrite->empty()) return rewrite.status();
        if (change == 1) {
          return connection_->Execute(absl::StrCat(
              "UPDATE core_url_rewrite SET target_path = CONCAT('t-', FLOOR(RAND() * 1000), '.html'), options = "
              "ELT(1 + FLOOR(RAND() * 3), 'R', 'RP', '') WHERE url_rewrite_id = ",
              *rewrite));
        }
        return connection_->Execute("DELETE FROM core_url_rewrite WHERE url_rewrite_id = " + *rewrite);
      }
      case SampleChange::kNewVisitor:
        return connection_->Execute(
            "INSERT INTO log_visitor (session_id, first_visit_at, last_visit_at, last_url_id, store_id) VALUES "
            "(CONCAT('s', UUID_SHORT()), NOW() - INTERVAL 1 HOUR, NOW(), 0, 1)");
      case SampleChange::kVisitor: {
        absl::StatusOr<std::string> visitor = AnyKey("log_visitor", "visitor_id");
        if (!visitor.ok() || visitor->empty()) return visitor.status();
        if (std::uniform_int_distribution<int>(0, 1)(random_) == 0) {
          return connection_->Execute(
              "UPDATE log_visitor SET last_visit_at = NOW() + INTERVAL 1 MINUTE WHERE visitor_id = " + *visitor);
        }
        return connection_->Execute("DELETE FROM log_visitor WHERE visitor_id = " + *visitor);
      }
      case SampleChange::kStock: {
        absl::StatusOr<std::string> item = AnyKey("cataloginventory_stock_item", "item_id");
        if (!item.ok() || item->empty()) return item.status();
        return connection_->Execute(absl::StrCat(
            "UPDATE cataloginventory_stock_item SET qty = qty + 1, is_in_stock = 1 - is_in_stock WHERE item_id = ",
            *item));
      }
      case SampleChange::kIncrement: {
        absl::StatusOr<std::string> store = AnyKey("eav_entity_store", "entity_store_id");
        if (!store.ok() || store->empty()) return store.status();
        return connection_->Execute(
            "UPDATE eav_entity_store SET increment_last_id = increment_last_id + 1 WHERE entity_store_id = " + *store);
      }
      case SampleChange::kOrderAddress: {
        absl::StatusOr<std::string> item = AnyKey("sales_flat_order_address", "entity_id");
        if (!item.ok() || item->empty()) return item.status();
        return connection_->Execute(
            "UPDATE sales_flat_order_address SET lastname = CONCAT('L', FLOOR(RAND() * 1000)) WHERE entity_id = " +
            *item);
      }
      case SampleChange::kProductName: {
        absl::StatusOr<std::string> product = AnyKey("catalog_product_entity_varchar", "value_id");
        if (!product.ok() || product->empty()) return product.status();
        // Names only: a changed value PostProcessing removes (url_path, an attribute Magento 2 lacks)
        // arrives by delta, as in Magento (README, "Delta").
        return connection_->Execute(absl::StrCat(
            "UPDATE catalog_product_entity_varchar SET value = CONCAT('v\\'', FLOOR(RAND() * 1e6)) WHERE value_id = ",
            *product, " AND attribute_id = (SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'name' AND "
                      "entity_type_id = 10)"));
      }
      case SampleChange::kCompleteOrder: {
        absl::StatusOr<std::string> order = AnyKey("sales_flat_order", "entity_id");
        if (!order.ok() || order->empty()) return order.status();
        return connection_->Execute(absl::StrCat(
            "UPDATE sales_flat_order SET state = 'complete', status = 'complete', total_paid = grand_total WHERE "
            "entity_id = ",
            *order));
      }
    }
    return absl::InternalError("unknown SampleChange");
  }

  const std::vector<SampleChange> mix_;
};

// A stock config and the changes its delta follows.
struct WholeConfig {
  // The folder of ../shared/fixtures/magento-dmt/etc/opensource-to-opensource holding config.xml.dist.
  std::string version;
  // The writers' operations (SampleShopWriter): only changes of tables the config's delta classes
  // follow, as a fresh run of its data steps would otherwise compute what no delta carries over.
  std::vector<SampleChange> mix;
};

// Every change: the delta of 1.6.1.0 names every delta class, Tier Price, ConfigurablePrices and
// Url Rewrite's among them. Password hashes twice as often as the others.
const WholeConfig kStock1610{
    "1.6.1.0",
    {SampleChange::kNewOrder, SampleChange::kOrderTotal, SampleChange::kDeleteOrder,
     SampleChange::kSalesDocumentDate, SampleChange::kNewCustomer, SampleChange::kPasswordHash,
     SampleChange::kPasswordHash, SampleChange::kResetToken, SampleChange::kCustomerName, SampleChange::kAddressCity,
     SampleChange::kDeleteCustomer, SampleChange::kTierPrice, SampleChange::kConfigurablePrice,
     SampleChange::kUrlRewrite, SampleChange::kNewVisitor, SampleChange::kVisitor, SampleChange::kStock,
     SampleChange::kIncrement, SampleChange::kOrderAddress, SampleChange::kProductName,
     SampleChange::kCompleteOrder}};

// The delta of 1.9.4.5 names no Tier Price, ConfigurablePrices or Url Rewrite delta: tier prices,
// super attribute prices (and the parent's price, from which ConfigurablePrices computes its
// children's) and core_url_rewrite change only before `data`, as the config expects.
const WholeConfig kStock1945{
    "1.9.4.5",
    {SampleChange::kNewOrder, SampleChange::kOrderTotal, SampleChange::kDeleteOrder,
     SampleChange::kSalesDocumentDate, SampleChange::kNewCustomer, SampleChange::kPasswordHash,
     SampleChange::kPasswordHash, SampleChange::kResetToken, SampleChange::kCustomerName, SampleChange::kAddressCity,
     SampleChange::kDeleteCustomer, SampleChange::kNewVisitor, SampleChange::kVisitor, SampleChange::kStock,
     SampleChange::kIncrement, SampleChange::kOrderAddress, SampleChange::kProductName,
     SampleChange::kCompleteOrder}};

void PrintTo(const WholeConfig& config, std::ostream* out) { *out << "stock " << config.version; }

class StockWholeConfigTest : public StockSampleTest, public ::testing::WithParamInterface<WholeConfig> {
 protected:
  // The sample with the rows it lacks, into the 2.4.8 schema with MSI, and a second destination
  // database for the reference run.
  void Prepare(const std::string& fixtures) {
    reference_options_ = TestDatabase(DestinationServer(), "_ref");
    LoadDumps(fixtures);
    LoadDump(reference_options_, fixtures + "/magento2-2.4.8-empty.sql");
    for (const char* rows :
         {kSales, kCustomerRows, kVisitors, kConfigurable, kCustomRewrites, kRewriteRedirectAndSecondHome}) {
      Exec(*source_, rows);
    }
    reference_ = Connect(reference_options_);
    ASSERT_NE(reference_, nullptr);
    for (io::MysqlConnection* destination : {destination_.get(), reference_.get()}) {
      Exec(*destination, kMsi);
    }
    GrantMagentoDefiner(reference_options_.database);
  }

  // The stock config of the test's version, unchanged but for the test's databases, the crypt keys
  // and the poll interval, into the destination `destination`.
  std::string StockConfig(const std::string& fixtures, const io::ConnectionOptions& destination) {
    std::string text = absl::StrReplaceAll(
        StockConfigText(fixtures, GetParam().version),
        {{"<crypt_key />", "<crypt_key>f3e25abe619dae2387df9961594b0789</crypt_key>"
                           "<crypt_key_destination>base64AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
                           "</crypt_key_destination>"},
         {"<options>", "<options>\n        <delta_poll_interval>0.2</delta_poll_interval>"},
         {absl::StrCat(R"(port=")", destination_options_.port, R"(" name=")", destination_options_.database, R"(")"),
          absl::StrCat(R"(port=")", destination.port, R"(" name=")", destination.database, R"(")")}});
    return WriteFile(absl::StrCat("stock-", GetParam().version, "-", destination.database, ".xml"), text);
  }

  // `migrate settings`, then `migrate data`, each exiting 0 without a failed volume check.
  void SettingsAndData(const std::string& config) {
    const ProcessResult settings = Migrate({"settings", "-a", config});
    ASSERT_EQ(settings.exit_code, 0) << settings.output;
    const ProcessResult data = Migrate({"data", "-a", config});
    ASSERT_EQ(data.exit_code, 0) << data.output;
    EXPECT_THAT(data.output, Not(HasSubstr("Volume check failed")));
    EXPECT_THAT(data.output, HasSubstr("[step: PostProcessing Step]"));
    EXPECT_THAT(data.output, HasSubstr("Migration completed"));
  }

  // Runs the writers for kWriterTime (or on until kLeastOperations, see above) while `during` runs
  // (polled every 100 ms); returns the operations done.
  uint64_t WriteWhile(const std::function<void()>& during) {
    std::vector<std::unique_ptr<ShopWriter>> writers;
    for (int i = 0; i < kWriterThreads; ++i) {
      writers.push_back(std::make_unique<SampleShopWriter>(source_options_, 77 + i, GetParam().mix));
    }
    return RunShopWriters(writers, kOperationsPerSecond, kWriterTime, during, kLeastOperations, kLongestWriterTime);
  }

  int64_t Pending() {
    int64_t pending = 0;
    for (const std::string& table : Rows(*source_, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                                                   "TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'm2\\_cl\\_%'")) {
      pending += std::stoll(Scalar(*source_, "SELECT COUNT(*) FROM `" + table + "` WHERE processed = 0"));
    }
    if (Scalar(*destination_, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                              "TABLE_NAME = 'migrate_delta_followers'") != "0") {
      pending += std::stoll(Scalar(*destination_, "SELECT COUNT(*) FROM migrate_delta_followers"));
    }
    return pending;
  }

  // What of `table` a fresh run must reproduce: its columns, leaving out those the server fills with
  // its clock, and ids a fresh run assigns otherwise: a tier price's value_id (new for every row, in
  // data and delta alike), the value_id of a price row ConfigurablePrices adds where Magento 1 has
  // none (rows are told apart by their unique entity, attribute and store), and a CMS page
  // rewrite's url_rewrite_id (after Magento 1's highest id).
  static std::string Compared(io::MysqlConnection& connection, const std::string& table) {
    const std::vector<std::string> columns = Rows(
        connection, absl::StrCat("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE "
                                 "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '",
                                 table,
                                 "' AND COALESCE(COLUMN_DEFAULT, '') NOT LIKE 'current_timestamp%' "
                                 "ORDER BY ORDINAL_POSITION"));
    std::vector<std::string> values;
    for (const std::string& column : columns) {
      if (column == "value_id" &&
          (table == "catalog_product_entity_tier_price" || table == "catalog_product_entity_decimal")) {
        continue;
      }
      const std::string value = table == "url_rewrite" && column == "url_rewrite_id"
                                    ? "IF(entity_type = 'cms-page', 0, url_rewrite_id)"
                                    : absl::StrCat("`", column, "`");
      values.push_back(absl::StrCat(value, ", ISNULL(", value, ")"));
    }
    return absl::StrCat("CONCAT_WS('#', ", absl::StrJoin(values, ", "), ")");
  }

  static std::string Checksum(io::MysqlConnection& connection, const std::string& table) {
    return Scalar(connection, absl::StrCat("SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(",
                                           Compared(connection, table), ")), 0)) FROM `", table, "`"));
  }

  // The rows of `table` (as Compared() shows them) that only `one` has, at most five.
  static std::vector<std::string> OnlyIn(io::MysqlConnection& one, io::MysqlConnection& other,
                                         const std::string& table) {
    const std::string sql = absl::StrCat("SELECT ", Compared(one, table), " FROM `", table, "` ORDER BY 1");
    const std::vector<std::string> theirs = Rows(other, sql);
    const std::set<std::string> known(theirs.begin(), theirs.end());
    std::vector<std::string> only;
    for (const std::string& row : Rows(one, sql)) {
      if (!known.contains(row) && only.size() < 5) only.push_back(row);
    }
    return only;
  }

  io::ConnectionOptions reference_options_;
  std::unique_ptr<io::MysqlConnection> reference_;
};

TEST_P(StockWholeConfigTest, SettingsDataAndDeltaUnderLiveWritesWithKillsEndEqualToAFreshRun) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  Prepare(fixtures);
  const std::string config = StockConfig(fixtures, destination_options_);
  SettingsAndData(config);
  // The steps' own results on the sample (their tests say more): a static attribute in its column,
  // an upgraded hash, sales in the grids, Magento 1's numbering, MSI, prices, rewrites, visitors.
  EXPECT_EQ(Scalar(*destination_, "SELECT firstname FROM customer_entity WHERE entity_id = 101"), "Ann");
  EXPECT_THAT(Scalar(*destination_, "SELECT password_hash FROM customer_entity WHERE entity_id = 101"),
              ::testing::EndsWith(":salt:0"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_creditmemo_grid"), "1");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM inventory_shipment_source"), "1");
  EXPECT_NE(Scalar(*destination_, "SELECT COUNT(*) FROM inventory_source_item"), "0");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_visitor"), "3");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_url_rewrite_product_category") == "0", false);

  // Magento 1's grids, which the stock map ignores and no delta reads, get no changelog to fill.
  EXPECT_EQ(Scalar(*source_, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                             "TABLE_NAME LIKE 'm2\\_cl\\_sales\\_flat\\_%\\_grid'"),
            "0");
  EXPECT_NE(Scalar(*source_, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                             "TABLE_NAME = 'm2_cl_sales_flat_order'"),
            "0");

  std::mt19937 random(23);
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config});
  absl::Time kill_at = absl::Now() + absl::Milliseconds(std::uniform_int_distribution<int>(300, 2000)(random));
  int kills = 0;
  const uint64_t operations = WriteWhile([&] {
    if (absl::Now() < kill_at) return;
    delta->Kill(SIGKILL);
    delta->Wait();
    ++kills;
    delta = StartMigrate({"delta", config});
    kill_at = absl::Now() + absl::Milliseconds(std::uniform_int_distribution<int>(300, 2000)(random));
  });
  EXPECT_GE(operations, kLeastOperations);
  EXPECT_GE(kills, 8);

  // The cutover: the looping delta stops, and --until-caught-up replays the rest (every stock delta
  // class says what it has pending) and passes every volume check.
  delta->Kill(SIGTERM);
  const ProcessResult stopped = delta->Wait();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
  EXPECT_THAT(stopped.output, HasSubstr("Delta stopped"));
  const ProcessResult caught_up = Migrate({"delta", "--until-caught-up", "--timeout", "120", config});
  EXPECT_EQ(caught_up.exit_code, 0) << caught_up.output;
  EXPECT_THAT(caught_up.output, HasSubstr("Delta caught up"));
  EXPECT_THAT(caught_up.output, Not(HasSubstr("[ERROR]")));
  EXPECT_EQ(Pending(), 0);

  const std::string reference_config = StockConfig(fixtures, reference_options_);
  SettingsAndData(reference_config);
  const std::vector<std::string> tables =
      Rows(*destination_, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                          "TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE 'migrate\\_%' AND "
                          "TABLE_NAME NOT LIKE '%\\_cl' ORDER BY TABLE_NAME");
  ASSERT_GT(tables.size(), 300u);
  for (const std::string& table : tables) {
    if (table.rfind("sequence_", 0) == 0) {
      // A sequence holds a row per number handed out: its next number is what must agree.
      EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT COALESCE(MAX(sequence_value), 0) FROM `", table, "`")),
                Scalar(*reference_, absl::StrCat("SELECT COALESCE(MAX(sequence_value), 0) FROM `", table, "`")))
          << table;
      continue;
    }
    // Magento 2 numbers from the sequences; SalesIncrement's delta does not copy eav_entity_store
    // (stages/steps/sales_increment_step.h), so Map's copy keeps Magento 1's numbers of the data run.
    if (table == "eav_entity_store") continue;
    if (Checksum(*destination_, table) == Checksum(*reference_, table)) continue;
    ADD_FAILURE() << table << " differs from a fresh run's; only in the destination: "
                  << absl::StrJoin(OnlyIn(*destination_, *reference_, table), "\n") << "\nonly in the fresh run's: "
                  << absl::StrJoin(OnlyIn(*reference_, *destination_, table), "\n");
  }
}

INSTANTIATE_TEST_SUITE_P(StockConfigs, StockWholeConfigTest, ::testing::Values(kStock1610, kStock1945),
                         [](const ::testing::TestParamInfo<WholeConfig>& info) {
                           return "Stock" + absl::StrReplaceAll(info.param.version, {{".", ""}});
                         });

}  // namespace
}  // namespace migrate::testing
