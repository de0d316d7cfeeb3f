#include "pipeline/coordinator.h"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "io/adjustment_store.h"
#include "io/deferred_indexes.h"
#include "io/key_range_splitter.h"
#include "io/mysql_connection.h"
#include "io/mysql_error.h"
#include "io/progress_store.h"
#include "io/retry.h"
#include "pipeline/direct_copy.h"

namespace migrate::pipeline {
namespace {

// A chunk's progress as the writer sees it, kept in the destination's progress table.
class StoredChunkProgress : public ChunkProgress {
 public:
  StoredChunkProgress(const io::ProgressStore& store, io::ChunkId id) : store_(store), id_(std::move(id)) {}

  absl::Status Record(io::MysqlConnection& connection, const io::Key& last_key, uint64_t rows) override {
    return store_.Record(connection, id_, last_key, rows);
  }

  absl::StatusOr<std::optional<io::Key>> Committed(io::MysqlConnection& connection) override {
    absl::StatusOr<std::vector<io::ChunkProgress>> chunks = store_.Load(connection, id_.step, id_.stage);
    if (!chunks.ok()) return chunks.status();
    for (const io::ChunkProgress& chunk : *chunks) {
      if (chunk.id.document == id_.document && chunk.id.chunk == id_.chunk) return chunk.last_key;
    }
    return std::nullopt;
  }

 private:
  const io::ProgressStore& store_;
  const io::ChunkId id_;
};

struct ChunkTask {
  size_t plan_index;
  uint32_t chunk;
  io::KeyRange range;
};

// What the lanes share about one document.
struct DocumentState {
  std::atomic<size_t> chunks_left{0};
  std::atomic<uint64_t> rows{0};
  std::atomic<bool> started{false};
  std::atomic<bool> cut_short{false};
  absl::Time start_time;
};

// A destination table loaded without its secondary indexes, and the documents still to fill it.
struct DeferredTable {
  io::PendingIndexes pending;
  std::atomic<size_t> documents_left{0};
};

std::string DestinationName(const CopyPlan& plan) {
  return io::QualifiedName(plan.destination_database, plan.destination_table);
}

}  // namespace

absl::Status Coordinator::OnDestination(std::unique_ptr<io::MysqlConnection>& connection,
                                        absl::FunctionRef<absl::Status(io::MysqlConnection&)> work) const {
  absl::Status status;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (connection == nullptr) {
      absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = connections_.OpenDestination();
      if (!opened.ok()) return opened.status();
      connection = std::move(*opened);
    }
    status = work(*connection);
    if (io::WhatRetryFixes(status) != io::RetryKind::kReconnect) return status;
    connection.reset();
  }
  return status;
}

absl::StatusOr<std::vector<DocumentResult>> Coordinator::Run(const std::vector<CopyPlan>& plans,
                                                              CopyListener* listener) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> control = connections_.OpenDestination();
  if (!control.ok()) return control.status();
  absl::StatusOr<io::ProgressStore> store = io::ProgressStore::Open(**control);
  if (!store.ok()) return store.status();
  // A document started afresh is filled from the source again: what later steps recorded about its
  // row count (io/adjustment_store.h) no longer holds.
  absl::StatusOr<io::AdjustmentStore> adjustments = io::AdjustmentStore::Open(**control);
  if (!adjustments.ok()) return adjustments.status();
  absl::StatusOr<std::vector<io::ChunkProgress>> recorded = store->Load(**control, options_.step, options_.stage);
  if (!recorded.ok()) return recorded.status();
  std::map<std::string, std::vector<io::ChunkProgress>> recorded_by_document;
  for (io::ChunkProgress& chunk : *recorded) recorded_by_document[chunk.id.document].push_back(std::move(chunk));

  std::vector<DocumentResult> results(plans.size());
  std::vector<DocumentState> states(plans.size());
  std::vector<ChunkTask> tasks;
  // Per destination table: the documents this run writes it with, and whether all start afresh.
  std::map<std::string, std::pair<std::vector<size_t>, bool>> fills;
  std::unique_ptr<io::MysqlConnection> source;
  for (size_t i = 0; i < plans.size(); ++i) {
    const CopyPlan& plan = plans[i];
    results[i].document = plan.document;
    std::vector<io::ChunkProgress>& existing = recorded_by_document[plan.document];
    const bool all_finished = !existing.empty() && std::all_of(existing.begin(), existing.end(),
                                                               [](const io::ChunkProgress& c) { return c.finished; });
    if (all_finished) {
      results[i].skipped_as_finished = true;
      results[i].complete = true;
      continue;
    }
    bool fresh = existing.empty();
    if (!fresh && plan.key.empty()) {
      // No key to resume after: forget the partial copy and start the document again.
      if (absl::Status status = store->ForgetDocument(**control, options_.step, options_.stage, plan.document);
          !status.ok()) {
        return status;
      }
      fresh = true;
    }
    auto& [documents, all_fresh] = fills.try_emplace(DestinationName(plan), std::vector<size_t>(), true).first->second;
    documents.push_back(i);
    all_fresh = all_fresh && fresh;
    if (fresh) {
      if (plan.clear_destination) {
        std::string truncate = absl::StrCat("TRUNCATE TABLE ", io::QuoteIdentifier(plan.destination_database), ".",
                                            io::QuoteIdentifier(plan.destination_table));
        if (absl::Status status = (*control)->Execute(truncate); !status.ok()) return status;
      }
      // Before PlanChunks: killed in between, the document is still fresh and comes here again.
      if (absl::Status status = adjustments->ForgetDocument(**control, plan.destination_table); !status.ok()) {
        return status;
      }
      // Set, not added: repeated as often as a kill brings the document back here.
      if (plan.left_out.has_value()) {
        absl::Status status =
            adjustments->Set(**control, plan.left_out->adjustment_step, plan.destination_table, plan.left_out->rows);
        if (!status.ok()) return status;
      }
      std::vector<io::KeyRange> ranges = {io::KeyRange{}};
      if (!plan.key.empty() && !plan.direct_copy && options_.threads > 1 &&
          plan.source.estimated_rows >= 2 * options_.min_rows_per_chunk) {
        if (source == nullptr) {
          absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = connections_.OpenSource();
          if (!opened.ok()) return opened.status();
          source = std::move(*opened);
        }
        absl::StatusOr<std::vector<io::KeyRange>> split =
            io::SplitKeyRange(*source, plan.source, io::SplitOptions{options_.threads, options_.min_rows_per_chunk});
        if (!split.ok()) return io::WithContext(split.status(), absl::StrCat("splitting ", plan.source.name));
        ranges = std::move(*split);
      }
      absl::Status planned = store->PlanChunks(**control, options_.step, options_.stage, plan.document, ranges);
      if (!planned.ok()) return planned;
      for (uint32_t chunk = 0; chunk < ranges.size(); ++chunk) tasks.push_back(ChunkTask{i, chunk, ranges[chunk]});
    } else {
      for (const io::ChunkProgress& chunk : existing) {
        if (!chunk.finished) tasks.push_back(ChunkTask{i, chunk.id.chunk, chunk.RemainingRange()});
      }
    }
  }
  source.reset();
  // A table every document writing it fills afresh, from enough rows, is loaded without its plain keys.
  std::vector<io::LoadedTable> loaded;
  for (const auto& [table, fill] : fills) {
    const auto& [documents, all_fresh] = fill;
    uint64_t estimated_rows = 0;
    for (size_t i : documents) estimated_rows += plans[i].source.estimated_rows;
    if (!all_fresh || estimated_rows < options_.min_rows_to_defer_indexes) continue;
    const CopyPlan& plan = plans[documents.front()];
    loaded.push_back(io::LoadedTable{plan.destination_database, plan.destination_table});
  }
  absl::StatusOr<std::vector<std::optional<io::PendingIndexes>>> pending =
      io::DeferIndexesForLoad(**control, *store, loaded);
  if (!pending.ok()) return pending.status();
  std::map<std::string, DeferredTable> deferred;
  for (size_t i = 0; i < loaded.size(); ++i) {
    if (!(*pending)[i].has_value()) continue;
    const std::string table = io::QualifiedName(loaded[i].database, loaded[i].table);
    DeferredTable& entry = deferred[table];
    entry.pending = std::move(*(*pending)[i]);
    entry.documents_left = fills[table].first.size();
  }
  for (const ChunkTask& task : tasks) ++states[task.plan_index].chunks_left;
  std::stable_sort(tasks.begin(), tasks.end(), [&](const ChunkTask& a, const ChunkTask& b) {
    return plans[a.plan_index].source.estimated_rows > plans[b.plan_index].source.estimated_rows;
  });

  if (listener != nullptr) {
    uint64_t estimated_rows = 0;
    for (size_t i = 0; i < plans.size(); ++i) {
      if (!results[i].skipped_as_finished) estimated_rows += plans[i].source.estimated_rows;
    }
    listener->CopyStarted(rows_written_, estimated_rows);
  }

  // One arena for every lane's graphs, with a slot for each lane and a worker per core: the
  // graphs' tasks (map, transforms, handing batches to the chunks' reader and writer threads) never
  // block, and a lane only sleeps while its chunk runs. More workers would only spin for work.
  const size_t lanes = std::max<size_t>(1, std::min(options_.threads, tasks.size()));
  const int workers = tbb::info::default_concurrency();
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, workers + 1);
  tbb::task_arena arena(workers + static_cast<int>(lanes), static_cast<int>(lanes));
  Cancellation stop(&cancellation_);
  std::atomic<size_t> next_task{0};
  std::mutex mutex;
  absl::Status first_error;

  auto fail = [&](absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex);
    if (first_error.ok()) first_error = std::move(status);
    stop.RequestStop();
  };

  auto lane = [&] {
    std::unique_ptr<io::MysqlConnection> lane_control;
    while (!stop.stop_requested()) {
      const size_t index = next_task.fetch_add(1);
      if (index >= tasks.size()) break;
      const ChunkTask& task = tasks[index];
      const CopyPlan& plan = plans[task.plan_index];
      DocumentState& state = states[task.plan_index];
      if (!state.started.exchange(true)) {
        {
          std::lock_guard<std::mutex> lock(mutex);
          state.start_time = absl::Now();
        }
        if (listener != nullptr) listener->DocumentStarted(plan);
      }
      io::ChunkId id{options_.step, options_.stage, plan.document, task.chunk};
      StoredChunkProgress progress(*store, id);
      absl::StatusOr<ChunkCopyResult> result;
      if (plan.direct_copy) {
        absl::StatusOr<uint64_t> rows = CopyDirectly(plan, connections_, *store, id, options_.chunk.value_changes);
        if (rows.ok()) {
          rows_written_ += *rows;
          result = ChunkCopyResult{*rows, true};
        } else {
          result = rows.status();
        }
      } else {
        ChunkCopyOptions chunk_options = options_.chunk;
        if (listener != nullptr) {
          chunk_options.on_reconnect = [&](const std::string& what) { listener->Reconnected(plan, options_.step, what); };
        }
        arena.execute([&] {
          result = CopyChunk(plan, task.range, connections_, progress, chunk_options, stop, &rows_written_);
        });
      }
      if (!result.ok()) {
        state.cut_short = true;
        fail(result.status());
        break;
      }
      state.rows += result->rows_written;
      if (!result->complete) {
        state.cut_short = true;
        continue;
      }
      const absl::Status marked = OnDestination(
          lane_control, [&](io::MysqlConnection& connection) { return store->MarkFinished(connection, id); });
      if (!marked.ok()) {
        fail(marked);
        break;
      }
      if (state.chunks_left.fetch_sub(1) == 1 && !state.cut_short) {
        if (auto table = deferred.find(DestinationName(plan));
            table != deferred.end() && table->second.documents_left.fetch_sub(1) == 1) {
          const absl::Status built = OnDestination(lane_control, [&](io::MysqlConnection& connection) {
            return io::RestoreIndexes(connection, *store, table->second.pending);
          });
          if (!built.ok()) {
            fail(built);
            break;
          }
        }
        DocumentResult& done = results[task.plan_index];
        done.rows_written = state.rows;
        done.complete = true;
        {
          std::lock_guard<std::mutex> lock(mutex);
          done.elapsed = absl::Now() - state.start_time;
        }
        if (listener != nullptr) listener->DocumentFinished(plan, done);
      }
    }
  };

  std::vector<std::thread> threads;
  for (size_t i = 0; i < lanes; ++i) threads.emplace_back(lane);
  for (std::thread& thread : threads) thread.join();
  if (listener != nullptr) listener->CopyFinished();

  if (!first_error.ok()) return first_error;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (!results[i].complete) results[i].rows_written = states[i].rows;
  }
  return results;
}

}  // namespace migrate::pipeline
