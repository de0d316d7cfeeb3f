#include "io/table_backup.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "io/bound_statement.h"

namespace migrate::io {
namespace {

constexpr absl::string_view kBackupPrefix = "migration_backup_";
constexpr absl::string_view kPartialPrefix = "migration_backup_partial_";

std::string Unprefixed(absl::string_view prefix, absl::string_view table) {
  if (!prefix.empty() && absl::StartsWith(table, prefix)) table.remove_prefix(prefix.size());
  return std::string(table);
}

absl::StatusOr<bool> TableExists(MysqlConnection& connection, absl::string_view database, absl::string_view table) {
  absl::StatusOr<std::string> count =
      QueryBoundScalar(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                       {std::string(database), std::string(table)});
  if (!count.ok()) return count.status();
  return *count != "0";
}

}  // namespace

std::string BackupName(absl::string_view prefix, absl::string_view table) {
  return absl::StrCat(prefix, kBackupPrefix, Unprefixed(prefix, table));
}

bool IsBackupTable(absl::string_view name) { return absl::StrContains(name, kBackupPrefix); }

absl::StatusOr<bool> BackupExists(MysqlConnection& connection, absl::string_view database, absl::string_view prefix,
                                  absl::string_view table) {
  return TableExists(connection, database, BackupName(prefix, table));
}

absl::StatusOr<bool> EnsureBackup(MysqlConnection& connection, absl::string_view database, absl::string_view prefix,
                                  absl::string_view table) {
  absl::StatusOr<bool> exists = BackupExists(connection, database, prefix, table);
  if (!exists.ok()) return exists.status();
  if (*exists) return false;
  const std::string backup = QualifiedName(database, BackupName(prefix, table));
  const std::string partial = QualifiedName(database, absl::StrCat(prefix, kPartialPrefix, Unprefixed(prefix, table)));
  const std::string source = QualifiedName(database, table);
  for (const std::string& sql : {absl::StrCat("DROP TABLE IF EXISTS ", partial),
                                 absl::StrCat("CREATE TABLE ", partial, " LIKE ", source),
                                 absl::StrCat("INSERT INTO ", partial, " SELECT * FROM ", source),
                                 absl::StrCat("RENAME TABLE ", partial, " TO ", backup)}) {
    if (absl::Status status = connection.Execute(sql); !status.ok()) return status;
  }
  return true;
}

absl::Status RestoreFromBackup(MysqlConnection& connection, absl::string_view database, absl::string_view prefix,
                               absl::string_view table) {
  const std::string source = QualifiedName(database, table);
  if (absl::Status status = connection.Execute(absl::StrCat("TRUNCATE TABLE ", source)); !status.ok()) return status;
  return connection.Execute(absl::StrCat("INSERT INTO ", source, " SELECT * FROM ",
                                         QualifiedName(database, BackupName(prefix, table))));
}

}  // namespace migrate::io
