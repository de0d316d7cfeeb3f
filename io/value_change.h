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
#ifndef MIGRATE_IO_VALUE_CHANGE_H_
#define MIGRATE_IO_VALUE_CHANGE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
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

}  // namespace migrate::io

#endif  // MIGRATE_IO_VALUE_CHANGE_H_
