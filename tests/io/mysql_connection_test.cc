// The MySQL connection wrapper against a real server: statements, results, quoting, errors.
#include "io/mysql_connection.h"

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_error.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::unique_ptr<MysqlConnection> Connect(const ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = MysqlConnection::Open(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

TEST(MysqlConnectionTest, ExecutesStatementsAndBuffersResults) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->Execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20) NULL);"
                                  "INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c')")
                  .ok());
  EXPECT_EQ(connection->affected_rows(), 3u);

  absl::StatusOr<ResultSet> result = connection->Query("SELECT id, name FROM t ORDER BY id");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(result->columns(), ElementsAre("id", "name"));
  ASSERT_EQ(result->size(), 3u);
  EXPECT_EQ(*result->rows()[0][1], "a");
  EXPECT_FALSE(result->rows()[1][1].has_value());
  EXPECT_EQ(*result->Get(2, "id"), "3");
  EXPECT_FALSE(result->Get(1, "name").ok());
  EXPECT_FALSE(result->Get(0, "missing").ok());
  EXPECT_EQ(*connection->QueryScalar("SELECT COUNT(*) FROM t"), "3");
}

TEST(MysqlConnectionTest, QuoteIdentifierDoublesBackticks) {
  EXPECT_EQ(QuoteIdentifier("we`ird"), "`we``ird`");
  EXPECT_EQ(QualifiedName("d`b", "t"), "`d``b`.`t`");
}

TEST(MysqlConnectionTest, ErrorsCarryTheServerErrorNumberAndNoPassword) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  absl::Status missing = connection->Execute("SELECT * FROM no_such_table");
  EXPECT_EQ(MysqlErrorNumber(missing), 1146u);
  EXPECT_THAT(std::string(missing.message()), HasSubstr("no_such_table"));

  ConnectionOptions wrong = SourceServer().Options();
  wrong.user = "nobody";
  wrong.password = "s3cret-pass";
  absl::StatusOr<std::unique_ptr<MysqlConnection>> refused = MysqlConnection::Open(wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(MysqlErrorNumber(refused.status()), 1045u);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("nobody@127.0.0.1"));
  EXPECT_THAT(std::string(refused.status().message()), Not(HasSubstr("s3cret-pass")));
}

TEST(MysqlConnectionTest, InitStatementsRunOnOpen) {
  ConnectionOptions options = TestDatabase(SourceServer());
  options.init_statements = {"SET SESSION sql_mode='NO_AUTO_VALUE_ON_ZERO'", "SET @marker = 42"};
  auto connection = Connect(options);
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(*connection->QueryScalar("SELECT @@SESSION.sql_mode"), "NO_AUTO_VALUE_ON_ZERO");
  EXPECT_EQ(*connection->QueryScalar("SELECT @marker"), "42");

  options.init_statements = {"SET no_such_variable = 1"};
  absl::StatusOr<std::unique_ptr<MysqlConnection>> failed = MysqlConnection::Open(options);
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(std::string(failed.status().message()), HasSubstr("init statement failed"));
}

TEST(MysqlConnectionTest, SeveralStatementsPerCallOnlyWhenAllowed) {
  ConnectionOptions options = TestDatabase(SourceServer());
  ASSERT_TRUE(options.allow_multi_statements);  // the fixtures' way
  options.allow_multi_statements = false;
  auto connection = Connect(options);
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->Execute("CREATE TABLE t (id INT)").ok());
  absl::Status refused = connection->Execute("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)");
  EXPECT_EQ(MysqlErrorNumber(refused), 1064u) << refused;
  EXPECT_EQ(*connection->QueryScalar("SELECT COUNT(*) FROM t"), "0");
}

TEST(MysqlConnectionTest, LostConnectionIsUnavailable) {
  auto connection = Connect(TestDatabase(SourceServer()));
  auto killer = Connect(SourceServer().Options());
  ASSERT_NE(connection, nullptr);
  ASSERT_NE(killer, nullptr);
  const std::string id = *connection->QueryScalar("SELECT CONNECTION_ID()");
  ASSERT_TRUE(killer->Execute("KILL " + id).ok());
  absl::Status lost = connection->Execute("SELECT 1");
  EXPECT_TRUE(absl::IsUnavailable(lost)) << lost;
  EXPECT_TRUE(IsConnectionLost(MysqlErrorNumber(lost)));
}

}  // namespace
}  // namespace migrate::io
