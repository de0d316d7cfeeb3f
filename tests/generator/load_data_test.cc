// generator/local_infile_loader.h and generator/load_data_format.h on a real server: awkward bytes survive, NULL
// and the text "\N" stay apart, rows may straddle chunks, and errors come back as statuses.
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "generator/load_data_format.h"
#include "generator/local_infile_loader.h"
#include "io/mysql_connection.h"
#include "tests/support/test_servers.h"

namespace migrate::generator {
namespace {

using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::migrate::io::ConnectionOptions;
using ::migrate::io::MysqlConnection;
using ::migrate::io::ResultSet;

std::unique_ptr<MysqlConnection> ConnectWithLocalInfile() {
  ConnectionOptions options = TestDatabase(SourceServer());
  options.allow_local_infile = true;
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = MysqlConnection::Open(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

// Feeds `chunks` one by one.
absl::StatusOr<LoadDataResult> Load(MysqlConnection& connection, absl::string_view statement,
                                    std::vector<std::string> chunks) {
  size_t next = 0;
  return LoadDataLocalInfile(connection, statement, [&](std::string& chunk) {
    if (next == chunks.size()) return false;
    chunk = chunks[next++];
    return true;
  });
}

TEST(LoadDataLocalInfileTest, AwkwardBytesRoundTripAcrossChunks) {
  auto connection = ConnectWithLocalInfile();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection
                  ->Execute("CREATE TABLE t (id INT PRIMARY KEY, v BLOB NULL, s VARCHAR(50) NULL) "
                            "DEFAULT CHARSET=utf8mb4")
                  .ok());
  const std::vector<std::string> values = {std::string("tab\there\nnew\\line\r\0nul", 23), "\\N", "",
                                           "Grüße \"日本\" 'x'"};
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    text += std::to_string(i + 1) + "\t";
    AppendLoadDataEscaped(text, values[i]);
    text += "\t";
    AppendLoadDataEscaped(text, values[i].substr(0, 20));
    text += "\n";
  }
  text += "5\t" + std::string(kLoadDataNull) + "\t" + std::string(kLoadDataNull) + "\n";
  // Cut the text into pieces of 7 bytes: rows and escapes straddle the chunks.
  std::vector<std::string> chunks;
  for (size_t at = 0; at < text.size(); at += 7) chunks.push_back(text.substr(at, 7));

  absl::StatusOr<LoadDataResult> result = Load(*connection, LoadDataStatement("t", {"id", "v", "s"}), chunks);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows, 5u);
  EXPECT_EQ(result->warnings, 0u);
  absl::StatusOr<ResultSet> rows = connection->Query("SELECT v FROM t ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 5u);
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(rows->rows()[i][0], values[i]) << "row " << i + 1;
  EXPECT_FALSE(rows->rows()[4][0].has_value());
}

TEST(LoadDataLocalInfileTest, NothingToLoadIsFine) {
  auto connection = ConnectWithLocalInfile();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->Execute("CREATE TABLE t (id INT PRIMARY KEY)").ok());
  absl::StatusOr<LoadDataResult> result = Load(*connection, LoadDataStatement("t", {"id"}), {});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows, 0u);
}

TEST(LoadDataLocalInfileTest, ServerErrorsComeBackAsStatusAndTheConnectionStaysUsable) {
  auto connection = ConnectWithLocalInfile();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->Execute("CREATE TABLE t (id INT PRIMARY KEY)").ok());
  absl::StatusOr<LoadDataResult> missing = Load(*connection, LoadDataStatement("no_such_table", {"id"}), {"1\n"});
  EXPECT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()), ::testing::HasSubstr("no_such_table"));
  absl::StatusOr<LoadDataResult> good = Load(*connection, LoadDataStatement("t", {"id"}), {"7\n8\n"});
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->rows, 2u);
}

// With LOCAL the server cannot stop the client's stream, so it skips duplicates as if IGNORE was given:
// they show only as warnings, which the generator therefore treats as errors.
TEST(LoadDataLocalInfileTest, DuplicatesAreSkippedWithWarnings) {
  auto connection = ConnectWithLocalInfile();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->Execute("CREATE TABLE t (id INT PRIMARY KEY)").ok());
  absl::StatusOr<LoadDataResult> duplicate = Load(*connection, LoadDataStatement("t", {"id"}), {"1\n1\n2\n"});
  ASSERT_TRUE(duplicate.ok()) << duplicate.status();
  EXPECT_EQ(duplicate->rows, 2u);
  EXPECT_EQ(duplicate->warnings, 1u);
}

TEST(LoadDataLocalInfileTest, TruncationShowsAsWarnings) {
  auto connection = ConnectWithLocalInfile();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->Execute("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(3))").ok());
  ASSERT_TRUE(connection->Execute("SET SESSION sql_mode = ''").ok());
  absl::StatusOr<LoadDataResult> result = Load(*connection, LoadDataStatement("t", {"id", "s"}), {"1\ttoo long\n"});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->warnings, 1u);
}

}  // namespace
}  // namespace migrate::generator
