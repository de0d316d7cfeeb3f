// Source and destination sessions: our settings first, the user's init statements last.
#include "io/session_setup.h"

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

  Exec(session, "CREATE TABLE parent (id INT PRIMARY KEY) ENGINE=InnoDB;"
                "CREATE TABLE child (id INT AUTO_INCREMENT PRIMARY KEY, parent_id INT, d DATETIME,"
                " FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB;"
                "INSERT INTO child VALUES (0, 42, '0000-00-00 00:00:00')");
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
