#include "io/session_setup.h"

#include <mysql.h>

#include <algorithm>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

constexpr unsigned int kAccessDenied = 1227;         // ER_SPECIFIC_ACCESS_DENIED_ERROR
constexpr unsigned int kTableAccessDenied = 1142;    // ER_TABLEACCESS_DENIED_ERROR
constexpr unsigned int kDatabaseAccessDenied = 1044; // ER_DBACCESS_DENIED_ERROR

// sql_mode flags that change how the server reads the SQL text we send (string escapes, quotes).
constexpr const char* kForbiddenModes[] = {"NO_BACKSLASH_ESCAPES", "ANSI_QUOTES"};

// What the session must still be after the user's init statements, and the option that names them.
struct SessionNeeds {
  const char* option;
  std::vector<std::string> required_modes;
};

// After the user's init statements: a utf8 character set is raised back to utf8mb4 (the connector
// escapes and decodes in utf8mb4, and utf8mb3 would turn 4-byte characters into '?'); any other
// character set, and an sql_mode that lost what `needs` requires or gained a forbidden flag, is refused
// naming the option.
absl::Status CheckSessionAfterInitStatements(MysqlConnection& connection, const SessionNeeds& needs) {
  absl::StatusOr<ResultSet> settings = connection.Query(
      "SELECT @@SESSION.character_set_client, @@SESSION.character_set_connection, "
      "@@SESSION.character_set_results, @@SESSION.sql_mode");
  if (!settings.ok()) return WithContext(settings.status(), "reading the session after the init statements");
  const Row& row = settings->rows().at(0);
  static constexpr const char* kCharsetVariables[] = {"character_set_client", "character_set_connection",
                                                      "character_set_results"};
  bool raise_to_utf8mb4 = false;
  for (size_t i = 0; i < 3; ++i) {
    const std::string charset = row[i].value_or("NULL");
    if (charset != "utf8mb4") raise_to_utf8mb4 = true;
    if (charset != "utf8mb4" && charset != "utf8mb3" && charset != "utf8") {
      return absl::FailedPreconditionError(absl::StrCat(
          needs.option, " sets ", kCharsetVariables[i], " to ", charset,
          "; migrate reads and writes values in utf8mb4 and accepts only SET NAMES utf8 or utf8mb4 there"));
    }
  }
  if (raise_to_utf8mb4 && mysql_set_character_set(connection.handle(), "utf8mb4") != 0) {
    return WithContext(connection.LastError(), "restoring the utf8mb4 character set after the init statements");
  }
  const std::vector<std::string> modes = absl::StrSplit(row[3].value_or(""), ',', absl::SkipEmpty());
  const auto has = [&modes](absl::string_view mode) { return std::find(modes.begin(), modes.end(), mode) != modes.end(); };
  for (const char* mode : kForbiddenModes) {
    if (has(mode)) {
      return absl::FailedPreconditionError(absl::StrCat(needs.option, " sets sql_mode ", mode,
                                                        ", which changes how migrate's SQL is read: remove it"));
    }
  }
  for (const std::string& mode : needs.required_modes) {
    if (!has(mode)) {
      return absl::FailedPreconditionError(absl::StrCat(needs.option, " removes ", mode, " from sql_mode (it is now '",
                                                        absl::StrJoin(modes, ","), "'); migrate's session needs ",
                                                        absl::StrJoin(needs.required_modes, " and "), ": keep them"));
    }
  }
  return absl::OkStatus();
}

// Opens without the user's init statements, runs `ours`, then the user's statements, then checks
// what they left.
absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenWith(const ConnectionOptions& options,
                                                          const std::vector<std::string>& ours,
                                                          bool disable_binary_log, const SessionNeeds& needs) {
  ConnectionOptions bare = options;
  bare.init_statements.clear();
  bare.allow_multi_statements = false;
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
      return WithContext(status, absl::StrCat(needs.option, ": init statement failed"));
    }
  }
  if (options.init_statements.empty()) return connection;
  if (absl::Status status = CheckSessionAfterInitStatements(**connection, needs); !status.ok()) return status;
  return connection;
}

}  // namespace

absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenSourceSession(const ConnectionOptions& options) {
  return OpenWith(options, {"SET SESSION time_zone = '+00:00'"}, /*disable_binary_log=*/false,
                  {"init_statements_source", {}});
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
  return OpenWith(options, statements, /*disable_binary_log=*/true,
                  {"init_statements_destination", {"NO_AUTO_VALUE_ON_ZERO", "ALLOW_INVALID_DATES"}});
}

}  // namespace migrate::io
