// One INSERT ... SELECT run on the server over consecutive key ranges of its driving table, so
// that millions of rows move in bounded statements without passing through the client.
//
// The driving table has a single integer key column. Each range holds at most `rows_per_range`
// keys: its upper end is found by keyset (the highest of the next N keys in key order after the
// previous end, never OFFSET), and the statement is
//
//   INSERT INTO target (columns) <select> WHERE <alias>.<key> > lo AND <alias>.<key> <= hi
//       [AND (<condition>)] ON DUPLICATE KEY UPDATE c = VALUES(c), ...
//
// with the first range open below; the ends are 64-bit integers parsed and formatted here, digits
// and a sign only (no other value is spelled into SQL). Each statement commits on its own
// (autocommit): an interrupted run has inserted whole ranges, and running it again upserts the same
// rows. The ranges can also be planned first and run by several connections at once
// (pipeline/parallel_insert_select.h). The SELECT's text
// (expressions, joins) is the caller's; table and column names given here are quoted here.
#ifndef MIGRATE_IO_RANGE_INSERT_SELECT_H_
#define MIGRATE_IO_RANGE_INSERT_SELECT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/mysql_connection.h"
#include "io/value_change.h"

namespace migrate::io {

struct RangeInsertSelect {
  std::string database;
  // The driving table (prefix applied), the alias the SELECT gives it, and its integer key.
  std::string driving_table;
  std::string driving_alias;
  std::string key_column;
  // "SELECT <expressions> FROM <driving table> AS <alias> [JOIN ...]", without WHERE.
  std::string select;
  // An optional condition ANDed to every range's WHERE (SQL text).
  std::string condition;
  // The target table (prefix applied) and the columns the SELECT's expressions fill, in order.
  std::string target_table;
  std::vector<std::string> target_columns;
  // Columns left out of ON DUPLICATE KEY UPDATE (none: every target column is updated).
  std::vector<std::string> keep_on_duplicate;
};

// INSERT INTO target (columns) <select> WHERE <where> [AND (<condition>)] ON DUPLICATE KEY UPDATE
// ...: the statement of one range, or of any other set of the driving table's rows (the deltas
// refresh the rows of changed keys with `<alias>.<key> IN (...)`).
std::string InsertSelectSql(const RangeInsertSelect& plan, const std::string& where);

// Rows of `target_table` (aliased `target`) matching `condition` whose `target_key` no longer has a
// row in `driving_table`.`driving_key`: the rows a delta removes when their entity is deleted.
struct OrphanDelete {
  std::string database;
  std::string target_table;
  std::string target_key;
  std::string driving_table;
  std::string driving_key;
  // SQL over the alias `target`, e.g. "target.entity_id IN (1, 2)".
  std::string condition;
};

// Deletes those rows; returns how many.
absl::StatusOr<uint64_t> DeleteOrphans(MysqlConnection& connection, const OrphanDelete& plan);

// The INSERT statement of one range; `lo` empty means open below.
std::string RangeInsertSql(const RangeInsertSelect& plan, const std::string& lo, const std::string& hi);

// One range of the driving table: the keys above `after` (empty: from the first key) up to and
// including `upto`, `keys` of them. Both bounds are keys of the table, as 64-bit integers' digits.
struct InsertRange {
  std::string after;
  std::string upto;
  uint64_t keys = 0;
};

// The driving table cut into consecutive ranges of at most `rows_per_range` keys, in key order,
// each end found by keyset (the highest of the next `rows_per_range` keys); none for an empty table.
// An error names the table when its key is not an integer.
absl::StatusOr<std::vector<InsertRange>> PlanInsertRanges(MysqlConnection& connection, const RangeInsertSelect& plan,
                                                          size_t rows_per_range);

// Runs InsertSelectSql(plan, where) (in the caller's transaction, if any) and hands the values the
// server changed to `on_changes` (when given), placed on their rows (io/value_change.h: target
// columns and values as the SELECT computes them). Returns the affected rows.
absl::StatusOr<uint64_t> RunInsertSelect(MysqlConnection& connection, const RangeInsertSelect& plan,
                                         const std::string& where, const StatementChangeHandler& on_changes);

// Runs one range's statement, autocommitted; with `on_changes`, in a transaction of its own, and
// the values the server changed in it are handed to it as RunInsertSelect does, before the commit;
// an error it returns rolls the range back.
absl::Status RunInsertRange(MysqlConnection& connection, const RangeInsertSelect& plan, const InsertRange& range,
                            const StatementChangeHandler& on_changes = nullptr);

// Runs every range of PlanInsertRanges, one after the other, with RunInsertRange. `stop` is asked
// between ranges; when it says true the run ends with a Cancelled error. Returns the rows the
// driving table's ranges covered. An error of `on_changes` ends the run.
absl::StatusOr<uint64_t> RunRangeInsertSelect(
    MysqlConnection& connection, const RangeInsertSelect& plan, size_t rows_per_range, const std::function<bool()>& stop,
    const StatementChangeHandler& on_changes = nullptr);

}  // namespace migrate::io

#endif  // MIGRATE_IO_RANGE_INSERT_SELECT_H_
