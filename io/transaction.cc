#include "io/transaction.h"

namespace migrate::io {

absl::StatusOr<Transaction> Transaction::Begin(MysqlConnection& connection, Isolation isolation) {
  if (isolation == Isolation::kReadCommitted) {
    if (absl::Status status = connection.Execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); !status.ok()) {
      return status;
    }
  }
  if (absl::Status status = connection.Execute("START TRANSACTION"); !status.ok()) return status;
  return Transaction(&connection);
}

Transaction::~Transaction() {
  if (connection_ != nullptr) connection_->Execute("ROLLBACK").IgnoreError();
}

absl::Status Transaction::Commit() {
  MysqlConnection* connection = connection_;
  connection_ = nullptr;
  absl::Status status = connection->Execute("COMMIT");
  if (!status.ok()) connection->Execute("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace migrate::io
