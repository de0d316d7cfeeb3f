// BulkWriter between two real servers: awkward values round-trip (checked by CHECKSUM TABLE and
// row comparison against the source) through array binding and through the multi-row fallback,
// statements split under a byte limit, and upserts update existing rows.
#include "io/bulk_writer.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/bound_statement.h"
#include "io/chunk_reader.h"
#include "io/session_setup.h"
#include "io/table_schema.h"
#include "io/value_change.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Checksum;
using ::migrate::io::testing::Exec;
using ::migrate::io::testing::Rows;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::testing::HasSubstr;

constexpr absl::string_view kOddTable = R"sql(
  CREATE TABLE odd (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    txt TEXT NULL,
    bin BLOB NULL,
    vc VARCHAR(100) CHARACTER SET utf8mb4 NULL,
    latin VARCHAR(20) CHARACTER SET latin1 NULL,
    dt DATETIME NULL,
    d DATE NULL,
    ts TIMESTAMP NULL DEFAULT NULL,
    t6 DATETIME(6) NULL,
    amount DECIMAL(20,6) NULL,
    f FLOAT NULL,
    dbl DOUBLE NULL,
    big LONGTEXT NULL,
    e ENUM('a','b') NULL,
    flags SET('x','y') NULL,
    y YEAR NULL,
    vb VARBINARY(20) NULL
  ) ENGINE=InnoDB)sql";

std::unique_ptr<MysqlConnection> OpenDestination(const ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenDestinationSession(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

std::unique_ptr<MysqlConnection> OpenSource(const ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenSourceSession(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

// Fills `odd` on the source with NULLs, blobs with NUL bytes, multibyte text, backslashes and
// quotes, zero dates, an id of 0, extreme numbers and a 3 MiB text.
void FillOddTable(MysqlConnection& source) {
  Exec(source, kOddTable);
  const std::string blob("\0\x01\xff\xfe'\"\\\n\r\x1a end", 14);
  Exec(source, absl::StrCat(
                   "INSERT INTO odd VALUES "
                   "(0, 'zero id', NULL, NULL, NULL, '0000-00-00 00:00:00', '0000-00-00', '1970-01-01 00:00:01', "
                   "'0000-00-00 00:00:00.000000', 0, 0, 0, '', '', '', 0, ''),"
                   "(1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                   "NULL),"
                   "(2, '', X'", absl::BytesToHexString(blob), "', 'Grüße 日本 🎉 Ωmega', 'café', '2011-02-28 23:59:59', "
                   "'2011-00-00', '2038-01-19 03:14:07', '2020-03-29 02:30:00.123456', -99999999999999.999999, "
                   "3.14159, 1.7976931348623157e308, 'it''s a \\\\ back\\\"slash', 'b', 'x,y', 2155, X'00FF'),"
                   "(3, 'tab\\there\\nnew line', X'', 'a\\\\b', 'ÿ', '9999-12-31 23:59:59', '1000-01-01', "
                   "'2021-10-31 01:30:00', NULL, 0.000001, -1.5e-30, 2.2250738585072014e-308, NULL, 'a', '', "
                   "1901, X'5C27')"));
  Exec(source, "INSERT INTO odd (id, big) VALUES (4, REPEAT('big text \\\\ ü ', 250000))");
  Exec(source, "INSERT INTO odd (id, txt, amount) SELECT 100 + seq, CONCAT('row ', seq), seq / 7 "
               "FROM seq_1_to_2000");
}

// Copies every row of `table` from source to destination in one transaction; returns whether the
// writer used array binding.
bool Copy(MysqlConnection& source, MysqlConnection& destination, const std::string& table,
          BulkWriterOptions writer_options, size_t batch_size) {
  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(source, source.options().database);
  EXPECT_TRUE(schema.ok()) << schema.status();
  if (!schema.ok()) return false;
  const TableSchema& definition = schema->at(table);
  ChunkReaderOptions reader_options;
  reader_options.table = table;
  reader_options.columns = definition.ColumnNames();
  reader_options.key = definition.ResumeKey();
  reader_options.batch_size = batch_size;
  ChunkReader reader(source, reader_options);

  writer_options.table = table;
  writer_options.columns = definition.ColumnNames();
  absl::StatusOr<std::unique_ptr<BulkWriter>> writer = BulkWriter::Create(destination, writer_options);
  EXPECT_TRUE(writer.ok()) << writer.status();
  if (!writer.ok()) return false;
  Exec(destination, "BEGIN");
  RowBatch batch;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&batch);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    absl::Status written = (*writer)->Write(batch);
    EXPECT_TRUE(written.ok()) << written;
    if (!written.ok()) break;
    EXPECT_EQ((*writer)->affected_rows(), batch.row_count());
  }
  Exec(destination, "COMMIT");
  return (*writer)->uses_array_binding();
}

uint64_t InsertStatements(MysqlConnection& connection) {
  std::vector<Row> rows = Rows(connection, "SHOW SESSION STATUS LIKE 'Com_insert'");
  uint64_t count = 0;
  EXPECT_TRUE(rows.size() == 1 && absl::SimpleAtoi(rows[0][1].value_or(""), &count));
  return count;
}

void ExpectSameContents(MysqlConnection& source, MysqlConnection& destination, const std::string& table) {
  const std::string select = absl::StrCat("SELECT * FROM ", table, " ORDER BY id");
  const std::vector<Row> expected = Rows(source, select);
  const std::vector<Row> actual = Rows(destination, select);
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(actual[i], expected[i]) << "row " << i;
  EXPECT_EQ(Checksum(destination, table), Checksum(source, table));
}

class BulkWriterRoundTripTest : public ::testing::TestWithParam<bool> {};

TEST_P(BulkWriterRoundTripTest, AwkwardValuesArriveExactly) {
  const bool force_multi_row = GetParam();
  auto source = OpenSource(TestDatabase(SourceServer()));
  auto destination = OpenDestination(TestDatabase(DestinationServer()));
  ASSERT_NE(source, nullptr);
  ASSERT_NE(destination, nullptr);
  Exec(*source, "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
  FillOddTable(*source);
  Exec(*destination, kOddTable);

  BulkWriterOptions options;
  options.force_multi_row_insert = force_multi_row;
  EXPECT_EQ(Copy(*source, *destination, "odd", options, 500), !force_multi_row);
  ExpectSameContents(*source, *destination, "odd");
  EXPECT_EQ(*destination->QueryScalar("SELECT COUNT(*) FROM odd WHERE id = 0"), "1");
  EXPECT_EQ(*destination->QueryScalar("SELECT LENGTH(bin) FROM odd WHERE id = 2"), "14");
  EXPECT_EQ(*destination->QueryScalar("SELECT dt FROM odd WHERE id = 0"), "0000-00-00 00:00:00");
}

TEST_P(BulkWriterRoundTripTest, StatementsStayUnderTheByteLimit) {
  const bool force_multi_row = GetParam();
  auto source = OpenSource(TestDatabase(SourceServer()));
  auto destination = OpenDestination(TestDatabase(DestinationServer()));
  ASSERT_NE(source, nullptr);
  ASSERT_NE(destination, nullptr);
  Exec(*source, "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
  FillOddTable(*source);
  Exec(*destination, kOddTable);

  BulkWriterOptions options;
  options.force_multi_row_insert = force_multi_row;
  options.max_statement_bytes = 16 * 1024;
  const uint64_t before = InsertStatements(*destination);
  Copy(*source, *destination, "odd", options, 3000);
  // 2005 rows of about 30 bytes and a 3.5 MB one: well over one statement per 16 KiB.
  EXPECT_GT(InsertStatements(*destination) - before, 4u);
  ExpectSameContents(*source, *destination, "odd");
}

INSTANTIATE_TEST_SUITE_P(ArrayBindingAndMultiRow, BulkWriterRoundTripTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "MultiRowInsert" : "ArrayBinding";
                         });

class BulkWriterUpsertTest : public ::testing::TestWithParam<bool> {};

TEST_P(BulkWriterUpsertTest, UpdatesExistingRowsAndInsertsNewOnes) {
  auto destination = OpenDestination(TestDatabase(DestinationServer()));
  ASSERT_NE(destination, nullptr);
  Exec(*destination, "CREATE TABLE u (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
  Exec(*destination, "INSERT INTO u VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3)");
  BulkWriterOptions options;
  options.table = "u";
  options.columns = {"id", "name", "qty"};
  options.mode = WriteMode::kUpsert;
  options.force_multi_row_insert = GetParam();
  absl::StatusOr<std::unique_ptr<BulkWriter>> writer = BulkWriter::Create(*destination, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_EQ((*writer)->uses_array_binding(), !GetParam());

  RowBatch batch(3);
  for (const auto& [id, name, qty] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"2", "TWO", "20"}, {"3", "three", "3"}, {"4", "four", "4"}}) {
    batch.AddValue(id);
    batch.AddValue(name);
    batch.AddValue(qty);
    batch.FinishRow();
  }
  batch.AddValue("5");
  batch.AddNull();
  batch.AddNull();
  batch.FinishRow();
  ASSERT_TRUE((*writer)->Write(batch).ok());
  // Row 2 updated (2), row 3 unchanged (CLIENT_FOUND_ROWS: 1), rows 4 and 5 inserted (1 each).
  EXPECT_EQ((*writer)->affected_rows(), 5u);
  EXPECT_EQ(Rows(*destination, "SELECT id, name, qty FROM u ORDER BY id"),
            (std::vector<Row>{{"1", "one", "1"},
                              {"2", "TWO", "20"},
                              {"3", "three", "3"},
                              {"4", "four", "4"},
                              {"5", std::nullopt, std::nullopt}}));

  // Only the named columns are updated on a duplicate key.
  options.update_columns = {"qty"};
  absl::StatusOr<std::unique_ptr<BulkWriter>> partial = BulkWriter::Create(*destination, options);
  ASSERT_TRUE(partial.ok()) << partial.status();
  RowBatch one(3);
  one.AddValue("1");
  one.AddValue("ignored");
  one.AddValue("100");
  one.FinishRow();
  ASSERT_TRUE((*partial)->Write(one).ok());
  EXPECT_EQ(Rows(*destination, "SELECT name, qty FROM u WHERE id = 1"), (std::vector<Row>{{"one", "100"}}));
}

INSTANTIATE_TEST_SUITE_P(ArrayBindingAndMultiRow, BulkWriterUpsertTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "MultiRowInsert" : "ArrayBinding";
                         });

TEST(BulkWriterTest, RejectsBatchesOfTheWrongWidthAndReportsServerErrors) {
  auto destination = OpenDestination(TestDatabase(DestinationServer()));
  ASSERT_NE(destination, nullptr);
  Exec(*destination, "CREATE TABLE w (id INT PRIMARY KEY, v INT)");
  BulkWriterOptions options;
  options.table = "w";
  options.columns = {"id", "v"};
  absl::StatusOr<std::unique_ptr<BulkWriter>> writer = BulkWriter::Create(*destination, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  RowBatch narrow(1);
  narrow.AddValue("1");
  narrow.FinishRow();
  EXPECT_TRUE(absl::IsInvalidArgument((*writer)->Write(narrow)));

  RowBatch duplicate(2);
  for (int i = 0; i < 2; ++i) {
    duplicate.AddValue("7");
    duplicate.AddValue("0");
    duplicate.FinishRow();
  }
  absl::Status status = (*writer)->Write(duplicate);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("Duplicate entry"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("writing w"));
  EXPECT_EQ(*destination->QueryScalar("SELECT COUNT(*) FROM w"), "0");

  options.table = "no_such_table";
  EXPECT_FALSE(BulkWriter::Create(*destination, options).ok());
}

// The multi-row fallback binds every value: keys and values that would break SQL text (quotes,
// backslashes, gbk-style 0xbf5c and 0xbf27 pairs, NUL, long values) arrive exactly, and the
// destination's general log holds none of them in SQL text ('Query'), only in prepared runs.
TEST(BulkWriterTest, MultiRowFallbackBindsCraftedValues) {
  auto source = OpenSource(TestDatabase(SourceServer()));
  auto destination = OpenDestination(TestDatabase(DestinationServer()));
  ASSERT_NE(source, nullptr);
  ASSERT_NE(destination, nullptr);
  const std::string table =
      "CREATE TABLE crafted (k VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY, "
      "b VARBINARY(1000) NULL, n INT NOT NULL)";
  Exec(*source, table);
  Exec(*destination, table);
  const std::vector<std::string> parts = {"'", "\\", "\\'", std::string("\0'", 2), "縗'", "' OR '1'='1",
                                          std::string(480, 'L'), "🎉"};
  const std::vector<std::string> binary = {std::string("\xbf\x5c'", 3), std::string("\0\xbf\x27", 3),
                                           std::string(900, '\xbf') + "\\"};
  for (size_t i = 0; i < 100; ++i) {
    const std::string k = absl::StrCat("q8w", parts[i % parts.size()], i);
    absl::StatusOr<uint64_t> inserted = ExecuteBound(
        *source, "INSERT INTO crafted VALUES (?, ?, ?)",
        {k, i % 7 == 0 ? BoundValue(std::nullopt) : BoundValue(binary[i % binary.size()]), std::to_string(i)});
    ASSERT_TRUE(inserted.ok()) << inserted.status();
  }
  Exec(*destination, "SET GLOBAL log_output = 'TABLE'");
  Exec(*destination, "TRUNCATE TABLE mysql.general_log");
  Exec(*destination, "SET GLOBAL general_log = 1");

  BulkWriterOptions options;
  options.force_multi_row_insert = true;
  options.max_statement_bytes = 4096;  // several statements of several rows each
  EXPECT_FALSE(Copy(*source, *destination, "crafted", options, 30));

  Exec(*destination, "SET GLOBAL general_log = 0");
  const std::string marked = "argument LIKE CONCAT('%', 'q8', 'w', '%')";
  const std::string in_text = *destination->QueryScalar(
      "SELECT COUNT(*) FROM mysql.general_log WHERE command_type = 'Query' AND " + marked);
  const std::string bound = *destination->QueryScalar(
      "SELECT COUNT(*) FROM mysql.general_log WHERE command_type = 'Execute' AND " + marked);
  Exec(*destination, "TRUNCATE TABLE mysql.general_log");
  EXPECT_EQ(in_text, "0");
  EXPECT_GT(std::stoi(bound), 4);
  const std::string select = "SELECT HEX(k), HEX(b), n FROM crafted ORDER BY k";
  EXPECT_EQ(Rows(*destination, select), Rows(*source, select));
  EXPECT_EQ(*destination->QueryScalar("SELECT COUNT(*) FROM crafted"), "100");
  EXPECT_EQ(Checksum(*destination, "crafted"), Checksum(*source, "crafted"));
}

class BulkWriterValueChangeTest : public ::testing::TestWithParam<bool> {};

// Every value the server changes comes back with its batch row and column, on both paths, and the
// NULL that array binding refuses is stored as text stores it (the default) and reported the same.
TEST_P(BulkWriterValueChangeTest, ReportsEachChangedValueByRowAndColumn) {
  auto destination = OpenDestination(TestDatabase(DestinationServer()));
  ASSERT_NE(destination, nullptr);
  Exec(*destination,
       "CREATE TABLE w (id INT PRIMARY KEY, v VARCHAR(3), n INT NOT NULL, d DATETIME, s SMALLINT, "
       "e VARCHAR(5) CHARACTER SET utf8mb3, amount DECIMAL(5,2))");
  BulkWriterOptions options;
  options.table = "w";
  options.columns = {"id", "v", "n", "d", "s", "e", "amount"};
  options.force_multi_row_insert = GetParam();
  absl::StatusOr<std::unique_ptr<BulkWriter>> writer = BulkWriter::Create(*destination, options);
  ASSERT_TRUE(writer.ok()) << writer.status();

  RowBatch batch(7);
  auto add = [&](std::vector<std::optional<std::string>> values) {
    for (const std::optional<std::string>& value : values) {
      if (value.has_value()) {
        batch.AddValue(*value);
      } else {
        batch.AddNull();
      }
    }
    batch.FinishRow();
  };
  add({"1", "ok", "1", "2020-02-31", "1", "a", "1.50"});
  add({"2", "too long", "1", "0000-00-00", "1", "a", "1.50"});
  add({"3", "ok", std::nullopt, "2020-13-45", "1", "a", "1.50"});
  add({"4", "ok", "abc", "2020-01-01", "70000", "\xF0\x9F\x8E\x89", "12345"});
  add({"5", "ok", std::nullopt, "2020-01-01", "1", "a", "1.50"});
  Exec(*destination, "START TRANSACTION");
  ASSERT_TRUE((*writer)->Write(batch).ok());
  Exec(*destination, "COMMIT");

  std::vector<std::pair<size_t, std::string>> changed;
  for (const ValueChange& change : (*writer)->value_changes().changes) {
    ASSERT_TRUE(change.row.has_value()) << change.message;
    changed.emplace_back(*change.row, change.column);
  }
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::pair<size_t, std::string>>{
                         {1, "v"}, {2, "d"}, {2, "n"}, {3, "amount"}, {3, "e"}, {3, "n"}, {3, "s"}, {4, "n"}}));
  EXPECT_EQ((*writer)->value_changes().unlisted, 0u);
  EXPECT_EQ(Rows(*destination, "SELECT id, v, n, s, amount FROM w ORDER BY id"),
            (std::vector<Row>{{"1", "ok", "1", "1", "1.50"},
                              {"2", "too", "1", "1", "1.50"},
                              {"3", "ok", "0", "1", "1.50"},
                              {"4", "ok", "0", "32767", "999.99"},
                              {"5", "ok", "0", "1", "1.50"}}));

  RowBatch clean(7);
  for (const char* value : {"6", "ok", "1", "2020-01-01", "1", "a", "1.50"}) clean.AddValue(value);
  clean.FinishRow();
  ASSERT_TRUE((*writer)->Write(clean).ok());
  EXPECT_TRUE((*writer)->value_changes().empty());
}

// A NOT NULL column without a default left out of the INSERT gets its implicit default in every row.
TEST_P(BulkWriterValueChangeTest, ColumnsLeftOutWithoutADefaultAreChangesOfEveryRow) {
  auto destination = OpenDestination(TestDatabase(DestinationServer()));
  ASSERT_NE(destination, nullptr);
  Exec(*destination, "CREATE TABLE nd (id INT PRIMARY KEY, name VARCHAR(5) NOT NULL, note VARCHAR(5) NULL)");
  BulkWriterOptions options;
  options.table = "nd";
  options.columns = {"id", "note"};
  options.force_multi_row_insert = GetParam();
  absl::StatusOr<std::unique_ptr<BulkWriter>> writer = BulkWriter::Create(*destination, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  RowBatch batch(2);
  for (const char* id : {"1", "2", "3"}) {
    batch.AddValue(id);
    batch.AddNull();
    batch.FinishRow();
  }
  ASSERT_TRUE((*writer)->Write(batch).ok());
  std::vector<std::pair<size_t, std::string>> changed;
  for (const ValueChange& change : (*writer)->value_changes().changes) {
    ASSERT_TRUE(change.row.has_value()) << change.message;
    changed.emplace_back(*change.row, change.column);
  }
  EXPECT_EQ(changed, (std::vector<std::pair<size_t, std::string>>{{0, "name"}, {1, "name"}, {2, "name"}}));
}

INSTANTIATE_TEST_SUITE_P(ArrayBindingAndMultiRow, BulkWriterValueChangeTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "MultiRowInsert" : "ArrayBinding";
                         });

TEST(ValueChangeTest, ParsesTheColumnAndRowOfTheServersMessages) {
  ParsedWarning truncated = ParseWarning("Data truncated for column 'v' at row 2");
  EXPECT_EQ(truncated.column, "v");
  EXPECT_EQ(truncated.row, 2u);
  ParsedWarning incorrect =
      ParseWarning("Incorrect string value: '\\xF0 for column `x`' for column `db`.`w`.`e` at row 14");
  EXPECT_EQ(incorrect.column, "e");
  EXPECT_EQ(incorrect.row, 14u);
  EXPECT_EQ(ParseWarning("Field 'customer_name' doesn't have a default value").column, "customer_name");
  ParsedWarning null = ParseWarning("Column 'n' cannot be null");
  EXPECT_EQ(null.column, "n");
  EXPECT_FALSE(null.row.has_value());
  EXPECT_EQ(ParseWarning("Out of range value for column 's' at row 4").column, "s");
}

}  // namespace
}  // namespace migrate::io
