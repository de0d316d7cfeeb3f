// Where a chunk's batches go: each is written to the destination and its progress recorded in one
// transaction, so the destination always holds exactly the batches its progress says it does.
//
// BatchSink is what the chunk's graph (pipeline/chunk_copy.h) writes through. RetryingBatchSink is
// one: it writes through a SinkWriter (one connection's attempts) and retries what a retry may fix
// (io/retry.h), up to `attempts` times per batch:
//   - kReconnect (keyed documents only): the writer reconnects and the progress is asked whether
//     the batch's COMMIT happened before the loss; if it did, the batch is not written again;
//   - kRerunTransaction: the transaction was rolled back; the batch is written again.
// A document without a key cannot tell whether a lost COMMIT happened: its loss is the error.
// ChunkSinkWriter is the SinkWriter of the destination server: io::BulkWriter in an
// io::Transaction, with ChunkProgress::Record on the same connection.
//
// The values the destination changes go to the run's ValueChangeLog: when fatal, the first one
// rolls its batch back and is the error; otherwise they are recorded after the commit, so a batch
// written again counts once.
#ifndef MIGRATE_PIPELINE_BATCH_SINK_H_
#define MIGRATE_PIPELINE_BATCH_SINK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/bulk_writer.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "io/row_batch.h"
#include "pipeline/connection_source.h"
#include "pipeline/copy_plan.h"
#include "pipeline/reconnect_options.h"
#include "pipeline/value_change_log.h"

namespace migrate::pipeline {

// How a sink records a chunk's progress; implemented over io::ProgressStore by the coordinator.
class ChunkProgress {
 public:
  virtual ~ChunkProgress() = default;
  // Records, inside the caller's open transaction on `connection`, that the rows up to `last_key`
  // (empty for a document without a key) are written, `rows` of them in this batch.
  virtual absl::Status Record(io::MysqlConnection& connection, const io::Key& last_key, uint64_t rows) = 0;
  // The last key recorded as committed, read on `connection`; nullopt when none is.
  virtual absl::StatusOr<std::optional<io::Key>> Committed(io::MysqlConnection& connection) = 0;
};

class BatchSink {
 public:
  virtual ~BatchSink() = default;
  // Writes `rows` (the batch as written; `source_rows` are the same rows as read, which name a
  // row the destination changed) and records them as the rows up to `last_key`, all or nothing.
  // OK once committed, by this call or, before a lost connection, by an earlier attempt.
  virtual absl::Status Write(const io::RowBatch& source_rows, const io::RowBatch& rows, const io::Key& last_key) = 0;
};

// One destination connection's attempts at a batch, as RetryingBatchSink drives them.
class SinkWriter {
 public:
  virtual ~SinkWriter() = default;
  // Opens a new connection, dropping the one in hand.
  virtual absl::Status Reconnect() = 0;
  // Writes the batch and records its progress in one transaction (opening a connection first when
  // none is open).
  virtual absl::Status WriteOnce(const io::RowBatch& source_rows, const io::RowBatch& rows,
                                 const io::Key& last_key) = 0;
  // Whether the progress, read on the connection in hand, says the rows up to `last_key` committed.
  virtual absl::StatusOr<bool> Committed(const io::Key& last_key) = 0;
};

class RetryingBatchSink : public BatchSink {
 public:
  // `writer` must outlive the sink.
  RetryingBatchSink(SinkWriter& writer, ReconnectOptions options) : writer_(writer), options_(std::move(options)) {}

  absl::Status Write(const io::RowBatch& source_rows, const io::RowBatch& rows, const io::Key& last_key) override;

 private:
  SinkWriter& writer_;
  const ReconnectOptions options_;
};

class ChunkSinkWriter : public SinkWriter {
 public:
  // Writes `plan`'s destination rows; the plan, `connections` and `progress` must outlive it.
  // `value_changes` may be null: not recorded.
  ChunkSinkWriter(const CopyPlan& plan, const ConnectionSource& connections, ChunkProgress& progress,
                  ValueChangeLog* value_changes);

  absl::Status Reconnect() override;
  absl::Status WriteOnce(const io::RowBatch& source_rows, const io::RowBatch& rows, const io::Key& last_key) override;
  absl::StatusOr<bool> Committed(const io::Key& last_key) override;

 private:
  absl::Status RecordValueChanges(const io::RowBatch& source_rows, const io::RowBatch& rows);

  const CopyPlan& plan_;
  const ConnectionSource& connections_;
  ChunkProgress& progress_;
  ValueChangeLog* const value_changes_;
  // The resume key's columns and their positions among the source columns, to name changed rows.
  std::vector<std::string> key_names_;
  std::vector<size_t> key_positions_;
  std::unique_ptr<io::MysqlConnection> connection_;
  std::unique_ptr<io::BulkWriter> writer_;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_BATCH_SINK_H_
