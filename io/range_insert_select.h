// One INSERT ... SELECT run on the server over consecutive key ranges of its driving table, so
// that millions of rows move in bounded statements without passing through the client.
//
// The driving table has a single integer key column. Each range holds at most `rows_per_range`
// keys: its upper end is found by keyset (the highest of the next N keys in key order after the
// previous end, never OFFSET), and the statement is
//
//   INSERT INTO target (columns) <select> WHERE <alias>.<key> > ? AND <alias>.<key> <= ?
//       [AND (<condition>)] ON DUPLICATE KEY UPDATE c = VALUES(c), ...
//
// with the range's ends bound as numbers, the first range open below. Each statement commits on its own (autocommit): an interrupted
// run has inserted whole ranges, and running it again upserts the same rows. The SELECT's text
// (expressions, joins) is the caller's; table and column names given here are quoted here.
#ifndef MIGRATE_IO_RANGE_INSERT_SELECT_H_
#define MIGRATE_IO_RANGE_INSERT_SELECT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/bound_value.h"
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

// The INSERT statement of one range with its ends bound; `lo` empty means open below.
BoundSql RangeInsertSql(const RangeInsertSelect& plan, const std::string& lo, const std::string& hi);

// Runs every range. `stop` is asked between ranges; when it says true the run ends with a Cancelled
// error. Returns the rows the driving table's ranges covered. With `on_changes`, each range runs in
// a transaction of its own and the values the server changed in it (io/value_change.h, without
// rows: the messages number the SELECT's rows) are handed to it before the commit; an error it
// returns rolls the range back and ends the run.
absl::StatusOr<uint64_t> RunRangeInsertSelect(
    MysqlConnection& connection, const RangeInsertSelect& plan, size_t rows_per_range, const std::function<bool()>& stop,
    const std::function<absl::Status(const ValueChanges&)>& on_changes = nullptr);

}  // namespace migrate::io

#endif  // MIGRATE_IO_RANGE_INSERT_SELECT_H_
