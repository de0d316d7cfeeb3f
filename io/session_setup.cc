#include "io/session_setup.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

constexpr unsigned int kAccessDenied = 1227;         // ER_SPECIFIC_ACCESS_DENIED_ERROR
constexpr unsigned int kTableAccessDenied = 1142;    // ER_TABLEACCESS_DENIED_ERROR
constexpr unsigned int kDatabaseAccessDenied = 1044; // ER_DBACCESS_DENIED_ERROR

// Opens without the user's init statements, runs `ours`, then the user's statements.
absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenWith(const ConnectionOptions& options,
                                                          const std::vector<std::string>& ours,
                                                          bool disable_binary_log) {
  ConnectionOptions bare = options;
  bare.init_statements.clear();
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = MysqlConnection::Open(bare);
  if (!connection.ok()) return connection.status();
  for (const std::string& statement : ours) {
    if (absl::Status status = (*connection)->Execute(statement); !status.ok()) {
      return WithContext(status, "setting up the session");
    }
  }
  if (disable_binary_log) {
    absl::Status status = (*connection)->Execute("SET SESSION sql_log_bin = 0");
    const unsigned int error = MysqlErrorNumber(status);
    if (!status.ok() && error != kAccessDenied && error != kTableAccessDenied && error != kDatabaseAccessDenied) {
      return WithContext(status, "turning the binary log off for the session");
    }
  }
  for (const std::string& statement : options.init_statements) {
    if (absl::Status status = (*connection)->Execute(statement); !status.ok()) {
      return WithContext(status, "init statement failed");
    }
  }
  return connection;
}

}  // namespace

absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenSourceSession(const ConnectionOptions& options) {
  return OpenWith(options, {"SET SESSION time_zone = '+00:00'"}, /*disable_binary_log=*/false);
}

absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenDestinationSession(const ConnectionOptions& options,
                                                                        const DestinationSessionOptions& session) {
  std::vector<std::string> statements = {
      "SET SESSION foreign_key_checks = 0",
      "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES'",
      "SET SESSION time_zone = '+00:00'",
      // Room to list every warning of a batch: each is a value the server changed (io/value_change.h).
      "SET SESSION max_error_count = 65535",
  };
  if (session.disable_unique_checks) statements.push_back("SET SESSION unique_checks = 0");
  return OpenWith(options, statements, /*disable_binary_log=*/true);
}

}  // namespace migrate::io
