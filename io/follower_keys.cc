#include "io/follower_keys.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
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
  std::vector<std::string> tuples;
  BoundValues values;
  auto flush = [&]() -> absl::Status {
    if (tuples.empty()) return absl::OkStatus();
    absl::StatusOr<uint64_t> inserted =
        ExecuteBound(connection,
                     absl::StrCat("INSERT IGNORE INTO ", QualifiedName(database_, table_),
                                  " (`follower`, `document`, `key_value`) VALUES ", absl::StrJoin(tuples, ", ")),
                     values);
    tuples.clear();
    values.clear();
    return inserted.status();
  };
  for (const std::string& follower : followers) {
    for (const Key& key : keys) {
      tuples.push_back("(?, ?, ?)");
      values.insert(values.end(), {follower, document, FollowerKeyText(key)});
      if (tuples.size() >= kRowsPerStatement) {
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
      QueryBound(connection,
                 absl::StrCat("SELECT `document`, `key_value` FROM ", QualifiedName(database_, table_),
                              " WHERE `follower` = ? ORDER BY `document`, `key_value` LIMIT ", limit,
                              lock ? " FOR UPDATE" : ""),
                 {follower});
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
    BoundValues values = {follower};
    for (size_t i = begin; i < keys.size() && i < begin + kRowsPerStatement; ++i) {
      pairs.push_back("(?, ?)");
      values.insert(values.end(), {keys[i].document, keys[i].key});
    }
    absl::StatusOr<uint64_t> deleted = ExecuteBound(
        connection,
        absl::StrCat("DELETE FROM ", QualifiedName(database_, table_), " WHERE `follower` = ? AND (`document`, `key_value`) IN (",
                     absl::StrJoin(pairs, ", "), ")"),
        values);
    if (!deleted.ok()) return deleted.status();
    removed += *deleted;
  }
  return removed;
}

absl::StatusOr<uint64_t> FollowerKeys::CountPending(MysqlConnection& connection, const std::string& follower) const {
  absl::StatusOr<ResultSet> rows = QueryBound(
      connection, absl::StrCat("SELECT COUNT(*) FROM ", QualifiedName(database_, table_), " WHERE `follower` = ?"),
      {follower});
  if (!rows.ok()) return rows.status();
  absl::StatusOr<std::string> count = rows->Scalar();
  if (!count.ok()) return count.status();
  uint64_t value = 0;
  if (!absl::SimpleAtoi(*count, &value)) return absl::InternalError(absl::StrCat("count is ", *count));
  return value;
}

}  // namespace migrate::io
