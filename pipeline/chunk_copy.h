// Copies one key range of one document: a oneTBB flow graph whose nodes are, as the data flows,
//   source -> map -> transforms -> sink
//     ^                              |
//     +------ the batch's token -----+
// The source (pipeline/batch_source.h) fills batches in key order; the map places each row's
// values into the destination's columns (pipeline/batch_mapper.h); the transforms run the plan's
// handlers (pipeline/transform_chain.h: the source handlers, which read the mapped rows, the map
// again, then the destination handlers); the sink (pipeline/batch_sink.h) writes each batch and
// records its progress in one transaction. Every node is serial, so batches stay in key order,
// and the nodes run concurrently: the source fetches page n+2 while the map works on n+1 and the
// sink inserts n. `batches_in_flight` tokens bound the batches in flight (a batch's token goes
// back to the source once the sink wrote it), so memory stays flat whatever the table size.
//
// The source and the sink are async nodes: they hand their blocking calls to the chunk's own
// reader and writer threads, so oneTBB's workers run only the map and the transforms and never
// wait on a server, and the calling thread sleeps until the last batch has left the sink. Nothing
// spins waiting for work but oneTBB's idle workers, one per core at most when the coordinator's
// arena is sized so (pipeline/coordinator.cc).
//
// With a MemoryBudget, the source reserves each row's bytes before the row joins a batch: its
// values as read, again as they will be written and once more in the writer's statement, plus the
// cell tables; and the client library's buffer of the widest row the source's connection fetched.
// A row that does not fit ends the batch; the first row of a batch waits for room. A batch keeps
// its bytes while the chunk recycles it, and gives them back once written when others wait, so the
// rows held by every chunk together stay under the budget whatever bulk_size and threads say.
//
// Lost connections are the source's and the sink's to reopen (each resumes where it stopped).
// Cancellation stops the source between batches; batches already read are still written and
// committed. The first error stops the source too, but the batches in flight are dropped, not
// written (their progress is not recorded: a resumed run reads them again); it is returned,
// naming the document.
//
// The graph runs in the calling thread's task arena; the calling thread only sleeps.
#ifndef MIGRATE_PIPELINE_CHUNK_COPY_H_
#define MIGRATE_PIPELINE_CHUNK_COPY_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "pipeline/batch_sink.h"
#include "pipeline/batch_source.h"
#include "pipeline/cancellation.h"
#include "pipeline/connection_source.h"
#include "pipeline/copy_plan.h"
#include "pipeline/memory_budget.h"
#include "pipeline/value_change_log.h"

namespace migrate::pipeline {

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

// Copies the rows of `plan` in `range` (after the resume point) from the source server to the
// destination (a ResumingBatchSource over a ChunkSourceReader, a RetryingBatchSink over a
// ChunkSinkWriter). `rows_written`, when given, is raised
// as batches commit, for progress displays.
absl::StatusOr<ChunkCopyResult> CopyChunk(const CopyPlan& plan, const io::KeyRange& range,
                                          const ConnectionSource& connections, ChunkProgress& progress,
                                          const ChunkCopyOptions& options, const Cancellation& cancellation,
                                          std::atomic<uint64_t>* rows_written = nullptr);

// The graph of CopyChunk over any source and sink (of options, batches_in_flight and memory apply).
// The source is closed before this returns.
absl::StatusOr<ChunkCopyResult> CopyChunkThrough(const CopyPlan& plan, BatchSource& source, BatchSink& sink,
                                                 const ChunkCopyOptions& options, const Cancellation& cancellation,
                                                 std::atomic<uint64_t>* rows_written = nullptr);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_CHUNK_COPY_H_
