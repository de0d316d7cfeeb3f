// The one rule for what is retryable: what trying again may fix after an operation on a MySQL
// connection failed. It reads the server's error number (io/mysql_error.h), so a status made
// elsewhere (a client that gave up after its own retries) is never retried again.
//
// Each caller retries only what its work can be repeated after:
//   - opening a connection (pipeline/connection_source.h), a keyed read (pipeline/batch_source.h,
//     which resumes after the last key it returned), marking a chunk finished and building a
//     table's deferred keys (pipeline/coordinator.cc): kReconnect only;
//   - writing a batch with its progress (pipeline/batch_sink.h): kReconnect, then asking the
//     progress whether the lost COMMIT happened, and kRerunTransaction, writing the batch again;
//   - a delta cycle (stages/delta_mode.cc): either, by doing the cycle's work again next cycle.
#ifndef MIGRATE_IO_RETRY_H_
#define MIGRATE_IO_RETRY_H_

#include "absl/status/status.h"

namespace migrate::io {

enum class RetryKind {
  // Trying again fails the same way: the error is the caller's to report.
  kNone,
  // The connection is gone (io::IsConnectionLost: gone away, lost, refused, killed, shut down):
  // open a new one. Its open transaction was rolled back, unless the error came from its COMMIT,
  // which may or may not have happened.
  kReconnect,
  // Another transaction held a lock: ER_LOCK_DEADLOCK (1213, the transaction was rolled back) or
  // ER_LOCK_WAIT_TIMEOUT (1205, the statement was). The connection is fine; rolling back and
  // running the whole transaction again may succeed.
  kRerunTransaction,
};

RetryKind WhatRetryFixes(const absl::Status& status);

}  // namespace migrate::io

#endif  // MIGRATE_IO_RETRY_H_
