#include "io/range_insert_select.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/result_set.h"
#include "io/transaction.h"

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

// The WHERE of the range (lo, hi]; `lo` empty means open below.
std::string RangeWhere(const RangeInsertSelect& plan, const std::string& lo, const std::string& hi) {
  const std::string key = absl::StrCat(QuoteIdentifier(plan.driving_alias), ".", QuoteIdentifier(plan.key_column));
  std::string where;
  if (!lo.empty()) absl::StrAppend(&where, key, " > ", lo, " AND ");
  absl::StrAppend(&where, key, " <= ", hi);
  return where;
}

// The SELECT of InsertSelectSql(plan, where).
std::string SelectSql(const RangeInsertSelect& plan, const std::string& where) {
  std::string sql = absl::StrCat(plan.select, " WHERE ", where);
  if (!plan.condition.empty()) absl::StrAppend(&sql, " AND (", plan.condition, ")");
  return sql;
}

}  // namespace

std::string InsertSelectSql(const RangeInsertSelect& plan, const std::string& where) {
  std::string sql = absl::StrCat("INSERT INTO ", QualifiedName(plan.database, plan.target_table), " (",
                                 QuotedList(plan.target_columns), ") ", SelectSql(plan, where));
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

std::string RangeInsertSql(const RangeInsertSelect& plan, const std::string& lo, const std::string& hi) {
  return InsertSelectSql(plan, RangeWhere(plan, lo, hi));
}

absl::StatusOr<uint64_t> RunInsertSelect(MysqlConnection& connection, const RangeInsertSelect& plan,
                                         const std::string& where, const StatementChangeHandler& on_changes) {
  return ExecuteInsertSelect(connection, InsertSelectSql(plan, where), SelectSql(plan, where), plan.database,
                             plan.target_table, plan.target_columns, on_changes);
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

absl::StatusOr<std::vector<InsertRange>> PlanInsertRanges(MysqlConnection& connection, const RangeInsertSelect& plan,
                                                          size_t rows_per_range) {
  std::vector<InsertRange> ranges;
  std::string lo;
  for (;;) {
    absl::StatusOr<std::pair<std::string, uint64_t>> range = NextRange(connection, plan, lo, rows_per_range);
    if (!range.ok()) return range.status();
    if (range->second == 0) return ranges;
    // Keys are integers: the end goes into the SQL as the 64-bit number parsed here, digits only.
    int64_t upto = 0;
    if (!absl::SimpleAtoi(range->first, &upto)) {
      return absl::InvalidArgumentError(
          absl::StrCat(plan.driving_table, ".", plan.key_column, " is not an integer key (", range->first, ")"));
    }
    ranges.push_back(InsertRange{lo, absl::StrCat(upto), range->second});
    lo = ranges.back().upto;
  }
}

absl::Status RunInsertRange(MysqlConnection& connection, const RangeInsertSelect& plan, const InsertRange& range,
                            const StatementChangeHandler& on_changes) {
  const std::string where = RangeWhere(plan, range.after, range.upto);
  if (!on_changes) return connection.Execute(InsertSelectSql(plan, where));
  absl::StatusOr<Transaction> transaction = Transaction::Begin(connection);
  if (!transaction.ok()) return transaction.status();
  if (absl::Status status = RunInsertSelect(connection, plan, where, on_changes).status(); !status.ok()) return status;
  return transaction->Commit();
}

absl::StatusOr<uint64_t> RunRangeInsertSelect(MysqlConnection& connection, const RangeInsertSelect& plan,
                                              size_t rows_per_range, const std::function<bool()>& stop,
                                              const StatementChangeHandler& on_changes) {
  absl::StatusOr<std::vector<InsertRange>> ranges = PlanInsertRanges(connection, plan, rows_per_range);
  if (!ranges.ok()) return ranges.status();
  uint64_t covered = 0;
  for (const InsertRange& range : *ranges) {
    if (stop && stop()) return absl::CancelledError("stopped by a stop request");
    if (absl::Status status = RunInsertRange(connection, plan, range, on_changes); !status.ok()) return status;
    covered += range.keys;
  }
  return covered;
}

}  // namespace migrate::io
