#include "pipeline/chunk_copy.h"

#include <tbb/flow_graph.h>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/io_queue.h"
#include "pipeline/transform_chain.h"

namespace migrate::pipeline {
namespace {

// What a row costs beyond its value bytes: an io::RowBatch cell per value on each side, and the
// writer's bind array entry (io::BindArrays: pointer, length, indicator) per destination value.
constexpr size_t kCellBytes = io::RowBatch::kCellBytes;
constexpr size_t kBindBytes = sizeof(char*) + sizeof(unsigned long) + sizeof(char);

// One batch on its way through the graph: the rows as read, the rows as they will be written, and
// the key of the last row read, which the sink records with it. `reserved` is what it holds of
// the memory budget; `used` what its rows take of that.
struct Batch {
  explicit Batch(MemoryBudget* memory) : memory(memory) {}
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  ~Batch() { FreeStorage(); }

  // Frees the rows' storage and gives its bytes back. Explicit, not left to the destructor: the
  // graph's nodes may keep a copy of a batch's pointer after it went through.
  void FreeStorage() {
    source = io::RowBatch(source.column_count());
    destination = io::RowBatch();
    if (memory != nullptr) memory->Release(reserved);
    reserved = 0;
    used = 0;
  }

  // Every byte the batch's storage takes, as the budget counts it: the rows as read (their values
  // included, which the rows to be written borrow), the rows to be written (cells, and the values
  // transforms rewrote), the writer's statement (every value sent) and its bind arrays.
  size_t Cost() const {
    return source.ByteSize() + destination.ByteSize() + destination.ValueBytes() +
           kBindBytes * destination.row_count() * destination.column_count();
  }

  MemoryBudget* const memory;
  io::RowBatch source;
  io::RowBatch destination;
  io::Key last_key;
  size_t reserved = 0;
  size_t used = 0;
};
using BatchPtr = std::shared_ptr<Batch>;

class ChunkRun {
 public:
  ChunkRun(const CopyPlan& plan, BatchSource& source, BatchSink& sink, const ChunkCopyOptions& options,
           const Cancellation& cancellation, std::atomic<uint64_t>* rows_written)
      : plan_(plan),
        source_(source),
        sink_(sink),
        options_(options),
        cancellation_(cancellation),
        rows_written_(rows_written),
        mapper_(plan) {}

  // The graph, in the order the data flows through it. The source and the sink hand their
  // blocking calls to the chunk's reader and writer threads, so oneTBB's workers only run the map
  // and the transforms and never wait on a server; a batch's token goes back to the source once
  // the sink wrote it, so `batches_in_flight` tokens bound the batches in flight.
  absl::StatusOr<ChunkCopyResult> Run() {
    tbb::flow::graph graph;
    SourceNode source(graph, tbb::flow::serial, [this](const tbb::flow::continue_msg&, SourceNode::gateway_type& gateway) {
      gateway.reserve_wait();
      read_requests_.Push(&gateway);
    });
    tbb::flow::function_node<BatchPtr, BatchPtr> map(graph, tbb::flow::serial,
                                                     [this](BatchPtr batch) { return Map(std::move(batch)); });
    tbb::flow::function_node<BatchPtr, BatchPtr> transforms(
        graph, tbb::flow::serial, [this](BatchPtr batch) { return Transform(std::move(batch)); });
    SinkNode sink(graph, tbb::flow::serial, [this](BatchPtr batch, SinkNode::gateway_type& gateway) {
      gateway.reserve_wait();
      writes_.Push(PendingWrite{std::move(batch), &gateway});
    });
    tbb::flow::make_edge(source, map);
    tbb::flow::make_edge(map, transforms);
    tbb::flow::make_edge(transforms, sink);
    tbb::flow::make_edge(sink, source);
    std::thread reader([this] { ReadLoop(); });
    std::thread writer([this] { WriteLoop(); });
    const size_t tokens = std::max<size_t>(1, options_.batches_in_flight);
    for (size_t token = 0; token < tokens; ++token) source.try_put(tbb::flow::continue_msg());
    WaitUntilDrained();
    graph.wait_for_all();
    read_requests_.Close();
    writes_.Close();
    reader.join();
    writer.join();

    // The source's connection must close before the sink's: a streamed read holds it busy.
    source_.Close();
    if (!status_.ok()) return status_;
    return ChunkCopyResult{written_, exhausted_};
  }

 private:
  using SourceNode = tbb::flow::async_node<tbb::flow::continue_msg, BatchPtr>;
  using SinkNode = tbb::flow::async_node<BatchPtr, tbb::flow::continue_msg>;
  struct PendingWrite {
    BatchPtr batch;
    SinkNode::gateway_type* gateway;
  };

  // The reader thread: one batch per token the source node hands over, until reading stops.
  void ReadLoop() {
    while (std::optional<SourceNode::gateway_type*> gateway = read_requests_.Pop()) {
      if (BatchPtr batch = Read()) (*gateway)->try_put(std::move(batch));
      (*gateway)->release_wait();
    }
  }

  // The writer thread: writes each batch, then gives its token back to the source.
  void WriteLoop() {
    while (std::optional<PendingWrite> write = writes_.Pop()) {
      Write(std::move(write->batch));
      write->gateway->try_put(tbb::flow::continue_msg());
      write->gateway->release_wait();
    }
  }

  // Asleep until the source has stopped and every batch it read has left the sink.
  void WaitUntilDrained() {
    std::unique_lock<std::mutex> lock(mutex_);
    drained_.wait(lock, [this] { return reading_done_ && batches_left_ == 0; });
  }

  void Fail(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (status_.ok()) {
      status_ = io::WithContext(status, absl::StrCat("copying ", plan_.source.name, " to ", plan_.destination_table));
    }
    failed_.store(true);
  }

  // A batch to fill: a recycled one, keeping its storage and its bytes of the budget, unless other
  // chunks wait for memory: then the recycled ones are given back and the new batch waits its turn.
  BatchPtr Acquire() {
    if (options_.memory != nullptr && options_.memory->contended()) DropFreeBatches();
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return std::make_shared<Batch>(options_.memory);
    BatchPtr batch = std::move(free_.back());
    free_.pop_back();
    return batch;
  }

  void DropFreeBatches() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const BatchPtr& batch : free_) batch->FreeStorage();
    free_.clear();
  }

  // Keeps a batch for reuse, unless its memory is wanted or the source is done: then its storage
  // is freed.
  void Release(BatchPtr batch) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (reading_done_ ||
        (options_.memory != nullptr && (reader_waits_for_memory_ || options_.memory->contended()))) {
      batch->FreeStorage();
      return;
    }
    batch->used = 0;
    free_.push_back(std::move(batch));
  }

  // Before `value_bytes` of row values join `batch` (asked by the source, which holds `held` bytes
  // of the budget meanwhile): reserves what the row will take. False ends the batch before the
  // row; the first row of a batch waits for room instead.
  bool AdmitRow(Batch& batch, size_t value_bytes, size_t held) {
    MemoryBudget& memory = *options_.memory;
    // A batch the source starts filling again (after a lost connection) holds no rows yet.
    if (batch.source.empty()) batch.used = 0;
    // The values are held twice: as read (the rows to be written borrow them) and in the writer's
    // statement.
    const size_t needed = batch.used + 2 * value_bytes + kCellBytes * plan_.source_columns.size() +
                          (kCellBytes + kBindBytes) * plan_.destination_columns.size();
    if (needed > batch.reserved) {
      if (!batch.source.empty()) {
        if (!memory.TryReserve(needed - batch.reserved)) return false;
      } else {
        // Wait holding nothing but the connection's buffer: recycled storage goes back, and so
        // does every batch the sink finishes meanwhile.
        {
          std::lock_guard<std::mutex> lock(mutex_);
          reader_waits_for_memory_ = true;
        }
        DropFreeBatches();
        batch.FreeStorage();
        // Stopped while waiting: the row is taken all the same, and the source stops after it.
        if (!memory.Reserve(needed, held, cancellation_)) memory.Charge(needed);
        std::lock_guard<std::mutex> lock(mutex_);
        reader_waits_for_memory_ = false;
      }
      batch.reserved = needed;
    }
    batch.used = needed;
    return true;
  }

  // The source stops for good: its connection and every batch it will not fill again are given
  // back now, not when the graph ends (another chunk's source could be waiting for that memory).
  void FinishReading() {
    source_.Close();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      reading_done_ = true;
      if (batches_left_ == 0) drained_.notify_all();
    }
    DropFreeBatches();
  }

  // The next batch, or null once reading stopped (exhausted, stopped or failed).
  BatchPtr Read() {
    if (reading_done_) return nullptr;
    if (failed_.load() || cancellation_.stop_requested()) {
      FinishReading();
      return nullptr;
    }
    BatchPtr batch = Acquire();
    RowAdmission admit;
    if (options_.memory != nullptr) {
      admit = [this, &batch](size_t value_bytes, size_t held) { return AdmitRow(*batch, value_bytes, held); };
    }
    absl::StatusOr<bool> more = source_.Next(&batch->source, &batch->last_key, admit);
    if (!more.ok() || !*more) {
      Release(std::move(batch));
      if (!more.ok()) Fail(more.status());
      exhausted_ = more.ok();
      FinishReading();
      return nullptr;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ++batches_left_;
    return batch;
  }

  BatchPtr Map(BatchPtr batch) {
    if (!failed_.load()) mapper_.Map(batch->source, batch->destination);
    return batch;
  }

  BatchPtr Transform(BatchPtr batch) {
    if (failed_.load()) return batch;
    if (absl::Status status = RunTransformChain(plan_, mapper_, batch->source, batch->destination); !status.ok()) {
      Fail(status);
    }
    // The rows as written may take more than the source counted (a transform's longer values).
    if (const size_t cost = batch->Cost(); options_.memory != nullptr && cost > batch->reserved) {
      options_.memory->Charge(cost - batch->reserved);
      batch->reserved = cost;
    }
    return batch;
  }

  void Write(BatchPtr batch) {
    if (!failed_.load()) {
      if (absl::Status status = sink_.Write(batch->source, batch->destination, batch->last_key); status.ok()) {
        const uint64_t rows = batch->destination.row_count();
        written_ += rows;
        if (rows_written_ != nullptr) rows_written_->fetch_add(rows, std::memory_order_relaxed);
      } else {
        Fail(status);
      }
    }
    Release(std::move(batch));
    std::lock_guard<std::mutex> lock(mutex_);
    if (--batches_left_ == 0 && reading_done_) drained_.notify_all();
  }

  const CopyPlan& plan_;
  BatchSource& source_;
  BatchSink& sink_;
  const ChunkCopyOptions& options_;
  const Cancellation& cancellation_;
  std::atomic<uint64_t>* rows_written_;
  const BatchMapper mapper_;

  // Touched by the reader thread only (reading_done_ is written under mutex_ by it alone).
  bool exhausted_ = false;
  // Touched by the writer thread only.
  uint64_t written_ = 0;

  IoQueue<SourceNode::gateway_type*> read_requests_;
  IoQueue<PendingWrite> writes_;

  std::mutex mutex_;
  std::condition_variable drained_;
  // Batches the source returned that have not left the sink yet.
  size_t batches_left_ = 0;
  std::vector<BatchPtr> free_;
  bool reader_waits_for_memory_ = false;
  bool reading_done_ = false;
  absl::Status status_;
  std::atomic<bool> failed_{false};
};

}  // namespace

absl::StatusOr<ChunkCopyResult> CopyChunkThrough(const CopyPlan& plan, BatchSource& source, BatchSink& sink,
                                                 const ChunkCopyOptions& options, const Cancellation& cancellation,
                                                 std::atomic<uint64_t>* rows_written) {
  ChunkRun run(plan, source, sink, options, cancellation, rows_written);
  return run.Run();
}

absl::StatusOr<ChunkCopyResult> CopyChunk(const CopyPlan& plan, const io::KeyRange& range,
                                          const ConnectionSource& connections, ChunkProgress& progress,
                                          const ChunkCopyOptions& options, const Cancellation& cancellation,
                                          std::atomic<uint64_t>* rows_written) {
  const std::string what = absl::StrCat(plan.source.name, " -> ", plan.destination_table);
  const bool keyed = !plan.key.empty();
  const ReconnectOptions reconnect{keyed, connections.retry().attempts, what, options.on_reconnect};
  ChunkSourceReader reader(plan, range, connections, options.batch_size, options.memory);
  ResumingBatchSource source(reader, range.after, reconnect);
  ChunkSinkWriter writer(plan, connections, progress, options.value_changes);
  RetryingBatchSink sink(writer, reconnect);
  return CopyChunkThrough(plan, source, sink, options, cancellation, rows_written);
}

}  // namespace migrate::pipeline
