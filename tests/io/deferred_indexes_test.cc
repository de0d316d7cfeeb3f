// Deferred secondary keys on a real server: which keys are taken off, what is left alone, and that
// the keys come back (twice over too) exactly as SHOW CREATE TABLE had them.
#include "io/deferred_indexes.h"

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::io::testing::Rows;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// SHOW CREATE TABLE without the AUTO_INCREMENT counter, which rows move.
std::string ShowCreate(MysqlConnection& connection, absl::string_view table) {
  std::vector<Row> rows = Rows(connection, absl::StrCat("SHOW CREATE TABLE ", table));
  return rows.empty() ? "<none>" : std::regex_replace(rows[0][1].value_or(""), std::regex(" AUTO_INCREMENT=[0-9]+"), "");
}

class DeferredIndexesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_ = TestDatabase(DestinationServer());
    connection_ = Connect(options_);
    ASSERT_NE(connection_, nullptr);
    Exec(*connection_, "SET SESSION foreign_key_checks = 0");
    absl::StatusOr<ProgressStore> store = ProgressStore::Open(*connection_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_.emplace(*std::move(store));
    Exec(*connection_, "CREATE TABLE parent (id INT PRIMARY KEY, code INT NOT NULL, KEY IDX_CODE (code))");
    Exec(*connection_,
         "CREATE TABLE `odd``name` (id INT AUTO_INCREMENT PRIMARY KEY, pid INT, code INT, name VARCHAR(100), "
         "txt TEXT, s INT, UNIQUE KEY UQ_NAME (name, s), KEY `IDX_P``ID` (pid), "
         "KEY IDX_NAME (name(10)) COMMENT 'a ''comment''', KEY IDX_Z (s DESC, code), FULLTEXT KEY FT_TXT (txt), "
         "KEY IDX_CODE (code) USING BTREE, CONSTRAINT FK_P FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE, "
         "CONSTRAINT FK_CODE FOREIGN KEY (code) REFERENCES parent (code))");
  }

  ConnectionOptions options_;
  std::unique_ptr<MysqlConnection> connection_;
  std::optional<ProgressStore> store_;
};

TEST_F(DeferredIndexesTest, TakesPlainKeysAndForeignKeysOffAndPutsThemBackAsTheyWere) {
  const std::string before = ShowCreate(*connection_, "`odd``name`");
  absl::StatusOr<std::optional<IndexDeferral>> deferral = PlanIndexDeferral(*connection_, options_.database, "odd`name");
  ASSERT_TRUE(deferral.ok()) << deferral.status();
  ASSERT_TRUE(deferral->has_value());
  absl::StatusOr<PendingIndexes> pending = DeferIndexes(*connection_, *store_, options_.database, "odd`name", **deferral);
  ASSERT_TRUE(pending.ok()) << pending.status();
  const std::string during = ShowCreate(*connection_, "`odd``name`");
  EXPECT_THAT(during, Not(HasSubstr("  KEY ")));
  EXPECT_THAT(during, Not(HasSubstr("FOREIGN KEY")));
  EXPECT_THAT(during, HasSubstr("UNIQUE KEY `UQ_NAME`"));
  EXPECT_THAT(during, HasSubstr("FULLTEXT KEY `FT_TXT`"));
  EXPECT_THAT(Rows(*connection_, "SELECT table_name FROM migrate_pending_indexes"), ElementsAre(Row{"odd`name"}));

  Exec(*connection_, "INSERT INTO `odd``name` (pid, code, name, txt, s) SELECT seq, seq, seq, seq, seq FROM seq_1_to_1000");
  absl::StatusOr<std::vector<std::string>> restored = RestorePendingIndexes(*connection_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_THAT(*restored, ElementsAre(absl::StrCat(options_.database, ".odd`name")));
  EXPECT_EQ(ShowCreate(*connection_, "`odd``name`"), before);
  EXPECT_THAT(Rows(*connection_, "SELECT table_name FROM migrate_pending_indexes"), IsEmpty());

  // A second restore of the same record (a killed run's, already done) changes nothing.
  ASSERT_TRUE(RestoreIndexes(*connection_, *store_, *pending).ok());
  EXPECT_EQ(ShowCreate(*connection_, "`odd``name`"), before);
}

TEST_F(DeferredIndexesTest, LeavesAloneTablesWithRowsTriggersOrNothingToDefer) {
  Exec(*connection_, "CREATE TABLE full_table (id INT PRIMARY KEY, v INT, KEY IDX_V (v))");
  Exec(*connection_, "INSERT INTO full_table VALUES (1, 1)");
  Exec(*connection_, "CREATE TABLE watched (id INT PRIMARY KEY, v INT, KEY IDX_V (v))");
  Exec(*connection_, "CREATE TRIGGER trg_watched AFTER INSERT ON watched FOR EACH ROW SET @x = 1");
  Exec(*connection_, "CREATE TABLE flat (id INT PRIMARY KEY, v INT, KEY IDX_V (v)) ENGINE=MyISAM");
  // parent's only plain key is what odd`name's foreign key references.
  for (const char* table : {"full_table", "watched", "flat", "parent"}) {
    const std::string before = ShowCreate(*connection_, table);
    absl::StatusOr<std::optional<IndexDeferral>> deferral = PlanIndexDeferral(*connection_, options_.database, table);
    ASSERT_TRUE(deferral.ok()) << deferral.status();
    EXPECT_FALSE(deferral->has_value()) << table;
    EXPECT_EQ(ShowCreate(*connection_, table), before);
  }
  EXPECT_THAT(Rows(*connection_, "SELECT table_name FROM migrate_pending_indexes"), IsEmpty());
}

TEST(DeferralOfTest, KeepsPlainKeysBeforeAKeptOneSoTheOrderStays) {
  const std::string create =
      "CREATE TABLE `t` (\n  `a` int(11) NOT NULL,\n  `b` int(11) DEFAULT NULL,\n  `c` int(11) DEFAULT NULL,\n"
      "  PRIMARY KEY (`a`),\n  KEY `IDX_B` (`b`),\n  KEY `IDX_C_B` (`c`,`b`),\n  KEY `IDX_C` (`c`)\n"
      ") ENGINE=InnoDB";
  std::optional<IndexDeferral> deferral = DeferralOf(create, {{"c", "b"}});
  ASSERT_TRUE(deferral.has_value());
  EXPECT_THAT(deferral->drop_clauses, ElementsAre("DROP KEY IF EXISTS `IDX_C`"));
  EXPECT_THAT(deferral->add_clauses, ElementsAre("ADD KEY IF NOT EXISTS `IDX_C` (`c`)"));
  EXPECT_FALSE(DeferralOf(create, {{"c"}}).has_value());
}

}  // namespace
}  // namespace migrate::io
