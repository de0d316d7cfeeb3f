// ProgressStore on a real server: plans, keys with odd bytes, counters, finish flags, resets, and
// a batch and its progress that vanish together when the connection dies before COMMIT.
#include "io/progress_store.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/bulk_writer.h"
#include "io/mysql_error.h"
#include "io/session_setup.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::TestDatabase;
using ::testing::IsEmpty;

ProgressStore OpenStore(MysqlConnection& connection) {
  absl::StatusOr<ProgressStore> store = ProgressStore::Open(connection);
  EXPECT_TRUE(store.ok()) << store.status();
  return *std::move(store);
}

TEST(ProgressStoreTest, PlansRecordsAndLoadsChunksWithOddKeys) {
  auto connection = Connect(TestDatabase(DestinationServer()));
  ASSERT_NE(connection, nullptr);
  ProgressStore store = OpenStore(*connection);
  EXPECT_EQ(store.table(), "migrate_progress");

  const Key odd = {std::string("\0\xff'\"\\;\n", 7), "Grüße 🎉", "", "5:x"};
  const Key boundary = {"b\0und", "2"};
  const std::vector<KeyRange> plan = {{std::nullopt, boundary}, {boundary, std::nullopt}};
  ASSERT_TRUE(store.PlanChunks(*connection, "Map Step", "data", "sales_order", plan).ok());
  // A second plan for the same document does not replace the first.
  ASSERT_TRUE(store.PlanChunks(*connection, "Map Step", "data", "sales_order", {KeyRange{}}).ok());

  const ChunkId first{"Map Step", "data", "sales_order", 0};
  ASSERT_TRUE(store.Record(*connection, first, odd, 100).ok());
  ASSERT_TRUE(store.Record(*connection, first, odd, 50).ok());
  ASSERT_TRUE(store.MarkFinished(*connection, ChunkId{"Map Step", "data", "sales_order", 1}).ok());
  ASSERT_TRUE(store.Record(*connection, ChunkId{"Map Step", "volume", "sales_order", 0}, {"1"}, 1).ok());
  ASSERT_TRUE(store.Record(*connection, ChunkId{"Other Step", "data", "x", 0}, {"1"}, 1).ok());

  absl::StatusOr<std::vector<ChunkProgress>> loaded = store.Load(*connection, "Map Step", "data");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->size(), 2u);
  const ChunkProgress& chunk0 = (*loaded)[0];
  EXPECT_EQ(chunk0.id.document, "sales_order");
  EXPECT_EQ(chunk0.id.chunk, 0u);
  EXPECT_EQ(chunk0.range, plan[0]);
  EXPECT_EQ(chunk0.last_key, odd);
  EXPECT_EQ(chunk0.rows_done, 150u);
  EXPECT_FALSE(chunk0.finished);
  EXPECT_FALSE(chunk0.updated_at.empty());
  EXPECT_EQ(chunk0.RemainingRange(), (KeyRange{odd, boundary}));

  const ChunkProgress& chunk1 = (*loaded)[1];
  EXPECT_EQ(chunk1.range, plan[1]);
  EXPECT_FALSE(chunk1.last_key.has_value());
  EXPECT_TRUE(chunk1.finished);
  EXPECT_EQ(chunk1.RemainingRange(), plan[1]);

  ASSERT_TRUE(store.ResetStep(*connection, "Map Step").ok());
  EXPECT_THAT(*store.Load(*connection, "Map Step", "data"), IsEmpty());
  EXPECT_THAT(*store.Load(*connection, "Map Step", "volume"), IsEmpty());
  EXPECT_EQ(store.Load(*connection, "Other Step", "data")->size(), 1u);
  ASSERT_TRUE(store.Reset(*connection).ok());
  EXPECT_THAT(*store.Load(*connection, "Other Step", "data"), IsEmpty());

  // Opening again keeps the table and what it holds.
  ASSERT_TRUE(store.Record(*connection, first, {"9"}, 1).ok());
  ProgressStore again = OpenStore(*connection);
  EXPECT_EQ(again.Load(*connection, "Map Step", "data")->size(), 1u);
}

TEST(ProgressStoreTest, ABatchAndItsProgressAreRolledBackTogetherWhenTheConnectionDies) {
  const ConnectionOptions options = TestDatabase(DestinationServer());
  absl::StatusOr<std::unique_ptr<MysqlConnection>> opened = OpenDestinationSession(options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  MysqlConnection& connection = **opened;
  auto observer = Connect(options);
  ASSERT_NE(observer, nullptr);
  Exec(connection, "CREATE TABLE target (id INT PRIMARY KEY, v VARCHAR(10))");
  ProgressStore store = OpenStore(connection);
  const ChunkId chunk{"Map Step", "data", "target", 0};

  BulkWriterOptions writer_options;
  writer_options.table = "target";
  writer_options.columns = {"id", "v"};
  absl::StatusOr<std::unique_ptr<BulkWriter>> writer = BulkWriter::Create(connection, writer_options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  RowBatch batch(2);
  auto fill = [&batch](int first, int last) {
    batch.Clear();
    for (int id = first; id <= last; ++id) {
      batch.AddValue(absl::StrCat(id));
      batch.AddValue("v");
      batch.FinishRow();
    }
  };

  // A committed batch.
  fill(1, 10);
  Exec(connection, "BEGIN");
  ASSERT_TRUE((*writer)->Write(batch).ok());
  ASSERT_TRUE(store.Record(connection, chunk, {"10"}, 10).ok());
  Exec(connection, "COMMIT");

  // A batch in flight when the connection is killed.
  fill(11, 20);
  Exec(connection, "BEGIN");
  ASSERT_TRUE((*writer)->Write(batch).ok());
  ASSERT_TRUE(store.Record(connection, chunk, {"20"}, 10).ok());
  Exec(*observer, absl::StrCat("KILL ", *connection.QueryScalar("SELECT CONNECTION_ID()")));
  absl::Status commit = connection.Execute("COMMIT");
  EXPECT_FALSE(commit.ok());
  EXPECT_TRUE(IsConnectionLost(MysqlErrorNumber(commit))) << commit;

  EXPECT_EQ(*observer->QueryScalar("SELECT COUNT(*) FROM target"), "10");
  EXPECT_EQ(*observer->QueryScalar("SELECT MAX(id) FROM target"), "10");
  absl::StatusOr<std::vector<ChunkProgress>> loaded = store.Load(*observer, "Map Step", "data");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].last_key, Key{"10"});
  EXPECT_EQ((*loaded)[0].rows_done, 10u);
}

TEST(ProgressStoreTest, PendingIndexesBesideAnOlderProgressTableOutliveResets) {
  auto connection = Connect(TestDatabase(DestinationServer()));
  ASSERT_NE(connection, nullptr);
  // The progress table of an older version, without the pending indexes table.
  ProgressStore older = OpenStore(*connection);
  Exec(*connection, "DROP TABLE migrate_pending_indexes");
  ASSERT_TRUE(older.Record(*connection, ChunkId{"Map Step", "data", "t", 0}, {"5"}, 5).ok());
  ProgressStore store = OpenStore(*connection);
  absl::StatusOr<std::vector<ChunkProgress>> chunks = store.Load(*connection, "Map Step", "data");
  ASSERT_TRUE(chunks.ok()) << chunks.status();
  ASSERT_EQ(chunks->size(), 1u);
  EXPECT_EQ((*chunks)[0].rows_done, 5u);

  const PendingIndexes first{"db", "t", {"ADD KEY IF NOT EXISTS `a` (`a`) COMMENT 'it''s'", "ADD KEY IF NOT EXISTS `b` (`b`)"}, 7};
  ASSERT_TRUE(store.RecordPendingIndexes(*connection, first).ok());
  ASSERT_TRUE(store.RecordPendingIndexes(*connection, PendingIndexes{"db", "u", {"ADD KEY `c` (`c`)"}, 8}).ok());
  ASSERT_TRUE(store.RecordPendingIndexes(*connection, PendingIndexes{"db", "u", {"ADD KEY `d` (`d`)"}, 9}).ok());
  ASSERT_TRUE(store.Reset(*connection).ok());
  absl::StatusOr<std::vector<PendingIndexes>> pending = store.LoadPendingIndexes(*connection);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].table, "t");
  EXPECT_EQ((*pending)[0].clauses, first.clauses);
  EXPECT_EQ((*pending)[0].connection_id, 7u);
  EXPECT_THAT((*pending)[1].clauses, ::testing::ElementsAre("ADD KEY `d` (`d`)"));

  ASSERT_TRUE(store.ClearPendingIndexes(*connection, "db", "t").ok());
  pending = store.LoadPendingIndexes(*connection);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].table, "u");
}

}  // namespace
}  // namespace migrate::io
