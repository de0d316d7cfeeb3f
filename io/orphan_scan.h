// The orphan records of one foreign key: the distinct values of its child columns, all of them
// non-NULL, that no row of the referenced (parent) table holds. What the Data Integrity step
// reports (stages/steps/data_integrity_step.h).
//
// One query per key, an anti-join driven by the child's index on the key's columns and the parent's
// key:
//   SELECT c.a, c.b FROM (SELECT DISTINCT a, b FROM child WHERE a IS NOT NULL AND b IS NOT NULL) AS c
//     WHERE NOT EXISTS (SELECT 1 FROM parent AS p WHERE p.x = c.a AND p.y = c.b) ORDER BY 1, 2
// The distinct child values come first, by a loose index scan where values repeat (an EAV table's
// attribute_id, store_id, entity_id) or one pass over the child's index, or a full scan where the
// child has no index on the columns; then each is looked up in the parent's key, or probed in the
// parent's keys materialised once (the forms measured are in orphan_scan.cc). A composite key
// matches column by column; a tuple with any NULL is not an orphan, as the server does not check
// it either. Without a parent table every non-NULL tuple is an orphan.
#ifndef MIGRATE_IO_ORPHAN_SCAN_H_
#define MIGRATE_IO_ORPHAN_SCAN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"
#include "io/table_schema.h"

namespace migrate::io {

enum class ParentTable { kExists, kMissing };

// The orphan tuples of `key` of `database`.`child_table` (its referenced table is in the same
// database), each with one value per key column as the server prints it, sorted as ORDER BY sorts
// the columns' types (7 before 10 for numbers). Reads; runs no transaction.
absl::StatusOr<std::vector<std::vector<std::string>>> FindOrphans(MysqlConnection& connection,
                                                                  absl::string_view database,
                                                                  absl::string_view child_table,
                                                                  const ForeignKeySchema& key, ParentTable parent);

}  // namespace migrate::io

#endif  // MIGRATE_IO_ORPHAN_SCAN_H_
