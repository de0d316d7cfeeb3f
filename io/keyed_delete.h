// Deletes rows of a table by their exact keys, each key a point lookup on a unique index, so the
// statement reads and locks those rows and no other: a caller that holds their locks already never
// waits on another transaction's lock. (A DELETE ... WHERE key IN (...) may be planned as a scan and
// wait, holding its rows, for any row another transaction has locked: a deadlock with the shop.)
//
// With MariaDB's array binding the keys go in one statement; elsewhere one execution per key.
// Never commits; returns the rows deleted. `key` must be a unique key of `table`.
#ifndef MIGRATE_IO_KEYED_DELETE_H_
#define MIGRATE_IO_KEYED_DELETE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"

namespace migrate::io {

// `table` is quoted and qualified already (QualifiedName).
absl::StatusOr<uint64_t> DeleteByKeys(MysqlConnection& connection, absl::string_view table,
                                      const std::vector<KeyColumn>& key, const std::vector<Key>& keys);

}  // namespace migrate::io

#endif  // MIGRATE_IO_KEYED_DELETE_H_
