// Change capture on a source table, as `migrate data` sets it up for `migrate delta`: the changelog
// table m2_cl_<table> and the triggers trg_<table>_after_insert|update|delete that record in it the
// key of every row changed (names cut to MySQL's 64 characters, as Magento cuts them).
//
// The changelog keeps Magento's columns, so tooling written for Magento's still reads it:
//   the key columns (its primary key, typed as in the table), `operation` (the last event: INSERT,
//   UPDATE or DELETE) and `processed` (0 while the change waits);
// and adds two:
//   `version`     raised by every change of the key, and
//   `changed_at`  when the key last changed, on the source's clock, in microseconds.
// Every change sets `processed` back to 0 and raises `version`: a replay removes a changelog row
// only while its version is still the one it read (io/changelog.h), so a change committed during a
// replay stays pending. (Magento's trigger leaves `processed` at 1 once set, which loses the changes
// made between a replay's marking and its cleanup.) An UPDATE that changes the key records the old
// key too, as a DELETE.
//
// InstallChangeCapture is idempotent: an existing changelog is kept (completed with the two added
// columns if Magento's tool made it), and a trigger that already records into it is left alone.
// A different trigger on the same table, event and timing (the shop's own, or Magento's from an
// earlier run of its tool) is merged: its body runs first inside ours, and it is replaced by ours
// while the table is write-locked, so no row change sees neither.
//
// When deleting a row cascades (foreign keys with ON DELETE CASCADE or SET NULL) into tracked
// tables, a BEFORE DELETE trigger trg_<table>_before_delete records those rows too, since MariaDB
// fires no trigger for them (io/cascade_capture.h).
#ifndef MIGRATE_IO_CHANGE_CAPTURE_H_
#define MIGRATE_IO_CHANGE_CAPTURE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/cascade_capture.h"
#include "io/mysql_connection.h"
#include "io/table_schema.h"

namespace migrate::io {

enum class TriggerEvent { kInsert, kUpdate, kDelete };

inline constexpr TriggerEvent kTriggerEvents[] = {TriggerEvent::kInsert, TriggerEvent::kUpdate,
                                                  TriggerEvent::kDelete};

// "INSERT", "UPDATE" or "DELETE".
absl::string_view TriggerEventName(TriggerEvent event);

// m2_cl_<table>, trg_<table>_after_<event> and trg_<table>_before_delete, cut to 64 characters.
// `table` includes any prefix.
std::string ChangelogName(absl::string_view table);
std::string TriggerName(absl::string_view table, TriggerEvent event);
std::string CascadeTriggerName(absl::string_view table);

// What a table's change capture records: the table and its changelog key (deltalog.xml's key
// attribute: the primary key, or another set of columns that picks the rows a change touches).
struct CaptureSpec {
  const TableSchema* table = nullptr;
  std::vector<std::string> key_columns;
  // The tracked rows a delete reaches through foreign keys (FindCascades).
  std::vector<CascadeCapture> cascades;
};

// The CREATE TABLE of the changelog.
absl::StatusOr<std::string> ChangelogTableSql(const CaptureSpec& spec);

// The statement (or BEGIN ... END block) our trigger for `event` runs.
std::string CaptureStatement(const CaptureSpec& spec, TriggerEvent event);

struct CaptureInstallResult {
  bool changelog_created = false;
  // Triggers created (0 when all three were in place).
  int triggers_created = 0;
  // The names of other triggers whose bodies were merged into ours and that were dropped.
  std::vector<std::string> merged_triggers;
};

// Sets up change capture for one table on `connection` (the table's server). See above.
absl::StatusOr<CaptureInstallResult> InstallChangeCapture(MysqlConnection& connection, const CaptureSpec& spec);

// Whether the changelog of `table` exists in `database`.
absl::StatusOr<bool> ChangelogExists(MysqlConnection& connection, absl::string_view database,
                                     absl::string_view table);

}  // namespace migrate::io

#endif  // MIGRATE_IO_CHANGE_CAPTURE_H_
