// The Ratings, OrderGrids, SalesIncrement and Inventory steps in a run of the stock 1.6.1.0 config on
// the real databases of ../shared/fixtures (the 1.6.1.0 sample into the 2.4.8 schema), with the data
// steps this build implements in the stock order: Data Integrity, EAV, Map, Ratings, OrderGrids,
// SalesIncrement, Inventory; -a, as a real run needs (stages/steps/*_step.h say what each does).
//
// The sample has no sales, so the source first gets a few orders of two store views with addresses
// and payments, an invoice, a shipment and a credit memo, Magento 1's grid rows of all but one order,
// and the last increment ids Magento 1 keeps in eav_entity_store; and a rating that belongs to no
// store view. The 2.4.8 dump has no MSI: the destination gets Magento 2.4's MSI tables and its
// default source, as an install with Magento_Inventory has them.
//
// Then: the grids hold a row per sales entity with the computed columns, the sequences continue
// Magento 1's numbers per store and type, the ratings of store views are active, MSI holds the
// sample's stock, and every volume check passes. A second run with -r gives the same rows.
#include <signal.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_rows.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class StockDestinationStepsTest : public StockSampleTest {
 protected:
  // The stock config with only the data steps these tests run, in its order.
  std::string StockConfig(const std::string& fixtures) {
    return WriteFile("stock-config.xml",
                     StockConfigWithDataSteps(fixtures, {"Data Integrity Step", "EAV Step", "Map Step", "Ratings Step",
                                                         "OrderGrids Step", "SalesIncrement Step", "Inventory Step"}));
  }

  std::string Count(io::MysqlConnection& connection, const std::string& table) {
    return Scalar(connection, absl::StrCat("SELECT COUNT(*) FROM ", table));
  }

  // What the four steps leave, as rows to compare between runs.
  std::vector<std::string> Results() {
    std::vector<std::string> rows;
    for (const char* sql : {"SELECT * FROM sales_order_grid ORDER BY 1", "SELECT * FROM sales_invoice_grid ORDER BY 1",
                            "SELECT * FROM sales_shipment_grid ORDER BY 1",
                            "SELECT * FROM sales_creditmemo_grid ORDER BY 1",
                            "SELECT * FROM sales_sequence_meta ORDER BY 1",
                            "SELECT * FROM sales_sequence_profile ORDER BY 1",
                            "SELECT rating_id, is_active FROM rating ORDER BY 1",
                            "SELECT source_code, sku, quantity, status FROM inventory_source_item ORDER BY 2",
                            "SELECT * FROM inventory_stock_sales_channel ORDER BY 2",
                            "SELECT * FROM inventory_shipment_source ORDER BY 1"}) {
      for (std::string& row : Rows(*destination_, sql)) rows.push_back(absl::StrCat(sql, ": ", row));
    }
    return rows;
  }
};

TEST_F(StockDestinationStepsTest, GridsSequencesRatingsAndMsiOfTheSample) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  Exec(*source_, kSales);
  Exec(*destination_, kMsi);
  const std::string config = StockConfig(fixtures);

  const ProcessResult data = Migrate({"data", "-a", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  for (const char* step : {"Ratings Step", "OrderGrids Step", "SalesIncrement Step", "Inventory Step"}) {
    EXPECT_THAT(data.output, HasSubstr(absl::StrCat("[stage: volume check][step: ", step, "]: started"))) << step;
  }
  EXPECT_THAT(data.output, Not(HasSubstr("Volume check failed")));
  EXPECT_THAT(data.output, Not(HasSubstr("Mismatch of entities")));
  EXPECT_THAT(data.output, Not(HasSubstr("Mismatch in last increment id")));
  EXPECT_THAT(data.output, Not(HasSubstr("[step: OrderGrids Step]: Destination documents are missing")));
  EXPECT_THAT(data.output, Not(HasSubstr("table does not contain field")));
  EXPECT_THAT(data.output, HasSubstr("Migration completed"));

  // Ratings: the sample's three, of store views, are active; the one of no store view is not.
  EXPECT_THAT(Rows(*destination_, "SELECT rating_id, rating_code, is_active FROM rating ORDER BY 1"),
              ElementsAre("1|Quality|1", "2|Value|1", "3|Price|1", "4|Looks|0"));

  // OrderGrids: a row per entity, order 3 included, with Magento's computed columns.
  EXPECT_THAT(Rows(*destination_,
                   "SELECT entity_id, increment_id, store_id, status, billing_name, shipping_name, billing_address, "
                   "shipping_address, customer_name, payment_method, subtotal, shipping_and_handling, grand_total, "
                   "customer_group, shipping_information FROM sales_order_grid ORDER BY 1"),
              ElementsAre("1|100000001|1|complete|Ann Lee|Ann Shipper|1 Main St, Springfield, Oregon, 97001|"
                          "2 Dock Rd, Portland, , 97002|Ann Lee|checkmo|100.0000|10.0000|110.0000|1|Flat Rate - Fixed",
                          "2|100000002|1|processing|Gus Guest|Gus Guest|Via Roma 3, Rome, , 00100|"
                          "Via Roma 3, Rome, Lazio, 00100|Guest|purchaseorder|15.0000|5.0000|20.0000|0|"
                          "Flat Rate - Fixed",
                          "3|300000001|3|closed|Bo Berg||5 Rue Haute, Paris, , 75001|, , ,|Bo Berg|checkmo|50.0000|"
                          "0.0000|50.0000|1|NULL"));
  EXPECT_THAT(Rows(*destination_,
                   "SELECT entity_id, increment_id, order_id, order_increment_id, store_name, customer_name, "
                   "billing_name, payment_method, order_currency_code, grand_total, subtotal FROM sales_invoice_grid "
                   "ORDER BY 1"),
              ElementsAre("1|100000001|1|100000001|Main Website\nMain Store\nEnglish|Ann Lee|Ann Lee|checkmo|USD|"
                          "110.0000|100.0000",
                          "2|300000001|3|300000001|Main Website\nMain Store\nFrench|Bo Berg|Bo Berg|checkmo|EUR|"
                          "50.0000|50.0000"));
  EXPECT_THAT(Rows(*destination_,
                   "SELECT entity_id, increment_id, order_increment_id, order_status, shipping_name, "
                   "shipping_address, total_qty, customer_email FROM sales_shipment_grid"),
              ElementsAre("1|100000001|100000001|complete|Ann Shipper|2 Dock Rd, Portland, , 97002|1.0000|"
                          "ann@example.com"));
  EXPECT_THAT(Rows(*destination_,
                   "SELECT entity_id, increment_id, order_id, order_increment_id, order_status, billing_name, "
                   "base_grand_total, order_base_grand_total, payment_method FROM sales_creditmemo_grid"),
              ElementsAre("1|300000001|3|300000001|closed|Bo Berg|50.0000|50.0000|checkmo"));
  // Every grid row agrees with the sales tables Map copied.
  for (const auto& [grid, base] : std::vector<std::pair<std::string, std::string>>{
           {"sales_order_grid", "sales_order"},
           {"sales_invoice_grid", "sales_invoice"},
           {"sales_shipment_grid", "sales_shipment"},
           {"sales_creditmemo_grid", "sales_creditmemo"}}) {
    EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM ", grid, " g JOIN ", base,
                                                 " b USING (entity_id) WHERE g.increment_id = b.increment_id AND "
                                                 "g.store_id = b.store_id AND g.created_at = b.created_at")),
              Count(*destination_, base))
        << grid;
  }

  // SalesIncrement: a sequence per type and Magento 1 store, continuing Magento 1's numbers.
  EXPECT_EQ(Count(*destination_, "sales_sequence_meta"), "20");  // 5 types x stores 0..3
  EXPECT_EQ(Count(*destination_, "sales_sequence_profile"), "20");
  EXPECT_THAT(Rows(*destination_,
                   "SELECT m.entity_type, m.store_id, m.sequence_table, p.prefix FROM sales_sequence_meta m JOIN "
                   "sales_sequence_profile p USING (meta_id) WHERE m.entity_type = 'order' ORDER BY m.store_id"),
              ElementsAre("order|0|sequence_order_0|", "order|1|sequence_order_1|1", "order|2|sequence_order_2|2",
                          "order|3|sequence_order_3|3"));
  for (const auto& [table, last] : std::vector<std::pair<std::string, std::string>>{{"sequence_order_1", "2"},
                                                                                    {"sequence_order_3", "1"},
                                                                                    {"sequence_invoice_1", "1"},
                                                                                    {"sequence_invoice_3", "1"},
                                                                                    {"sequence_shipment_1", "1"},
                                                                                    {"sequence_creditmemo_3", "1"}}) {
    EXPECT_THAT(Rows(*destination_, absl::StrCat("SELECT sequence_value FROM ", table)), ElementsAre(last)) << table;
  }
  for (const char* empty : {"sequence_order_0", "sequence_order_2", "sequence_shipment_3", "sequence_rma_item_1"}) {
    EXPECT_EQ(Count(*destination_, empty), "0") << empty;
  }

  // Inventory: each product's stock in the default source; the website sold from the default stock; the
  // shipment shipped from the default source.
  EXPECT_EQ(Count(*destination_, "inventory_source_item"), Count(*destination_, "cataloginventory_stock_item"));
  EXPECT_EQ(Scalar(*destination_,
                   "SELECT COUNT(*) FROM inventory_source_item i JOIN catalog_product_entity p ON p.sku = i.sku JOIN "
                   "cataloginventory_stock_item s ON s.product_id = p.entity_id WHERE i.source_code = 'default' AND "
                   "i.quantity = COALESCE(s.qty, 0) AND i.status = s.is_in_stock"),
            Count(*destination_, "cataloginventory_stock_item"));
  EXPECT_GT(std::stoi(Count(*destination_, "inventory_source_item")), 100);
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM inventory_stock_sales_channel"), ElementsAre("website|base|1"));
  EXPECT_THAT(Rows(*destination_, "SELECT * FROM inventory_shipment_source"), ElementsAre("1|default"));

  // Started over with -r, the same rows.
  const std::vector<std::string> first = Results();
  const ProcessResult again = Migrate({"data", "-a", "-r", config});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(Results(), first);
}

// Magento's stock 1.9.4.5 config, unchanged but for databases, crypt keys and the poll interval,
// runs whole on the 1.6.1.0 sample (with the sales above) into 2.4.8 with MSI: `migrate settings`,
// `migrate data` with every step it names, then `migrate delta` (every delta class it names) while
// the shop changes an order and its numbering; each exits 0 without a failed volume check, and the
// grid row and the sequence follow the changes.
TEST_F(StockDestinationStepsTest, TheStock1945ConfigRunsWholeInSettingsDataAndDeltaMode) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  LoadDumps(fixtures);
  Exec(*source_, kSales);
  Exec(*destination_, kMsi);
  const std::string config = WriteFile(
      "stock-1.9.4.5.xml",
      absl::StrReplaceAll(StockConfigText(fixtures, "1.9.4.5"),
                          {{"<crypt_key />", "<crypt_key>f3e25abe619dae2387df9961594b0789</crypt_key>"
                                             "<crypt_key_destination>base64AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw"
                                             "dHh8=</crypt_key_destination>"},
                           {"<options>", "<options>\n        <delta_poll_interval>0.2</delta_poll_interval>"}}));
  const ProcessResult settings = Migrate({"settings", "-a", config});
  ASSERT_EQ(settings.exit_code, 0) << settings.output;
  const ProcessResult data = Migrate({"data", "-a", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_THAT(data.output, Not(HasSubstr("Volume check failed")));
  EXPECT_THAT(data.output, HasSubstr("[step: PostProcessing Step]"));
  EXPECT_EQ(Scalar(*destination_, "SELECT status FROM sales_order_grid WHERE entity_id = 2"), "processing");

  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config});
  absl::SleepFor(absl::Seconds(1));
  Exec(*source_, "UPDATE sales_flat_order SET status = 'complete', state = 'complete' WHERE entity_id = 2");
  Exec(*source_, "UPDATE eav_entity_store SET increment_last_id = '100000007' WHERE entity_type_id = 4 AND "
                 "store_id = 1");
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  auto pending = [&] {
    return Scalar(*source_, "SELECT (SELECT COUNT(*) FROM m2_cl_sales_flat_order WHERE processed = 0) + (SELECT "
                            "COUNT(*) FROM m2_cl_eav_entity_store WHERE processed = 0)");
  };
  while ((pending() != "0" || Scalar(*destination_, "SELECT status FROM sales_order_grid WHERE entity_id = 2") !=
                                  "complete") &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  delta->Kill(SIGTERM);
  const ProcessResult stopped = delta->Wait();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
  EXPECT_THAT(stopped.output, HasSubstr("Delta stopped"));
  EXPECT_THAT(stopped.output, Not(HasSubstr("[ERROR]")));
  EXPECT_EQ(Scalar(*destination_, "SELECT status FROM sales_order_grid WHERE entity_id = 2"), "complete");
  EXPECT_EQ(Scalar(*destination_, "SELECT MAX(sequence_value) FROM sequence_order_1"), "7");
}

}  // namespace
}  // namespace migrate::testing
