#include "io/value_change.h"

#include <mysql.h>

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/result_set.h"

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
                                             const std::string& select, const std::vector<std::string>& columns,
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
  std::map<std::string, size_t> placed;
  std::map<size_t, size_t> batch_row_of;  // the SELECT's row (1-based) -> its row in found.rows
  for (ValueChange& change : found.changes.changes) {
    const std::optional<size_t> row = ParseWarning(change.message).row;
    if (!row.has_value() || *row == 0 || placed[change.column] >= kPlacedChangesPerColumn) continue;
    ++placed[change.column];
    if (auto known = batch_row_of.find(*row); known != batch_row_of.end()) {
      change.row = known->second;
      continue;
    }
    absl::StatusOr<ResultSet> read = connection.Query(absl::StrCat(select, " LIMIT ", *row - 1, ", 1"));
    if (!read.ok()) return read.status();
    if (read->empty() || read->rows()[0].size() != columns.size()) continue;
    for (const std::optional<std::string>& value : read->rows()[0]) {
      if (value.has_value()) {
        found.rows.AddValue(*value);
      } else {
        found.rows.AddNull();
      }
    }
    found.rows.FinishRow();
    change.row = found.rows.row_count() - 1;
    batch_row_of.emplace(*row, *change.row);
  }
  if (absl::Status status = on_changes(found); !status.ok()) return status;
  return affected;
}

absl::StatusOr<uint64_t> ExecuteRowWrite(MysqlConnection& connection, const std::string& statement,
                                         const std::vector<std::string>& columns,
                                         const std::vector<std::optional<std::string>>& values,
                                         const StatementChangeHandler& on_changes) {
  if (absl::Status status = connection.Execute(statement); !status.ok()) return status;
  const uint64_t affected = connection.affected_rows();
  const unsigned int warnings = WarningCount(connection);
  if (warnings == 0 || !on_changes) return affected;
  StatementChanges found;
  found.columns = columns;
  found.rows.Reset(columns.size());
  for (const std::optional<std::string>& value : values) {
    if (value.has_value()) {
      found.rows.AddValue(*value);
    } else {
      found.rows.AddNull();
    }
  }
  found.rows.FinishRow();
  if (absl::Status status = CollectValueChanges(connection, warnings, found.rows, columns, 0, 1, &found.changes);
      !status.ok()) {
    return status;
  }
  if (absl::Status status = on_changes(found); !status.ok()) return status;
  return affected;
}

}  // namespace migrate::io
