// Copies one key range of one document: a oneTBB flow graph of
//   reader -> limiter -> batch mapper -> transformer -> writer
// where every node is serial (batches stay in key order) and the nodes run concurrently: the
// reader fetches page n+2 while the mapper works on n+1 and the writer inserts n. The limiter
// bounds the batches in flight, so memory stays flat whatever the table size.
//
// With a MemoryBudget, the reader reserves each row's bytes before the row joins a batch: its
// values as read, again as they will be written and once more in the writer's statement, plus the
// cell tables; and the client library's buffer of the widest row the reader's connection fetched.
// A row that does not fit ends the batch; the first row of a batch waits for room. A batch keeps
// its bytes while the chunk recycles it, and gives them back once written when others wait, so the
// rows held by every chunk together stay under the budget whatever bulk_size and threads say.
//
// The writer commits each batch in its own transaction together with the chunk's progress
// (`ChunkProgress::Record` on the writer's connection), so the destination always holds exactly
// the batches whose progress says so. A lost connection is reopened with backoff: the reader
// resumes after the last key it read; the writer asks the progress whether the batch in hand was
// committed before the loss, and writes it again if not.
//
// Cancellation stops the reader between batches; batches already read are still written and
// committed. The first error stops the chunk the same way and is returned.
#ifndef MIGRATE_PIPELINE_CHUNK_COPY_H_
#define MIGRATE_PIPELINE_CHUNK_COPY_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "pipeline/cancellation.h"
#include "pipeline/connection_source.h"
#include "pipeline/copy_plan.h"
#include "pipeline/memory_budget.h"
#include "pipeline/value_change_log.h"

namespace migrate::pipeline {

// How the writer records a chunk's progress; implemented over io::ProgressStore by the coordinator.
class ChunkProgress {
 public:
  virtual ~ChunkProgress() = default;
  // Records, inside the caller's open transaction on `connection`, that the rows up to `last_key`
  // (empty for a document without a key) are written, `rows` of them in this batch.
  virtual absl::Status Record(io::MysqlConnection& connection, const io::Key& last_key, uint64_t rows) = 0;
  // The last key recorded as committed, read on `connection`; nullopt when none is.
  virtual absl::StatusOr<std::optional<io::Key>> Committed(io::MysqlConnection& connection) = 0;
};

struct ChunkCopyOptions {
  size_t batch_size = 10000;
  size_t batches_in_flight = 4;
  // The bytes all chunks' rows share (pipeline/memory_budget.h); null: not bounded by bytes.
  MemoryBudget* memory = nullptr;
  // Called from the chunk's threads after a lost connection was reopened and the copy goes on, with
  // what was lost and why (e.g. "the source connection was lost while reading ... (error): reconnected").
  std::function<void(const std::string& what)> on_reconnect;
  // Where the values the destination changes are recorded (pipeline/value_change_log.h); when
  // they are fatal, the first rolls its batch back and fails the chunk. Null: not recorded.
  ValueChangeLog* value_changes = nullptr;
};

struct ChunkCopyResult {
  uint64_t rows_written = 0;
  // False when a stop request ended the chunk before its last row.
  bool complete = false;
};

// Copies the rows of `plan` in `range` (after the resume point). `rows_written`, when given, is
// raised as batches commit, for progress displays.
absl::StatusOr<ChunkCopyResult> CopyChunk(const CopyPlan& plan, const io::KeyRange& range,
                                          const ConnectionSource& connections, ChunkProgress& progress,
                                          const ChunkCopyOptions& options, const Cancellation& cancellation,
                                          std::atomic<uint64_t>* rows_written = nullptr);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_CHUNK_COPY_H_
