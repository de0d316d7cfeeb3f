// migrate delta end to end on real servers, with the demo profile on a generated shop (its EAV,
// Customer Attributes and Map steps, and OrderGrids for the four sales grids, which the test's map
// leaves to it; the Customer, Map and OrderGrids deltas, the last following Map's): while a
// writer inserts, updates and deletes orders (new ones with invoices and shipments), order items
// and addresses, invoices, customers, addresses, products and their EAV values on the source,
// delta replays them; after the writer stops and delta catches up, every destination table equals
// what a fresh `migrate data` of the final source gives, and no change is left pending (in the
// changelogs or for a follower). Once uninterrupted, once with delta killed (-9) at random moments
// and restarted (a dozen times and more). No shop write may fail but in a deadlock among the shop's own writes.
#include <signal.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <sstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_error.h"
#include "scripts/generator/generator.h"
#include "scripts/generator/schema.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_servers.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;

constexpr absl::Duration kWriterTime = absl::Seconds(30);
constexpr int kWriterThreads = 2;
// Operations per second of all writer threads together.
constexpr int kOperationsPerSecond = 300;

// One writer thread's shop traffic on the source: each operation is one transaction.
class ShopWriter {
 public:
  ShopWriter(const io::ConnectionOptions& source, uint32_t seed) : random_(seed) {
    connection_ = Connect(source);
    if (connection_ != nullptr) thread_id_ = connection_->QueryScalar("SELECT CONNECTION_ID()").value_or("");
  }

  // The server's thread id of this writer's connection.
  const std::string& thread_id() const { return thread_id_; }

  // Runs operations until `stop`, at `per_second`; counts what it did. `shop_threads` are the
  // thread ids of every writer: a deadlock among them is the shop's own, any other failure is ours.
  void Run(const std::atomic<bool>& stop, int per_second, const std::set<std::string>& shop_threads) {
    if (connection_ == nullptr) return;
    const absl::Duration pause = absl::Seconds(1) / per_second;
    absl::Time next = absl::Now();
    while (!stop.load()) {
      absl::Status status = OneOperation();
      if (status.ok()) {
        ++operations_;
      } else {
        connection_->Execute("ROLLBACK").IgnoreError();
        if (std::string why = UnlessShopDeadlock(status, shop_threads); !why.empty()) failures_.push_back(why);
      }
      next += pause;
      absl::SleepFor(next - absl::Now());
    }
  }

  uint64_t operations() const { return operations_; }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  // "" when `status` is a deadlock between the shop's own transactions in which this writer was
  // rolled back; otherwise the failure, with InnoDB's latest deadlock report. Our triggers and
  // changelog removal must never take part in one. MariaDB reports a deadlock whose victim waited
  // for a table's AUTO-INC lock (this writer's INSERT ... SELECT clones) as error 1467, not 1213.
  std::string UnlessShopDeadlock(const absl::Status& status, const std::set<std::string>& shop_threads) {
    const unsigned int error = io::MysqlErrorNumber(status);
    const std::string failure(status.message());
    if (error != 1213 && error != 1467) return failure;
    absl::StatusOr<io::ResultSet> innodb = connection_->Query("SHOW ENGINE INNODB STATUS");
    if (!innodb.ok() || innodb->empty()) return failure;
    const std::string report_all = innodb->rows()[0][2].value_or("");
    const size_t start = report_all.find("LATEST DETECTED DEADLOCK");
    if (start == std::string::npos) return failure + " (no deadlock was detected)";
    const std::string report = report_all.substr(start, report_all.find("\nTRANSACTIONS\n", start) - start);
    // Each transaction of the report ("*** (k) TRANSACTION:") names its thread; the victim is "(k)" of
    // "WE ROLL BACK TRANSACTION (k)".
    std::map<std::string, std::string> thread_of;
    for (size_t at = report.find("*** ("); at != std::string::npos; at = report.find("*** (", at + 1)) {
      const size_t close = report.find(')', at);
      const size_t thread = report.find("MariaDB thread id ", at);
      if (close == std::string::npos || thread == std::string::npos) continue;
      const std::string number = report.substr(at + 5, close - at - 5);
      const size_t digits = thread + std::string("MariaDB thread id ").size();
      thread_of[number] = report.substr(digits, report.find(',', digits) - digits);
    }
    const size_t victim_at = report.find("WE ROLL BACK TRANSACTION (");
    const std::string victim = victim_at == std::string::npos
                                   ? ""
                                   : report.substr(victim_at + 26, report.find(')', victim_at + 26) - victim_at - 26);
    bool only_shop = !thread_of.empty();
    for (const auto& [number, thread] : thread_of) only_shop = only_shop && shop_threads.contains(thread);
    if (only_shop && thread_of[victim] == thread_id_) return "";
    return absl::StrCat(failure, "\n", report);
  }

  // A random existing key of `table`, or "" when it is empty.
  absl::StatusOr<std::string> AnyKey(const std::string& table, const std::string& key) {
    absl::StatusOr<std::string> max = connection_->QueryScalar(absl::StrCat("SELECT COALESCE(MAX(", key, "), 0) FROM ", table));
    if (!max.ok()) return max.status();
    const uint64_t pick = std::uniform_int_distribution<uint64_t>(0, std::stoull(*max))(random_);
    absl::StatusOr<io::ResultSet> rows = connection_->Query(
        absl::StrCat("SELECT ", key, " FROM ", table, " WHERE ", key, " >= ", pick, " ORDER BY ", key, " LIMIT 1"));
    if (!rows.ok()) return rows.status();
    return rows->empty() ? std::string() : rows->rows()[0][0].value_or("");
  }

  absl::StatusOr<std::vector<std::string>> ColumnsOf(const std::string& table) {
    auto cached = columns_.find(table);
    if (cached != columns_.end()) return cached->second;
    absl::StatusOr<io::ResultSet> rows = connection_->Query(absl::StrCat(
        "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '", table,
        "' ORDER BY ORDINAL_POSITION"));
    if (!rows.ok()) return rows.status();
    std::vector<std::string> columns;
    for (const io::Row& row : rows->rows()) columns.push_back(*row[0]);
    columns_[table] = columns;
    return columns;
  }

  // INSERT INTO table SELECT ... FROM table WHERE `where`, with some columns replaced by SQL.
  absl::Status Clone(const std::string& table, const std::string& where,
                     const std::map<std::string, std::string>& replaced) {
    absl::StatusOr<std::vector<std::string>> columns = ColumnsOf(table);
    if (!columns.ok()) return columns.status();
    std::vector<std::string> values;
    for (const std::string& column : *columns) {
      auto it = replaced.find(column);
      values.push_back(it == replaced.end() ? absl::StrCat("`", column, "`") : it->second);
    }
    return connection_->Execute(absl::StrCat("INSERT INTO ", table, " (`", absl::StrJoin(*columns, "`, `"), "`) SELECT ",
                                             absl::StrJoin(values, ", "), " FROM ", table, " WHERE ", where));
  }

  // Rows copied from the rows that reference the copied root row.
  struct Children {
    std::string table;
    // The column referencing the root; the copies reference the new root.
    std::string parent_column;
    // Replaced columns as in Clone(); "@id" stands for the new root's key.
    std::map<std::string, std::string> replaced;
  };

  // In one transaction: a copy of the `key` = `from` row of `table` (with `replaced` columns; the key
  // replaced by NULL gets a new auto-increment value), then copies of its children pointing to it.
  absl::Status CloneTree(const std::string& table, const std::string& key, const std::string& from,
                         const std::map<std::string, std::string>& replaced, const std::vector<Children>& children) {
    if (absl::Status status = connection_->Execute("BEGIN"); !status.ok()) return status;
    if (absl::Status status = Clone(table, key + " = " + from, replaced); !status.ok()) return status;
    absl::StatusOr<std::string> id = connection_->QueryScalar("SELECT LAST_INSERT_ID()");
    if (!id.ok()) return id.status();
    for (const Children& child : children) {
      std::map<std::string, std::string> child_replaced = child.replaced;
      for (auto& [column, sql] : child_replaced) sql = absl::StrReplaceAll(sql, {{"@id", *id}});
      if (absl::Status status = Clone(child.table, child.parent_column + " = " + from, child_replaced); !status.ok()) {
        return status;
      }
    }
    return connection_->Execute("COMMIT");
  }

  absl::Status NewOrder(const std::string& order) {
    return CloneTree(
        "sales_flat_order", "entity_id", order, {{"entity_id", "NULL"}, {"increment_id", "CONCAT('D', UUID_SHORT())"}},
        {{"sales_flat_order_item", "order_id", {{"item_id", "NULL"}, {"order_id", "@id"}}},
         {"sales_flat_order_address", "parent_id", {{"entity_id", "NULL"}, {"parent_id", "@id"}}},
         {"sales_flat_invoice", "order_id",
          {{"entity_id", "NULL"}, {"order_id", "@id"}, {"increment_id", "CONCAT('I', UUID_SHORT())"}}},
         {"sales_flat_shipment", "order_id",
          {{"entity_id", "NULL"}, {"order_id", "@id"}, {"increment_id", "CONCAT('S', UUID_SHORT())"}}},
         {"sales_flat_order_grid", "entity_id",
          {{"entity_id", "@id"}, {"increment_id", "(SELECT increment_id FROM sales_flat_order WHERE entity_id = @id)"}}}});
  }

  absl::Status NewCustomer(const std::string& customer) {
    return CloneTree("customer_entity", "entity_id", customer,
                     {{"entity_id", "NULL"}, {"email", "CONCAT('d', UUID_SHORT(), '@example.com')"}},
                     {{"customer_entity_varchar", "entity_id", {{"value_id", "NULL"}, {"entity_id", "@id"}}},
                      {"customer_address_entity", "parent_id", {{"entity_id", "NULL"}, {"parent_id", "@id"}}}});
  }

  absl::Status NewProduct(const std::string& product) {
    return CloneTree("catalog_product_entity", "entity_id", product,
                     {{"entity_id", "NULL"}, {"sku", "CONCAT('D', UUID_SHORT())"}},
                     {{"catalog_product_entity_varchar", "entity_id", {{"value_id", "NULL"}, {"entity_id", "@id"}}}});
  }

  absl::Status OneOperation() {
    const int kind = std::uniform_int_distribution<int>(0, 13)(random_);
    struct Target {
      const char* table;
      const char* key;
    };
    static constexpr Target kTargets[] = {
        {"sales_flat_order", "entity_id"},          {"sales_flat_order", "entity_id"},
        {"sales_flat_order", "entity_id"},          {"sales_flat_order_item", "item_id"},
        {"customer_entity", "entity_id"},           {"customer_entity", "entity_id"},
        {"customer_entity_varchar", "value_id"},    {"customer_address_entity_varchar", "value_id"},
        {"catalog_product_entity", "entity_id"},    {"catalog_product_entity_varchar", "value_id"},
        {"catalog_product_entity_decimal", "value_id"}, {"catalog_product_entity_int", "value_id"},
        {"sales_flat_order_address", "entity_id"},  {"sales_flat_invoice", "entity_id"},
    };
    absl::StatusOr<std::string> key = AnyKey(kTargets[kind].table, kTargets[kind].key);
    if (!key.ok()) return key.status();
    if (key->empty()) return absl::OkStatus();
    const std::string& k = *key;
    switch (kind) {
      case 0:
        return NewOrder(k);
      case 1:
        return connection_->Execute(absl::StrCat(
            "UPDATE sales_flat_order SET grand_total = grand_total + 1, status = 'processing' WHERE entity_id = ", k));
      case 2:
        return connection_->Execute("DELETE FROM sales_flat_order WHERE entity_id = " + k);
      case 3:
        return connection_->Execute("UPDATE sales_flat_order_item SET qty_ordered = qty_ordered + 1, "
                                    "name = CONCAT(LEFT(name, 60), ' ü') WHERE item_id = " + k);
      case 4:
        return NewCustomer(k);
      case 5:
        return connection_->Execute("DELETE FROM customer_entity WHERE entity_id = " + k);
      case 6:
        return connection_->Execute(
            "UPDATE customer_entity_varchar SET value = CONCAT('n', FLOOR(RAND() * 1000)) WHERE value_id = " + k);
      case 7:
        return connection_->Execute(
            "UPDATE customer_address_entity_varchar SET value = CONCAT('Straße ', FLOOR(RAND() * 99)) WHERE value_id = " +
            k);
      case 8:
        return NewProduct(k);
      case 9:
        return connection_->Execute(
            "UPDATE catalog_product_entity_varchar SET value = CONCAT('v\\'', FLOOR(RAND() * 1e6)) WHERE value_id = " + k);
      case 10:
        return connection_->Execute("UPDATE catalog_product_entity_decimal SET value = value + 1 WHERE value_id = " + k);
      case 11:
        return connection_->Execute("DELETE FROM catalog_product_entity_int WHERE value_id = " + k);
      case 12:
        return connection_->Execute(
            "UPDATE sales_flat_order_address SET lastname = CONCAT('L', FLOOR(RAND() * 1000)) WHERE entity_id = " + k);
      default:
        return connection_->Execute(
            "UPDATE sales_flat_invoice SET grand_total = grand_total + 1, state = 2 WHERE entity_id = " + k);
    }
  }

  std::unique_ptr<io::MysqlConnection> connection_;
  std::string thread_id_;
  std::mt19937_64 random_;
  std::map<std::string, std::vector<std::string>> columns_;
  uint64_t operations_ = 0;
  std::vector<std::string> failures_;
};

class DeltaTest : public MigrateRunTest {
 protected:
  void SetUp() override {
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
    const std::string map = WriteFile("map.xml", MapWithoutGrids(demo + "map.xml"));
    // Without Magento 1's grids, which the map no longer moves (their changelogs would wait forever).
    const std::string deltalog = WriteFile(
        "deltalog.xml", std::regex_replace(ReadFile(demo + "deltalog.xml"),
                                           std::regex(R"(\s*<document key="\w+">sales_flat_\w+_grid</document>)"), ""));
    std::string options = absl::StrCat("\n    <map_file>", map, "</map_file>\n    <delta_document_groups_file>",
                                       deltalog, "</delta_document_groups_file>");
    for (const auto& [option, file] : std::vector<std::pair<std::string, std::string>>{
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

  // The demo map without Magento 1's grids: Map neither copies nor replays them, so the four
  // grids of Magento 2 are OrderGrids' alone (built by its Data stage, kept by its delta).
  std::string MapWithoutGrids(const std::string& path) {
    std::string text = ReadFile(path);
    const std::regex renames(R"(\s*<rename>\s*<document>sales_flat_\w+_grid</document>\s*<to>sales_\w+_grid</to>)"
                             R"(\s*</rename>)");
    const std::regex field_rules(R"(\s*<ignore>\s*<field>sales_(flat_)?\w+_grid\.\w+</field>\s*</ignore>)");
    text = std::regex_replace(std::regex_replace(text, renames, ""), field_rules, "");
    std::string source_ignores;
    std::string destination_ignores;
    for (const char* entity : {"order", "invoice", "shipment", "creditmemo"}) {
      absl::StrAppend(&source_ignores, "\n            <ignore><document>sales_flat_", entity,
                      "_grid</document></ignore>");
      absl::StrAppend(&destination_ignores, "\n            <ignore><document>sales_", entity,
                      "_grid</document></ignore>");
    }
    const size_t source_rules = text.find("<document_rules>");
    EXPECT_NE(source_rules, std::string::npos);
    text.insert(source_rules + std::string("<document_rules>").size(), source_ignores);
    const size_t destination_rules = text.find("<document_rules>", text.find("<destination>"));
    EXPECT_NE(destination_rules, std::string::npos);
    text.insert(destination_rules + std::string("<document_rules>").size(), destination_ignores);
    EXPECT_EQ(text.find("_grid</to>"), std::string::npos);
    return text;
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // Runs `migrate data` on the source as it is into the destination of `config`.
  void CopyAll(const std::string& config) {
    const ProcessResult copied = Migrate({"data", "-r", "-a", config});
    ASSERT_EQ(copied.exit_code, 0) << copied.output;
  }

  // Starts the writers, keeps them going for kWriterTime while `during` runs (polled every 100 ms),
  // then stops them. Returns the operations done.
  uint64_t WriteWhile(const std::function<void()>& during) {
    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<ShopWriter>> writers;
    std::vector<std::thread> threads;
    std::set<std::string> shop_threads;
    for (int i = 0; i < kWriterThreads; ++i) {
      writers.push_back(std::make_unique<ShopWriter>(source_options_, 1000 + i));
      shop_threads.insert(writers.back()->thread_id());
    }
    for (int i = 0; i < kWriterThreads; ++i) {
      threads.emplace_back([&, i] { writers[i]->Run(stop, kOperationsPerSecond / kWriterThreads, shop_threads); });
    }
    const absl::Time end = absl::Now() + kWriterTime;
    while (absl::Now() < end) {
      during();
      absl::SleepFor(absl::Milliseconds(100));
    }
    stop = true;
    uint64_t operations = 0;
    for (int i = 0; i < kWriterThreads; ++i) {
      threads[i].join();
      operations += writers[i]->operations();
      EXPECT_THAT(writers[i]->failures(), ::testing::IsEmpty());
    }
    return operations;
  }

  // Changelog rows still waiting, over every changelog of the source.
  int64_t Pending() {
    int64_t pending = 0;
    for (const std::string& table : Rows(*source_, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                                                   "TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'm2\\_cl\\_%'")) {
      pending += std::stoll(Scalar(*source_, "SELECT COUNT(*) FROM `" + table + "` WHERE processed = 0"));
    }
    return pending;
  }

  // Keys Map's delta handed to OrderGrids' delta that it has not consumed yet.
  int64_t FollowerPending() {
    if (Scalar(*destination_, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                              "TABLE_NAME = 'migrate_delta_followers'") == "0") {
      return 0;
    }
    return std::stoll(Scalar(*destination_, "SELECT COUNT(*) FROM migrate_delta_followers"));
  }

  // Lets a running delta catch up with everything the writers did, then stops it with SIGTERM.
  void CatchUpAndStop(Subprocess& delta) {
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while ((Pending() > 0 || FollowerPending() > 0) && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(200));
    absl::SleepFor(absl::Seconds(1));  // one more cycle
    delta.Kill(SIGTERM);
    const ProcessResult stopped = delta.Wait();
    EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
    EXPECT_THAT(stopped.output, HasSubstr("Delta stopped"));
    EXPECT_EQ(Pending(), 0);
    EXPECT_EQ(FollowerPending(), 0);
  }

  // A checksum of every row of `table` over its columns, leaving out those the server fills with
  // its clock when the map gives them nothing (core_config_data.updated_at is the time of the copy).
  static std::string Checksum(io::MysqlConnection& connection, const std::string& table) {
    const std::vector<std::string> columns = Rows(
        connection, absl::StrCat("SELECT CONCAT('`', COLUMN_NAME, '`') FROM information_schema.COLUMNS WHERE "
                                 "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '",
                                 table, "' AND COALESCE(COLUMN_DEFAULT, '') NOT LIKE 'current_timestamp%' "
                                 "ORDER BY ORDINAL_POSITION"));
    // CONCAT_WS skips NULLs: each value is followed by whether it is NULL.
    std::vector<std::string> values;
    for (const std::string& column : columns) values.push_back(absl::StrCat(column, ", ISNULL(", column, ")"));
    return Scalar(connection, absl::StrCat("SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('#', ",
                                           absl::StrJoin(values, ", "), "))), 0)) FROM `", table, "`"));
  }

  // Every destination table equals its counterpart in a fresh copy of the final source.
  void ExpectDestinationEqualsAFreshCopy() {
    CopyAll(reference_config_);
    auto reference = Connect(reference_options_);
    ASSERT_NE(reference, nullptr);
    const std::vector<std::string> tables =
        Rows(*destination_, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
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

  io::ConnectionOptions reference_options_;
  std::string config_;
  std::string reference_config_;
};

TEST_F(DeltaTest, ChangesMadeWhileDeltaRunsAllArrive) {
  CopyAll(config_);
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config_});
  const uint64_t operations = WriteWhile([] {});
  EXPECT_GT(operations, 3000u);
  if (!delta->Running()) {
    const ProcessResult ended = delta->Wait();
    FAIL() << "delta ended with " << ended.exit_code << ": " << ended.output;
  }
  CatchUpAndStop(*delta);
  ExpectDestinationEqualsAFreshCopy();
}

TEST_F(DeltaTest, KilledAtRandomMomentsAndRestartedItStillLosesNothing) {
  CopyAll(config_);
  std::mt19937 random(5);
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config_});
  absl::Time kill_at = absl::Now() + absl::Milliseconds(std::uniform_int_distribution<int>(300, 2000)(random));
  int kills = 0;
  WriteWhile([&] {
    if (absl::Now() < kill_at) return;
    delta->Kill(SIGKILL);
    delta->Wait();
    ++kills;
    delta = StartMigrate({"delta", config_});
    kill_at = absl::Now() + absl::Milliseconds(std::uniform_int_distribution<int>(300, 2000)(random));
  });
  EXPECT_GE(kills, 12);
  CatchUpAndStop(*delta);
  ExpectDestinationEqualsAFreshCopy();
}

TEST_F(DeltaTest, ResetIsRefusedAndAMissingChangelogSaysHowToInstallIt) {
  CopyAll(config_);
  const ProcessResult reset = Migrate({"delta", "-r", config_});
  EXPECT_EQ(reset.exit_code, 1);
  EXPECT_THAT(reset.output, HasSubstr("run `migrate data -r`"));

  Exec(*source_, "DROP TABLE m2_cl_sales_flat_order_item");
  const ProcessResult missing = Migrate({"delta", config_});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.output, HasSubstr("Deltalog for sales_flat_order_item is not installed"));
  EXPECT_THAT(missing.output, HasSubstr("migrate delta --setup-only"));

  const ProcessResult setup = Migrate({"delta", "--setup-only", config_});
  EXPECT_EQ(setup.exit_code, 0) << setup.output;
  EXPECT_THAT(setup.output, HasSubstr("(1 changelogs and 0 triggers created now)"));
  Exec(*source_, "UPDATE sales_flat_order_item SET qty_ordered = 99 WHERE item_id = 1");
  EXPECT_EQ(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_sales_flat_order_item WHERE processed = 0"), "1");
}

}  // namespace
}  // namespace migrate::testing
