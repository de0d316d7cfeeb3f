// KeyRangeSplitter on a real server: the chunks are contiguous, and read one by one they return
// every row exactly once (counts and checksums), for integer, composite and text keys.
#include "io/key_range_splitter.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/chunk_reader.h"
#include "io/prepared_query.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::io::testing::ReadAll;
using ::migrate::io::testing::Rows;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;

TableSchema LoadTable(MysqlConnection& connection, const std::string& table) {
  Exec(connection, absl::StrCat("ANALYZE TABLE ", table));
  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(connection, connection.options().database);
  EXPECT_TRUE(schema.ok()) << schema.status();
  return schema.ok() ? schema->at(table) : TableSchema();
}

// Reads every chunk and checks the chunks are contiguous and together hold each row once.
void ExpectChunksCoverEveryRowOnce(MysqlConnection& connection, const TableSchema& table,
                                   const std::vector<KeyRange>& ranges, size_t expected_chunks) {
  ASSERT_EQ(ranges.size(), expected_chunks);
  EXPECT_FALSE(ranges.front().after.has_value());
  EXPECT_FALSE(ranges.back().upto.has_value());
  for (size_t i = 0; i + 1 < ranges.size(); ++i) {
    ASSERT_TRUE(ranges[i].upto.has_value());
    EXPECT_EQ(ranges[i].upto, ranges[i + 1].after);
  }
  const std::vector<std::string> columns = table.ColumnNames();
  std::map<Row, int> seen;
  size_t total = 0;
  for (const KeyRange& range : ranges) {
    ChunkReaderOptions options;
    options.table = table.name;
    options.columns = columns;
    options.key = table.ResumeKey();
    options.range = range;
    options.batch_size = 997;
    ChunkReader reader(connection, options);
    std::vector<Row> rows = ReadAll(reader);
    EXPECT_FALSE(rows.empty()) << "an empty chunk";
    total += rows.size();
    for (Row& row : rows) ++seen[row];
  }
  const std::vector<Row> all = Rows(connection, absl::StrCat("SELECT * FROM ", QuoteIdentifier(table.name)));
  EXPECT_EQ(total, all.size());
  EXPECT_EQ(seen.size(), all.size());
  for (const Row& row : all) EXPECT_EQ(seen[row], 1);
  // The same through the server's own checksums of the chunks' conditions.
  const std::vector<KeyColumn> key = table.ResumeKey();
  std::string sum_of_chunks = "0";
  for (const KeyRange& range : ranges) {
    BoundSql sql{absl::StrCat("SELECT ", sum_of_chunks, " + COALESCE(SUM(CRC32(CONCAT_WS('|', ",
                              absl::StrJoin(columns, ","), "))), 0) FROM ", QuoteIdentifier(table.name), " WHERE 1"),
                 {}};
    if (range.after) {
      sql.sql.append(" AND ");
      sql.Append(KeyAfterCondition(key, *range.after));
    }
    if (range.upto) {
      sql.sql.append(" AND ");
      sql.Append(KeyUptoCondition(key, *range.upto));
    }
    absl::StatusOr<ResultSet> sum = QueryBoundText(connection, sql.sql, sql.values);
    ASSERT_TRUE(sum.ok()) << sum.status();
    sum_of_chunks = *sum->Scalar();
  }
  EXPECT_EQ(sum_of_chunks, *connection.QueryScalar(absl::StrCat("SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', ",
                                                                absl::StrJoin(columns, ","), "))), 0) FROM ",
                                                                QuoteIdentifier(table.name))));
}

TEST(KeyRangeSplitterTest, SplitsAnIntegerKeyIntoEqualRanges) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20));"
                    "INSERT INTO t SELECT seq * 2, CONCAT('v', seq) FROM seq_1_to_20000;"
                    "DELETE FROM t WHERE id BETWEEN 10000 AND 14000");
  const TableSchema table = LoadTable(*connection, "t");
  absl::StatusOr<std::vector<KeyRange>> ranges = SplitKeyRange(*connection, table, {4, 1000});
  ASSERT_TRUE(ranges.ok()) << ranges.status();
  // Steps of (40000 - 2) / 4 from 2: the last ids at or below 10001 (10000 was deleted), 20001, 30000.
  ASSERT_EQ(ranges->size(), 4u);
  EXPECT_EQ((*ranges)[0].upto, Key{"9998"});
  EXPECT_EQ((*ranges)[1].upto, Key{"20000"});
  EXPECT_EQ((*ranges)[2].upto, Key{"30000"});
  ExpectChunksCoverEveryRowOnce(*connection, table, *ranges, 4);
}

TEST(KeyRangeSplitterTest, SmallTablesAndKeylessTablesAreOneChunk) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, "CREATE TABLE small (id INT PRIMARY KEY); INSERT INTO small SELECT seq FROM seq_1_to_50;"
                    "CREATE TABLE keyless (a INT); INSERT INTO keyless SELECT seq FROM seq_1_to_5000;"
                    "CREATE TABLE empty (id INT PRIMARY KEY)");
  for (const char* name : {"small", "keyless", "empty"}) {
    absl::StatusOr<std::vector<KeyRange>> ranges = SplitKeyRange(*connection, LoadTable(*connection, name), {8, 100});
    ASSERT_TRUE(ranges.ok()) << ranges.status();
    EXPECT_EQ(*ranges, std::vector<KeyRange>{KeyRange{}}) << name;
  }
}

TEST(KeyRangeSplitterTest, SamplesACompositeKeyWithAFewLeadingValues) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, "CREATE TABLE c (store_id INT NOT NULL, entity_id INT NOT NULL, v INT,"
                    " PRIMARY KEY (store_id, entity_id));"
                    "INSERT INTO c SELECT seq % 2, seq, seq * 7 FROM seq_1_to_12000");
  const TableSchema table = LoadTable(*connection, "c");
  absl::StatusOr<std::vector<KeyRange>> ranges = SplitKeyRange(*connection, table, {5, 1000});
  ASSERT_TRUE(ranges.ok()) << ranges.status();
  ExpectChunksCoverEveryRowOnce(*connection, table, *ranges, 5);
}

TEST(KeyRangeSplitterTest, SamplesATextKey) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, "CREATE TABLE s (sku VARCHAR(40) PRIMARY KEY, n INT);"
                    "INSERT INTO s SELECT CONCAT(CHAR(65 + seq % 26), 'ü-', MD5(seq)), seq FROM seq_1_to_9000");
  const TableSchema table = LoadTable(*connection, "s");
  absl::StatusOr<std::vector<KeyRange>> ranges = SplitKeyRange(*connection, table, {3, 1000});
  ASSERT_TRUE(ranges.ok()) << ranges.status();
  ExpectChunksCoverEveryRowOnce(*connection, table, *ranges, 3);
}

}  // namespace
}  // namespace migrate::io
