// Building a destination table's secondary indexes once, after a bulk load, instead of row by row.
//
// For a table a copy fills from empty, DeferIndexes records the table's deferrable keys in the
// progress store (migrate_pending_indexes, committed first) and drops them in one ALTER TABLE; once
// the table's rows are in, RestoreIndexes adds them back in one ALTER TABLE ... ALGORITHM=INPLACE
// (sorted index builds; the server takes no lock beyond what it needs) and clears the record. The
// definitions are the lines of SHOW CREATE TABLE, so the table's SHOW CREATE TABLE afterwards is
// what it was before (AUTO_INCREMENT aside).
//
// Deferred: plain (non-unique) keys, with the table's own foreign keys, which need them and come
// back in the same ALTER. Kept: PRIMARY and UNIQUE keys (duplicate-key errors and upserts rely on
// them), FULLTEXT and SPATIAL keys, a key another table's foreign key references, and every plain
// key before the last kept one (the server lists re-added keys after those it kept, so SHOW CREATE
// TABLE would change). Left alone: tables with rows, with triggers, or not InnoDB.
//
// Crash safety: both ALTERs are atomic and idempotent (DROP ... IF EXISTS, ADD ... IF NOT EXISTS),
// and the record lives from before the first to after the second, so RestorePendingIndexes, run at
// the start of every run, finishes whatever a killed or failed run left; it first waits for an
// ALTER TABLE the killed run's connection may still be running on the server.
//
// The connection's session must have foreign_key_checks=0 (io/session_setup.h's destination
// session): foreign keys are added back in place, without checking rows.
#ifndef MIGRATE_IO_DEFERRED_INDEXES_H_
#define MIGRATE_IO_DEFERRED_INDEXES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"
#include "io/progress_store.h"

namespace migrate::io {

// The ALTER TABLE clauses that take a table's deferrable keys off and put them back.
struct IndexDeferral {
  std::vector<std::string> drop_clauses;
  std::vector<std::string> add_clauses;
};

// The deferral for `create_table` (SHOW CREATE TABLE's text) when another table's foreign keys
// reference the column lists `referenced_columns`; nullopt when no key may be deferred.
std::optional<IndexDeferral> DeferralOf(absl::string_view create_table,
                                        const std::vector<std::vector<std::string>>& referenced_columns);

// The deferral for `database`.`table` as it is now; nullopt when the table is left as it is (it
// has rows or triggers, is not InnoDB, or has no key to defer). Plan every table of a load before
// taking any key off: a table whose foreign keys are off no longer shows which keys of other
// tables they reference, and those must stay for the foreign keys to come back.
absl::StatusOr<std::optional<IndexDeferral>> PlanIndexDeferral(MysqlConnection& connection, absl::string_view database,
                                                               absl::string_view table);

// Records `deferral` of `database`.`table`, then takes its keys off. Returns the record.
absl::StatusOr<PendingIndexes> DeferIndexes(MysqlConnection& connection, const ProgressStore& store,
                                            absl::string_view database, absl::string_view table,
                                            const IndexDeferral& deferral);

// A destination table a load fills from empty.
struct LoadedTable {
  std::string database;
  std::string table;
};

// Plans every table of `tables` (PlanIndexDeferral), all before any key comes off, then defers the
// keys of those that have any (DeferIndexes). One entry per table, in order: its record, or
// nullopt when it keeps its keys.
absl::StatusOr<std::vector<std::optional<PendingIndexes>>> DeferIndexesForLoad(MysqlConnection& connection,
                                                                              const ProgressStore& store,
                                                                              const std::vector<LoadedTable>& tables);

// Adds back the keys `pending` names and clears its record.
absl::Status RestoreIndexes(MysqlConnection& connection, const ProgressStore& store, const PendingIndexes& pending);

// Restores every table with a record in the connection's database (creating nothing when there is
// no migrate_pending_indexes table). Returns the tables, as database.table.
absl::StatusOr<std::vector<std::string>> RestorePendingIndexes(MysqlConnection& connection);

}  // namespace migrate::io

#endif  // MIGRATE_IO_DEFERRED_INDEXES_H_
