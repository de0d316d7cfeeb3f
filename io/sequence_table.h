// Magento 2's sales sequence tables (sequence_<entity type>_<store id>): one column
// sequence_value, INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, as Magento's own Sequence builder creates
// them. The next increment id Magento 2 hands out is one more than the highest value (or the
// table's AUTO_INCREMENT, which follows it).
#ifndef MIGRATE_IO_SEQUENCE_TABLE_H_
#define MIGRATE_IO_SEQUENCE_TABLE_H_

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"

namespace migrate::io {

inline constexpr absl::string_view kSequenceColumn = "sequence_value";

// Drops `database`.`table` if it exists and creates it empty; then, when `last_value` is set,
// inserts that one value. DDL: each statement commits on its own.
absl::Status RecreateSequenceTable(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                                   std::optional<uint64_t> last_value);

// Creates `database`.`table` empty when it does not exist (DDL: commits on its own).
absl::Status EnsureSequenceTable(MysqlConnection& connection, absl::string_view database, absl::string_view table);

// Inserts `value` unless the table holds it already; values above it stay (Magento 2 continues
// after the highest).
absl::Status AddSequenceValue(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                              uint64_t value);

// The highest sequence_value of the table; nullopt when it is empty or does not exist.
absl::StatusOr<std::optional<uint64_t>> LastSequenceValue(MysqlConnection& connection, absl::string_view database,
                                                          absl::string_view table);

}  // namespace migrate::io

#endif  // MIGRATE_IO_SEQUENCE_TABLE_H_
