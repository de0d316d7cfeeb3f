#include "io/changelog.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/change_capture.h"
#include "io/keyed_delete.h"
#include "io/prepared_query.h"
#include "io/result_set.h"
#include "io/transaction.h"

namespace migrate::io {

Changelog::Changelog(std::string database, std::string table, std::vector<KeyColumn> key)
    : database_(std::move(database)), name_(ChangelogName(table)), key_(std::move(key)) {}

std::string Changelog::QualifiedName() const {
  return absl::StrCat(QuoteIdentifier(database_), ".", QuoteIdentifier(name_));
}

absl::StatusOr<ChangelogPage> Changelog::ReadPending(MysqlConnection& connection, const std::optional<Key>& after,
                                                     size_t limit) const {
  BoundSql sql{absl::StrCat("SELECT ", KeyOrder(key_),
                            ", `version`, TIMESTAMPDIFF(MICROSECOND, `changed_at`, NOW(6)) FROM ", QualifiedName(),
                            " WHERE `processed` = 0"),
               {}};
  if (after.has_value()) {
    sql.sql.append(" AND ");
    sql.Append(KeyAfterCondition(key_, *after));
  }
  absl::StrAppend(&sql.sql, " ORDER BY ", KeyOrder(key_), " LIMIT ", limit);
  absl::StatusOr<ResultSet> rows = QueryBoundText(connection, sql.sql, sql.values);
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
  std::vector<Key> keys;
  keys.reserve(entries.size());
  absl::flat_hash_map<std::string, uint64_t> read_versions;
  for (const ChangelogEntry& entry : entries) {
    keys.push_back(entry.key);
    read_versions[EncodeKey(entry.key)] = entry.version;
  }
  absl::StatusOr<Transaction> transaction = Transaction::Begin(connection, Isolation::kReadCommitted);
  if (!transaction.ok()) return transaction.status();
  // Rows a shop transaction holds are skipped, not waited for: that transaction raises their
  // version (or rolls back), so they stay pending either way, and the shop never waits on a lock
  // of ours while we wait on one of its.
  const BoundSql listed = KeyInCondition(key_, keys);
  absl::StatusOr<ResultSet> locked = QueryBoundText(
      connection,
      absl::StrCat("SELECT ", KeyOrder(key_), ", `version` FROM ", QualifiedName(), " WHERE ", listed.sql,
                   " FOR UPDATE SKIP LOCKED"),
      listed.values);
  if (!locked.ok()) return locked.status();
  std::vector<Key> unchanged;
  const size_t n = key_.size();
  for (const Row& row : locked->rows()) {
    Key key;
    for (size_t i = 0; i < n; ++i) key.push_back(row[i].value_or(""));
    uint64_t version = 0;
    auto read = read_versions.find(EncodeKey(key));
    if (read == read_versions.end() || !row[n].has_value() || !absl::SimpleAtoi(*row[n], &version) ||
        version != read->second) {
      continue;
    }
    unchanged.push_back(std::move(key));
  }
  // Point deletes of exactly the rows locked above: a DELETE ... IN (...) planned as a scan would
  // wait for rows a shop transaction holds while holding ours, and deadlock with it.
  absl::StatusOr<uint64_t> removed = DeleteByKeys(connection, QualifiedName(), key_, unchanged);
  if (!removed.ok()) return removed.status();
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  return *removed;
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
