#include "io/transaction.h"

namespace migrate::io {

absl::StatusOr<Transaction> Transaction::Begin(MysqlConnection& connection, Isolation isolation) {
  if (isolation == Isolation::kReadCommitted) {
    if (absl::Status status = connection.Execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); !status.ok()) {
      return status;
    }
  }
  if (isolation == Isolation::kConsistentSnapshot) {
    if (absl::Status status = connection.Execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"); !status.ok()) {
      return status;
    }
  }
  const char* start =
      isolation == Isolation::kConsistentSnapshot ? "START TRANSACTION WITH CONSISTENT SNAPSHOT" : "START TRANSACTION";
  if (absl::Status status = connection.Execute(start); !status.ok()) return status;
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
