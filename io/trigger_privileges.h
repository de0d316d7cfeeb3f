// Whether a source account may set up change capture (io/change_capture.h), checked before
// anything is created, so a missing privilege gives one clear message with the fix instead of
// MariaDB's bare error 1419 halfway through.
//
// Change capture needs TRIGGER and CREATE on the source database; while binary logging is on, it
// also needs SUPER unless log_bin_trust_function_creators is set. The account's grants are read
// with SHOW GRANTS and understood by io/account_grants.h; TRIGGER and CREATE must be held on the
// whole database (a table grant does not let the capture create its changelogs). Privileges that
// reach the account only through roles are not seen.
#ifndef MIGRATE_IO_TRIGGER_PRIVILEGES_H_
#define MIGRATE_IO_TRIGGER_PRIVILEGES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"

namespace migrate::io {

// What the server says about the account, as read by CheckChangeCapturePrivileges.
struct AccountAccess {
  // CURRENT_USER(), e.g. "magento@localhost".
  std::string account;
  // The lines of SHOW GRANTS.
  std::vector<std::string> grants;
  bool binary_logging = false;
  bool trust_function_creators = false;
};

// OK, or FailedPreconditionError naming what is missing and the GRANT or setting that fixes it.
absl::Status CheckChangeCaptureAccess(const AccountAccess& access, absl::string_view database);

// Reads the account's access on `connection` and checks it for `database`.
absl::Status CheckChangeCapturePrivileges(MysqlConnection& connection, absl::string_view database);

}  // namespace migrate::io

#endif  // MIGRATE_IO_TRIGGER_PRIVILEGES_H_
