// The values a destination changed on the way in: what a non-strict server does to a value that
// does not fit its column (cut short, clipped to the type's range, an invalid date or number made
// zero, a character the column's set lacks made '?', NULL in a NOT NULL column made the type's
// default) and reports only as a warning on the INSERT.
//
// CollectValueChanges reads SHOW WARNINGS after a statement that wrote rows of a batch and maps
// each warning back to the batch row it concerns ("... at row N" counts the statement's rows from
// 1, for multi-row INSERT text and for array binding alike). A NULL refused by a NOT NULL column is
// reported without a row number: it is matched to the statement's rows holding NULL in that column.
// A NOT NULL column without a default that the statement does not write gets its type's implicit
// default in every row, with one warning per statement: it is matched to every row.
// The session's max_error_count bounds the warnings listed; the rest are counted, unplaced.
//
// Set-based statements (INSERT ... SELECT) write no batch: ExecuteInsertSelect reads again the
// SELECT's rows of the first few changes of each column, so the changes can name their key and
// value like a batch's.
#ifndef MIGRATE_IO_VALUE_CHANGE_H_
#define MIGRATE_IO_VALUE_CHANGE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/bound_value.h"
#include "io/mysql_connection.h"
#include "io/row_batch.h"

namespace migrate::io {

struct ValueChange {
  // The row of the written batch; nullopt when the warning names none.
  std::optional<size_t> row;
  // The destination column; empty when the warning names none.
  std::string column;
  unsigned int code = 0;
  std::string message;
};

// What one Write() of a batch changed.
struct ValueChanges {
  std::vector<ValueChange> changes;
  // Warnings the server counted beyond those it listed (max_error_count).
  uint64_t unlisted = 0;

  bool empty() const { return changes.empty() && unlisted == 0; }
  void Clear() {
    changes.clear();
    unlisted = 0;
  }
};

// One warning of SHOW WARNINGS, parsed: the column and the 1-based statement row it names.
struct ParsedWarning {
  std::string column;
  std::optional<size_t> row;
};
ParsedWarning ParseWarning(absl::string_view message);

// After a statement on `connection` that wrote rows [first_row, first_row + row_count) of `batch`
// into `columns` and raised `warning_count` warnings: appends them to `changes`.
absl::Status CollectValueChanges(MysqlConnection& connection, unsigned int warning_count, const RowBatch& batch,
                                 const std::vector<std::string>& columns, size_t first_row, size_t row_count,
                                 ValueChanges* changes);

// The same after a statement that wrote no batch (INSERT ... SELECT): the changes keep the server's
// message, whose "at row N" counts the rows the SELECT read, and have no row.
absl::Status CollectStatementWarnings(MysqlConnection& connection, unsigned int warning_count, ValueChanges* changes);

// The warnings the last statement on `connection` raised, as mysql_warning_count() gives them.
unsigned int WarningCount(MysqlConnection& connection);

// How many changes of each column of a statement are placed on their rows (the rest are counted).
inline constexpr size_t kPlacedChangesPerColumn = 3;

// What one statement without a batch of its own (INSERT ... SELECT, or rows written from records)
// changed: `changes` whose row is set index `rows`, whose columns are `columns` (the statement's
// target columns, in order).
struct StatementChanges {
  std::vector<std::string> columns;
  RowBatch rows;
  ValueChanges changes;
  // The target table's key among `columns`, when the statement found it (else empty).
  std::vector<std::string> key_columns;
};

// Called with what a statement changed, before its transaction commits; an error it returns ends
// the write (the caller rolls back).
using StatementChangeHandler = std::function<absl::Status(const StatementChanges&)>;

// Runs `insert`, an INSERT INTO `database`.`table` (`columns`) `select` [ON DUPLICATE KEY UPDATE
// ...]; when it raised warnings and `on_changes` is given, hands them over with the first
// kPlacedChangesPerColumn changes of each column placed on rows of `select`, read again on the same
// connection (in the same transaction, before the commit; `select` must not read the table written):
// - the rows whose value of the column the table now holds otherwise, joined to it on its primary
//   key (else its first unique key) where `columns` hold it; for a key column, the rows whose key
//   the table lacks (it holds the changed one);
// - else (no key, or no such row found) the rows the warnings number: `select` LIMIT N-1, 1 for
//   "at row N". The server numbers every row it reads, those the WHERE rejects too, so
//   this is the row only where the SELECT reads no row it rejects (a key lookup or range, say).
// Returns the affected rows.
absl::StatusOr<uint64_t> ExecuteInsertSelect(MysqlConnection& connection, const std::string& insert,
                                             const std::string& select, absl::string_view database,
                                             absl::string_view table, const std::vector<std::string>& columns,
                                             const StatementChangeHandler& on_changes);

// Runs `statement` (its values bound), which writes one row with `values` in `columns` (an UPDATE
// of one key, say), and hands what the server changed to `on_changes` (when given), placed on that
// row. Returns the affected rows.
absl::StatusOr<uint64_t> ExecuteRowWrite(MysqlConnection& connection, const BoundSql& statement,
                                         const std::vector<std::string>& columns,
                                         const std::vector<std::optional<std::string>>& values,
                                         const StatementChangeHandler& on_changes);

}  // namespace migrate::io

#endif  // MIGRATE_IO_VALUE_CHANGE_H_
