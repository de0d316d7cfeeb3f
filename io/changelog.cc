#include "io/changelog.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/change_capture.h"
#include "io/result_set.h"

namespace migrate::io {

Changelog::Changelog(std::string database, std::string table, std::vector<KeyColumn> key)
    : database_(std::move(database)), name_(ChangelogName(table)), key_(std::move(key)) {}

std::string Changelog::QualifiedName() const {
  return absl::StrCat(QuoteIdentifier(database_), ".", QuoteIdentifier(name_));
}

absl::StatusOr<ChangelogPage> Changelog::ReadPending(MysqlConnection& connection, const std::optional<Key>& after,
                                                     size_t limit) const {
  std::string sql = absl::StrCat("SELECT ", KeyOrder(key_),
                                 ", `version`, TIMESTAMPDIFF(MICROSECOND, `changed_at`, NOW(6)) FROM ", QualifiedName(),
                                 " WHERE `processed` = 0");
  if (after.has_value()) absl::StrAppend(&sql, " AND ", KeyAfterCondition(connection, key_, *after));
  absl::StrAppend(&sql, " ORDER BY ", KeyOrder(key_), " LIMIT ", limit);
  absl::StatusOr<ResultSet> rows = connection.Query(sql);
  if (!rows.ok()) return rows.status();

  ChangelogPage page;
  int64_t oldest_micros = 0;
  const size_t n = key_.size();
  for (const Row& row : rows->rows()) {
    ChangelogEntry entry;
    for (size_t i = 0; i < n; ++i) entry.key.push_back(row[i].value_or(""));
    if (!row[n].has_value() || !absl::SimpleAtoi(*row[n], &entry.version)) {
      return absl::DataLossError(absl::StrCat("a row of ", name_, " has no valid version"));
    }
    int64_t age = 0;
    if (row[n + 1].has_value() && absl::SimpleAtoi(*row[n + 1], &age) && age > oldest_micros) oldest_micros = age;
    page.entries.push_back(std::move(entry));
  }
  page.oldest_age = absl::Microseconds(oldest_micros);
  return page;
}

absl::StatusOr<uint64_t> Changelog::RemoveApplied(MysqlConnection& connection,
                                                  const std::vector<ChangelogEntry>& entries) const {
  if (entries.empty()) return 0;
  std::vector<KeyColumn> key_and_version = key_;
  key_and_version.push_back(KeyColumn{"version", /*numeric=*/true});
  std::vector<Key> tuples;
  tuples.reserve(entries.size());
  for (const ChangelogEntry& entry : entries) {
    Key tuple = entry.key;
    tuple.push_back(absl::StrCat(entry.version));
    tuples.push_back(std::move(tuple));
  }
  absl::Status status = connection.Execute(absl::StrCat("DELETE FROM ", QualifiedName(), " WHERE ",
                                                        KeyInCondition(connection, key_and_version, tuples)));
  if (!status.ok()) return status;
  return connection.affected_rows();
}

absl::StatusOr<uint64_t> Changelog::CountPending(MysqlConnection& connection) const {
  absl::StatusOr<std::string> count =
      connection.QueryScalar(absl::StrCat("SELECT COUNT(*) FROM ", QualifiedName(), " WHERE `processed` = 0"));
  if (!count.ok()) return count.status();
  uint64_t value = 0;
  absl::SimpleAtoi(*count, &value);
  return value;
}

}  // namespace migrate::io
