// Backups of destination tables that a step rewrites whole (Magento's migration_backup_<table>),
// made before the step's first write so that a failure, a rerun, -r or a run after kill -9 can
// start again from the table as it was before the step ever touched it.
//
// A backup is made at most once and only whole: it is filled under a temporary name and renamed
// into place (RENAME TABLE is atomic), so a backup that exists is always complete, and the oldest
// (pristine) copy wins. `table` includes any prefix; the backup is BackupName(prefix, table).
#ifndef MIGRATE_IO_TABLE_BACKUP_H_
#define MIGRATE_IO_TABLE_BACKUP_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"

namespace migrate::io {

// <prefix>migration_backup_<table without prefix>, as Magento names it.
std::string BackupName(absl::string_view prefix, absl::string_view table);

// Whether `name` is a backup table or one being made (a tool table, never a document).
bool IsBackupTable(absl::string_view name);

// Makes the backup of `database`.`table` unless it exists; returns true when it made one.
absl::StatusOr<bool> EnsureBackup(MysqlConnection& connection, absl::string_view database, absl::string_view prefix,
                                  absl::string_view table);

// Whether the backup of `table` exists.
absl::StatusOr<bool> BackupExists(MysqlConnection& connection, absl::string_view database, absl::string_view prefix,
                                  absl::string_view table);

// Empties `table` and fills it from its backup again (the backup stays).
absl::Status RestoreFromBackup(MysqlConnection& connection, absl::string_view database, absl::string_view prefix,
                               absl::string_view table);

}  // namespace migrate::io

#endif  // MIGRATE_IO_TABLE_BACKUP_H_
