// Key values that would break SQL text if they were spelled into it, end to end through the
// migrate binary: a table whose primary key (a utf8mb4 varchar and a varbinary) holds quotes,
// backslashes, gbk-style 0xbf5c and 0xbf27 byte pairs, NUL, LIKE wildcards and values of 1,000
// bytes and more. With batches of a few rows every key is a keyset bound, a resume key and, in
// delta mode, a member of the changelog's and the replay's key lists. The copy, a resume after
// kill -9 and the Map delta must leave the destination equal to the source, and neither server may
// receive any of those values in SQL text: the general log (command type 'Query' is SQL text,
// 'Execute' a prepared statement's run with its bound values) is the witness.
#include <signal.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/bound_statement.h"
#include "io/mysql_connection.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/subprocess.h"

namespace migrate {
namespace {

using ::migrate::testing::Connect;
using ::migrate::testing::Exec;
using ::migrate::testing::MigrateRunTest;
using ::migrate::testing::ProcessResult;
using ::migrate::testing::Scalar;
using ::migrate::testing::Subprocess;
using ::testing::HasSubstr;

// Every crafted key's varchar part starts with this, so the general log can be searched for it.
constexpr char kMarker[] = "q9z";
// The marker spelled so that the query searching for it does not contain it.
constexpr char kMarkerPattern[] = "CONCAT('%', 'q9', 'z', '%')";

constexpr char kTable[] = R"(CREATE TABLE crafted (
    k VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    b VARBINARY(1000) NOT NULL,
    v BLOB NULL,
    n INT NOT NULL,
    PRIMARY KEY (k, b)) ENGINE=InnoDB)";

std::vector<std::string> VarcharParts() {
  return {"'",
          "\\",
          "\\'",
          "\"",
          std::string("\0'", 2),
          "縗'",  // gbk 0xbf5c, as UTF-8
          "' OR '1'='1",
          "%_",
          "🎉\\",
          std::string(),
          [] {
            std::string long_value;
            for (int i = 0; i < 450; ++i) long_value += "長";  // 1,350 bytes
            return long_value;
          }()};
}

std::vector<std::string> BinaryParts() {
  return {std::string("\xbf\x5c'", 3), std::string("\0\xbf\x27", 3), "\\", std::string(900, '\xbf') + "\\"};
}

class CraftedKeysTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    Exec(*source_, kTable);
    Exec(*destination_, kTable);
    InsertRows(0, 1200);
    Exec(*source_, "ANALYZE TABLE crafted");
    WriteFile("map.xml", "<map><source/><destination/></map>");
    WriteFile("deltalog.xml", R"(<?xml version="1.0"?>
<groups><group name="delta_map"><document key="k,b">crafted</document></group></groups>
)");
  }

  void TearDown() override {
    for (io::MysqlConnection* connection : {source_.get(), destination_.get()}) {
      Exec(*connection, "SET GLOBAL general_log = 0");
      Exec(*connection, "TRUNCATE TABLE mysql.general_log");
    }
    MigrateRunTest::TearDown();
  }

  // Rows first .. first + count - 1: four rows (one per binary part) share each varchar key part.
  void InsertRows(int first, int count) {
    const std::vector<std::string> varchar = VarcharParts();
    const std::vector<std::string> binary = BinaryParts();
    for (int i = first; i < first + count; ++i) {
      const int group = i / 4;
      const std::string k = absl::StrCat(kMarker, varchar[group % varchar.size()], group);
      const std::string& b = binary[i % binary.size()];
      absl::StatusOr<uint64_t> inserted =
          io::ExecuteBound(*source_, "INSERT INTO crafted (k, b, v, n) VALUES (?, ?, ?, ?)",
                           {k, b, i % 9 == 0 ? io::BoundValue(std::nullopt) : io::BoundValue(k + b), std::to_string(i)});
      ASSERT_TRUE(inserted.ok()) << inserted.status();
    }
  }

  static std::string Fingerprint(io::MysqlConnection& connection) {
    return Scalar(connection,
                  "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', HEX(k), HEX(b), HEX(v), n, ISNULL(v))))) "
                  "FROM crafted");
  }

  // From now on both servers log every statement they receive into mysql.general_log.
  void StartGeneralLogs() {
    for (io::MysqlConnection* connection : {source_.get(), destination_.get()}) {
      Exec(*connection, "SET GLOBAL log_output = 'TABLE'");
      Exec(*connection, "TRUNCATE TABLE mysql.general_log");
      Exec(*connection, "SET GLOBAL general_log = 1");
    }
  }

  // Statements of `command_type` the server logged that hold the marker.
  static int Logged(io::MysqlConnection& connection, const std::string& command_type) {
    return std::stoi(Scalar(connection, absl::StrCat("SELECT COUNT(*) FROM mysql.general_log WHERE command_type = '",
                                                     command_type, "' AND argument LIKE ", kMarkerPattern)));
  }

  // No crafted value reached either server as SQL text, though the keys did reach the source bound.
  void ExpectNoValueInSqlText() {
    EXPECT_EQ(Logged(*source_, "Query"), 0)
        << Scalar(*source_, absl::StrCat("SELECT argument FROM mysql.general_log WHERE command_type = 'Query' "
                                         "AND argument LIKE ", kMarkerPattern, " LIMIT 1"));
    EXPECT_EQ(Logged(*destination_, "Query"), 0)
        << Scalar(*destination_, absl::StrCat("SELECT argument FROM mysql.general_log WHERE command_type = 'Query' "
                                              "AND argument LIKE ", kMarkerPattern, " LIMIT 1"));
    EXPECT_GT(Logged(*source_, "Execute"), 0) << "the general log saw no bound key";
  }

  std::string DataConfig(const std::string& options) {
    return WriteConfig("data", kMapStep, absl::StrCat("<map_file>map.xml</map_file>", options));
  }

  std::string DataAndDeltaConfig() {
    const std::vector<std::pair<std::string, std::string>> steps = {
        {"data", kMapStep},
        {"delta", R"(
    <step title="Map Step">
      <delta>Migration\Step\Map\Delta</delta>
    </step>)"}};
    return WriteConfig(steps,
                       "<map_file>map.xml</map_file><delta_document_groups_file>deltalog.xml"
                       "</delta_document_groups_file><delta_poll_interval>0.2</delta_poll_interval>"
                       "<bulk_size>7</bulk_size><threads>2</threads>",
                       destination_options_);
  }
};

TEST_F(CraftedKeysTest, CopiesExactlyWithEveryKeyBoundNeverSpelled) {
  StartGeneralLogs();
  ProcessResult run = Migrate({"data", DataConfig("<bulk_size>7</bulk_size><threads>2</threads>")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(Fingerprint(*destination_), HasSubstr("1200:"));
  EXPECT_EQ(Fingerprint(*destination_), Fingerprint(*source_));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM crafted WHERE LENGTH(k) > 1000 AND LENGTH(b) > 900"),
            Scalar(*source_, "SELECT COUNT(*) FROM crafted WHERE LENGTH(k) > 1000 AND LENGTH(b) > 900"));
  ExpectNoValueInSqlText();
}

TEST_F(CraftedKeysTest, ResumesExactlyAfterKillNine) {
  const std::string config = DataConfig("<bulk_size>5</bulk_size><threads>2</threads>");
  auto monitor = Connect(destination_options_);
  int killed_mid_run = 0;
  for (int target : {150, 600}) {
    std::unique_ptr<Subprocess> run = StartMigrate({"data", config});
    bool killed = false;
    for (int polls = 0; polls < 6000 && !killed && run->Running(); ++polls) {
      absl::StatusOr<std::string> done =
          monitor->QueryScalar("SELECT COALESCE(SUM(rows_done), 0) FROM migrate_progress");
      if (done.ok() && std::stoi(*done) >= target) {
        run->Kill(SIGKILL);
        killed = true;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    }
    if (killed && run->Wait().exit_code == 128 + SIGKILL) ++killed_mid_run;
  }
  EXPECT_GE(killed_mid_run, 1);
  const std::string partial = Scalar(*destination_, "SELECT COUNT(*) FROM crafted");
  EXPECT_GT(std::stoi(partial), 0);
  EXPECT_LT(std::stoi(partial), 1200);
  // Resuming binds the recorded keys of each chunk as its lower bound.
  StartGeneralLogs();
  ProcessResult finish = Migrate({"data", config});
  ASSERT_EQ(finish.exit_code, 0) << finish.output;
  EXPECT_EQ(Fingerprint(*destination_), Fingerprint(*source_));
  ExpectNoValueInSqlText();
}

TEST_F(CraftedKeysTest, MapDeltaReplaysChangesToCraftedKeys) {
  const std::string config = DataAndDeltaConfig();
  ProcessResult data = Migrate({"data", config});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  ASSERT_EQ(Fingerprint(*destination_), Fingerprint(*source_));

  StartGeneralLogs();
  Exec(*source_, "UPDATE crafted SET n = n + 100000, v = CONCAT(v, '''\\\\') WHERE n MOD 3 = 0");
  Exec(*source_, "DELETE FROM crafted WHERE n MOD 5 = 1");
  InsertRows(1200, 300);
  const std::string expected = Fingerprint(*source_);
  ProcessResult delta = Migrate({"delta", "--until-caught-up", "--timeout", "120", config});
  ASSERT_EQ(delta.exit_code, 0) << delta.output;
  EXPECT_EQ(Fingerprint(*destination_), expected);
  EXPECT_EQ(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_crafted WHERE processed = 0"), "0");
  ExpectNoValueInSqlText();
}

}  // namespace
}  // namespace migrate
