// Turns MySQL client errors into absl::Status and reads them back.
//
// A status made here carries the server's error number as a payload, so callers can tell a lost
// connection (worth a retry) from a bad statement without parsing messages.
#ifndef MIGRATE_IO_MYSQL_ERROR_H_
#define MIGRATE_IO_MYSQL_ERROR_H_

#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace migrate::io {

// A status for error `error_number` with the client's `message`, said to have happened `where`
// (a ConnectionOptions::Describe() string, never a password). Connection-level errors map to
// kUnavailable, everything else to kInternal.
absl::Status MysqlError(unsigned int error_number, absl::string_view message, absl::string_view where);

// The MySQL error number a status made by MysqlError carries, or 0.
unsigned int MysqlErrorNumber(const absl::Status& status);

// True for errors after which the connection is gone: server gone away, lost, refused.
bool IsConnectionLost(unsigned int error_number);

// `status` with "context: " before its message; code and payloads (the error number) are kept.
absl::Status WithContext(const absl::Status& status, absl::string_view context);

}  // namespace migrate::io

#endif  // MIGRATE_IO_MYSQL_ERROR_H_
