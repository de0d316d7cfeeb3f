// The per-chunk graph (pipeline/chunk_copy.h) and the retries of its source and sink
// (pipeline/batch_source.h, pipeline/batch_sink.h), on in-memory fakes: no server involved.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_error.h"
#include "pipeline/batch_sink.h"
#include "pipeline/batch_source.h"
#include "pipeline/cancellation.h"
#include "pipeline/chunk_copy.h"

namespace migrate::pipeline {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

absl::Status LostConnection() { return io::MysqlError(2013, "Lost connection to server during query", "fake"); }

// One key column `id`, copied unchanged from `t` to `t2`.
CopyPlan IdPlan() {
  CopyPlan plan;
  plan.document = "t";
  plan.source.name = "t";
  plan.source_columns = {"id"};
  plan.key = {io::KeyColumn{"id", true}};
  plan.destination_table = "t2";
  plan.destination_columns = {DestinationColumn{"id", 0, std::nullopt}};
  return plan;
}

int KeyOf(const io::Key& key) {
  int id = 0;
  EXPECT_TRUE(absl::SimpleAtoi(key.at(0), &id));
  return id;
}

std::vector<int> Range(int first, int last) {
  std::vector<int> ids;
  for (int id = first; id <= last; ++id) ids.push_back(id);
  return ids;
}

// Reads ids 1..row_count, `batch_size` a batch, after a resume key: a SourceReader that can lose
// its connection once, after `fail_after_rows` rows of a batch have been read.
class FakeReader : public SourceReader {
 public:
  FakeReader(int row_count, size_t batch_size) : row_count_(row_count), batch_size_(batch_size) {}

  absl::Status Open(const std::optional<io::Key>& after) override {
    next_ = after.has_value() ? KeyOf(*after) + 1 : 1;
    ++opens;
    return absl::OkStatus();
  }

  absl::StatusOr<bool> Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission&) override {
    rows->Reset(1);
    while (rows->row_count() < batch_size_ && next_ <= row_count_) {
      if (lose_at_row.has_value() && next_ == *lose_at_row) {
        lose_at_row.reset();
        return LostConnection();
      }
      rows->AddValue(std::to_string(next_++));
      rows->FinishRow();
    }
    if (rows->empty()) return false;
    *last_key = {std::to_string(next_ - 1)};
    return true;
  }

  void Close() override {}

  std::optional<int> lose_at_row;
  int opens = 0;

 private:
  const int row_count_;
  const size_t batch_size_;
  int next_ = 1;
};

// A BatchSource handing out the fake reader's batches, counting them; it can request a stop
// after `stop_after` batches and fail its `fail_at`th batch.
class CountingSource : public BatchSource {
 public:
  CountingSource(int row_count, size_t batch_size) : reader_(row_count, batch_size) {
    reader_.Open(std::nullopt).IgnoreError();
  }

  absl::StatusOr<bool> Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission& admit) override {
    if (fail_at.has_value() && batches + 1 == *fail_at) return absl::InternalError("the source broke");
    absl::StatusOr<bool> more = reader_.Next(rows, last_key, admit);
    if (more.ok() && *more) {
      ++batches;
      if (stop_after.has_value() && batches == *stop_after) stop->RequestStop();
      if (written != nullptr) {
        const int in_flight = batches - written->load();
        peak_in_flight = std::max(peak_in_flight, in_flight);
      }
    }
    return more;
  }

  void Close() override { ++closes; }

  int batches = 0;
  int closes = 0;
  int peak_in_flight = 0;
  const std::atomic<int>* written = nullptr;
  std::optional<int> stop_after;
  Cancellation* stop = nullptr;
  std::optional<int> fail_at;

 private:
  FakeReader reader_;
};

// Keeps the ids of every committed batch and, as the progress would, the last key committed.
// It can lose its connection once, before or after committing its `lose_at`th write attempt, or
// deadlock once.
class FakeWriter : public SinkWriter {
 public:
  enum class Failure { kNone, kLostBeforeCommit, kLostAfterCommit, kDeadlock, kBroken };

  absl::Status Reconnect() override {
    ++reconnects;
    return absl::OkStatus();
  }

  absl::Status WriteOnce(const io::RowBatch&, const io::RowBatch& rows, const io::Key& last_key) override {
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
    const bool fail = ++attempts == lose_at;
    if (fail && failure == Failure::kLostBeforeCommit) return LostConnection();
    if (fail && failure == Failure::kDeadlock) return io::MysqlError(1213, "Deadlock found", "fake");
    if (fail && failure == Failure::kBroken) return absl::InternalError("the destination broke");
    {
      std::lock_guard<std::mutex> lock(mutex);
      for (size_t row = 0; row < rows.row_count(); ++row) ids.push_back(std::stoi(std::string(rows.Value(row, 0))));
      committed = last_key;
    }
    ++written_batches;
    if (fail && failure == Failure::kLostAfterCommit) return LostConnection();
    return absl::OkStatus();
  }

  absl::StatusOr<bool> Committed(const io::Key& last_key) override {
    std::lock_guard<std::mutex> lock(mutex);
    return committed == last_key;
  }

  Failure failure = Failure::kNone;
  int lose_at = 0;
  std::chrono::milliseconds pause{0};
  int attempts = 0;
  int reconnects = 0;
  std::atomic<int> written_batches{0};
  std::mutex mutex;
  std::vector<int> ids;
  io::Key committed;
};

ReconnectOptions Retries(std::vector<std::string>* messages) {
  return ReconnectOptions{true, 3, "t -> t2", [messages](const std::string& message) { messages->push_back(message); }};
}

ChunkCopyOptions GraphOptions(size_t batches_in_flight) {
  ChunkCopyOptions options;
  options.batches_in_flight = batches_in_flight;
  return options;
}

TEST(ChunkGraphTest, WritesEveryRowOnceInKeyOrder) {
  const CopyPlan plan = IdPlan();
  CountingSource source(2500, 100);
  FakeWriter writer;
  RetryingBatchSink sink(writer, ReconnectOptions{});
  Cancellation never;
  std::atomic<uint64_t> rows_written{0};
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(3), never, &rows_written);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->complete);
  EXPECT_EQ(result->rows_written, 2500u);
  EXPECT_EQ(rows_written.load(), 2500u);
  EXPECT_THAT(writer.ids, ElementsAreArray(Range(1, 2500)));
  EXPECT_EQ(writer.committed, io::Key{"2500"});
  EXPECT_GE(source.closes, 1);
}

TEST(ChunkGraphTest, BoundsTheBatchesInFlight) {
  const CopyPlan plan = IdPlan();
  CountingSource source(3000, 50);
  FakeWriter writer;
  writer.pause = std::chrono::milliseconds(2);
  source.written = &writer.written_batches;
  RetryingBatchSink sink(writer, ReconnectOptions{});
  Cancellation never;
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(2), never);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows_written, 3000u);
  // The source ran ahead of the slow sink, never by more than the two tokens.
  EXPECT_EQ(source.peak_in_flight, 2);
}

TEST(ChunkGraphTest, ASinkThatLostItsConnectionBeforeTheCommitWritesTheBatchAgainOnce) {
  const CopyPlan plan = IdPlan();
  CountingSource source(1000, 100);
  FakeWriter writer;
  writer.failure = FakeWriter::Failure::kLostBeforeCommit;
  writer.lose_at = 4;
  std::vector<std::string> messages;
  RetryingBatchSink sink(writer, Retries(&messages));
  Cancellation never;
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(2), never);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows_written, 1000u);
  EXPECT_THAT(writer.ids, ElementsAreArray(Range(1, 1000)));
  EXPECT_EQ(writer.reconnects, 1);
  EXPECT_EQ(writer.written_batches.load(), 10);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0], HasSubstr("The destination connection was lost while writing t -> t2 ("));
}

TEST(ChunkGraphTest, ASinkThatLostItsConnectionAfterTheCommitDoesNotWriteTheBatchAgain) {
  const CopyPlan plan = IdPlan();
  CountingSource source(1000, 100);
  FakeWriter writer;
  writer.failure = FakeWriter::Failure::kLostAfterCommit;
  writer.lose_at = 4;
  std::vector<std::string> messages;
  RetryingBatchSink sink(writer, Retries(&messages));
  Cancellation never;
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(2), never);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows_written, 1000u);
  EXPECT_THAT(writer.ids, ElementsAreArray(Range(1, 1000)));
  EXPECT_EQ(writer.reconnects, 1);
  EXPECT_EQ(writer.attempts, 10);
  EXPECT_EQ(messages.size(), 1u);
}

TEST(ChunkGraphTest, ADeadlockedBatchIsWrittenAgainOnTheSameConnection) {
  FakeWriter writer;
  writer.failure = FakeWriter::Failure::kDeadlock;
  writer.lose_at = 1;
  std::vector<std::string> messages;
  RetryingBatchSink sink(writer, Retries(&messages));
  io::RowBatch rows(1);
  rows.AddValue("7");
  rows.FinishRow();
  ASSERT_TRUE(sink.Write(rows, rows, io::Key{"7"}).ok());
  EXPECT_THAT(writer.ids, ElementsAreArray({7}));
  EXPECT_EQ(writer.attempts, 2);
  EXPECT_EQ(writer.reconnects, 0);
  EXPECT_TRUE(messages.empty());
}

TEST(ChunkGraphTest, AnUnkeyedSinkDoesNotRetryALostConnection) {
  FakeWriter writer;
  writer.failure = FakeWriter::Failure::kLostAfterCommit;
  writer.lose_at = 1;
  ReconnectOptions options;
  options.keyed = false;
  RetryingBatchSink sink(writer, options);
  io::RowBatch rows(1);
  rows.AddValue("7");
  rows.FinishRow();
  const absl::Status status = sink.Write(rows, rows, io::Key{});
  EXPECT_EQ(io::MysqlErrorNumber(status), 2013u) << status;
  EXPECT_EQ(writer.reconnects, 0);
}

TEST(ChunkGraphTest, ASourceThatLostItsConnectionMidBatchResumesAfterTheLastKeyItReturned) {
  const CopyPlan plan = IdPlan();
  FakeReader reader(1000, 100);
  reader.lose_at_row = 357;
  std::vector<std::string> messages;
  ResumingBatchSource source(reader, std::nullopt,
                             ReconnectOptions{true, 3, "t -> t2", [&](const std::string& m) { messages.push_back(m); }});
  FakeWriter writer;
  RetryingBatchSink sink(writer, ReconnectOptions{});
  Cancellation never;
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(2), never);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows_written, 1000u);
  EXPECT_THAT(writer.ids, ElementsAreArray(Range(1, 1000)));
  EXPECT_EQ(reader.opens, 2);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0], HasSubstr("The source connection was lost while reading t -> t2 ("));
}

TEST(ChunkGraphTest, AnUnkeyedSourceDoesNotResume) {
  FakeReader reader(1000, 100);
  reader.lose_at_row = 357;
  ResumingBatchSource source(reader, std::nullopt, ReconnectOptions{false, 3, "t -> t2", nullptr});
  io::RowBatch rows;
  io::Key last_key;
  absl::Status status;
  while (status.ok()) {
    absl::StatusOr<bool> more = source.Next(&rows, &last_key, nullptr);
    if (more.ok() && !*more) break;
    status = more.status();
  }
  EXPECT_EQ(io::MysqlErrorNumber(status), 2013u) << status;
  EXPECT_EQ(reader.opens, 1);
}

TEST(ChunkGraphTest, AStopEndsReadingBetweenBatchesAndWritesWhatWasRead) {
  const CopyPlan plan = IdPlan();
  CountingSource source(5000, 100);
  Cancellation stop;
  source.stop_after = 3;
  source.stop = &stop;
  FakeWriter writer;
  RetryingBatchSink sink(writer, ReconnectOptions{});
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(2), stop);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->complete);
  EXPECT_EQ(source.batches, 3);
  EXPECT_EQ(result->rows_written, 300u);
  EXPECT_THAT(writer.ids, ElementsAreArray(Range(1, 300)));
  EXPECT_EQ(writer.committed, io::Key{"300"});
}

TEST(ChunkGraphTest, TheFirstErrorStopsTheChunkAndNamesTheDocument) {
  const CopyPlan plan = IdPlan();
  CountingSource source(100000, 100);
  FakeWriter writer;
  writer.failure = FakeWriter::Failure::kBroken;
  writer.lose_at = 2;
  writer.pause = std::chrono::milliseconds(1);
  RetryingBatchSink sink(writer, ReconnectOptions{});
  Cancellation never;
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(2), never);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("copying t to t2: the destination broke"));
  // Only the first batch committed, and reading stopped soon after the failure.
  EXPECT_THAT(writer.ids, ElementsAreArray(Range(1, 100)));
  EXPECT_LT(source.batches, 10);
}

TEST(ChunkGraphTest, ASourceErrorIsReturnedAndNothingAfterItIsWritten) {
  const CopyPlan plan = IdPlan();
  CountingSource source(1000, 100);
  source.fail_at = 4;
  FakeWriter writer;
  RetryingBatchSink sink(writer, ReconnectOptions{});
  Cancellation never;
  absl::StatusOr<ChunkCopyResult> result = CopyChunkThrough(plan, source, sink, GraphOptions(2), never);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("copying t to t2: the source broke"));
  // The batches in flight when it failed may or may not have been written: whole, in key order.
  EXPECT_EQ(writer.ids.size() % 100, 0u);
  EXPECT_LE(writer.ids.size(), 300u);
  EXPECT_THAT(writer.ids, ElementsAreArray(Range(1, static_cast<int>(writer.ids.size()))));
}

}  // namespace
}  // namespace migrate::pipeline
