#include "io/change_capture.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

constexpr size_t kMaxIdentifierLength = 64;

std::string Cut(std::string name) {
  if (name.size() > kMaxIdentifierLength) name.resize(kMaxIdentifierLength);
  return name;
}

std::string QualifiedTable(const TableSchema& table) {
  return absl::StrCat(QuoteIdentifier(table.database), ".", QuoteIdentifier(table.name));
}

// INSERT INTO changelog (keys, operation) VALUES (<row>.keys, '<operation>') ON DUPLICATE KEY UPDATE ...
std::string RecordStatement(const CaptureSpec& spec, absl::string_view row, absl::string_view operation) {
  std::vector<std::string> columns;
  std::vector<std::string> values;
  for (const std::string& key : spec.key_columns) {
    columns.push_back(QuoteIdentifier(key));
    values.push_back(absl::StrCat(row, ".", QuoteIdentifier(key)));
  }
  return absl::StrCat("INSERT INTO ", QuoteIdentifier(ChangelogName(spec.table->name)), " (",
                      absl::StrJoin(columns, ", "), ", `operation`) VALUES (", absl::StrJoin(values, ", "), ", '",
                      operation, "') ON DUPLICATE KEY UPDATE `operation` = '", operation,
                      "', `processed` = 0, `version` = `version` + 1, `changed_at` = NOW(6)");
}

struct ExistingTrigger {
  std::string name;
  std::string body;
};

// A trigger of ours: where it goes and what it runs.
struct TriggerSpec {
  const TableSchema* table;
  absl::string_view timing;  // "AFTER" or "BEFORE"
  TriggerEvent event;
  std::string name;
  std::string body;
  // A trigger of this name is an older one of ours: replaced, not merged.
  bool replaces_same_name = false;
};

absl::StatusOr<std::vector<ExistingTrigger>> ExistingTriggers(MysqlConnection& connection, const TriggerSpec& spec) {
  absl::StatusOr<ResultSet> rows =
      QueryBound(connection,
                 "SELECT TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? "
                 "AND EVENT_OBJECT_TABLE = ? AND EVENT_MANIPULATION = ? AND ACTION_TIMING = ? ORDER BY ACTION_ORDER",
                 {spec.table->database, spec.table->name, std::string(TriggerEventName(spec.event)),
                  std::string(spec.timing)});
  if (!rows.ok()) return rows.status();
  std::vector<ExistingTrigger> triggers;
  for (const Row& row : rows->rows()) triggers.push_back(ExistingTrigger{row[0].value_or(""), row[1].value_or("")});
  return triggers;
}

std::string CreateTriggerSql(const TriggerSpec& spec, absl::string_view body) {
  return absl::StrCat("CREATE TRIGGER ", QuoteIdentifier(spec.table->database), ".", QuoteIdentifier(spec.name), " ",
                      spec.timing, " ", TriggerEventName(spec.event), " ON ", QualifiedTable(*spec.table),
                      " FOR EACH ROW ", body);
}

std::string DropTriggerSql(const TableSchema& table, absl::string_view name) {
  return absl::StrCat("DROP TRIGGER ", QuoteIdentifier(table.database), ".", QuoteIdentifier(name));
}

// Replaces `existing` by one trigger running their bodies, then ours, under a write lock on the
// table so that no row change happens between the drop and the create.
absl::Status MergeTriggers(MysqlConnection& connection, const TriggerSpec& spec,
                           const std::vector<ExistingTrigger>& existing, CaptureInstallResult* result) {
  const TableSchema& table = *spec.table;
  std::string body = "BEGIN\n";
  for (const ExistingTrigger& trigger : existing) {
    if (trigger.name != spec.name || !spec.replaces_same_name) absl::StrAppend(&body, trigger.body, ";\n");
  }
  absl::StrAppend(&body, spec.body, ";\nEND");

  if (absl::Status status = connection.Execute(absl::StrCat("LOCK TABLES ", QualifiedTable(table), " WRITE"));
      !status.ok()) {
    return status;
  }
  const ExistingTrigger* same_name = nullptr;
  for (const ExistingTrigger& trigger : existing) {
    if (trigger.name == spec.name) same_name = &trigger;
  }
  absl::Status status;
  if (same_name != nullptr) status = connection.Execute(DropTriggerSql(table, spec.name));
  if (status.ok()) {
    status = connection.Execute(CreateTriggerSql(spec, body));
    if (!status.ok() && same_name != nullptr) {
      // Put the trigger we dropped back, so a failure leaves the shop's trigger as it was.
      connection.Execute(CreateTriggerSql(spec, same_name->body)).IgnoreError();
    }
  }
  for (const ExistingTrigger& trigger : existing) {
    if (!status.ok() || trigger.name == spec.name) continue;
    status = connection.Execute(DropTriggerSql(table, trigger.name));
    if (status.ok()) result->merged_triggers.push_back(trigger.name);
  }
  if (same_name != nullptr && status.ok()) result->merged_triggers.push_back(spec.name);
  absl::Status unlock = connection.Execute("UNLOCK TABLES");
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat("merging the ", spec.timing, " ", TriggerEventName(spec.event),
                                                    " triggers on ", table.database, ".", table.name, ": ",
                                                    status.message()));
  }
  return unlock;
}

absl::Status InstallTrigger(MysqlConnection& connection, const TriggerSpec& spec, CaptureInstallResult* result) {
  absl::StatusOr<std::vector<ExistingTrigger>> existing = ExistingTriggers(connection, spec);
  if (!existing.ok()) return existing.status();
  for (const ExistingTrigger& trigger : *existing) {
    if (absl::StrContains(trigger.body, spec.body)) return absl::OkStatus();
  }
  ++result->triggers_created;
  if (existing->empty()) return connection.Execute(CreateTriggerSql(spec, spec.body));
  return MergeTriggers(connection, spec, *existing, result);
}

// The BEFORE DELETE body recording the rows a delete cascades into.
std::string CascadeBody(const CaptureSpec& spec) {
  std::vector<std::string> statements;
  for (const CascadeCapture& capture : spec.cascades) statements.push_back(CascadeStatement(capture));
  if (statements.size() == 1) return statements[0];
  return absl::StrCat("BEGIN\n  ", absl::StrJoin(statements, ";\n  "), ";\nEND");
}

// A changelog made by Magento's tool lacks the columns ours adds.
absl::Status CompleteChangelog(MysqlConnection& connection, const TableSchema& table) {
  return connection.Execute(absl::StrCat(
      "ALTER TABLE ", QuoteIdentifier(table.database), ".", QuoteIdentifier(ChangelogName(table.name)),
      " ADD COLUMN IF NOT EXISTS `version` BIGINT UNSIGNED NOT NULL DEFAULT 1,"
      " ADD COLUMN IF NOT EXISTS `changed_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"));
}

}  // namespace

absl::string_view TriggerEventName(TriggerEvent event) {
  switch (event) {
    case TriggerEvent::kInsert:
      return "INSERT";
    case TriggerEvent::kUpdate:
      return "UPDATE";
    case TriggerEvent::kDelete:
      return "DELETE";
  }
  return "";
}

std::string ChangelogName(absl::string_view table) { return Cut(absl::StrCat("m2_cl_", table)); }

std::string TriggerName(absl::string_view table, TriggerEvent event) {
  return Cut(absl::StrCat("trg_", table, "_after_", absl::AsciiStrToLower(TriggerEventName(event))));
}

std::string CascadeTriggerName(absl::string_view table) { return Cut(absl::StrCat("trg_", table, "_before_delete")); }

absl::StatusOr<std::string> ChangelogTableSql(const CaptureSpec& spec) {
  const TableSchema& table = *spec.table;
  if (spec.key_columns.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("no key columns given for the changelog of ", table.name));
  }
  std::vector<std::string> definitions;
  std::vector<std::string> key;
  for (const std::string& name : spec.key_columns) {
    const ColumnSchema* column = table.FindColumn(name);
    if (column == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("the changelog key column ", name, " is not a column of ", table.database, ".", table.name));
    }
    definitions.push_back(absl::StrCat(QuoteIdentifier(name), " ", column->column_type, " NOT NULL"));
    key.push_back(QuoteIdentifier(name));
  }
  definitions.push_back("`operation` TEXT");
  definitions.push_back("`processed` TINYINT(1) NOT NULL DEFAULT 0");
  definitions.push_back("`version` BIGINT UNSIGNED NOT NULL DEFAULT 1");
  definitions.push_back("`changed_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)");
  definitions.push_back(absl::StrCat("PRIMARY KEY (", absl::StrJoin(key, ", "), ")"));
  return absl::StrCat("CREATE TABLE ", QuoteIdentifier(table.database), ".", QuoteIdentifier(ChangelogName(table.name)),
                      " (\n  ", absl::StrJoin(definitions, ",\n  "), "\n) ENGINE=InnoDB");
}

std::string CaptureStatement(const CaptureSpec& spec, TriggerEvent event) {
  switch (event) {
    case TriggerEvent::kInsert:
      return RecordStatement(spec, "NEW", "INSERT");
    case TriggerEvent::kDelete:
      return RecordStatement(spec, "OLD", "DELETE");
    case TriggerEvent::kUpdate:
      break;
  }
  std::vector<std::string> same_key;
  for (const std::string& key : spec.key_columns) {
    same_key.push_back(absl::StrCat("OLD.", QuoteIdentifier(key), " <=> NEW.", QuoteIdentifier(key)));
  }
  return absl::StrCat("BEGIN\n  ", RecordStatement(spec, "NEW", "UPDATE"), ";\n  IF NOT (",
                      absl::StrJoin(same_key, " AND "), ") THEN\n    ", RecordStatement(spec, "OLD", "DELETE"),
                      ";\n  END IF;\nEND");
}

absl::StatusOr<bool> ChangelogExists(MysqlConnection& connection, absl::string_view database,
                                     absl::string_view table) {
  absl::StatusOr<std::string> count =
      QueryBoundScalar(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                       {std::string(database), ChangelogName(table)});
  if (!count.ok()) return count.status();
  return *count != "0";
}

absl::StatusOr<CaptureInstallResult> InstallChangeCapture(MysqlConnection& connection, const CaptureSpec& spec) {
  CaptureInstallResult result;
  absl::StatusOr<std::string> create = ChangelogTableSql(spec);
  if (!create.ok()) return create.status();
  absl::StatusOr<bool> exists = ChangelogExists(connection, spec.table->database, spec.table->name);
  if (!exists.ok()) return exists.status();
  absl::Status status = *exists ? CompleteChangelog(connection, *spec.table) : connection.Execute(*create);
  if (!status.ok()) return status;
  result.changelog_created = !*exists;
  for (TriggerEvent event : kTriggerEvents) {
    const TriggerSpec trigger{spec.table, "AFTER", event, TriggerName(spec.table->name, event),
                              CaptureStatement(spec, event)};
    if (absl::Status status = InstallTrigger(connection, trigger, &result); !status.ok()) return status;
  }
  if (!spec.cascades.empty()) {
    const TriggerSpec trigger{spec.table, "BEFORE", TriggerEvent::kDelete, CascadeTriggerName(spec.table->name),
                              CascadeBody(spec), /*replaces_same_name=*/true};
    if (absl::Status status = InstallTrigger(connection, trigger, &result); !status.ok()) return status;
  }
  return result;
}

}  // namespace migrate::io
