#include "io/value_change.h"

#include <mysql.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/result_set.h"
#include "io/table_schema.h"

namespace migrate::io {
namespace {

constexpr unsigned int kBadNull = 1048;  // ER_BAD_NULL_ERROR: "Column 'c' cannot be null"
constexpr unsigned int kNoDefault = 1364;  // ER_NO_DEFAULT_FOR_FIELD: "Field 'c' doesn't have a default value"

// The identifier after `at` in `message`: 'name' or `db`.`table`.`name` (the last part).
std::string ColumnAt(absl::string_view message, size_t at) {
  const char quote = message[at];
  std::string name;
  size_t position = at;
  while (position < message.size() && message[position] == quote) {
    const size_t end = message.find(quote, position + 1);
    if (end == absl::string_view::npos) break;
    name = std::string(message.substr(position + 1, end - position - 1));
    position = end + 1;
    if (quote != '`' || position >= message.size() || message[position] != '.') break;
    ++position;
  }
  return name;
}

// Appends `row` to `rows`; returns its index.
size_t AddRow(const Row& row, RowBatch* rows) {
  for (const std::optional<std::string>& value : row) {
    if (value.has_value()) {
      rows->AddValue(*value);
    } else {
      rows->AddNull();
    }
  }
  rows->FinishRow();
  return rows->row_count() - 1;
}

// The columns of the primary key of `database`.`table`, else of its first unique key (by name),
// when `columns` hold all of them; empty otherwise.
absl::StatusOr<std::vector<std::string>> WrittenKey(MysqlConnection& connection, absl::string_view database,
                                                    absl::string_view table, const std::vector<std::string>& columns) {
  absl::StatusOr<ResultSet> keys =
      QueryBound(connection,
                 "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE NON_UNIQUE = 0 AND "
                 "TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX",
                 {std::string(database), std::string(table)});
  if (!keys.ok()) return keys.status();
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> indexes;
  for (const Row& row : keys->rows()) {
    const std::string name = row[0].value_or("");
    if (names.empty() || names.back() != name) {
      names.push_back(name);
      indexes.emplace_back();
    }
    indexes.back().push_back(row[1].value_or(""));
  }
  return FirstKeyAmong(indexes, columns);
}

// Places `changes` (of `column`) on rows of `select` compared with the table, joined on `key`
// (appended to `rows`): those whose `column` the table holds otherwise or, for a key column, those
// whose key the table lacks (it holds the changed key). False when that cannot tell: no key, the
// server cannot compare the two, or no row differs.
absl::StatusOr<bool> PlaceByComparison(MysqlConnection& connection, const std::string& select,
                                       absl::string_view database, absl::string_view table,
                                       const std::vector<std::string>& columns, const std::vector<std::string>& key,
                                       const std::string& column, const std::vector<ValueChange*>& changes,
                                       RowBatch* rows) {
  if (key.empty() || std::find(columns.begin(), columns.end(), column) == columns.end()) return false;
  std::vector<std::string> names;
  std::vector<std::string> selected;
  for (const std::string& name : columns) {
    names.push_back(QuoteIdentifier(name));
    selected.push_back(absl::StrCat("s.", QuoteIdentifier(name)));
  }
  std::vector<std::string> joined;
  for (const std::string& name : key) {
    joined.push_back(absl::StrCat("t.", QuoteIdentifier(name), " <=> s.", QuoteIdentifier(name)));
  }
  const bool in_key = std::find(key.begin(), key.end(), column) != key.end();
  const std::string quoted = QuoteIdentifier(column);
  const std::string differs = in_key ? absl::StrCat("t.", QuoteIdentifier(key.front()), " IS NULL")
                                     : absl::StrCat("NOT (t.", quoted, " <=> s.", quoted, ")");
  absl::StatusOr<ResultSet> read = connection.Query(absl::StrCat(
      "WITH s (", absl::StrJoin(names, ", "), ") AS (", select, ") SELECT ", absl::StrJoin(selected, ", "),
      " FROM s ", in_key ? "LEFT JOIN " : "JOIN ", QualifiedName(database, table), " AS t ON ",
      absl::StrJoin(joined, " AND "), " WHERE ", differs, " LIMIT ", changes.size()));
  if (!read.ok() || read->empty()) return false;
  for (size_t i = 0; i < changes.size() && i < read->size(); ++i) changes[i]->row = AddRow(read->rows()[i], rows);
  return true;
}

}  // namespace

ParsedWarning ParseWarning(absl::string_view message) {
  ParsedWarning parsed;
  constexpr absl::string_view kAtRow = " at row ";
  if (const size_t at = message.rfind(kAtRow); at != absl::string_view::npos) {
    size_t row = 0;
    if (absl::SimpleAtoi(message.substr(at + kAtRow.size()), &row)) {
      parsed.row = row;
      message = message.substr(0, at);
    }
  }
  // The value a message quotes comes before the column, so the last "column '" or "column `" is it.
  const std::string lower = absl::AsciiStrToLower(message);
  size_t best = std::string::npos;
  for (absl::string_view marker : {"column '", "column `", "field '"}) {
    const size_t found = absl::string_view(lower).rfind(marker);
    if (found != std::string::npos && (best == std::string::npos || found > best)) best = found;
  }
  if (best != std::string::npos) parsed.column = ColumnAt(message, message.find_first_of("'`", best));
  return parsed;
}

absl::Status CollectValueChanges(MysqlConnection& connection, unsigned int warning_count, const RowBatch& batch,
                                 const std::vector<std::string>& columns, size_t first_row, size_t row_count,
                                 ValueChanges* changes) {
  absl::StatusOr<ResultSet> warnings = connection.Query("SHOW WARNINGS");
  if (!warnings.ok()) return warnings.status();
  std::set<std::string> matched;
  for (const Row& warning : warnings->rows()) {
    if (warning.size() < 3 || !warning[1].has_value() || !warning[2].has_value()) continue;
    ValueChange change;
    absl::SimpleAtoi(*warning[1], &change.code);
    change.message = *warning[2];
    ParsedWarning parsed = ParseWarning(change.message);
    change.column = std::move(parsed.column);
    if (parsed.row.has_value() && *parsed.row >= 1 && *parsed.row <= row_count) {
      change.row = first_row + *parsed.row - 1;
      changes->changes.push_back(std::move(change));
      continue;
    }
    const auto column = std::find(columns.begin(), columns.end(), change.column);
    const bool null_refused = change.code == kBadNull && column != columns.end();
    const bool not_written = change.code == kNoDefault && column == columns.end() && row_count > 0;
    if (!null_refused && !not_written) {
      changes->changes.push_back(std::move(change));
      continue;
    }
    // Warnings that name no row: a NULL refused (one per NULL) stands for every NULL of the column
    // in the statement; a column left out without a default (one per statement) for every row.
    if (!matched.insert(change.column).second) continue;
    const size_t index = column - columns.begin();
    for (size_t row = first_row; row < first_row + row_count; ++row) {
      if (null_refused && !batch.IsNull(row, index)) continue;
      ValueChange matched = change;
      matched.row = row;
      changes->changes.push_back(std::move(matched));
    }
  }
  if (warning_count > warnings->size()) changes->unlisted += warning_count - warnings->size();
  return absl::OkStatus();
}

absl::Status CollectStatementWarnings(MysqlConnection& connection, unsigned int warning_count, ValueChanges* changes) {
  return CollectValueChanges(connection, warning_count, RowBatch(), {}, 0, 0, changes);
}

unsigned int WarningCount(MysqlConnection& connection) { return mysql_warning_count(connection.handle()); }

absl::StatusOr<uint64_t> ExecuteInsertSelect(MysqlConnection& connection, const std::string& insert,
                                             const std::string& select, absl::string_view database,
                                             absl::string_view table, const std::vector<std::string>& columns,
                                             const StatementChangeHandler& on_changes) {
  if (absl::Status status = connection.Execute(insert); !status.ok()) return status;
  const uint64_t affected = connection.affected_rows();
  const unsigned int warnings = WarningCount(connection);
  if (warnings == 0 || !on_changes) return affected;
  StatementChanges found;
  found.columns = columns;
  found.rows.Reset(columns.size());
  if (absl::Status status = CollectStatementWarnings(connection, warnings, &found.changes); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::vector<std::string>> key = WrittenKey(connection, database, table, columns);
  if (!key.ok()) return key.status();
  found.key_columns = *key;
  // The first changes of each column, in the order the server listed them.
  std::map<std::string, std::vector<ValueChange*>> to_place;
  for (ValueChange& change : found.changes.changes) {
    std::vector<ValueChange*>& placed = to_place[change.column];
    if (placed.size() < kPlacedChangesPerColumn) placed.push_back(&change);
  }
  std::map<size_t, size_t> batch_row_of;  // the SELECT's row N -> its row in found.rows
  for (const auto& [column, changes] : to_place) {
    absl::StatusOr<bool> compared = PlaceByComparison(connection, select, database, table, columns, *key, column,
                                                      changes, &found.rows);
    if (!compared.ok()) return compared.status();
    if (*compared) continue;
    for (ValueChange* change : changes) {
      const std::optional<size_t> row = ParseWarning(change->message).row;
      if (!row.has_value() || *row == 0) continue;
      if (auto known = batch_row_of.find(*row); known != batch_row_of.end()) {
        change->row = known->second;
        continue;
      }
      absl::StatusOr<ResultSet> read = connection.Query(absl::StrCat(select, " LIMIT ", *row - 1, ", 1"));
      if (!read.ok()) return read.status();
      if (read->empty() || read->rows()[0].size() != columns.size()) continue;
      change->row = AddRow(read->rows()[0], &found.rows);
      batch_row_of.emplace(*row, *change->row);
    }
  }
  if (absl::Status status = on_changes(found); !status.ok()) return status;
  return affected;
}

absl::StatusOr<uint64_t> ExecuteRowWrite(MysqlConnection& connection, const BoundSql& statement,
                                         const std::vector<std::string>& columns,
                                         const std::vector<std::optional<std::string>>& values,
                                         const StatementChangeHandler& on_changes) {
  absl::StatusOr<uint64_t> written = ExecuteBound(connection, statement.sql, statement.values);
  if (!written.ok()) return written.status();
  const uint64_t affected = *written;
  const unsigned int warnings = WarningCount(connection);
  if (warnings == 0 || !on_changes) return affected;
  StatementChanges found;
  found.columns = columns;
  found.rows.Reset(columns.size());
  AddRow(values, &found.rows);
  if (absl::Status status = CollectValueChanges(connection, warnings, found.rows, columns, 0, 1, &found.changes);
      !status.ok()) {
    return status;
  }
  if (absl::Status status = on_changes(found); !status.ok()) return status;
  return affected;
}

}  // namespace migrate::io
