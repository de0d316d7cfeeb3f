// Shop writers for the delta tests: a ShopWriter runs one thread's shop traffic on a Magento 1
// source, one transaction per operation, at a steady rate; GeneratedShopWriter's, on a generated
// source (generator): each operation is one transaction that inserts (an order with its items, addresses, invoices,
// shipments and grid row; a customer with values and addresses; a product with values), updates or
// deletes orders, order items and addresses, invoices, customers and their addresses' values,
// products and their EAV values. For the delta tests (tests/stages/delta_shop_test.h).
//
// A failure is recorded unless it is a deadlock among the shop's own writers in which this writer
// was the victim: our triggers and changelog removal must never take part in one. Not
// thread-safe: one ShopWriter per thread.
#ifndef MIGRATE_TESTS_STAGES_SHOP_WRITER_H_
#define MIGRATE_TESTS_STAGES_SHOP_WRITER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"

namespace migrate::testing {

class ShopWriter {
 public:
  ShopWriter(const io::ConnectionOptions& source, uint32_t seed);
  virtual ~ShopWriter() = default;

  // The server's thread id of this writer's connection.
  const std::string& thread_id() const { return thread_id_; }

  // Runs operations until `stop`, at `per_second`; counts what it did. `shop_threads` are the
  // thread ids of every writer: a deadlock among them is the shop's own, any other failure is ours.
  void Run(const std::atomic<bool>& stop, int per_second, const std::set<std::string>& shop_threads);

  // Thread-safe: may be read while Run runs.
  uint64_t operations() const { return operations_.load(); }
  const std::vector<std::string>& failures() const { return failures_; }

 protected:
  // Rows copied from the rows that reference the copied root row.
  struct Children {
    std::string table;
    // The column referencing the root; the copies reference the new root.
    std::string parent_column;
    // Replaced columns as in Clone(); "@id" stands for the new root's key.
    std::map<std::string, std::string> replaced;
  };

  // One shop transaction.
  virtual absl::Status OneOperation() = 0;

  // A random existing `key` of `table` among the rows matching `where`, or "" when there is none.
  absl::StatusOr<std::string> AnyKey(const std::string& table, const std::string& key,
                                     const std::string& where = "1");
  absl::StatusOr<std::vector<std::string>> ColumnsOf(const std::string& table);
  // INSERT INTO table SELECT ... FROM table WHERE `where`, with some columns replaced by SQL.
  absl::Status Clone(const std::string& table, const std::string& where,
                     const std::map<std::string, std::string>& replaced);
  // In one transaction: a copy of the `key` = `from` row of `table` (with `replaced` columns; the key
  // replaced by NULL gets a new auto-increment value), then copies of its children pointing to it.
  absl::Status CloneTree(const std::string& table, const std::string& key, const std::string& from,
                         const std::map<std::string, std::string>& replaced, const std::vector<Children>& children);

  std::unique_ptr<io::MysqlConnection> connection_;
  std::mt19937_64 random_;

 private:
  // "" when `status` is a deadlock between the shop's own transactions in which this writer was
  // rolled back; otherwise the failure, with InnoDB's latest deadlock report. MariaDB reports a
  // deadlock whose victim waited for a table's AUTO-INC lock (this writer's INSERT ... SELECT
  // clones) as error 1467, not 1213.
  std::string UnlessShopDeadlock(const absl::Status& status, const std::set<std::string>& shop_threads);

  std::string thread_id_;
  std::map<std::string, std::vector<std::string>> columns_;
  std::atomic<uint64_t> operations_{0};
  std::vector<std::string> failures_;
};

// The generated shop's traffic (above).
class GeneratedShopWriter final : public ShopWriter {
 public:
  using ShopWriter::ShopWriter;

 private:
  absl::Status NewOrder(const std::string& order);
  absl::Status NewCustomer(const std::string& customer);
  absl::Status NewProduct(const std::string& product);
  absl::Status OneOperation() override;
};

// Runs `writers`, each on a thread of its own at `per_second` / their number, for `writing`
// while `during` runs (polled every 100 ms), then stops them and expects none failed. Returns
// the operations done.
uint64_t RunShopWriters(const std::vector<std::unique_ptr<ShopWriter>>& writers, int per_second,
                        absl::Duration writing, const std::function<void()>& during);

// The same, but when the writers have done fewer than `at_least` operations after `writing` (a
// machine short of CPU runs them below their rate), they go on until they have, for at most
// `at_most` in all.
uint64_t RunShopWriters(const std::vector<std::unique_ptr<ShopWriter>>& writers, int per_second,
                        absl::Duration writing, const std::function<void()>& during, uint64_t at_least,
                        absl::Duration at_most);

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_STAGES_SHOP_WRITER_H_
