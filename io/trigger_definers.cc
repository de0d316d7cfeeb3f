#include "io/trigger_definers.h"

#include "absl/strings/str_cat.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

// Errors that mean the account may not read a grant table (or that it does not exist).
bool NotReadable(const absl::Status& status) {
  const unsigned int error = MysqlErrorNumber(status);
  return error == 1142 || error == 1044 || error == 1146 || error == 1143;
}

}  // namespace

absl::StatusOr<std::vector<TriggerDefiner>> ListTriggerDefiners(MysqlConnection& connection,
                                                                absl::string_view database) {
  absl::StatusOr<ResultSet> result = QueryBound(connection,
                                                "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, DEFINER FROM "
                                                "information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? "
                                                "ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME",
                                                {std::string(database)});
  if (!result.ok()) return result.status();
  std::vector<TriggerDefiner> triggers;
  for (const Row& row : result->rows()) {
    triggers.push_back(TriggerDefiner{row[0].value_or(""), row[1].value_or(""), row[2].value_or("")});
  }
  return triggers;
}

absl::StatusOr<AccountExistence> DefinerExists(MysqlConnection& connection, absl::string_view definer) {
  absl::StatusOr<std::string> current = connection.QueryScalar("SELECT CURRENT_USER()");
  if (!current.ok()) return current.status();
  if (*current == definer) return AccountExistence::kExists;
  const size_t at = definer.rfind('@');
  if (at == absl::string_view::npos) return AccountExistence::kUnknown;
  const BoundValues account = {std::string(definer.substr(0, at)), std::string(definer.substr(at + 1))};
  for (absl::string_view table : {"mysql.global_priv", "mysql.user"}) {
    absl::StatusOr<std::string> count =
        QueryBoundScalar(connection, absl::StrCat("SELECT COUNT(*) FROM ", table, " WHERE User = ? AND Host = ?"), account);
    if (count.ok()) return *count == "0" ? AccountExistence::kMissing : AccountExistence::kExists;
    if (!NotReadable(count.status())) return count.status();
  }
  return AccountExistence::kUnknown;
}

}  // namespace migrate::io
