// Small statements about whole tables that steps working on the destination (or reading the
// source) need: does a table exist, which columns does it have now, how many rows does it hold.
//
// These ask the server each time (information_schema, COUNT(*)): unlike RunContext's schema cache
// they see tables a step created or dropped a moment ago. Names are quoted here; callers pass bare
// database and table names (prefixes already applied).
#ifndef MIGRATE_IO_TABLE_SQL_H_
#define MIGRATE_IO_TABLE_SQL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/bound_value.h"
#include "io/mysql_connection.h"

namespace migrate::io {

// The column names of `database`.`table` in table order, or nullopt when there is no such base table.
absl::StatusOr<std::optional<std::vector<std::string>>> TableColumns(MysqlConnection& connection,
                                                                     absl::string_view database,
                                                                     absl::string_view table);

absl::StatusOr<bool> TableExists(MysqlConnection& connection, absl::string_view database, absl::string_view table);

// SELECT COUNT(*) FROM `database`.`table` [WHERE `where`]; `where` is SQL text the caller built,
// whose `?` placeholders take `values`.
absl::StatusOr<uint64_t> CountRows(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                                   absl::string_view where = {}, const BoundValues& values = {});

}  // namespace migrate::io

#endif  // MIGRATE_IO_TABLE_SQL_H_
