#include "io/range_insert_select.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

std::string QuotedList(const std::vector<std::string>& names) {
  return absl::StrJoin(names, ", ",
                       [](std::string* out, const std::string& name) { out->append(QuoteIdentifier(name)); });
}

// The end of the range after `lo` and the number of keys in it: the highest of the next `rows`
// keys, by keyset. Zero keys when none is left.
absl::StatusOr<std::pair<std::string, uint64_t>> NextRange(MysqlConnection& connection, const RangeInsertSelect& plan,
                                                           const std::string& lo, size_t rows) {
  const std::string key = QuoteIdentifier(plan.key_column);
  std::string inner = absl::StrCat("SELECT ", key, " FROM ", QualifiedName(plan.database, plan.driving_table));
  BoundValues values;
  if (!lo.empty()) {
    absl::StrAppend(&inner, " WHERE ", key, " > ?");
    values.push_back(BoundValue::Number(lo));
  }
  absl::StrAppend(&inner, " ORDER BY ", key, " LIMIT ", rows);
  absl::StatusOr<ResultSet> result =
      QueryBound(connection, absl::StrCat("SELECT MAX(", key, "), COUNT(*) FROM (", inner, ") AS next_range"), values);
  if (!result.ok()) return result.status();
  const Row& row = result->rows().at(0);
  uint64_t count = 0;
  if (!row[1].has_value() || !absl::SimpleAtoi(*row[1], &count)) return absl::InternalError("range count missing");
  return std::make_pair(row[0].value_or(""), count);
}

// One range's statement in a transaction, its value changes handed to `on_changes` before the commit.
absl::Status RunWatched(MysqlConnection& connection, const BoundSql& statement,
                        const std::function<absl::Status(const ValueChanges&)>& on_changes) {
  if (absl::Status status = connection.Execute("START TRANSACTION"); !status.ok()) return status;
  absl::Status status = ExecuteBound(connection, statement.sql, statement.values).status();
  if (const unsigned int warnings = WarningCount(connection); status.ok() && warnings > 0) {
    ValueChanges changes;
    status = CollectStatementWarnings(connection, warnings, &changes);
    if (status.ok()) status = on_changes(changes);
  }
  if (status.ok()) return connection.Execute("COMMIT");
  connection.Execute("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace

std::string InsertSelectSql(const RangeInsertSelect& plan, const std::string& where) {
  std::string sql = absl::StrCat("INSERT INTO ", QualifiedName(plan.database, plan.target_table), " (",
                                 QuotedList(plan.target_columns), ") ", plan.select, " WHERE ", where);
  if (!plan.condition.empty()) absl::StrAppend(&sql, " AND (", plan.condition, ")");
  std::vector<std::string> updates;
  for (const std::string& column : plan.target_columns) {
    bool keep = false;
    for (const std::string& kept : plan.keep_on_duplicate) keep = keep || kept == column;
    if (keep) continue;
    const std::string quoted = QuoteIdentifier(column);
    updates.push_back(absl::StrCat(quoted, " = VALUES(", quoted, ")"));
  }
  if (!updates.empty()) absl::StrAppend(&sql, " ON DUPLICATE KEY UPDATE ", absl::StrJoin(updates, ", "));
  return sql;
}

BoundSql RangeInsertSql(const RangeInsertSelect& plan, const std::string& lo, const std::string& hi) {
  const std::string key = absl::StrCat(QuoteIdentifier(plan.driving_alias), ".", QuoteIdentifier(plan.key_column));
  BoundSql range;
  if (!lo.empty()) {
    absl::StrAppend(&range.sql, key, " > ? AND ");
    range.values.push_back(BoundValue::Number(lo));
  }
  absl::StrAppend(&range.sql, key, " <= ?");
  range.values.push_back(BoundValue::Number(hi));
  range.sql = InsertSelectSql(plan, range.sql);
  return range;
}

absl::StatusOr<uint64_t> DeleteOrphans(MysqlConnection& connection, const OrphanDelete& plan) {
  const std::string sql = absl::StrCat(
      "DELETE target FROM ", QualifiedName(plan.database, plan.target_table), " AS target LEFT JOIN ",
      QualifiedName(plan.database, plan.driving_table), " AS driving ON driving.", QuoteIdentifier(plan.driving_key),
      " = target.", QuoteIdentifier(plan.target_key), " WHERE driving.", QuoteIdentifier(plan.driving_key),
      " IS NULL AND (", plan.condition, ")");
  if (absl::Status status = connection.Execute(sql); !status.ok()) return status;
  return connection.affected_rows();
}

absl::StatusOr<uint64_t> RunRangeInsertSelect(MysqlConnection& connection, const RangeInsertSelect& plan,
                                              size_t rows_per_range, const std::function<bool()>& stop,
                                              const std::function<absl::Status(const ValueChanges&)>& on_changes) {
  std::string lo;
  uint64_t covered = 0;
  for (;;) {
    if (stop && stop()) return absl::CancelledError("stopped by a stop request");
    absl::StatusOr<std::pair<std::string, uint64_t>> range = NextRange(connection, plan, lo, rows_per_range);
    if (!range.ok()) return range.status();
    if (range->second == 0) return covered;
    int64_t check = 0;
    if (!absl::SimpleAtoi(range->first, &check)) {
      return absl::InvalidArgumentError(
          absl::StrCat(plan.driving_table, ".", plan.key_column, " is not an integer key (", range->first, ")"));
    }
    const BoundSql statement = RangeInsertSql(plan, lo, range->first);
    absl::Status status = on_changes ? RunWatched(connection, statement, on_changes)
                                     : ExecuteBound(connection, statement.sql, statement.values).status();
    if (!status.ok()) return status;
    covered += range->second;
    lo = range->first;
  }
}

}  // namespace migrate::io
