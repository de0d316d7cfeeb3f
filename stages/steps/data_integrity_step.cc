#include "stages/steps/data_integrity_step.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "io/mysql_connection.h"
#include "stages/map_documents.h"

namespace migrate::stages {
namespace {

struct KeyCheck {
  const io::TableSchema* table = nullptr;
  const io::ForeignKeySchema* key = nullptr;
  // Whether the referenced table exists in the source.
  bool parent_exists = false;
  // Filled by the scan: the orphan key values, formatted for the message.
  std::vector<std::string> orphans;
  absl::Status status;
};

std::string OrphansQuery(const KeyCheck& check) {
  const io::TableSchema& table = *check.table;
  const io::ForeignKeySchema& key = *check.key;
  std::vector<std::string> selected;
  std::vector<std::string> not_null;
  std::vector<std::string> joined;
  for (size_t i = 0; i < key.columns.size(); ++i) {
    const std::string child = absl::StrCat("c.", io::QuoteIdentifier(key.columns[i]));
    selected.push_back(child);
    not_null.push_back(absl::StrCat(child, " IS NOT NULL"));
    joined.push_back(absl::StrCat(child, " = p.", io::QuoteIdentifier(key.referenced_columns[i])));
  }
  std::string sql = absl::StrCat("SELECT DISTINCT ", absl::StrJoin(selected, ", "), " FROM ",
                                 io::QualifiedName(table.database, table.name), " AS c");
  if (check.parent_exists) {
    absl::StrAppend(&sql, " LEFT JOIN ", io::QualifiedName(table.database, key.referenced_table), " AS p ON ",
                    absl::StrJoin(joined, " AND "));
    not_null.push_back(absl::StrCat("p.", io::QuoteIdentifier(key.referenced_columns[0]), " IS NULL"));
  }
  std::vector<std::string> order;
  for (size_t i = 1; i <= key.columns.size(); ++i) order.push_back(absl::StrCat(i));
  absl::StrAppend(&sql, " WHERE ", absl::StrJoin(not_null, " AND "), " ORDER BY ", absl::StrJoin(order, ", "));
  return sql;
}

void Scan(io::MysqlConnection& connection, KeyCheck& check) {
  absl::StatusOr<io::ResultSet> result = connection.Query(OrphansQuery(check));
  if (!result.ok()) {
    check.status = result.status();
    return;
  }
  for (const io::Row& row : result->rows()) {
    std::vector<std::string> values;
    for (const std::optional<std::string>& value : row) values.push_back(value.value_or(""));
    check.orphans.push_back(values.size() == 1 ? values[0] : absl::StrCat("(", absl::StrJoin(values, ","), ")"));
  }
}

std::string Message(const KeyCheck& check) {
  return absl::StrFormat(
      "Foreign key (%s) constraint fails on source database. Orphan records id: %s from `%s`.`%s` has no "
      "referenced records in `%s`",
      check.key->name, absl::StrJoin(check.orphans, ","), check.table->name, absl::StrJoin(check.key->columns, ","),
      check.key->referenced_table);
}

}  // namespace

absl::StatusOr<bool> DataIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<const io::DatabaseSchema*> schema = context.SourceSchema();
  if (!schema.ok()) return schema.status();
  std::vector<KeyCheck> checks;
  for (const auto& [name, table] : **schema) {
    if (IsToolTable(name)) continue;
    for (const io::ForeignKeySchema& key : table.foreign_keys) {
      if (key.columns.empty() || key.columns.size() != key.referenced_columns.size()) continue;
      checks.push_back(KeyCheck{&table, &key, (*schema)->contains(key.referenced_table), {}, absl::OkStatus()});
    }
  }

  // The keys are scanned by as many connections as a copy uses; each check is written by one worker.
  const size_t threads = context.CopyOptions(log.context().step, log.context().stage).threads;
  std::atomic<size_t> next{0};
  std::vector<absl::Status> worker_errors(std::clamp<size_t>(checks.size(), 1, threads));
  std::vector<std::thread> workers;
  for (size_t w = 0; w < worker_errors.size(); ++w) {
    workers.emplace_back([&, w] {
      absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenSource();
      if (!connection.ok()) {
        worker_errors[w] = connection.status();
        return;
      }
      for (size_t i = next++; i < checks.size() && !context.cancellation().stop_requested(); i = next++) {
        Scan(**connection, checks[i]);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const absl::Status& status : worker_errors) {
    if (!status.ok()) return status;
  }
  if (context.cancellation().stop_requested()) return absl::CancelledError("stopped by a stop request");

  size_t failed = 0;
  for (const KeyCheck& check : checks) {
    if (!check.status.ok()) return check.status;
    if (check.orphans.empty()) continue;
    ++failed;
    log.Difference(Message(check));
  }
  log.Info(absl::StrCat(checks.size(), " foreign keys of ", (*schema)->size(), " source tables checked, ", failed,
                        " with orphan records"));
  return failed == 0;
}

}  // namespace migrate::stages
