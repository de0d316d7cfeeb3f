#include "io/follower_keys.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

// Rows per INSERT or DELETE statement.
constexpr size_t kRowsPerStatement = 500;

}  // namespace

std::string FollowerKeyText(const Key& key) { return absl::StrJoin(key, ","); }

FollowerKeys::FollowerKeys(std::string database, std::string table)
    : database_(std::move(database)), table_(std::move(table)) {}

absl::Status FollowerKeys::Create(MysqlConnection& connection) const {
  return connection.Execute(absl::StrCat(
      "CREATE TABLE IF NOT EXISTS ", QualifiedName(database_, table_),
      " (`follower` VARCHAR(64) NOT NULL, `document` VARCHAR(64) NOT NULL, `key_value` VARCHAR(255) NOT NULL, "
      "`recorded_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`follower`, `document`, `key_value`)) "
      "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"));
}

absl::Status FollowerKeys::Record(MysqlConnection& connection, const std::vector<std::string>& followers,
                                  const std::string& document, const std::vector<Key>& keys) const {
  std::vector<std::string> values;
  auto flush = [&]() -> absl::Status {
    if (values.empty()) return absl::OkStatus();
    absl::Status status =
        connection.Execute(absl::StrCat("INSERT IGNORE INTO ", QualifiedName(database_, table_),
                                        " (`follower`, `document`, `key_value`) VALUES ", absl::StrJoin(values, ", ")));
    values.clear();
    return status;
  };
  for (const std::string& follower : followers) {
    for (const Key& key : keys) {
      values.push_back(absl::StrCat("(", connection.Quote(follower), ", ", connection.Quote(document), ", ",
                                    connection.Quote(FollowerKeyText(key)), ")"));
      if (values.size() >= kRowsPerStatement) {
        if (absl::Status status = flush(); !status.ok()) return status;
      }
    }
  }
  return flush();
}

absl::StatusOr<std::vector<FollowerKey>> FollowerKeys::ReadPending(MysqlConnection& connection,
                                                                   const std::string& follower, size_t limit,
                                                                   bool lock) const {
  absl::StatusOr<ResultSet> rows =
      connection.Query(absl::StrCat("SELECT `document`, `key_value` FROM ", QualifiedName(database_, table_),
                                    " WHERE `follower` = ", connection.Quote(follower),
                                    " ORDER BY `document`, `key_value` LIMIT ", limit, lock ? " FOR UPDATE" : ""));
  if (!rows.ok()) return rows.status();
  std::vector<FollowerKey> keys;
  keys.reserve(rows->rows().size());
  for (const Row& row : rows->rows()) keys.push_back(FollowerKey{row[0].value_or(""), row[1].value_or("")});
  return keys;
}

absl::StatusOr<uint64_t> FollowerKeys::Remove(MysqlConnection& connection, const std::string& follower,
                                              const std::vector<FollowerKey>& keys) const {
  uint64_t removed = 0;
  for (size_t begin = 0; begin < keys.size(); begin += kRowsPerStatement) {
    std::vector<std::string> pairs;
    for (size_t i = begin; i < keys.size() && i < begin + kRowsPerStatement; ++i) {
      pairs.push_back(absl::StrCat("(", connection.Quote(keys[i].document), ", ", connection.Quote(keys[i].key), ")"));
    }
    if (absl::Status status = connection.Execute(absl::StrCat(
            "DELETE FROM ", QualifiedName(database_, table_), " WHERE `follower` = ", connection.Quote(follower),
            " AND (`document`, `key_value`) IN (", absl::StrJoin(pairs, ", "), ")"));
        !status.ok()) {
      return status;
    }
    removed += connection.affected_rows();
  }
  return removed;
}

absl::StatusOr<uint64_t> FollowerKeys::CountPending(MysqlConnection& connection, const std::string& follower) const {
  absl::StatusOr<std::string> count = connection.QueryScalar(absl::StrCat(
      "SELECT COUNT(*) FROM ", QualifiedName(database_, table_), " WHERE `follower` = ", connection.Quote(follower)));
  if (!count.ok()) return count.status();
  uint64_t value = 0;
  if (!absl::SimpleAtoi(*count, &value)) return absl::InternalError(absl::StrCat("count is ", *count));
  return value;
}

}  // namespace migrate::io
