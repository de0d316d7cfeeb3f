#include "tests/stages/delta_shop_test.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "generator/generator.h"
#include "generator/schema.h"
#include "tests/stages/shop_writer.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_servers.h"

namespace migrate::testing {
namespace {

constexpr int kWriterThreads = 2;
// Operations per second of all writer threads together.
constexpr int kOperationsPerSecond = 300;

}  // namespace

void DeltaShopTest::SetUp() {
  MigrateRunTest::SetUp();
  generator::GeneratorOptions shop;
  shop.connection = source_options_;
  shop.products = 120;
  shop.seed = 11;
  shop.connections = 1;
  absl::StatusOr<generator::LoadSummary> loaded = generator::GenerateCatalog(shop);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  reference_options_ = TestDatabase(DestinationServer(), "_ref");
  for (const io::ConnectionOptions& destination : {destination_options_, reference_options_}) {
    ASSERT_TRUE(generator::CreateSchema(destination, generator::SchemaKind::kMagento2, 1).ok());
  }
  const std::string demo = SourceDir() + "/configs/demo/";
  // The demo map leaves Magento 1's grids out: Magento 2's four grids are OrderGrids' alone (built by
  // its Data stage, kept by its delta), and change capture gives the ignored grids no changelog.
  std::string options;
  for (const auto& [option, file] : std::vector<std::pair<std::string, std::string>>{
           {"map_file", "map.xml"},
           {"delta_document_groups_file", "deltalog.xml"},
           {"map_document_groups", "map-document-groups.xml"},
           {"eav_map_file", "map-eav.xml"},
           {"eav_document_groups_file", "eav-document-groups.xml"},
           {"eav_attribute_groups_file", "eav-attribute-groups.xml"},
           {"class_map", "class-map.xml"},
           {"customer_map_file", "map-customer.xml"},
           {"customer_document_groups_file", "customer-document-groups.xml"},
           {"customer_attribute_groups_file", "customer-attribute-groups.xml"}}) {
    absl::StrAppend(&options, "\n    <", option, ">", demo, file, "</", option, ">");
  }
  absl::StrAppend(&options, "\n    <delta_poll_interval>0.2</delta_poll_interval>\n    <bulk_size>300</bulk_size>",
                  "\n    <upgrade_customer_password_hash>1</upgrade_customer_password_hash>");
  const std::vector<std::pair<std::string, std::string>> steps = {
      {"data", R"(
    <step title="EAV Step">
      <integrity>Migration\Step\Eav\Integrity</integrity>
      <data>Migration\Step\Eav\Data</data>
    </step>
    <step title="Customer Attributes Step">
      <integrity>Migration\Step\Customer\Integrity</integrity>
      <data>Migration\Step\Customer\Data</data>
    </step>
    <step title="Map Step">
      <integrity>Migration\Step\Map\Integrity</integrity>
      <data>Migration\Step\Map\Data</data>
    </step>
    <step title="OrderGrids Step">
      <integrity>Migration\Step\OrderGrids\Integrity</integrity>
      <data>Migration\Step\OrderGrids\Data</data>
    </step>)"},
      {"delta", R"(
    <step title="Customer Attributes Step">
      <delta>Migration\Step\Customer\Delta</delta>
      <volume>Migration\Step\Customer\Volume</volume>
    </step>
    <step title="Map Step">
      <delta>Migration\Step\Map\Delta</delta>
      <volume>Migration\Step\Map\Volume</volume>
    </step>
    <step title="OrderGrids Step">
      <delta>Migration\Step\OrderGrids\Delta</delta>
    </step>)"}};
  config_ = WriteConfig(steps, options, destination_options_);
  reference_config_ = WriteConfig(steps, options, reference_options_);
}

std::string DeltaShopTest::ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void DeltaShopTest::CopyAll(const std::string& config) {
  const ProcessResult copied = Migrate({"data", "-r", "-a", config});
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
}

uint64_t DeltaShopTest::WriteWhile(absl::Duration writing, const std::function<void()>& during) {
  std::vector<std::unique_ptr<ShopWriter>> writers;
  for (int i = 0; i < kWriterThreads; ++i) {
    writers.push_back(std::make_unique<GeneratedShopWriter>(source_options_, 1000 + i));
  }
  return RunShopWriters(writers, kOperationsPerSecond, writing, during);
}

int64_t DeltaShopTest::Pending() {
  int64_t pending = 0;
  for (const std::string& table : Rows(*source_,
                                       "SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                                       "TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'm2\\_cl\\_%'")) {
    pending += std::stoll(Scalar(*source_, "SELECT COUNT(*) FROM `" + table + "` WHERE processed = 0"));
  }
  return pending;
}

int64_t DeltaShopTest::FollowerPending() {
  if (Scalar(*destination_,
             "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
             "TABLE_NAME = 'migrate_delta_followers'") == "0") {
    return 0;
  }
  return std::stoll(Scalar(*destination_, "SELECT COUNT(*) FROM migrate_delta_followers"));
}

std::string DeltaShopTest::Checksum(io::MysqlConnection& connection, const std::string& table) {
  const std::vector<std::string> columns =
      Rows(connection, absl::StrCat("SELECT CONCAT('`', COLUMN_NAME, '`') FROM information_schema.COLUMNS WHERE "
                                    "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '",
                                    table,
                                    "' AND COALESCE(COLUMN_DEFAULT, '') NOT LIKE 'current_timestamp%' "
                                    "ORDER BY ORDINAL_POSITION"));
  // CONCAT_WS skips NULLs: each value is followed by whether it is NULL.
  std::vector<std::string> values;
  for (const std::string& column : columns) values.push_back(absl::StrCat(column, ", ISNULL(", column, ")"));
  return Scalar(connection, absl::StrCat("SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('#', ",
                                         absl::StrJoin(values, ", "), "))), 0)) FROM `", table, "`"));
}

void DeltaShopTest::ExpectDestinationEqualsAFreshCopy() {
  CopyAll(reference_config_);
  auto reference = Connect(reference_options_);
  ASSERT_NE(reference, nullptr);
  const std::vector<std::string> tables =
      Rows(*destination_,
           "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
           "TABLE_NAME NOT IN ('migrate_progress', 'migrate_delta_followers') ORDER BY TABLE_NAME");
  ASSERT_GT(tables.size(), 50u);
  int64_t rows = 0;
  for (const std::string& table : tables) {
    EXPECT_EQ(Checksum(*destination_, table), Checksum(*reference, table)) << table;
    rows += std::stoll(Scalar(*destination_, "SELECT COUNT(*) FROM `" + table + "`"));
  }
  EXPECT_GT(rows, 5000);
  // The grids are OrderGrids' (the map leaves them out) and hold every order, invoice and shipment.
  for (const auto& [grid, base] : {std::pair{"sales_order_grid", "sales_order"},
                                   {"sales_invoice_grid", "sales_invoice"},
                                   {"sales_shipment_grid", "sales_shipment"}}) {
    const std::string count = Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM ", grid));
    EXPECT_NE(count, "0") << grid;
    EXPECT_EQ(count, Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM ", base))) << grid;
  }
}

}  // namespace migrate::testing
