#include "io/deferred_indexes.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

constexpr unsigned int kNoSuchTable = 1146;

// The backquoted identifier at the start of `text` (doubled backquotes inside), unquoted, and
// advances `text` past it; nullopt when `text` does not start with one.
std::optional<std::string> TakeIdentifier(absl::string_view& text) {
  if (!absl::StartsWith(text, "`")) return std::nullopt;
  std::string name;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] != '`') {
      name.push_back(text[i]);
    } else if (i + 1 < text.size() && text[i + 1] == '`') {
      name.push_back('`');
      ++i;
    } else {
      text.remove_prefix(i + 1);
      return name;
    }
  }
  return std::nullopt;
}

// The column names of a key's part list, which `parts` starts with: "(`a`,`b`(10),`c` DESC) ...".
std::vector<std::string> KeyColumns(absl::string_view parts) {
  std::vector<std::string> columns;
  int depth = 0;
  while (!parts.empty()) {
    if (parts[0] == '`' && depth == 1) {
      std::optional<std::string> column = TakeIdentifier(parts);
      if (!column.has_value()) break;
      columns.push_back(std::move(*column));
      continue;
    }
    if (parts[0] == '(') ++depth;
    if (parts[0] == ')' && --depth == 0) break;
    parts.remove_prefix(1);
  }
  return columns;
}

bool StartsWithColumns(const std::vector<std::string>& columns, const std::vector<std::string>& prefix) {
  if (prefix.empty() || prefix.size() > columns.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), columns.begin());
}

// The column lists other tables' foreign keys reference in `database`.`table`.
absl::StatusOr<std::vector<std::vector<std::string>>> ReferencedColumns(MysqlConnection& connection,
                                                                        absl::string_view database,
                                                                        absl::string_view table) {
  absl::StatusOr<ResultSet> result = QueryBound(
      connection,
      "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
      "WHERE REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ? AND NOT (TABLE_SCHEMA = ? AND TABLE_NAME = ?) "
      "ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, POSITION_IN_UNIQUE_CONSTRAINT",
      {std::string(database), std::string(table), std::string(database), std::string(table)});
  if (!result.ok()) return WithContext(result.status(), absl::StrCat("reading the foreign keys that reference ", table));
  std::map<std::vector<std::string>, std::vector<std::string>> by_constraint;
  for (const Row& row : result->rows()) {
    by_constraint[{row[0].value_or(""), row[1].value_or(""), row[2].value_or("")}].push_back(row[3].value_or(""));
  }
  std::vector<std::vector<std::string>> referenced;
  for (auto& [constraint, columns] : by_constraint) referenced.push_back(std::move(columns));
  return referenced;
}

absl::StatusOr<bool> HasTriggers(MysqlConnection& connection, absl::string_view database, absl::string_view table) {
  absl::StatusOr<ResultSet> result = QueryBound(
      connection, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?",
      {std::string(database), std::string(table)});
  if (!result.ok()) return WithContext(result.status(), absl::StrCat("reading the triggers of ", table));
  absl::StatusOr<std::string> count = result->Scalar();
  if (!count.ok()) return count.status();
  return *count != "0";
}

// Waits while the connection that took the keys off still runs an ALTER TABLE (a killed run's
// statement goes on on the server until it ends).
absl::Status AwaitEarlierAlter(MysqlConnection& connection, uint64_t connection_id) {
  while (true) {
    absl::StatusOr<ResultSet> running = QueryBound(
        connection,
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND ID <> CONNECTION_ID() "
        "AND COMMAND = 'Query' AND INFO LIKE 'ALTER TABLE%'",
        {absl::StrCat(connection_id)});
    if (!running.ok()) return WithContext(running.status(), "reading information_schema.PROCESSLIST");
    absl::StatusOr<std::string> count = running->Scalar();
    if (!count.ok()) return count.status();
    if (*count == "0") return absl::OkStatus();
    absl::SleepFor(absl::Milliseconds(100));
  }
}

}  // namespace

std::optional<IndexDeferral> DeferralOf(absl::string_view create_table,
                                        const std::vector<std::vector<std::string>>& referenced_columns) {
  IndexDeferral deferral;
  std::vector<std::string> foreign_key_drops, foreign_key_adds;
  for (absl::string_view line : absl::StrSplit(create_table, '\n')) {
    line = absl::StripSuffix(absl::StripAsciiWhitespace(line), ",");
    absl::string_view rest = line;
    if (absl::ConsumePrefix(&rest, "KEY ")) {
      std::optional<std::string> name = TakeIdentifier(rest);
      if (!name.has_value()) return std::nullopt;
      const std::vector<std::string> columns = KeyColumns(absl::StripLeadingAsciiWhitespace(rest));
      const bool referenced = std::any_of(referenced_columns.begin(), referenced_columns.end(),
                                          [&](const std::vector<std::string>& r) { return StartsWithColumns(columns, r); });
      if (referenced) {
        deferral.drop_clauses.clear();
        deferral.add_clauses.clear();
        continue;
      }
      deferral.drop_clauses.push_back(absl::StrCat("DROP KEY IF EXISTS ", QuoteIdentifier(*name)));
      deferral.add_clauses.push_back(absl::StrCat("ADD KEY IF NOT EXISTS ", line.substr(4)));
    } else if (absl::StartsWith(line, "SPATIAL KEY ")) {
      deferral.drop_clauses.clear();
      deferral.add_clauses.clear();
    } else if (absl::ConsumePrefix(&rest, "CONSTRAINT ")) {
      std::optional<std::string> name = TakeIdentifier(rest);
      if (!name.has_value()) return std::nullopt;
      if (!absl::ConsumePrefix(&rest, " FOREIGN KEY ")) continue;
      foreign_key_drops.push_back(absl::StrCat("DROP FOREIGN KEY IF EXISTS ", QuoteIdentifier(*name)));
      foreign_key_adds.push_back(
          absl::StrCat("ADD CONSTRAINT ", QuoteIdentifier(*name), " FOREIGN KEY IF NOT EXISTS ", rest));
    }
  }
  if (deferral.add_clauses.empty()) return std::nullopt;
  deferral.drop_clauses.insert(deferral.drop_clauses.begin(), foreign_key_drops.begin(), foreign_key_drops.end());
  deferral.add_clauses.insert(deferral.add_clauses.end(), foreign_key_adds.begin(), foreign_key_adds.end());
  return deferral;
}

absl::StatusOr<std::optional<IndexDeferral>> PlanIndexDeferral(MysqlConnection& connection, absl::string_view database,
                                                               absl::string_view table) {
  const std::string name = QualifiedName(database, table);
  absl::StatusOr<ResultSet> rows = connection.Query(absl::StrCat("SELECT 1 FROM ", name, " LIMIT 1"));
  if (!rows.ok()) return WithContext(rows.status(), absl::StrCat("reading ", table));
  if (!rows->empty()) return std::nullopt;
  absl::StatusOr<bool> triggers = HasTriggers(connection, database, table);
  if (!triggers.ok()) return triggers.status();
  if (*triggers) return std::nullopt;
  absl::StatusOr<ResultSet> create = connection.Query(absl::StrCat("SHOW CREATE TABLE ", name));
  if (!create.ok()) return WithContext(create.status(), absl::StrCat("reading the definition of ", table));
  if (create->empty() || create->rows()[0].size() < 2) return std::nullopt;
  const std::string create_table = create->rows()[0][1].value_or("");
  if (!absl::StrContains(create_table, ") ENGINE=InnoDB")) return std::nullopt;
  absl::StatusOr<std::vector<std::vector<std::string>>> referenced = ReferencedColumns(connection, database, table);
  if (!referenced.ok()) return referenced.status();
  return DeferralOf(create_table, *referenced);
}

absl::StatusOr<PendingIndexes> DeferIndexes(MysqlConnection& connection, const ProgressStore& store,
                                            absl::string_view database, absl::string_view table,
                                            const IndexDeferral& deferral) {
  absl::StatusOr<std::string> connection_id = connection.QueryScalar("SELECT CONNECTION_ID()");
  if (!connection_id.ok()) return connection_id.status();
  PendingIndexes pending{std::string(database), std::string(table), deferral.add_clauses, 0};
  if (!absl::SimpleAtoi(*connection_id, &pending.connection_id)) {
    return absl::InternalError(absl::StrCat("CONNECTION_ID() returned '", *connection_id, "'"));
  }
  if (absl::Status status = store.RecordPendingIndexes(connection, pending); !status.ok()) return status;
  const std::string drop = absl::StrCat("ALTER TABLE ", QualifiedName(database, table), " ",
                                        absl::StrJoin(deferral.drop_clauses, ", "), ", ALGORITHM=INPLACE");
  if (absl::Status status = connection.Execute(drop); !status.ok()) {
    return WithContext(status, absl::StrCat("taking the secondary indexes off ", table, " for the load"));
  }
  return pending;
}

absl::StatusOr<std::vector<std::optional<PendingIndexes>>> DeferIndexesForLoad(MysqlConnection& connection,
                                                                              const ProgressStore& store,
                                                                              const std::vector<LoadedTable>& tables) {
  std::vector<std::optional<IndexDeferral>> deferrals;
  for (const LoadedTable& loaded : tables) {
    absl::StatusOr<std::optional<IndexDeferral>> deferral = PlanIndexDeferral(connection, loaded.database, loaded.table);
    if (!deferral.ok()) return deferral.status();
    deferrals.push_back(std::move(*deferral));
  }
  std::vector<std::optional<PendingIndexes>> pending(tables.size());
  for (size_t i = 0; i < tables.size(); ++i) {
    if (!deferrals[i].has_value()) continue;
    absl::StatusOr<PendingIndexes> deferred =
        DeferIndexes(connection, store, tables[i].database, tables[i].table, *deferrals[i]);
    if (!deferred.ok()) return deferred.status();
    pending[i] = std::move(*deferred);
  }
  return pending;
}

absl::Status RestoreIndexes(MysqlConnection& connection, const ProgressStore& store, const PendingIndexes& pending) {
  if (absl::Status status = AwaitEarlierAlter(connection, pending.connection_id); !status.ok()) return status;
  const std::string add = absl::StrCat("ALTER TABLE ", QualifiedName(pending.database, pending.table), " ",
                                       absl::StrJoin(pending.clauses, ", "), ", ALGORITHM=INPLACE");
  absl::Status added = connection.Execute(add);
  // A table dropped since has no indexes to get back.
  if (!added.ok() && MysqlErrorNumber(added) != kNoSuchTable) {
    return WithContext(added, absl::StrCat("building the secondary indexes of ", pending.table, " after the load"));
  }
  return store.ClearPendingIndexes(connection, pending.database, pending.table);
}

absl::StatusOr<std::vector<std::string>> RestorePendingIndexes(MysqlConnection& connection) {
  absl::StatusOr<ResultSet> exists = QueryBound(
      connection, "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
      {std::string(ProgressStore::kPendingIndexesTable)});
  if (!exists.ok()) return WithContext(exists.status(), "looking for indexes an earlier run left to build");
  if (exists->empty()) return std::vector<std::string>();
  absl::StatusOr<ProgressStore> store = ProgressStore::Open(connection);
  if (!store.ok()) return store.status();
  absl::StatusOr<std::vector<PendingIndexes>> pending = store->LoadPendingIndexes(connection);
  if (!pending.ok()) return pending.status();
  std::vector<std::string> restored;
  for (const PendingIndexes& table : *pending) {
    if (absl::Status status = RestoreIndexes(connection, *store, table); !status.ok()) return status;
    restored.push_back(absl::StrCat(table.database, ".", table.table));
  }
  return restored;
}

}  // namespace migrate::io
