#include "pipeline/direct_copy.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"
#include "io/transaction.h"

namespace migrate::pipeline {

absl::StatusOr<uint64_t> CopyDirectly(const CopyPlan& plan, const ConnectionSource& connections,
                                      const io::ProgressStore& store, const io::ChunkId& id,
                                      ValueChangeLog* value_changes) {
  if (!plan.source_transforms.empty() || !plan.destination_transforms.empty()) {
    return absl::InternalError(absl::StrCat(plan.document, " has handlers and cannot be copied directly"));
  }
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections.OpenDestination();
  if (!connection.ok()) return connection.status();
  io::MysqlConnection& destination = **connection;

  // Source columns by name; a column that starts as a constant takes it from a bound value.
  std::vector<std::string> targets;
  std::vector<std::string> selected;
  io::BoundValues constants;
  for (const DestinationColumn& column : plan.destination_columns) {
    targets.push_back(io::QuoteIdentifier(column.name));
    if (column.source_index.has_value()) {
      selected.push_back(io::QuoteIdentifier(plan.source_columns[*column.source_index]));
    } else {
      selected.push_back("?");
      constants.push_back(column.initial);
    }
  }
  const std::string statement =
      absl::StrCat("INSERT INTO ", io::QualifiedName(plan.destination_database, plan.destination_table), " (",
                   absl::StrJoin(targets, ", "), ") SELECT ", absl::StrJoin(selected, ", "), " FROM ",
                   io::QualifiedName(plan.source.database, plan.source.name), plan.filter.empty() ? "" : " WHERE ",
                   plan.filter);

  uint64_t rows = 0;
  io::ValueChanges changes;
  // The copy, its value changes when they are fatal and its progress commit together or not at all.
  const absl::Status status = [&]() -> absl::Status {
    absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(destination);
    if (!transaction.ok()) return transaction.status();
    absl::StatusOr<uint64_t> inserted = io::ExecuteBound(destination, statement, constants);
    if (!inserted.ok()) return inserted.status();
    rows = *inserted;
    if (const unsigned int warnings = io::WarningCount(destination); value_changes != nullptr && warnings > 0) {
      if (absl::Status collected = io::CollectStatementWarnings(destination, warnings, &changes); !collected.ok()) {
        return collected;
      }
      if (value_changes->fatal()) {
        absl::Status recorded = value_changes->Record(plan.destination_table, {}, io::RowBatch(), changes,
                                                      [](size_t) { return std::string(); });
        if (!recorded.ok()) return recorded;
      }
    }
    if (absl::Status recorded = store.Record(destination, id, io::Key{}, rows); !recorded.ok()) return recorded;
    if (absl::Status finished = store.MarkFinished(destination, id); !finished.ok()) return finished;
    return transaction->Commit();
  }();
  if (!status.ok()) return io::WithContext(status, absl::StrCat("copying ", plan.source.name, " directly"));
  if (value_changes != nullptr && !value_changes->fatal()) {
    value_changes->Record(plan.destination_table, {}, io::RowBatch(), changes, [](size_t) { return std::string(); })
        .IgnoreError();
  }
  return rows;
}

}  // namespace migrate::pipeline
