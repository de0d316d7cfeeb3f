#include "pipeline/batch_sink.h"

#include <utility>

#include "io/retry.h"
#include "io/transaction.h"

namespace migrate::pipeline {

absl::Status RetryingBatchSink::Write(const io::RowBatch& source_rows, const io::RowBatch& rows,
                                      const io::Key& last_key) {
  int retries = 0;
  while (true) {
    const absl::Status status = writer_.WriteOnce(source_rows, rows, last_key);
    if (status.ok()) return status;
    const io::RetryKind retry = io::WhatRetryFixes(status);
    const bool can_retry = retries < options_.attempts &&
                           (retry == io::RetryKind::kRerunTransaction ||
                            (retry == io::RetryKind::kReconnect && options_.keyed));
    if (!can_retry) return status;
    ++retries;
    if (retry == io::RetryKind::kRerunTransaction) continue;
    if (absl::Status reopened = writer_.Reconnect(); !reopened.ok()) return reopened;
    options_.Reconnected("destination", "writing", status);
    absl::StatusOr<bool> committed = writer_.Committed(last_key);
    if (!committed.ok()) return committed.status();
    if (*committed) return absl::OkStatus();
  }
}

ChunkSinkWriter::ChunkSinkWriter(const CopyPlan& plan, const ConnectionSource& connections, ChunkProgress& progress,
                                 ValueChangeLog* value_changes)
    : plan_(plan), connections_(connections), progress_(progress), value_changes_(value_changes) {
  for (const io::KeyColumn& column : plan_.key) {
    for (size_t i = 0; i < plan_.source_columns.size(); ++i) {
      if (plan_.source_columns[i] != column.name) continue;
      key_names_.push_back(column.name);
      key_positions_.push_back(i);
      break;
    }
  }
}

absl::Status ChunkSinkWriter::Reconnect() {
  writer_.reset();
  connection_.reset();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections_.OpenDestination();
  if (!connection.ok()) return connection.status();
  connection_ = std::move(*connection);
  io::BulkWriterOptions options;
  options.database = plan_.destination_database;
  options.table = plan_.destination_table;
  options.columns = plan_.DestinationColumnNames();
  options.mode = plan_.write_mode;
  options.update_columns = plan_.update_columns;
  absl::StatusOr<std::unique_ptr<io::BulkWriter>> writer = io::BulkWriter::Create(*connection_, options);
  if (!writer.ok()) return writer.status();
  writer_ = std::move(*writer);
  return absl::OkStatus();
}

absl::Status ChunkSinkWriter::RecordValueChanges(const io::RowBatch& source_rows, const io::RowBatch& rows) {
  if (value_changes_ == nullptr || writer_->value_changes().empty()) return absl::OkStatus();
  return value_changes_->Record(plan_.destination_table, writer_->columns(), rows, writer_->value_changes(),
                                [&](size_t row) { return DescribeKey(key_names_, key_positions_, source_rows, row); });
}

absl::Status ChunkSinkWriter::WriteOnce(const io::RowBatch& source_rows, const io::RowBatch& rows,
                                        const io::Key& last_key) {
  if (writer_ == nullptr) {
    if (absl::Status opened = Reconnect(); !opened.ok()) return opened;
  }
  const bool fatal = value_changes_ != nullptr && value_changes_->fatal();
  {
    absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(*connection_);
    if (!transaction.ok()) return transaction.status();
    if (absl::Status status = writer_->Write(rows); !status.ok()) return status;
    if (fatal) {
      if (absl::Status status = RecordValueChanges(source_rows, rows); !status.ok()) return status;
    }
    if (absl::Status status = progress_.Record(*connection_, last_key, rows.row_count()); !status.ok()) return status;
    if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  }
  return fatal ? absl::OkStatus() : RecordValueChanges(source_rows, rows);
}

absl::StatusOr<bool> ChunkSinkWriter::Committed(const io::Key& last_key) {
  absl::StatusOr<std::optional<io::Key>> committed = progress_.Committed(*connection_);
  if (!committed.ok()) return committed.status();
  return committed->has_value() && **committed == last_key;
}

}  // namespace migrate::pipeline
