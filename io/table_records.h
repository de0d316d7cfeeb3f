// Small tables read and written whole, for steps that rewrite metadata tables in memory (EAV's
// entity types, attribute sets, groups and attributes: thousands of rows, not millions).
//
// A Record maps column names to values (nullopt is SQL NULL). Writing a record leaves the columns
// it does not name to their DEFAULT, so a row built from "defaults plus these fields" needs no
// knowledge of the defaults. Rows go out as multi-row INSERTs of at most about 1 MiB each, in the
// order given (so auto-increment values the server assigns follow that order). Nothing here
// commits or begins a transaction.
#ifndef MIGRATE_IO_TABLE_RECORDS_H_
#define MIGRATE_IO_TABLE_RECORDS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"
#include "io/value_change.h"

namespace migrate::io {

using Value = std::optional<std::string>;
using Record = std::map<std::string, Value, std::less<>>;

// The value of `column` in `record`, or nullopt when it is NULL or absent.
Value FieldOf(const Record& record, absl::string_view column);

// Every row of `database`.`table`, ordered by `order_by` (column names; may be empty).
absl::StatusOr<std::vector<Record>> ReadRecords(MysqlConnection& connection, absl::string_view database,
                                                absl::string_view table, const std::vector<std::string>& order_by);

// Inserts `records` into `database`.`table`; a column a record lacks gets its DEFAULT. The values
// the server changed (io/value_change.h) go to `on_changes` (when given) after each statement,
// rows as records of that statement (a column the record lacks shows as NULL); an error it returns
// stops the insert.
absl::Status InsertRecords(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                           const std::vector<Record>& records, const StatementChangeHandler& on_changes = nullptr);

// TRUNCATE TABLE (with foreign_key_checks off on the session, as the destination's is, it does not
// cascade), then InsertRecords.
absl::Status ReplaceRecords(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                            const std::vector<Record>& records, const StatementChangeHandler& on_changes = nullptr);

}  // namespace migrate::io

#endif  // MIGRATE_IO_TABLE_RECORDS_H_
