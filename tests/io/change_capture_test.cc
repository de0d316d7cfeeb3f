// Change capture on a real server (io/change_capture.h, io/changelog.h, io/cascade_capture.h,
// io/trigger_privileges.h): what the triggers record, that installing twice or over the shop's own
// and Magento's triggers loses nothing, and that a change made during a replay stays pending.
#include "io/change_capture.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/cascade_capture.h"
#include "io/changelog.h"
#include "io/table_schema.h"
#include "io/transaction.h"
#include "io/trigger_privileges.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::io::testing::Rows;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ChangeCaptureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_ = TestDatabase(SourceServer());
    connection_ = Connect(options_);
    ASSERT_NE(connection_, nullptr);
  }

  const TableSchema& Schema(const std::string& table) {
    absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection_, options_.database);
    EXPECT_TRUE(schema.ok()) << schema.status();
    schema_ = std::move(*schema);
    return schema_.at(table);
  }

  CaptureInstallResult Install(const std::string& table, std::vector<std::string> key,
                               std::vector<CascadeCapture> cascades = {}) {
    const CaptureSpec spec{&Schema(table), std::move(key), std::move(cascades)};
    absl::StatusOr<CaptureInstallResult> result = InstallChangeCapture(*connection_, spec);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CaptureInstallResult{};
  }

  // "key|operation|processed|version" per changelog row, in key order.
  std::vector<std::string> ChangelogRows(const std::string& table, const std::string& key = "id") {
    std::vector<std::string> lines;
    for (const Row& row : Rows(*connection_, absl::StrCat("SELECT ", key, ", operation, processed, version FROM m2_cl_",
                                                          table, " ORDER BY ", key))) {
      std::string line;
      for (const auto& value : row) absl::StrAppend(&line, line.empty() ? "" : "|", value.value_or("NULL"));
      lines.push_back(line);
    }
    return lines;
  }

  std::vector<std::string> TriggerNames(const std::string& table) {
    std::vector<std::string> names;
    for (const Row& row : Rows(*connection_, absl::StrCat("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
                                                          "TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = '",
                                                          table, "' ORDER BY TRIGGER_NAME"))) {
      names.push_back(row[0].value_or(""));
    }
    return names;
  }

  ConnectionOptions options_;
  std::unique_ptr<MysqlConnection> connection_;
  DatabaseSchema schema_;
};

TEST_F(ChangeCaptureTest, TriggersRecordEveryChangeWithAVersionAndNeverLeaveItProcessed) {
  Exec(*connection_, "CREATE TABLE t (id INT UNSIGNED PRIMARY KEY, v VARCHAR(10))");
  const CaptureInstallResult result = Install("t", {"id"});
  EXPECT_TRUE(result.changelog_created);
  EXPECT_EQ(result.triggers_created, 3);
  EXPECT_THAT(TriggerNames("t"), ElementsAre("trg_t_after_delete", "trg_t_after_insert", "trg_t_after_update"));

  Exec(*connection_, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  Exec(*connection_, "UPDATE m2_cl_t SET processed = 1");  // as Magento's replay marks them
  Exec(*connection_, "UPDATE t SET v = 'x' WHERE id = 1");
  Exec(*connection_, "DELETE FROM t WHERE id = 2");
  Exec(*connection_, "UPDATE t SET id = 7 WHERE id = 3");  // a key change: the old key is gone
  EXPECT_THAT(ChangelogRows("t"), ElementsAre("1|UPDATE|0|2", "2|DELETE|0|2", "3|DELETE|0|2", "7|UPDATE|0|1"));
}

TEST_F(ChangeCaptureTest, InstallingAgainCreatesNothing) {
  Exec(*connection_, "CREATE TABLE t (id INT PRIMARY KEY)");
  Install("t", {"id"});
  const CaptureInstallResult again = Install("t", {"id"});
  EXPECT_FALSE(again.changelog_created);
  EXPECT_EQ(again.triggers_created, 0);
  EXPECT_EQ(TriggerNames("t").size(), 3u);
  Exec(*connection_, "INSERT INTO t VALUES (1)");
  EXPECT_THAT(ChangelogRows("t"), ElementsAre("1|INSERT|0|1"));
}

TEST_F(ChangeCaptureTest, TheShopsOwnTriggerIsMergedAndKeepsItsEffect) {
  Exec(*connection_,
       "CREATE TABLE t (id INT PRIMARY KEY, v INT); CREATE TABLE audit (id INT, note VARCHAR(20));"
       "CREATE TRIGGER shop_audit AFTER INSERT ON t FOR EACH ROW INSERT INTO audit VALUES (NEW.id, 'inserted')");
  const CaptureInstallResult result = Install("t", {"id"});
  EXPECT_THAT(result.merged_triggers, ElementsAre("shop_audit"));
  EXPECT_THAT(TriggerNames("t"), ElementsAre("trg_t_after_delete", "trg_t_after_insert", "trg_t_after_update"));
  Exec(*connection_, "INSERT INTO t VALUES (4, 0)");
  EXPECT_THAT(Rows(*connection_, "SELECT id, note FROM audit"),
              ElementsAre(ElementsAre(std::optional<std::string>("4"), std::optional<std::string>("inserted"))));
  EXPECT_THAT(ChangelogRows("t"), ElementsAre("4|INSERT|0|1"));

  // Installing again neither merges nor runs the shop's statement twice.
  EXPECT_TRUE(Install("t", {"id"}).merged_triggers.empty());
  Exec(*connection_, "INSERT INTO t VALUES (5, 0)");
  EXPECT_EQ(Rows(*connection_, "SELECT id FROM audit WHERE id = 5").size(), 1u);
}

TEST_F(ChangeCaptureTest, MagentosChangelogAndTriggerAreTakenOver) {
  // What Magento's tool leaves behind: its changelog and a trigger of the same name as ours.
  Exec(*connection_,
       "CREATE TABLE t (id INT PRIMARY KEY);"
       "CREATE TABLE m2_cl_t (id INT NOT NULL PRIMARY KEY, operation TEXT, processed BOOLEAN NOT NULL DEFAULT 0);"
       "CREATE TRIGGER trg_t_after_insert AFTER INSERT ON t FOR EACH ROW INSERT INTO m2_cl_t (id, operation) "
       "VALUES (NEW.id, 'INSERT') ON DUPLICATE KEY UPDATE operation = 'INSERT'");
  const CaptureInstallResult result = Install("t", {"id"});
  EXPECT_FALSE(result.changelog_created);
  EXPECT_THAT(result.merged_triggers, ElementsAre("trg_t_after_insert"));
  Exec(*connection_, "INSERT INTO t VALUES (1)");
  Exec(*connection_, "UPDATE m2_cl_t SET processed = 1");
  // Magento's statement, kept in ours, runs too: it adds the row, ours raises its version.
  Exec(*connection_, "DELETE FROM t; INSERT INTO t VALUES (1)");
  EXPECT_THAT(ChangelogRows("t"), ElementsAre("1|INSERT|0|4"));
}

TEST_F(ChangeCaptureTest, AChangeMadeWhileAReplayRunsStaysPending) {
  Exec(*connection_, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
  Install("t", {"id"});
  Exec(*connection_, "INSERT INTO t VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)");
  const Changelog changelog(options_.database, "t", {KeyColumn{"id", true}});
  absl::StatusOr<ChangelogPage> page = changelog.ReadPending(*connection_, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->entries.size(), 5u);
  // The replay applies what it read; meanwhile the shop changes row 3 again.
  Exec(*connection_, "UPDATE t SET v = 9 WHERE id = 3");
  absl::StatusOr<uint64_t> removed = changelog.RemoveApplied(*connection_, page->entries);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 4u);
  EXPECT_THAT(ChangelogRows("t"), ElementsAre("3|UPDATE|0|2"));
  EXPECT_EQ(*changelog.CountPending(*connection_), 1u);
}

// `migrate delta --until-caught-up` counts every changelog in one consistent snapshot: a change
// committed after the snapshot began is not counted by it, one committed before is, whichever
// changelog is read first.
TEST_F(ChangeCaptureTest, CountsInAConsistentSnapshotSeeExactlyTheChangesCommittedBeforeIt) {
  Exec(*connection_, "CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE b (id INT PRIMARY KEY)");
  Install("a", {"id"});
  Install("b", {"id"});
  const Changelog a(options_.database, "a", {KeyColumn{"id", true}});
  const Changelog b(options_.database, "b", {KeyColumn{"id", true}});
  std::unique_ptr<MysqlConnection> shop = Connect(options_);
  ASSERT_NE(shop, nullptr);
  Exec(*shop, "INSERT INTO b VALUES (1)");
  {
    absl::StatusOr<Transaction> snapshot = Transaction::Begin(*connection_, Isolation::kConsistentSnapshot);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status();
    Exec(*shop, "INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)");
    EXPECT_EQ(*a.CountPending(*connection_), 0u);
    EXPECT_EQ(*b.CountPending(*connection_), 1u);
    ASSERT_TRUE(snapshot->Commit().ok());
  }
  EXPECT_EQ(*a.CountPending(*connection_), 1u);
  EXPECT_EQ(*b.CountPending(*connection_), 2u);
}

// A shop transaction still open on a changed row: the replay's removal neither waits for it (which
// could deadlock the shop's write with ours) nor removes its entry, which stays pending.
TEST_F(ChangeCaptureTest, RemovalSkipsEntriesAShopTransactionHoldsWithoutWaiting) {
  Exec(*connection_, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
  Install("t", {"id"});
  Exec(*connection_, "INSERT INTO t VALUES (1, 0), (2, 0), (3, 0)");
  const Changelog changelog(options_.database, "t", {KeyColumn{"id", true}});
  absl::StatusOr<ChangelogPage> page = changelog.ReadPending(*connection_, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  std::unique_ptr<MysqlConnection> shop = Connect(options_);
  ASSERT_NE(shop, nullptr);
  Exec(*shop, "SET SESSION innodb_lock_wait_timeout = 1");
  Exec(*shop, "BEGIN");
  Exec(*shop, "UPDATE t SET v = 1 WHERE id = 2");
  Exec(*connection_, "SET SESSION innodb_lock_wait_timeout = 1");
  absl::StatusOr<uint64_t> removed = changelog.RemoveApplied(*connection_, page->entries);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 2u);
  // The shop's transaction goes on writing the changelog and commits.
  Exec(*shop, "UPDATE t SET v = 2 WHERE id = 3");
  Exec(*shop, "COMMIT");
  EXPECT_THAT(ChangelogRows("t"), ElementsAre("2|UPDATE|0|2", "3|UPDATE|0|1"));
}

// The removal deletes exactly the rows of its page: not even a row another transaction holds
// beside them makes it wait (a DELETE ... IN (...) planned as a scan would, holding its own rows,
// and deadlock with a shop write that needs one of those).
TEST_F(ChangeCaptureTest, RemovalNeverWaitsForRowsOutsideItsPage) {
  Exec(*connection_, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
  Install("t", {"id"});
  Exec(*connection_, "INSERT INTO t VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0)");
  const Changelog changelog(options_.database, "t", {KeyColumn{"id", true}});
  absl::StatusOr<ChangelogPage> page = changelog.ReadPending(*connection_, std::nullopt, 7);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->entries.size(), 7u);
  std::unique_ptr<MysqlConnection> shop = Connect(options_);
  ASSERT_NE(shop, nullptr);
  Exec(*shop, "BEGIN");
  Exec(*shop, "UPDATE t SET v = 1 WHERE id = 8");
  Exec(*connection_, "SET SESSION innodb_lock_wait_timeout = 1");
  absl::StatusOr<uint64_t> removed = changelog.RemoveApplied(*connection_, page->entries);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 7u);
  Exec(*shop, "COMMIT");
  EXPECT_THAT(ChangelogRows("t"), ElementsAre("8|UPDATE|0|2"));
}

TEST_F(ChangeCaptureTest, PendingChangesComePageByPageInKeyOrder) {
  Exec(*connection_, "CREATE TABLE t (a VARCHAR(10), b INT, PRIMARY KEY (a, b))");
  Install("t", {"a", "b"});
  Exec(*connection_, "INSERT INTO t VALUES ('y', 1), ('x', 2), ('x', 10), ('z''q', 0)");
  const Changelog changelog(options_.database, "t", {KeyColumn{"a", false}, KeyColumn{"b", true}});
  std::vector<std::string> seen;
  std::optional<Key> after;
  while (true) {
    absl::StatusOr<ChangelogPage> page = changelog.ReadPending(*connection_, after, 3);
    ASSERT_TRUE(page.ok()) << page.status();
    if (page->entries.empty()) break;
    for (const ChangelogEntry& entry : page->entries) seen.push_back(entry.key[0] + "/" + entry.key[1]);
    after = page->entries.back().key;
  }
  EXPECT_THAT(seen, ElementsAre("x/2", "x/10", "y/1", "z'q/0"));
}

TEST_F(ChangeCaptureTest, RowsACascadeDeletesOrNullsAreRecorded) {
  Exec(*connection_,
       "CREATE TABLE customer (entity_id INT PRIMARY KEY);"
       "CREATE TABLE orders (entity_id INT PRIMARY KEY, customer_id INT NULL,"
       "  FOREIGN KEY (customer_id) REFERENCES customer (entity_id) ON DELETE SET NULL);"
       "CREATE TABLE item (item_id INT PRIMARY KEY, order_id INT NOT NULL,"
       "  FOREIGN KEY (order_id) REFERENCES orders (entity_id) ON DELETE CASCADE);"
       "INSERT INTO customer VALUES (1); INSERT INTO orders VALUES (10, 1), (11, NULL);"
       "INSERT INTO item VALUES (100, 10), (101, 10), (102, 11)");
  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection_, options_.database);
  ASSERT_TRUE(schema.ok()) << schema.status();
  const std::map<std::string, std::vector<std::string>> tracked = {
      {"customer", {"entity_id"}}, {"orders", {"entity_id"}}, {"item", {"item_id"}}};
  for (const auto& [table, key] : tracked) {
    const CaptureSpec spec{&schema->at(table), key, FindCascades(*schema, table, tracked)};
    ASSERT_TRUE(InstallChangeCapture(*connection_, spec).ok());
  }
  EXPECT_THAT(TriggerNames("orders"), ElementsAre("trg_orders_after_delete", "trg_orders_after_insert",
                                                  "trg_orders_after_update", "trg_orders_before_delete"));
  Exec(*connection_, "DELETE FROM orders WHERE entity_id = 10; DELETE FROM customer");
  EXPECT_THAT(ChangelogRows("item", "item_id"), ElementsAre("100|DELETE|0|1", "101|DELETE|0|1"));
  EXPECT_THAT(ChangelogRows("orders", "entity_id"), ElementsAre("10|DELETE|0|1"));
  Exec(*connection_, "INSERT INTO customer VALUES (2); INSERT INTO orders VALUES (12, 2); DELETE FROM customer");
  EXPECT_THAT(ChangelogRows("orders", "entity_id"), ElementsAre("10|DELETE|0|1", "12|UPDATE|0|2"));
}

TEST_F(ChangeCaptureTest, AnAccountWithoutTriggerIsToldWhatToGrant) {
  const std::string user = absl::StrCat("cc_", options_.database).substr(0, 32);
  Exec(*connection_, absl::StrCat("DROP USER IF EXISTS '", user, "'@'%'; CREATE USER '", user,
                                  "'@'%' IDENTIFIED BY 'secret-pw'; GRANT SELECT, INSERT ON `", options_.database,
                                  "`.* TO '", user, "'@'%'"));
  ConnectionOptions limited = options_;
  limited.user = user;
  limited.password = "secret-pw";
  auto connection = Connect(limited);
  ASSERT_NE(connection, nullptr);
  const absl::Status status = CheckChangeCapturePrivileges(*connection, options_.database);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr(absl::StrCat("GRANT TRIGGER, CREATE ON `", options_.database, "`.* TO '",
                                                       user, "'@'%';")));
  EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("secret-pw")));
  EXPECT_TRUE(CheckChangeCapturePrivileges(*connection_, options_.database).ok());
  Exec(*connection_, absl::StrCat("DROP USER '", user, "'@'%'"));
}

}  // namespace
}  // namespace migrate::io
