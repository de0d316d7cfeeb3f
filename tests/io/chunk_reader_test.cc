// ChunkReader on a real server: keyset pages over integer, composite and text keys, exact resume
// from a recorded key, inclusive upper bounds, filters, range scans, and keyless streaming.
#include "io/chunk_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/bound_statement.h"
#include "io/prepared_query.h"
#include "io/table_schema.h"
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// EXPLAIN of `query` run with its values bound.
std::vector<Row> Explain(MysqlConnection& connection, const BoundSql& query) {
  absl::StatusOr<ResultSet> plan = QueryBoundText(connection, "EXPLAIN " + query.sql, query.values);
  EXPECT_TRUE(plan.ok()) << plan.status();
  return plan.ok() ? plan->rows() : std::vector<Row>();
}

ChunkReaderOptions Options(std::string table, std::vector<std::string> columns, std::vector<KeyColumn> key,
                           size_t batch_size) {
  ChunkReaderOptions options;
  options.table = std::move(table);
  options.columns = std::move(columns);
  options.key = std::move(key);
  options.batch_size = batch_size;
  return options;
}

// Fills t(id INT PRIMARY KEY, name, note) with ids 1, 4, 7, ... (count rows); every 5th note NULL.
void MakeIntTable(MysqlConnection& connection, int count) {
  Exec(connection, "CREATE TABLE t (id INT UNSIGNED PRIMARY KEY, name VARCHAR(40) NOT NULL, note TEXT NULL)");
  std::vector<std::string> rows;
  for (int i = 0; i < count; ++i) {
    rows.push_back(absl::StrCat("(", 1 + 3 * i, ", 'name ", i, "', ", i % 5 == 0 ? "NULL" : "'n'", ")"));
  }
  Exec(connection, absl::StrCat("INSERT INTO t VALUES ", absl::StrJoin(rows, ",")));
}

TEST(ChunkReaderTest, ReadsAnIntegerKeyInOrderInFullBatches) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  MakeIntTable(*connection, 100);

  ChunkReader reader(*connection, Options("t", {"id", "name", "note"}, {{"id", true}}, 7));
  size_t batches = 0;
  std::vector<Row> rows = ReadAll(reader, &batches);
  EXPECT_EQ(rows, Rows(*connection, "SELECT id, name, note FROM t ORDER BY id"));
  EXPECT_EQ(rows.size(), 100u);
  EXPECT_EQ(batches, 15u);  // 14 full batches of 7 and one of 2.
  EXPECT_EQ(reader.rows_read(), 100u);
  EXPECT_THAT(reader.last_key(), ElementsAre("298"));
  EXPECT_FALSE(rows[0][2].has_value());
}

// A row admit_row refuses ends its batch and opens the next, within a page or across pages: every
// row arrives once, in key order, and the reader's view of the bytes matches the values.
TEST(ChunkReaderTest, ARefusedRowEndsTheBatchAndOpensTheNext) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  MakeIntTable(*connection, 50);

  ChunkReaderOptions options = Options("t", {"id", "name"}, {{"id", true}}, 10);
  size_t in_batch = 0;
  size_t bytes_asked = 0;
  options.admit_row = [&](size_t value_bytes) {
    bytes_asked += value_bytes;
    if (in_batch == 3) return false;
    ++in_batch;
    return true;
  };
  ChunkReader reader(*connection, options);
  RowBatch batch;
  std::vector<Row> rows;
  std::vector<size_t> sizes;
  while (true) {
    in_batch = 0;
    absl::StatusOr<bool> more = reader.Next(&batch);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    sizes.push_back(batch.row_count());
    for (Row& row : Rows(batch)) rows.push_back(std::move(row));
  }
  EXPECT_EQ(rows, Rows(*connection, "SELECT id, name FROM t ORDER BY id"));
  // Pages of 10 rows: 3 + 3 + 3 + 1 each (the refused row is the next batch's first).
  EXPECT_EQ(sizes.size(), 20u);
  EXPECT_EQ(sizes[3], 1u);
  EXPECT_GT(bytes_asked, 0u);
}

TEST(ChunkReaderTest, ResumingAfterARecordedKeyReturnsExactlyTheRest) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  MakeIntTable(*connection, 50);
  const std::vector<Row> all = Rows(*connection, "SELECT id, name FROM t ORDER BY id");

  ChunkReader first(*connection, Options("t", {"name"}, {{"id", true}}, 10));
  RowBatch batch;
  std::vector<Row> seen;
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(*first.Next(&batch));
    for (Row& row : Rows(batch)) seen.push_back(std::move(row));
  }
  // The key is tracked although it is not among the columns read.
  const Key resume_point = first.last_key();
  EXPECT_THAT(resume_point, ElementsAre(*all[19][0]));

  ChunkReaderOptions rest = Options("t", {"name"}, {{"id", true}}, 10);
  rest.range.after = resume_point;
  ChunkReader second(*connection, rest);
  for (Row& row : ReadAll(second)) seen.push_back(std::move(row));
  ASSERT_EQ(seen.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(seen[i][0], all[i][1]) << i;
}

TEST(ChunkReaderTest, StopsAtAnInclusiveUpperKeyAndAppliesTheFilter) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  MakeIntTable(*connection, 30);

  ChunkReaderOptions options = Options("t", {"id"}, {{"id", true}}, 4);
  options.range.after = Key{"10"};
  options.range.upto = Key{"28"};
  ChunkReader reader(*connection, options);
  EXPECT_EQ(ReadAll(reader), Rows(*connection, "SELECT id FROM t WHERE id > 10 AND id <= 28 ORDER BY id"));

  options.filter = "note IS NULL";
  ChunkReader filtered(*connection, options);
  EXPECT_EQ(ReadAll(filtered),
            Rows(*connection, "SELECT id FROM t WHERE id > 10 AND id <= 28 AND note IS NULL ORDER BY id"));
}

TEST(ChunkReaderTest, PagesOverACompositeKeyWithARangeScan) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection,
       "CREATE TABLE c (store_id SMALLINT NOT NULL, entity_id INT NOT NULL, code VARCHAR(10) NOT NULL,"
       " value VARCHAR(20), PRIMARY KEY (store_id, entity_id, code))");
  std::vector<std::string> rows;
  for (int store = 0; store < 4; ++store) {
    for (int entity = 0; entity < 30; ++entity) {
      for (const char* code : {"a", "b", "c"}) {
        rows.push_back(absl::StrCat("(", store, ",", entity * 2, ",'", code, "','v", store, entity, code, "')"));
      }
    }
  }
  Exec(*connection, absl::StrCat("INSERT INTO c VALUES ", absl::StrJoin(rows, ",")));
  Exec(*connection, "ANALYZE TABLE c");
  const std::vector<KeyColumn> key = {{"store_id", true}, {"entity_id", true}, {"code", false}};

  ChunkReader whole(*connection, Options("c", {"store_id", "entity_id", "code", "value"}, key, 13));
  EXPECT_EQ(ReadAll(whole), Rows(*connection, "SELECT * FROM c ORDER BY store_id, entity_id, code"));

  ChunkReaderOptions middle = Options("c", {"value"}, key, 13);
  middle.range.after = Key{"1", "20", "b"};
  middle.range.upto = Key{"3", "4", "a"};
  ChunkReader part(*connection, middle);
  EXPECT_EQ(ReadAll(part), Rows(*connection,
                                "SELECT value FROM c WHERE (store_id, entity_id, code) > (1, 20, 'b') AND "
                                "(store_id, entity_id, code) <= (3, 4, 'a') ORDER BY store_id, entity_id, code"));

  // The plan of the page query with its bounds bound, as the reader runs it.
  ChunkReader explained(*connection, middle);
  const BoundSql page = explained.PageQuery();
  std::vector<Row> plan = Explain(*connection, page);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0][3], "range") << page.sql;  // type
  EXPECT_EQ(plan[0][5], "PRIMARY");            // key
  EXPECT_THAT(plan[0][9].value_or(""), Not(HasSubstr("filesort")));
  EXPECT_THAT(page.sql, Not(HasSubstr("OFFSET")));
  EXPECT_THAT(page.sql, Not(HasSubstr("'b'")));
  EXPECT_EQ(page.values.size(), 14u);  // 1 + 1 + 2 + 3 for each bound
}

TEST(ChunkReaderTest, PagesOverAUniqueKeyWhenThereIsNoPrimaryKey) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection,
       "CREATE TABLE u (entity_id INT NOT NULL, attribute_id SMALLINT NOT NULL, value VARCHAR(20),"
       " UNIQUE KEY entity_attribute (entity_id, attribute_id)) ENGINE=InnoDB;"
       "INSERT INTO u SELECT seq DIV 10, seq % 10, CONCAT('v', seq) FROM seq_0_to_19999");
  Exec(*connection, "ANALYZE TABLE u");
  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection, connection->options().database);
  ASSERT_TRUE(schema.ok()) << schema.status();
  const std::vector<KeyColumn> key = schema->at("u").ResumeKey();
  ASSERT_EQ(key, (std::vector<KeyColumn>{{"entity_id", true}, {"attribute_id", true}}));

  ChunkReaderOptions options = Options("u", {"value"}, key, 1000);
  options.range.after = Key{"500", "3"};
  ChunkReader reader(*connection, options);
  std::vector<Row> plan = Explain(*connection, reader.PageQuery());
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0][3], "range") << reader.PageQuery().sql;
  EXPECT_EQ(plan[0][5], "entity_attribute");
  EXPECT_THAT(plan[0][9].value_or(""), Not(HasSubstr("filesort")));
  EXPECT_EQ(ReadAll(reader), Rows(*connection, "SELECT value FROM u WHERE entity_id > 500 OR "
                                               "(entity_id = 500 AND attribute_id > 3) "
                                               "ORDER BY entity_id, attribute_id"));
}

TEST(ChunkReaderTest, TextKeysWithMultibyteAndOddBytesRoundTrip) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection,
       "CREATE TABLE s (sku VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci PRIMARY KEY, n INT);"
       "CREATE TABLE b (k VARBINARY(16) PRIMARY KEY, n INT)");
  const std::vector<std::string> skus = {"a",       "B",          "ä-umlaut", "Grüße",       "日本",
                                         "🎉 party", "it's",       "back\\slash", "quote\"d", "semi;colon",
                                         "%_like",  "trailing x", "z",          "Ω",           "0",
                                         "00",      "-1",         "1e3",        "  lead",      "tab\there"};
  for (size_t i = 0; i < skus.size(); ++i) {
    ASSERT_TRUE(ExecuteBound(*connection, "INSERT INTO s VALUES (?, ?)", {skus[i], std::to_string(i)}).ok());
  }
  const std::vector<std::string> binary_keys = {std::string("\0", 1), std::string("\0\0", 2), "\x01", "'",
                                                "\\",  "\xff",  "\xff\xfe", "a\0b", "\x80\x81", "Z"};
  for (size_t i = 0; i < binary_keys.size(); ++i) {
    ASSERT_TRUE(ExecuteBound(*connection, "INSERT INTO b VALUES (?, ?)", {binary_keys[i], std::to_string(i)}).ok());
  }

  for (const auto& [table, key] : std::vector<std::pair<std::string, std::string>>{{"s", "sku"}, {"b", "k"}}) {
    const std::vector<Row> expected =
        Rows(*connection, absl::StrCat("SELECT ", key, ", n FROM ", table, " ORDER BY ", key));
    // Read two rows at a time, each page by a new reader resuming after the last key: every key
    // goes through the SQL of the next page.
    std::vector<Row> seen;
    std::optional<Key> after;
    while (true) {
      ChunkReaderOptions options = Options(table, {key, "n"}, {{key, false}}, 2);
      options.range.after = after;
      ChunkReader reader(*connection, options);
      RowBatch batch;
      absl::StatusOr<bool> more = reader.Next(&batch);
      ASSERT_TRUE(more.ok()) << more.status();
      if (!*more) break;
      for (Row& row : Rows(batch)) seen.push_back(std::move(row));
      after = reader.last_key();
      ASSERT_EQ((*after)[0], *seen.back()[0]);
      ASSERT_LE(seen.size(), expected.size()) << "rows read twice";
    }
    EXPECT_EQ(seen, expected) << table;
  }
}

TEST(ChunkReaderTest, HugeUnsignedKeysCompareExactly) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection,
       "CREATE TABLE u (id BIGINT UNSIGNED PRIMARY KEY);"
       "INSERT INTO u VALUES (18446744073709551613), (18446744073709551614), (18446744073709551615), (1)");
  ChunkReaderOptions options = Options("u", {"id"}, {{"id", true}}, 10);
  options.range.after = Key{"18446744073709551613"};
  ChunkReader reader(*connection, options);
  EXPECT_EQ(ReadAll(reader), Rows(*connection, "SELECT id FROM u WHERE id > 18446744073709551613 ORDER BY id"));
}

// Keys of integer and decimal columns that doubles cannot tell apart page exactly, one row per
// page: every page's bound is the exact value of the last key (bound as an integer or a DECIMAL).
TEST(ChunkReaderTest, BoundsOfIntegerAndDecimalKeysCompareExactlyPageByPage) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection,
       "CREATE TABLE d (k DECIMAL(30,10) PRIMARY KEY, big BIGINT NOT NULL);"
       "INSERT INTO d VALUES (12345678901234567890.0000000001, 9007199254740993), "
       "(12345678901234567890.0000000002, 9007199254740994), (12345678901234567890.0000000003, 9007199254740995), "
       "(-5.5, -9223372036854775808)");
  ChunkReader decimal(*connection, Options("d", {"k"}, {{"k", true}}, 1));
  EXPECT_EQ(ReadAll(decimal), Rows(*connection, "SELECT k FROM d ORDER BY k"));
  Exec(*connection, "CREATE TABLE b (big BIGINT PRIMARY KEY); INSERT INTO b SELECT big FROM d");
  ChunkReader integer(*connection, Options("b", {"big"}, {{"big", true}}, 1));
  EXPECT_EQ(ReadAll(integer), Rows(*connection, "SELECT big FROM b ORDER BY big"));
}

TEST(ChunkReaderTest, ReadsAKeylessTableAsOneStream) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, "CREATE TABLE k (a INT, b VARCHAR(10))");
  std::vector<std::string> rows;
  for (int i = 0; i < 25; ++i) rows.push_back(absl::StrCat("(", i % 3, ", ", i % 4 == 0 ? "NULL" : "'x'", ")"));
  Exec(*connection, absl::StrCat("INSERT INTO k VALUES ", absl::StrJoin(rows, ",")));

  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection, connection->options().database);
  ASSERT_TRUE(schema.ok()) << schema.status();
  ASSERT_TRUE(schema->at("k").ResumeKey().empty());

  ChunkReader reader(*connection, Options("k", {"a", "b"}, {}, 10));
  EXPECT_FALSE(reader.keyed());
  size_t batches = 0;
  std::vector<Row> seen = ReadAll(reader, &batches);
  EXPECT_EQ(batches, 3u);
  EXPECT_TRUE(reader.last_key().empty());
  std::vector<Row> expected = Rows(*connection, "SELECT a, b FROM k");
  std::sort(seen.begin(), seen.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(seen, expected);
  // The stream is over: the connection is free again.
  EXPECT_EQ(*connection->QueryScalar("SELECT COUNT(*) FROM k"), "25");
}

TEST(ChunkReaderTest, AnAbandonedStreamLeavesTheConnectionUsable) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, "CREATE TABLE k (a INT)");
  Exec(*connection, "INSERT INTO k SELECT seq FROM seq_1_to_1000");
  {
    ChunkReader reader(*connection, Options("k", {"a"}, {}, 10));
    RowBatch batch;
    ASSERT_TRUE(*reader.Next(&batch));
    EXPECT_EQ(batch.row_count(), 10u);
  }
  EXPECT_EQ(*connection->QueryScalar("SELECT COUNT(*) FROM k"), "1000");
}

TEST(ChunkReaderTest, ErrorsNameTheServerAndComeBackAsStatus) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  ChunkReader reader(*connection, Options("missing", {"id"}, {{"id", true}}, 10));
  RowBatch batch;
  absl::StatusOr<bool> more = reader.Next(&batch);
  ASSERT_FALSE(more.ok());
  EXPECT_THAT(std::string(more.status().message()), HasSubstr("missing"));

  ChunkReaderOptions wrong = Options("t", {"id"}, {{"id", true}}, 10);
  wrong.range.after = Key{"1", "2"};
  ChunkReader mismatched(*connection, wrong);
  EXPECT_TRUE(absl::IsInvalidArgument(mismatched.Next(&batch).status()));
}

}  // namespace
}  // namespace migrate::io
