#include "io/retry.h"

#include "io/mysql_error.h"

namespace migrate::io {
namespace {

constexpr unsigned int kLockDeadlock = 1213;
constexpr unsigned int kLockWaitTimeout = 1205;

}  // namespace

RetryKind WhatRetryFixes(const absl::Status& status) {
  const unsigned int error_number = MysqlErrorNumber(status);
  if (IsConnectionLost(error_number)) return RetryKind::kReconnect;
  if (error_number == kLockDeadlock || error_number == kLockWaitTimeout) return RetryKind::kRerunTransaction;
  return RetryKind::kNone;
}

}  // namespace migrate::io
