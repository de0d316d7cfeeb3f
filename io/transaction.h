// One transaction on a connection, rolled back unless committed.
//
//   absl::StatusOr<Transaction> transaction = Transaction::Begin(connection);
//   ... statements on connection ...
//   return transaction->Commit();
//
// Begin() starts it (with the given isolation level for this transaction only; kConsistentSnapshot
// is REPEATABLE READ with InnoDB's snapshot taken at Begin(), so every read sees the commits made
// before Begin() and none after); Commit() commits it; destroying a Transaction that was not committed rolls it back, ignoring any error (a lost
// connection has rolled it back already). Movable, not copyable; the connection must outlive it.
#ifndef MIGRATE_IO_TRANSACTION_H_
#define MIGRATE_IO_TRANSACTION_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/mysql_connection.h"

namespace migrate::io {

enum class Isolation { kSessionDefault, kReadCommitted, kConsistentSnapshot };

class Transaction {
 public:
  static absl::StatusOr<Transaction> Begin(MysqlConnection& connection,
                                           Isolation isolation = Isolation::kSessionDefault);

  Transaction(Transaction&& other) noexcept : connection_(other.connection_) { other.connection_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  absl::Status Commit();

 private:
  explicit Transaction(MysqlConnection* connection) : connection_(connection) {}

  // Null once committed, rolled back or moved from.
  MysqlConnection* connection_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_TRANSACTION_H_
