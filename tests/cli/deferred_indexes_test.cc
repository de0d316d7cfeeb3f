// migrate data loading empty tables without their plain secondary keys and building them after the
// load (io/deferred_indexes.h): kill -9 at random moments (during the index build too), a failure
// in the middle, -r after a finished run. Every time the runs end with the rows of a clean run and
// every destination table's SHOW CREATE TABLE as it was before.
#include <signal.h>

#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_servers.h"

namespace migrate {
namespace {

using ::migrate::testing::Connect;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::Exec;
using ::migrate::testing::MigrateRunTest;
using ::migrate::testing::ProcessResult;
using ::migrate::testing::Rows;
using ::migrate::testing::Scalar;
using ::migrate::testing::Subprocess;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kTables[][8] = {"parent", "item", "tag"};

// item has keys of every kind: unique, plain, prefix, descending, commented, fulltext, and foreign
// keys both ways; parent's code key is what item's foreign key references, and tag has a trigger.
constexpr char kDestinationSchema[] = R"(
CREATE TABLE parent (id INT UNSIGNED NOT NULL, code INT NOT NULL, label VARCHAR(40) NULL,
  PRIMARY KEY (id), KEY IDX_PARENT_LABEL (label), KEY IDX_PARENT_CODE (code)) ENGINE=InnoDB;
CREATE TABLE item (id INT UNSIGNED NOT NULL AUTO_INCREMENT, parent_id INT UNSIGNED NULL, code INT NOT NULL,
  sku VARCHAR(64) NOT NULL, name VARCHAR(100) NULL, body TEXT NULL, score INT NOT NULL,
  PRIMARY KEY (id), UNIQUE KEY UNQ_ITEM_SKU (sku), KEY IDX_ITEM_PARENT (parent_id),
  KEY IDX_ITEM_NAME (name(10)) COMMENT 'first ten characters', KEY IDX_ITEM_SCORE_CODE (score DESC, code),
  FULLTEXT KEY FTI_ITEM_BODY (body), KEY IDX_ITEM_CODE (code),
  CONSTRAINT FK_ITEM_PARENT FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE,
  CONSTRAINT FK_ITEM_CODE FOREIGN KEY (code) REFERENCES parent (code)) ENGINE=InnoDB;
CREATE TABLE tag (id INT UNSIGNED NOT NULL, item_id INT UNSIGNED NOT NULL, value VARCHAR(32) NOT NULL,
  PRIMARY KEY (id), KEY IDX_TAG_VALUE (value)) ENGINE=InnoDB;
CREATE TRIGGER trg_tag_after_insert AFTER INSERT ON tag FOR EACH ROW SET @tags = 1;
)";

class DeferredIndexesTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    clean_options_ = TestDatabase(DestinationServer(), "_clean");
    clean_ = Connect(clean_options_);
    ASSERT_NE(clean_, nullptr);
    Exec(*source_, R"(CREATE TABLE parent (id INT UNSIGNED NOT NULL PRIMARY KEY, code INT NOT NULL, label VARCHAR(40) NULL);
      INSERT INTO parent SELECT seq, seq * 7, CONCAT('label ', seq MOD 977) FROM seq_1_to_30000;
      CREATE TABLE item (id INT UNSIGNED NOT NULL PRIMARY KEY, parent_id INT UNSIGNED NULL, code INT NOT NULL,
        sku VARCHAR(64) NOT NULL, name VARCHAR(255) NULL, body TEXT NULL, score INT NOT NULL);
      INSERT INTO item SELECT seq, IF(seq MOD 13 = 0, NULL, 1 + seq MOD 30000), 7 * (1 + seq MOD 30000),
        CONCAT('sku-', seq), CONCAT('Name ', seq MOD 5003, ' é'), IF(seq MOD 4 = 0, NULL, CONCAT('body w', seq MOD 101)),
        (seq * 7919) MOD 100003 FROM seq_1_to_250000;
      CREATE TABLE tag (id INT UNSIGNED NOT NULL PRIMARY KEY, item_id INT UNSIGNED NOT NULL, value VARCHAR(32) NOT NULL);
      INSERT INTO tag SELECT seq, 1 + seq MOD 250000, CONCAT('t', seq MOD 211) FROM seq_1_to_25000;
      ANALYZE TABLE parent, item, tag)");
    for (io::MysqlConnection* destination : {destination_.get(), clean_.get()}) Exec(*destination, kDestinationSchema);
    schema_before_ = Schema(*destination_);
    WriteFile("map.xml", "<map><source/><destination/></map>");
  }

  std::string Config(const io::ConnectionOptions& destination, const std::string& options = "") {
    return WriteConfig("data", kMapStep,
                       "\n    <map_file>map.xml</map_file><bulk_size>2000</bulk_size><threads>3</threads>" + options,
                       destination);
  }

  // Every table's SHOW CREATE TABLE without its AUTO_INCREMENT counter, which rows move.
  static std::map<std::string, std::string> Schema(io::MysqlConnection& connection) {
    std::map<std::string, std::string> schema;
    for (const char* table : kTables) {
      absl::StatusOr<io::ResultSet> create = connection.Query(absl::StrCat("SHOW CREATE TABLE ", table));
      schema[table] = create.ok() && !create->empty() ? create->rows()[0][1].value_or("")
                                                     : create.status().ToString();
      schema[table] = std::regex_replace(schema[table], std::regex(" AUTO_INCREMENT=[0-9]+"), "");
    }
    return schema;
  }

  static std::map<std::string, std::string> Checksums(io::MysqlConnection& connection) {
    std::map<std::string, std::string> checksums;
    for (const char* table : kTables) {
      checksums[table] = Rows(connection, absl::StrCat("CHECKSUM TABLE ", table)).at(0);
      checksums[table] = checksums[table].substr(checksums[table].find('|'));
    }
    return checksums;
  }

  std::vector<std::string> Pending(io::MysqlConnection& connection) {
    return Rows(connection, "SELECT table_name FROM migrate_pending_indexes ORDER BY table_name");
  }

  // Polls the destination until `done` says so or the run ends; true when `done` said so.
  bool PollUntil(Subprocess& run, const std::function<bool()>& done) {
    for (int polls = 0; polls < 60000 && run.Running(); ++polls) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }

  // True while a connection builds item's keys (the load's last ALTER TABLE, or a restart's).
  bool BuildingItemKeys(io::MysqlConnection& monitor) {
    return Scalar(monitor, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE%item%ADD KEY%'") !=
           "0";
  }

  io::ConnectionOptions clean_options_;
  std::unique_ptr<io::MysqlConnection> clean_;
  std::map<std::string, std::string> schema_before_;
};

TEST_F(DeferredIndexesTest, KillNineAtRandomMomentsAndDuringTheIndexBuildThenResumeAndReset) {
  const auto clean_start = std::chrono::steady_clock::now();
  ProcessResult clean = Migrate({"data", Config(clean_options_)});
  const double clean_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clean_start).count();
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  const std::map<std::string, std::string> expected = Checksums(*clean_);
  ASSERT_EQ(Scalar(*clean_, "SELECT COUNT(*) FROM item"), "250000");
  EXPECT_EQ(Schema(*clean_), schema_before_);
  EXPECT_THAT(Pending(*clean_), IsEmpty());

  const std::string config = Config(destination_options_);
  auto monitor = Connect(destination_options_);
  int killed_building = 0;
  // The load's own index build, then a restart's build of what the killed one left.
  for (int run_number = 0; run_number < 2; ++run_number) {
    std::unique_ptr<Subprocess> run = StartMigrate({"data", config});
    if (PollUntil(*run, [&] { return BuildingItemKeys(*monitor); })) {
      run->Kill(SIGKILL);
      if (run->Wait().exit_code == 128 + SIGKILL) ++killed_building;
    } else {
      run->Wait();
    }
  }
  EXPECT_GE(killed_building, 1);

  // Random moments of fresh (-r) and resumed runs: checks, the keys' removal, the copy, the build.
  std::mt19937 random(20261201);
  int killed = 0;
  for (int i = 0; i < 8; ++i) {
    std::vector<std::string> args = {"data", config};
    if (i % 2 == 0) args.insert(args.begin() + 1, "-r");
    std::unique_ptr<Subprocess> run = StartMigrate(args);
    const auto kill_at = std::chrono::steady_clock::now() +
                         std::chrono::milliseconds(static_cast<int>(clean_seconds * 1000 * (random() % 1000) / 1000));
    if (PollUntil(*run, [&] { return std::chrono::steady_clock::now() >= kill_at; })) run->Kill(SIGKILL);
    if (run->Wait().exit_code == 128 + SIGKILL) ++killed;
  }
  EXPECT_GE(killed, 4);

  ProcessResult finish = Migrate({"data", config});
  ASSERT_EQ(finish.exit_code, 0) << finish.output;
  EXPECT_EQ(Checksums(*destination_), expected);
  EXPECT_EQ(Schema(*destination_), schema_before_);
  EXPECT_THAT(Pending(*destination_), IsEmpty());

  // -r after a finished run: a fresh load, its keys built again.
  ProcessResult reset = Migrate({"data", "-r", config});
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_EQ(Checksums(*destination_), expected);
  EXPECT_EQ(Schema(*destination_), schema_before_);
  EXPECT_THAT(Pending(*destination_), IsEmpty());
}

TEST_F(DeferredIndexesTest, AFailureInTheMiddleLeavesPendingIndexesTheNextRunBuilds) {
  Exec(*source_, "UPDATE item SET name = REPEAT('x', 200) WHERE id = 200000");
  const std::string config = Config(destination_options_, "<value_changes>fatal</value_changes>");
  ProcessResult failed = Migrate({"data", config});
  ASSERT_EQ(failed.exit_code, 1) << failed.output;
  EXPECT_THAT(failed.output, HasSubstr("id=200000"));
  // Only item was taken apart: parent's remaining key is referenced by item, tag has a trigger.
  EXPECT_THAT(Pending(*destination_), ElementsAre("item"));
  EXPECT_THAT(Schema(*destination_)["item"], Not(HasSubstr("IDX_ITEM_PARENT")));
  EXPECT_EQ(Schema(*destination_)["tag"], schema_before_["tag"]);
  EXPECT_EQ(Schema(*destination_)["parent"], schema_before_["parent"]);

  Exec(*source_, "UPDATE item SET name = 'fixed' WHERE id = 200000");
  ProcessResult resumed = Migrate({"data", config});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_THAT(resumed.output, HasSubstr("Built the secondary indexes of"));
  EXPECT_THAT(Pending(*destination_), IsEmpty());
  EXPECT_EQ(Schema(*destination_), schema_before_);
  const std::string columns = "CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, parent_id, code, sku, name, body, score))))";
  EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT ", columns, " FROM item")),
            Scalar(*source_, absl::StrCat("SELECT ", columns, " FROM item")));
}

}  // namespace
}  // namespace migrate
