// Runs the copy of many documents at once under one budget of threads and connections, and keeps
// their progress so a killed run resumes exactly where it stopped.
//
// For each document, the coordinator looks up its progress (io::ProgressStore, in the destination):
//   - finished: skipped, not read again;
//   - never started: the destination table is emptied (when the plan says so), what later steps
//     recorded about its rows forgotten (io/adjustment_store.h) and the rows the plan leaves out for
//     a later step's sake recorded (CopyPlan::left_out), the source key space is split into chunks
//     (io::SplitKeyRange) and the chunk plan stored; then copied;
//   - started: each unfinished chunk resumes after its last committed key, within the chunk
//     bounds stored by the first run. A document without a usable key cannot resume in the
//     middle: it is emptied and copied again whole.
// A destination table that every document writing it this run fills from empty (never started,
// table empty after the TRUNCATE), with at least min_rows_to_defer_indexes source rows, is loaded
// with its plain secondary keys taken off and gets them back in one ALTER TABLE once its last
// document is in (io/deferred_indexes.h). A run cut short leaves them recorded as pending; the next
// run's start builds them (stages/mode_runner.h) before anything touches the table.
// A plan marked direct_copy is one INSERT ... SELECT (pipeline/direct_copy.h) instead of a graph.
// Chunks of all documents, largest documents first, run on `threads` lanes; each lane runs one
// chunk's flow graph (pipeline/chunk_copy.h) at a time, using one source and one destination
// connection. The first error stops every lane after the batches in hand are committed.
#ifndef MIGRATE_PIPELINE_COORDINATOR_H_
#define MIGRATE_PIPELINE_COORDINATOR_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/progress_store.h"
#include "pipeline/cancellation.h"
#include "pipeline/chunk_copy.h"
#include "pipeline/connection_source.h"
#include "pipeline/copy_plan.h"

namespace migrate::pipeline {

struct CoordinatorOptions {
  // Progress is kept per step and stage.
  std::string step;
  std::string stage;
  // Chunks copied at once; each holds two connections.
  size_t threads = 4;
  ChunkCopyOptions chunk;
  // Tables smaller than this many rows per chunk are copied as one chunk.
  uint64_t min_rows_per_chunk = 200000;
  // Tables estimated smaller than this many rows keep their secondary indexes during the copy.
  uint64_t min_rows_to_defer_indexes = 20000;
};

struct DocumentResult {
  std::string document;
  // Rows this run wrote (not counting rows of earlier runs).
  uint64_t rows_written = 0;
  bool skipped_as_finished = false;
  bool complete = false;
  absl::Duration elapsed;
};

// What a progress display or log wants to hear; called from lane threads, possibly concurrently.
class CopyListener {
 public:
  virtual ~CopyListener() = default;
  // Called once before any copy starts: `rows_written` rises as batches commit, towards about
  // `estimated_rows` (the source tables' estimates of what is left). It may be read until
  // CopyFinished(), called once after the last lane stopped.
  virtual void CopyStarted(const std::atomic<uint64_t>& rows_written, uint64_t estimated_rows) = 0;
  virtual void CopyFinished() = 0;
  virtual void DocumentStarted(const CopyPlan& plan) = 0;
  virtual void DocumentFinished(const CopyPlan& plan, const DocumentResult& result) = 0;
  // A lost connection of the copy of `plan` (progress kept as `step`) was reopened; `what` says
  // which, while doing what, and why.
  virtual void Reconnected(const CopyPlan& plan, absl::string_view step, const std::string& what) = 0;
};

class Coordinator {
 public:
  Coordinator(const ConnectionSource& connections, CoordinatorOptions options, const Cancellation& cancellation)
      : connections_(connections), options_(std::move(options)), cancellation_(cancellation) {}

  // Copies every plan. Rows written so far are readable, while it runs, through rows_written().
  // A stop request returns the results so far (complete = false for documents cut short).
  absl::StatusOr<std::vector<DocumentResult>> Run(const std::vector<CopyPlan>& plans, CopyListener* listener);

  uint64_t rows_written() const { return rows_written_.load(std::memory_order_relaxed); }

 private:
  // Runs `work` on `connection` (opened when null), and once more on a new connection when the
  // first was lost (io::WhatRetryFixes: kReconnect). `work` must be safe to repeat: marking a chunk
  // finished, adding back the keys DeferIndexes took off a table.
  absl::Status OnDestination(std::unique_ptr<io::MysqlConnection>& connection,
                             absl::FunctionRef<absl::Status(io::MysqlConnection&)> work) const;

  const ConnectionSource& connections_;
  const CoordinatorOptions options_;
  const Cancellation& cancellation_;
  std::atomic<uint64_t> rows_written_{0};
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_COORDINATOR_H_
