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

// One batch on its way through the graph: the rows as read, the rows as they will be written, and
// the key of the last row read, which the writer records with it.
struct Batch {
  io::RowBatch source;
  io::RowBatch destination;
  io::Key last_key;
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
    reader_.reset();
    source_connection_.reset();
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

  BatchPtr Acquire() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return std::make_shared<Batch>();
    BatchPtr batch = std::move(free_.back());
    free_.pop_back();
    return batch;
  }

  void Release(BatchPtr batch) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(batch));
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
    reader_ = std::make_unique<io::ChunkReader>(*source_connection_, std::move(options));
    return absl::OkStatus();
  }

  BatchPtr Read(tbb::flow_control& control) {
    int reconnects = 0;
    while (true) {
      if (failed_.load() || cancellation_.stop_requested()) {
        control.stop();
        return nullptr;
      }
      if (reader_ == nullptr) {
        if (absl::Status opened = OpenReader(); !opened.ok()) {
          Fail(opened);
          control.stop();
          return nullptr;
        }
      }
      BatchPtr batch = Acquire();
      absl::StatusOr<bool> more = reader_->Next(&batch->source);
      if (!more.ok()) {
        Release(std::move(batch));
        // A keyed read resumes after the last key it returned; an unkeyed stream cannot.
        if (Retryable(more.status()) && !plan_.key.empty() && reconnects < connections_.retry().attempts) {
          ++reconnects;
          reader_.reset();
          source_connection_.reset();
          if (absl::Status opened = OpenReader(); !opened.ok()) {
            Fail(opened);
            control.stop();
            return nullptr;
          }
          Reconnected("source", "reading", more.status());
          continue;
        }
        Fail(more.status());
        control.stop();
        return nullptr;
      }
      if (!*more) {
        Release(std::move(batch));
        exhausted_ = true;
        control.stop();
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

  // Writer state, touched by the serial writer node only.
  std::unique_ptr<io::MysqlConnection> destination_connection_;
  std::unique_ptr<io::BulkWriter> writer_;
  uint64_t written_ = 0;

  std::mutex mutex_;
  std::vector<BatchPtr> free_;
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
