#include "tests/stages/shop_writer.h"

#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_error.h"
#include "tests/support/sql.h"

namespace migrate::testing {

ShopWriter::ShopWriter(const io::ConnectionOptions& source, uint32_t seed) : random_(seed) {
  connection_ = Connect(source);
  if (connection_ != nullptr) thread_id_ = connection_->QueryScalar("SELECT CONNECTION_ID()").value_or("");
}

void ShopWriter::Run(const std::atomic<bool>& stop, int per_second, const std::set<std::string>& shop_threads) {
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

std::string ShopWriter::UnlessShopDeadlock(const absl::Status& status, const std::set<std::string>& shop_threads) {
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

absl::StatusOr<std::string> ShopWriter::AnyKey(const std::string& table, const std::string& key,
                                               const std::string& where) {
  absl::StatusOr<std::string> max = connection_->QueryScalar(
      absl::StrCat("SELECT COALESCE(MAX(", key, "), 0) FROM ", table, " WHERE ", where));
  if (!max.ok()) return max.status();
  const uint64_t pick = std::uniform_int_distribution<uint64_t>(0, std::stoull(*max))(random_);
  absl::StatusOr<io::ResultSet> rows = connection_->Query(absl::StrCat(
      "SELECT ", key, " FROM ", table, " WHERE ", where, " AND ", key, " >= ", pick, " ORDER BY ", key, " LIMIT 1"));
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : rows->rows()[0][0].value_or("");
}

absl::StatusOr<std::vector<std::string>> ShopWriter::ColumnsOf(const std::string& table) {
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

absl::Status ShopWriter::Clone(const std::string& table, const std::string& where,
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

absl::Status ShopWriter::CloneTree(const std::string& table, const std::string& key, const std::string& from,
                                   const std::map<std::string, std::string>& replaced,
                                   const std::vector<Children>& children) {
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

absl::Status GeneratedShopWriter::NewOrder(const std::string& order) {
  return CloneTree("sales_flat_order", "entity_id", order,
                   {{"entity_id", "NULL"}, {"increment_id", "CONCAT('D', UUID_SHORT())"}},
                   {{"sales_flat_order_item", "order_id", {{"item_id", "NULL"}, {"order_id", "@id"}}},
                    {"sales_flat_order_address", "parent_id", {{"entity_id", "NULL"}, {"parent_id", "@id"}}},
                    {"sales_flat_invoice",
                     "order_id",
                     {{"entity_id", "NULL"}, {"order_id", "@id"}, {"increment_id", "CONCAT('I', UUID_SHORT())"}}},
                    {"sales_flat_shipment",
                     "order_id",
                     {{"entity_id", "NULL"}, {"order_id", "@id"}, {"increment_id", "CONCAT('S', UUID_SHORT())"}}},
                    {"sales_flat_order_grid",
                     "entity_id",
                     {{"entity_id", "@id"},
                      {"increment_id", "(SELECT increment_id FROM sales_flat_order WHERE entity_id = @id)"}}}});
}

absl::Status GeneratedShopWriter::NewCustomer(const std::string& customer) {
  return CloneTree("customer_entity", "entity_id", customer,
                   {{"entity_id", "NULL"}, {"email", "CONCAT('d', UUID_SHORT(), '@example.com')"}},
                   {{"customer_entity_varchar", "entity_id", {{"value_id", "NULL"}, {"entity_id", "@id"}}},
                    {"customer_address_entity", "parent_id", {{"entity_id", "NULL"}, {"parent_id", "@id"}}}});
}

absl::Status GeneratedShopWriter::NewProduct(const std::string& product) {
  return CloneTree("catalog_product_entity", "entity_id", product,
                   {{"entity_id", "NULL"}, {"sku", "CONCAT('D', UUID_SHORT())"}},
                   {{"catalog_product_entity_varchar", "entity_id", {{"value_id", "NULL"}, {"entity_id", "@id"}}}});
}

absl::Status GeneratedShopWriter::OneOperation() {
  const int kind = std::uniform_int_distribution<int>(0, 13)(random_);
  struct Target {
    const char* table;
    const char* key;
  };
  static constexpr Target kTargets[] = {
      {"sales_flat_order", "entity_id"},
      {"sales_flat_order", "entity_id"},
      {"sales_flat_order", "entity_id"},
      {"sales_flat_order_item", "item_id"},
      {"customer_entity", "entity_id"},
      {"customer_entity", "entity_id"},
      {"customer_entity_varchar", "value_id"},
      {"customer_address_entity_varchar", "value_id"},
      {"catalog_product_entity", "entity_id"},
      {"catalog_product_entity_varchar", "value_id"},
      {"catalog_product_entity_decimal", "value_id"},
      {"catalog_product_entity_int", "value_id"},
      {"sales_flat_order_address", "entity_id"},
      {"sales_flat_invoice", "entity_id"},
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
      return connection_->Execute(
          "UPDATE sales_flat_order_item SET qty_ordered = qty_ordered + 1, "
          "name = CONCAT(LEFT(name, 60), ' ü') WHERE item_id = " +
          k);
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
          "UPDATE catalog_product_entity_varchar SET value = CONCAT('v\\'', FLOOR(RAND() * 1e6)) WHERE value_id = " +
          k);
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

uint64_t RunShopWriters(const std::vector<std::unique_ptr<ShopWriter>>& writers, int per_second,
                        absl::Duration writing, const std::function<void()>& during) {
  return RunShopWriters(writers, per_second, writing, during, 0, writing);
}

uint64_t RunShopWriters(const std::vector<std::unique_ptr<ShopWriter>>& writers, int per_second,
                        absl::Duration writing, const std::function<void()>& during, uint64_t at_least,
                        absl::Duration at_most) {
  std::atomic<bool> stop{false};
  std::set<std::string> shop_threads;
  for (const std::unique_ptr<ShopWriter>& writer : writers) shop_threads.insert(writer->thread_id());
  std::vector<std::thread> threads;
  for (const std::unique_ptr<ShopWriter>& writer : writers) {
    threads.emplace_back(
        [&, writer = writer.get()] { writer->Run(stop, per_second / static_cast<int>(writers.size()), shop_threads); });
  }
  auto done = [&] {
    uint64_t operations = 0;
    for (const std::unique_ptr<ShopWriter>& writer : writers) operations += writer->operations();
    return operations;
  };
  const absl::Time start = absl::Now();
  while (absl::Now() < start + writing || (done() < at_least && absl::Now() < start + at_most)) {
    during();
    absl::SleepFor(absl::Milliseconds(100));
  }
  stop = true;
  uint64_t operations = 0;
  for (size_t i = 0; i < writers.size(); ++i) {
    threads[i].join();
    operations += writers[i]->operations();
    EXPECT_THAT(writers[i]->failures(), ::testing::IsEmpty());
  }
  return operations;
}

}  // namespace migrate::testing
