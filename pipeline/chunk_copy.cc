#include "pipeline/chunk_copy.h"

#include <tbb/flow_graph.h>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/bulk_writer.h"
#include "io/chunk_reader.h"
#include "io/mysql_error.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/transform_chain.h"

namespace migrate::pipeline {
namespace {

// What a row costs beyond its value bytes: an io::RowBatch cell per value on each side, and the
// writer's bind array entry (io::BindArrays: pointer, length, indicator) per destination value.
constexpr size_t kCellBytes = io::RowBatch::kCellBytes;
constexpr size_t kBindBytes = sizeof(char*) + sizeof(unsigned long) + sizeof(char);
// The most a value's length prefix takes in a row packet of the client library's buffer.
constexpr size_t kPacketBytesPerValue = 9;

// One batch on its way through the graph: the rows as read, the rows as they will be written, and
// the key of the last row read, which the writer records with it. `reserved` is what it holds of
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

bool Retryable(const absl::Status& status) { return absl::IsUnavailable(status); }

class ChunkRun {
 public:
  ChunkRun(const CopyPlan& plan, const io::KeyRange& range, const ConnectionSource& connections,
           ChunkProgress& progress, const ChunkCopyOptions& options, const Cancellation& cancellation,
           std::atomic<uint64_t>* rows_written)
      : plan_(plan),
        range_(range),
        connections_(connections),
        progress_(progress),
        options_(options),
        cancellation_(cancellation),
        rows_written_(rows_written),
        mapper_(plan),
        read_after_(range.after) {
    for (const io::KeyColumn& column : plan_.key) {
      for (size_t i = 0; i < plan_.source_columns.size(); ++i) {
        if (plan_.source_columns[i] != column.name) continue;
        key_names_.push_back(column.name);
        key_positions_.push_back(i);
        break;
      }
    }
  }

  absl::StatusOr<ChunkCopyResult> Run() {
    tbb::flow::graph graph;
    tbb::flow::input_node<BatchPtr> reader(graph, [this](tbb::flow_control& control) { return Read(control); });
    tbb::flow::limiter_node<BatchPtr> limiter(graph, options_.batches_in_flight);
    tbb::flow::function_node<BatchPtr, BatchPtr> mapper(graph, tbb::flow::serial,
                                                        [this](BatchPtr batch) { return Map(std::move(batch)); });
    tbb::flow::function_node<BatchPtr, BatchPtr> transformer(
        graph, tbb::flow::serial, [this](BatchPtr batch) { return Transform(std::move(batch)); });
    tbb::flow::function_node<BatchPtr, tbb::flow::continue_msg> writer(graph, tbb::flow::serial, [this](BatchPtr batch) {
      Write(std::move(batch));
      return tbb::flow::continue_msg();
    });
    tbb::flow::make_edge(reader, limiter);
    tbb::flow::make_edge(limiter, mapper);
    tbb::flow::make_edge(mapper, transformer);
    tbb::flow::make_edge(transformer, writer);
    tbb::flow::make_edge(writer, limiter.decrementer());
    reader.activate();
    graph.wait_for_all();

    // The reader's connection must close before the writer's: a streamed read holds it busy.
    CloseReader();
    if (!status_.ok()) return status_;
    return ChunkCopyResult{written_, exhausted_};
  }

 private:
  void Fail(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (status_.ok()) {
      status_ = io::WithContext(status, absl::StrCat("copying ", plan_.source.name, " to ", plan_.destination_table));
    }
    failed_.store(true);
  }

  void Reconnected(absl::string_view side, absl::string_view doing, const absl::Status& cause) {
    if (!options_.on_reconnect) return;
    options_.on_reconnect(absl::StrCat("The ", side, " connection was lost while ", doing, " ", plan_.source.name,
                                       " -> ", plan_.destination_table, " (", cause.message(),
                                       "); reconnected, the copy goes on after the last committed batch"));
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

  // Keeps a written batch for reuse, unless its memory is wanted or the reader is done: then its
  // storage is freed.
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

  // Before `value_bytes` of row values join the batch being filled (called by the reader): reserves
  // what the row will take, and what the client library's buffer grew by to fetch it. False ends the
  // batch before the row; the first row of a batch waits for room instead.
  bool AdmitRow(size_t value_bytes) {
    MemoryBudget& memory = *options_.memory;
    const size_t row_buffer = value_bytes + kPacketBytesPerValue * plan_.source_columns.size();
    if (row_buffer > connection_bytes_) {
      memory.Charge(row_buffer - connection_bytes_);
      connection_bytes_ = row_buffer;
    }
    Batch& batch = *filling_;
    // The values are held twice: as read (the rows to be written borrow them) and in the writer's
    // statement.
    const size_t needed = batch.used + 2 * value_bytes + kCellBytes * plan_.source_columns.size() +
                          (kCellBytes + kBindBytes) * plan_.destination_columns.size();
    if (needed > batch.reserved) {
      if (!batch.source.empty()) {
        if (!memory.TryReserve(needed - batch.reserved)) return false;
      } else {
        // Wait holding nothing but the connection's buffer: recycled storage goes back, and so
        // does every batch the writer finishes meanwhile.
        {
          std::lock_guard<std::mutex> lock(mutex_);
          reader_waits_for_memory_ = true;
        }
        DropFreeBatches();
        batch.FreeStorage();
        // Stopped while waiting: the row is taken all the same, and the reader stops after it.
        if (!memory.Reserve(needed, connection_bytes_, cancellation_)) memory.Charge(needed);
        std::lock_guard<std::mutex> lock(mutex_);
        reader_waits_for_memory_ = false;
      }
      batch.reserved = needed;
    }
    batch.used = needed;
    return true;
  }

  // The reader stops for good: its connection and every batch it will not fill again are given back
  // now, not when the graph ends (a thread waiting for this graph may be lent to another chunk's
  // reader, which could be waiting for exactly this memory).
  void FinishReading(tbb::flow_control& control) {
    control.stop();
    CloseReader();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      reading_done_ = true;
    }
    DropFreeBatches();
  }

  void CloseReader() {
    reader_.reset();
    source_connection_.reset();
    if (options_.memory != nullptr) options_.memory->Release(connection_bytes_);
    connection_bytes_ = 0;
  }

  absl::Status OpenReader() {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections_.OpenSource();
    if (!connection.ok()) return connection.status();
    source_connection_ = std::move(*connection);
    io::ChunkReaderOptions options;
    options.database = plan_.source.database;
    options.table = plan_.source.name;
    options.columns = plan_.source_columns;
    options.key = plan_.key;
    options.range = io::KeyRange{read_after_, range_.upto};
    options.filter = plan_.filter;
    options.batch_size = options_.batch_size;
    if (options_.memory != nullptr) options.admit_row = [this](size_t value_bytes) { return AdmitRow(value_bytes); };
    reader_ = std::make_unique<io::ChunkReader>(*source_connection_, std::move(options));
    return absl::OkStatus();
  }

  BatchPtr Read(tbb::flow_control& control) {
    int reconnects = 0;
    while (true) {
      if (failed_.load() || cancellation_.stop_requested()) {
        FinishReading(control);
        return nullptr;
      }
      if (reader_ == nullptr) {
        if (absl::Status opened = OpenReader(); !opened.ok()) {
          Fail(opened);
          FinishReading(control);
          return nullptr;
        }
      }
      BatchPtr batch = Acquire();
      filling_ = batch.get();
      absl::StatusOr<bool> more = reader_->Next(&batch->source);
      if (!more.ok()) {
        Release(std::move(batch));
        // A keyed read resumes after the last key it returned; an unkeyed stream cannot.
        if (Retryable(more.status()) && !plan_.key.empty() && reconnects < connections_.retry().attempts) {
          ++reconnects;
          CloseReader();
          if (absl::Status opened = OpenReader(); !opened.ok()) {
            Fail(opened);
            FinishReading(control);
            return nullptr;
          }
          Reconnected("source", "reading", more.status());
          continue;
        }
        Fail(more.status());
        FinishReading(control);
        return nullptr;
      }
      if (!*more) {
        Release(std::move(batch));
        exhausted_ = true;
        FinishReading(control);
        return nullptr;
      }
      batch->last_key = reader_->last_key();
      if (!plan_.key.empty()) read_after_ = batch->last_key;
      return batch;
    }
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
    // The rows as written may take more than the reader counted (a transform's longer values).
    if (const size_t cost = batch->Cost(); options_.memory != nullptr && cost > batch->reserved) {
      options_.memory->Charge(cost - batch->reserved);
      batch->reserved = cost;
    }
    return batch;
  }

  absl::Status OpenWriter() {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections_.OpenDestination();
    if (!connection.ok()) return connection.status();
    destination_connection_ = std::move(*connection);
    io::BulkWriterOptions options;
    options.database = plan_.destination_database;
    options.table = plan_.destination_table;
    options.columns = plan_.DestinationColumnNames();
    options.mode = plan_.write_mode;
    options.update_columns = plan_.update_columns;
    absl::StatusOr<std::unique_ptr<io::BulkWriter>> writer = io::BulkWriter::Create(*destination_connection_, options);
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    return absl::OkStatus();
  }

  // Hands what the destination changed in `batch` to the run's log: before the commit when that
  // fails the batch, after it otherwise (a batch written again after a lost connection counts once).
  absl::Status RecordValueChanges(const Batch& batch) {
    if (options_.value_changes == nullptr || writer_->value_changes().empty()) return absl::OkStatus();
    return options_.value_changes->Record(plan_.destination_table, writer_->columns(), batch.destination,
                                          writer_->value_changes(), [&](size_t row) {
                                            return DescribeKey(key_names_, key_positions_, batch.source, row);
                                          });
  }

  absl::Status WriteInTransaction(const Batch& batch) {
    if (absl::Status status = destination_connection_->Execute("START TRANSACTION"); !status.ok()) return status;
    const bool fatal = options_.value_changes != nullptr && options_.value_changes->fatal();
    absl::Status status = writer_->Write(batch.destination);
    if (status.ok() && fatal) status = RecordValueChanges(batch);
    if (status.ok()) status = progress_.Record(*destination_connection_, batch.last_key, batch.destination.row_count());
    if (status.ok()) status = destination_connection_->Execute("COMMIT");
    if (!status.ok() && !Retryable(status)) destination_connection_->Execute("ROLLBACK").IgnoreError();
    if (status.ok() && !fatal) status = RecordValueChanges(batch);
    return status;
  }

  // After a lost connection: true when the batch's transaction reached the server's commit.
  absl::StatusOr<bool> AlreadyCommitted(const Batch& batch) {
    if (plan_.key.empty()) return false;
    absl::StatusOr<std::optional<io::Key>> committed = progress_.Committed(*destination_connection_);
    if (!committed.ok()) return committed.status();
    return committed->has_value() && **committed == batch.last_key;
  }

  void Write(BatchPtr batch) {
    int reconnects = 0;
    while (!failed_.load()) {
      absl::Status status = writer_ == nullptr ? OpenWriter() : absl::OkStatus();
      if (status.ok()) status = WriteInTransaction(*batch);
      if (status.ok()) {
        Count(batch->destination.row_count());
        break;
      }
      const bool can_retry = Retryable(status) && !plan_.key.empty() && reconnects < connections_.retry().attempts;
      if (!can_retry) {
        Fail(status);
        break;
      }
      ++reconnects;
      writer_.reset();
      destination_connection_.reset();
      if (absl::Status reopened = OpenWriter(); !reopened.ok()) {
        Fail(reopened);
        break;
      }
      Reconnected("destination", "writing", status);
      absl::StatusOr<bool> committed = AlreadyCommitted(*batch);
      if (!committed.ok()) {
        Fail(committed.status());
        break;
      }
      if (*committed) {
        Count(batch->destination.row_count());
        break;
      }
    }
    Release(std::move(batch));
  }

  void Count(uint64_t rows) {
    written_ += rows;
    if (rows_written_ != nullptr) rows_written_->fetch_add(rows, std::memory_order_relaxed);
  }

  const CopyPlan& plan_;
  const io::KeyRange range_;
  const ConnectionSource& connections_;
  ChunkProgress& progress_;
  const ChunkCopyOptions options_;
  const Cancellation& cancellation_;
  std::atomic<uint64_t>* rows_written_;
  const BatchMapper mapper_;
  // The resume key's columns and their positions among the source columns, to name changed rows.
  std::vector<std::string> key_names_;
  std::vector<size_t> key_positions_;

  // Reader state, touched by the serial reader node only.
  std::unique_ptr<io::MysqlConnection> source_connection_;
  std::unique_ptr<io::ChunkReader> reader_;
  std::optional<io::Key> read_after_;
  bool exhausted_ = false;
  // The batch the reader fills, and the budget's bytes its connection's row buffer holds.
  Batch* filling_ = nullptr;
  size_t connection_bytes_ = 0;

  // Writer state, touched by the serial writer node only.
  std::unique_ptr<io::MysqlConnection> destination_connection_;
  std::unique_ptr<io::BulkWriter> writer_;
  uint64_t written_ = 0;

  std::mutex mutex_;
  std::vector<BatchPtr> free_;
  bool reader_waits_for_memory_ = false;
  bool reading_done_ = false;
  absl::Status status_;
  std::atomic<bool> failed_{false};
};

}  // namespace

absl::StatusOr<ChunkCopyResult> CopyChunk(const CopyPlan& plan, const io::KeyRange& range,
                                          const ConnectionSource& connections, ChunkProgress& progress,
                                          const ChunkCopyOptions& options, const Cancellation& cancellation,
                                          std::atomic<uint64_t>* rows_written) {
  ChunkRun run(plan, range, connections, progress, options, cancellation, rows_written);
  return run.Run();
}

}  // namespace migrate::pipeline
