// Source and destination sessions: our settings first, the user's init statements last, then the
// checks of what they left (character set, sql_mode); values bound whatever the session says.
#include "io/session_setup.h"

#include "io/bound_statement.h"
#include "io/mysql_error.h"

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::testing::HasSubstr;

TEST(SessionSetupTest, DestinationSessionAcceptsZeroDatesAndZeroIdsWithoutForeignKeyChecks) {
  ConnectionOptions options = TestDatabase(DestinationServer());
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenDestinationSession(options);
  ASSERT_TRUE(connection.ok()) << connection.status();
  MysqlConnection& session = **connection;
  EXPECT_EQ(*session.QueryScalar("SELECT @@SESSION.foreign_key_checks"), "0");
  EXPECT_EQ(*session.QueryScalar("SELECT @@SESSION.unique_checks"), "1");
  EXPECT_EQ(*session.QueryScalar("SELECT @@SESSION.sql_mode"), "NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES");
  EXPECT_EQ(*session.QueryScalar("SELECT @@SESSION.time_zone"), "+00:00");
  // Root may turn the binary log off.
  EXPECT_EQ(*session.QueryScalar("SELECT @@SESSION.sql_log_bin"), "0");

  // One statement per call: sessions refuse several.
  Exec(session, "CREATE TABLE parent (id INT PRIMARY KEY) ENGINE=InnoDB");
  Exec(session, "CREATE TABLE child (id INT AUTO_INCREMENT PRIMARY KEY, parent_id INT, d DATETIME,"
                " FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB");
  Exec(session, "INSERT INTO child VALUES (0, 42, '0000-00-00 00:00:00')");
  EXPECT_EQ(*session.QueryScalar("SELECT CONCAT(id, '/', parent_id, '/', d) FROM child"), "0/42/0000-00-00 00:00:00");

  absl::StatusOr<std::unique_ptr<MysqlConnection>> fast = OpenDestinationSession(options, {true});
  ASSERT_TRUE(fast.ok()) << fast.status();
  EXPECT_EQ(*(*fast)->QueryScalar("SELECT @@SESSION.unique_checks"), "0");
}

TEST(SessionSetupTest, UserInitStatementsRunLastAndFailuresSaySo) {
  ConnectionOptions options = TestDatabase(DestinationServer());
  options.init_statements = {"SET SESSION foreign_key_checks = 1", "SET @marker = 'user'"};
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenDestinationSession(options);
  ASSERT_TRUE(connection.ok()) << connection.status();
  EXPECT_EQ(*(*connection)->QueryScalar("SELECT @@SESSION.foreign_key_checks"), "1");
  EXPECT_EQ(*(*connection)->QueryScalar("SELECT @marker"), "user");

  options.init_statements = {"SET no_such_variable = 1"};
  absl::StatusOr<std::unique_ptr<MysqlConnection>> failed = OpenSourceSession(options);
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(std::string(failed.status().message()), HasSubstr("init statement failed"));
}

TEST(SessionSetupTest, SessionsNeverAcceptSeveralStatementsPerCall) {
  ConnectionOptions options = TestDatabase(DestinationServer());
  ASSERT_TRUE(options.allow_multi_statements);  // the fixtures' options ask for it
  for (bool destination : {false, true}) {
    absl::StatusOr<std::unique_ptr<MysqlConnection>> session =
        destination ? OpenDestinationSession(options) : OpenSourceSession(options);
    ASSERT_TRUE(session.ok()) << session.status();
    absl::Status refused = (*session)->Execute("SET @a = 1; SET @b = 2");
    EXPECT_EQ(MysqlErrorNumber(refused), 1064u) << refused;
    EXPECT_FALSE((*(*session)->Query("SELECT @a")).rows()[0][0].has_value());
  }
}

TEST(SessionSetupTest, Utf8InitStatementsAreRaisedToUtf8mb4) {
  ConnectionOptions options = TestDatabase(DestinationServer());
  options.init_statements = {"SET NAMES utf8", "SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_TRANS_TABLES')"};
  for (bool destination : {false, true}) {
    absl::StatusOr<std::unique_ptr<MysqlConnection>> session =
        destination ? OpenDestinationSession(options) : OpenSourceSession(options);
    ASSERT_TRUE(session.ok()) << session.status();
    EXPECT_EQ(*(*session)->QueryScalar("SELECT CONCAT_WS(',', @@character_set_client, @@character_set_connection, "
                                       "@@character_set_results)"),
              "utf8mb4,utf8mb4,utf8mb4");
    EXPECT_EQ(*(*session)->QueryScalar("SELECT '🎉'"), "🎉");
  }
}

TEST(SessionSetupTest, InitStatementsMayNotChangeTheCharacterSetOrWhatSqlModeMustBe) {
  struct Case {
    bool destination;
    std::string statement;
    std::string message;
  };
  const Case cases[] = {
      {true, "SET NAMES gbk", "init_statements_destination sets character_set_client to gbk"},
      {false, "SET NAMES latin1", "init_statements_source sets character_set_client to latin1"},
      {false, "SET character_set_results = big5", "init_statements_source sets character_set_results to big5"},
      {true, "SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')",
       "init_statements_destination sets sql_mode NO_BACKSLASH_ESCAPES"},
      {false, "SET sql_mode = 'ANSI'", "init_statements_source sets sql_mode ANSI_QUOTES"},
      {true, "SET sql_mode = ''", "init_statements_destination removes NO_AUTO_VALUE_ON_ZERO from sql_mode"},
      {true, "SET sql_mode = 'NO_AUTO_VALUE_ON_ZERO'",
       "init_statements_destination removes ALLOW_INVALID_DATES from sql_mode"},
  };
  for (const Case& c : cases) {
    ConnectionOptions options = TestDatabase(DestinationServer());
    options.init_statements = {c.statement};
    absl::StatusOr<std::unique_ptr<MysqlConnection>> session =
        c.destination ? OpenDestinationSession(options) : OpenSourceSession(options);
    ASSERT_FALSE(session.ok()) << c.statement;
    EXPECT_THAT(std::string(session.status().message()), HasSubstr(c.message)) << c.statement;
  }
}

// 0x81 0x5c is one gbk character: escaping that assumes utf8 (as handlers did before they bound
// values) doubles the backslash and the quote after it, and under gbk the second backslash escapes
// the first quote and the second quote ends the string.
TEST(SessionSetupTest, BoundValuesArriveByteExactEvenUnderGbk) {
  static constexpr char kCrafted[] = "\x81\x5c' IS NOT NULL) -- \xbf' \x00\x5c";
  const std::string crafted(kCrafted, sizeof(kCrafted) - 1);
  ConnectionOptions options = TestDatabase(DestinationServer());
  options.init_statements = {"SET NAMES gbk"};
  auto gbk = Connect(options);  // a bare connection: no session checks
  ASSERT_NE(gbk, nullptr);
  Exec(*gbk, "CREATE TABLE t (id INT PRIMARY KEY, v VARBINARY(100))");
  absl::StatusOr<uint64_t> inserted = ExecuteBound(*gbk, "INSERT INTO t (id, v) VALUES (?, ?)", {"1", crafted});
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(*inserted, 1u);
  absl::StatusOr<ResultSet> found = QueryBound(*gbk, "SELECT id, v FROM t WHERE v = ?", {crafted});
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(*found->rows()[0][1], crafted);

  // The value escaped as utf8 ends its string early: `IS NOT NULL` runs as SQL and the row gets 1.
  const std::string utf8_escaped =
      absl::StrReplaceAll(crafted, {{"\\", "\\\\"}, {"'", "''"}, {std::string(1, '\0'), "\\0"}});
  ASSERT_TRUE(gbk->Execute("INSERT INTO t (id, v) VALUES (2, '" + utf8_escaped + "')").ok());
  EXPECT_EQ(*gbk->QueryScalar("SELECT v FROM t WHERE id = 2"), "1");
}

TEST(SessionSetupTest, AUserWithoutBinlogPrivilegeStillGetsADestinationSession) {
  ConnectionOptions options = TestDatabase(DestinationServer());
  auto root = Connect(options);
  ASSERT_NE(root, nullptr);
  Exec(*root, "CREATE USER IF NOT EXISTS 'plain'@'%' IDENTIFIED BY 'pw';"
              "GRANT ALL ON `" + options.database + "`.* TO 'plain'@'%'");
  options.user = "plain";
  options.password = "pw";
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenDestinationSession(options);
  ASSERT_TRUE(connection.ok()) << connection.status();
  EXPECT_EQ(*(*connection)->QueryScalar("SELECT @@SESSION.sql_log_bin"), "1");
  EXPECT_EQ(*(*connection)->QueryScalar("SELECT @@SESSION.foreign_key_checks"), "0");

  absl::StatusOr<std::unique_ptr<MysqlConnection>> source = OpenSourceSession(TestDatabase(SourceServer()));
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ(*(*source)->QueryScalar("SELECT @@SESSION.time_zone"), "+00:00");
}

}  // namespace
}  // namespace migrate::io
