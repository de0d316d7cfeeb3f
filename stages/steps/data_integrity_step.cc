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
#include "io/orphan_scan.h"
#include "stages/map_documents.h"

namespace migrate::stages {
namespace {

struct KeyCheck {
  const io::TableSchema* table = nullptr;
  const io::ForeignKeySchema* key = nullptr;
  io::ParentTable parent = io::ParentTable::kExists;
  // Filled by the scan: the orphan key values, formatted for the message.
  std::vector<std::string> orphans;
  absl::Status status;
};

void Scan(io::MysqlConnection& connection, KeyCheck& check) {
  absl::StatusOr<std::vector<std::vector<std::string>>> orphans =
      io::FindOrphans(connection, check.table->database, check.table->name, *check.key, check.parent);
  if (!orphans.ok()) {
    check.status = orphans.status();
    return;
  }
  for (const std::vector<std::string>& values : *orphans) {
    check.orphans.push_back(values.size() == 1 ? values[0] : absl::StrCat("(", absl::StrJoin(values, ","), ")"));
  }
}

// The checks in the order they are scanned: the largest child tables first, so that the longest
// scans do not start last.
std::vector<KeyCheck*> LargestFirst(std::vector<KeyCheck>& checks) {
  std::vector<KeyCheck*> order;
  for (KeyCheck& check : checks) order.push_back(&check);
  std::stable_sort(order.begin(), order.end(), [](const KeyCheck* a, const KeyCheck* b) {
    return a->table->estimated_rows > b->table->estimated_rows;
  });
  return order;
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
      const io::ParentTable parent =
          (*schema)->contains(key.referenced_table) ? io::ParentTable::kExists : io::ParentTable::kMissing;
      checks.push_back(KeyCheck{&table, &key, parent, {}, absl::OkStatus()});
    }
  }

  // The keys are scanned by as many connections as a copy uses; each check is written by one worker,
  // and the messages follow in table and key order whichever scan ends first.
  const std::vector<KeyCheck*> scan_order = LargestFirst(checks);
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
      for (size_t i = next++; i < scan_order.size() && !context.cancellation().stop_requested(); i = next++) {
        Scan(**connection, *scan_order[i]);
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
