#include "pipeline/delta_apply.h"

#include <memory>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "io/bound_statement.h"
#include "io/bulk_writer.h"
#include "io/chunk_reader.h"
#include "io/mysql_error.h"
#include "io/transaction.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/transform_chain.h"

namespace migrate::pipeline {
namespace {

// The source rows of the changed keys, mapped and transformed, and which keys they cover.
struct ChangedRows {
  std::vector<io::RowBatch> batches;
  // The rows as read, whose bytes `batches` borrow (pipeline/batch_mapper.h).
  std::vector<io::RowBatch> read;
  // The source key of each row of each batch, to name the rows the destination changes.
  std::vector<std::vector<io::Key>> batch_keys;
  absl::flat_hash_set<io::Key> present;
};

std::string DescribeKey(const std::vector<io::KeyColumn>& columns, const io::Key& key) {
  std::string described;
  for (size_t i = 0; i < columns.size() && i < key.size(); ++i) {
    absl::StrAppend(&described, i == 0 ? "" : ", ", columns[i].name, "=", key[i]);
  }
  return described;
}

absl::StatusOr<ChangedRows> ReadChangedRows(const DeltaPlan& plan, const std::vector<io::Key>& keys,
                                            io::MysqlConnection& source, size_t batch_size) {
  const CopyPlan& copy = plan.copy;
  io::ChunkReaderOptions options;
  options.database = copy.source.database;
  options.table = copy.source.name;
  options.columns = copy.source_columns;
  options.key = copy.key;
  io::BoundSql changed = io::KeyInCondition(plan.source_key, keys);
  options.filter = copy.filter.empty() ? changed.sql : absl::StrCat("(", changed.sql, ") AND (", copy.filter, ")");
  options.filter_values = std::move(changed.values);
  options.batch_size = batch_size;
  io::ChunkReader reader(source, std::move(options));
  const BatchMapper mapper(copy);

  ChangedRows rows;
  while (true) {
    io::RowBatch read(copy.source_columns.size());
    absl::StatusOr<bool> more = reader.Next(&read);
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::vector<io::Key>& batch_keys = rows.batch_keys.emplace_back();
    for (size_t row = 0; row < read.row_count(); ++row) {
      io::Key key;
      for (size_t position : plan.source_key_positions) key.emplace_back(read.Value(row, position));
      rows.present.insert(key);
      batch_keys.push_back(std::move(key));
    }
    io::RowBatch mapped;
    mapper.Map(read, mapped);
    if (absl::Status status = RunTransformChain(copy, mapper, read, mapped); !status.ok()) return status;
    rows.batches.push_back(std::move(mapped));
    rows.read.push_back(std::move(read));
  }
  return rows;
}

absl::Status DeleteKeys(const DeltaPlan& plan, const std::vector<io::Key>& keys, bool cascade,
                        io::MysqlConnection& destination) {
  if (keys.empty()) return absl::OkStatus();
  if (cascade) {
    if (absl::Status status = destination.Execute("SET SESSION foreign_key_checks = 1"); !status.ok()) return status;
  }
  const io::BoundSql listed = io::KeyInCondition(plan.destination_key, keys);
  absl::Status status = io::ExecuteBound(destination,
                                         absl::StrCat("DELETE FROM ",
                                                      io::QualifiedName(plan.copy.destination_database,
                                                                        plan.copy.destination_table),
                                                      " WHERE ", listed.sql),
                                         listed.values)
                            .status();
  if (cascade) {
    absl::Status reset = destination.Execute("SET SESSION foreign_key_checks = 0");
    if (status.ok()) status = reset;
  }
  return status;
}

absl::StatusOr<DeltaApplyResult> WriteChanges(const DeltaPlan& plan, const std::vector<io::Key>& keys,
                                              const ChangedRows& rows, io::MysqlConnection& destination,
                                              ValueChangeLog* value_changes) {
  DeltaApplyResult result;
  std::vector<io::Key> gone;
  std::vector<io::Key> kept;
  for (const io::Key& key : keys) (rows.present.contains(key) ? kept : gone).push_back(key);
  result.present.assign(rows.present.begin(), rows.present.end());
  if (plan.delete_gone) {
    if (absl::Status status = DeleteKeys(plan, gone, /*cascade=*/true, destination); !status.ok()) return status;
    result.keys_deleted = gone.size();
  }
  if (!plan.key_is_unique) {
    if (absl::Status status = DeleteKeys(plan, kept, /*cascade=*/false, destination); !status.ok()) return status;
  }
  if (rows.batches.empty()) return result;

  io::BulkWriterOptions options;
  options.database = plan.copy.destination_database;
  options.table = plan.copy.destination_table;
  options.columns = plan.copy.DestinationColumnNames();
  options.mode = io::WriteMode::kUpsert;
  options.update_columns = plan.copy.update_columns;
  absl::StatusOr<std::unique_ptr<io::BulkWriter>> writer = io::BulkWriter::Create(destination, std::move(options));
  if (!writer.ok()) return writer.status();
  for (size_t i = 0; i < rows.batches.size(); ++i) {
    const io::RowBatch& batch = rows.batches[i];
    if (absl::Status status = (*writer)->Write(batch); !status.ok()) return status;
    if (value_changes != nullptr && !(*writer)->value_changes().empty()) {
      absl::Status status =
          value_changes->Record(plan.copy.destination_table, (*writer)->columns(), batch, (*writer)->value_changes(),
                                [&](size_t row) { return DescribeKey(plan.source_key, rows.batch_keys[i][row]); });
      if (!status.ok()) return status;
    }
    result.rows_upserted += batch.row_count();
  }
  return result;
}

}  // namespace

absl::StatusOr<DeltaApplyResult> ApplyChangedKeysInTransaction(const DeltaPlan& plan, const std::vector<io::Key>& keys,
                                                               io::MysqlConnection& source,
                                                               io::MysqlConnection& destination, size_t batch_size,
                                                               ValueChangeLog* value_changes) {
  if (keys.empty()) return DeltaApplyResult{};
  absl::StatusOr<ChangedRows> rows = ReadChangedRows(plan, keys, source, batch_size);
  if (!rows.ok()) return rows.status();
  absl::StatusOr<DeltaApplyResult> result = WriteChanges(plan, keys, *rows, destination, value_changes);
  if (!result.ok()) return io::WithContext(result.status(), absl::StrCat("replaying changes of ", plan.copy.document));
  return result;
}

absl::StatusOr<DeltaApplyResult> ApplyChangedKeys(const DeltaPlan& plan, const std::vector<io::Key>& keys,
                                                  io::MysqlConnection& source, io::MysqlConnection& destination,
                                                  size_t batch_size, ValueChangeLog* value_changes) {
  if (keys.empty()) return DeltaApplyResult{};
  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(destination);
  if (!transaction.ok()) return transaction.status();
  absl::StatusOr<DeltaApplyResult> result =
      ApplyChangedKeysInTransaction(plan, keys, source, destination, batch_size, value_changes);
  if (!result.ok()) return result.status();
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  return result;
}

}  // namespace migrate::pipeline
