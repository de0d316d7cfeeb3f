// Where a chunk's batches come from: the rows of one key range of one document, in key order.
//
// BatchSource is what the chunk's graph (pipeline/chunk_copy.h) reads through. ResumingBatchSource
// is one: it reads through a SourceReader (one connection's reads) and, after a lost connection
// (io::RetryKind::kReconnect), opens the reader again after the last key it returned, up to
// `attempts` times per batch. A document without a key (one stream) cannot resume: its loss is the
// error. ChunkSourceReader is the SourceReader of the source server (io::ChunkReader).
#ifndef MIGRATE_PIPELINE_BATCH_SOURCE_H_
#define MIGRATE_PIPELINE_BATCH_SOURCE_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "io/chunk_reader.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "io/row_batch.h"
#include "pipeline/connection_source.h"
#include "pipeline/copy_plan.h"
#include "pipeline/memory_budget.h"
#include "pipeline/reconnect_options.h"

namespace migrate::pipeline {

// Asked before a row's `value_bytes` join the batch being filled, while the source holds `held`
// bytes of the memory budget (its connection's buffer). False ends the batch before that row,
// which opens the next batch; the first row of a batch is taken whatever it answers.
using RowAdmission = std::function<bool(size_t value_bytes, size_t held)>;

class BatchSource {
 public:
  virtual ~BatchSource() = default;
  // Fills `rows` (cleared first) with the next rows and sets `last_key` to the key of the last one
  // (empty for a document without a key). False, with no rows, once the range is exhausted.
  // `admit` may be empty: every row is taken up to the batch size.
  virtual absl::StatusOr<bool> Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission& admit) = 0;
  // Gives the connection (and its bytes of the budget) back; Next() must not be called after.
  virtual void Close() = 0;
};

// One connection's reads of a key range, as ResumingBatchSource drives them.
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  // Opens a connection and starts reading after `after` (nullopt: from the range's start).
  virtual absl::Status Open(const std::optional<io::Key>& after) = 0;
  // As BatchSource::Next, on the open connection.
  virtual absl::StatusOr<bool> Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission& admit) = 0;
  virtual void Close() = 0;
};

class ResumingBatchSource : public BatchSource {
 public:
  // Reads the range through `reader` (which must outlive the source) from after `after`.
  ResumingBatchSource(SourceReader& reader, std::optional<io::Key> after, ReconnectOptions options)
      : reader_(reader), read_after_(std::move(after)), options_(std::move(options)) {}
  ~ResumingBatchSource() override { Close(); }

  absl::StatusOr<bool> Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission& admit) override;
  void Close() override;

 private:
  SourceReader& reader_;
  std::optional<io::Key> read_after_;
  const ReconnectOptions options_;
  bool open_ = false;
};

// Reads `plan`'s rows in `range` on the source server, `batch_size` rows a batch at most. With a
// MemoryBudget, it charges to it the client library's buffer of the widest row its connection
// fetched (the values plus their length prefixes), given back when the connection closes.
class ChunkSourceReader : public SourceReader {
 public:
  ChunkSourceReader(const CopyPlan& plan, const io::KeyRange& range, const ConnectionSource& connections,
                    size_t batch_size, MemoryBudget* memory)
      : plan_(plan), range_(range), connections_(connections), batch_size_(batch_size), memory_(memory) {}
  ~ChunkSourceReader() override { Close(); }

  absl::Status Open(const std::optional<io::Key>& after) override;
  absl::StatusOr<bool> Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission& admit) override;
  void Close() override;

 private:
  // The reader's admit_row: charges the connection's buffer growth, then asks `admit_`.
  bool AdmitRow(size_t value_bytes);

  const CopyPlan& plan_;
  const io::KeyRange range_;
  const ConnectionSource& connections_;
  const size_t batch_size_;
  MemoryBudget* const memory_;
  std::unique_ptr<io::MysqlConnection> connection_;
  std::unique_ptr<io::ChunkReader> reader_;
  // The admission of the Next() call in progress.
  const RowAdmission* admit_ = nullptr;
  // The budget's bytes the connection's row buffer holds.
  size_t connection_bytes_ = 0;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_BATCH_SOURCE_H_
