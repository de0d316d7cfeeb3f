// Option memory_limit, end to end: eight tables of wide rows (values of 2 MiB, 1 MB and 64 KiB in a
// LONGBLOB and a MEDIUMTEXT column) copied with threads 8 and bulk_size 50,000, options under which
// every chunk would hold its whole table at once, keep the migrate process's peak memory under the
// limit plus the process's own needs, and the rows arrive exactly; a bad limit is refused.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/subprocess.h"

namespace migrate {
namespace {

using ::migrate::testing::Exec;
using ::migrate::testing::MigrateRunTest;
using ::migrate::testing::ProcessResult;
using ::migrate::testing::Scalar;
using ::testing::HasSubstr;

constexpr int kTables = 8;
constexpr int kWideRows = 2;      // 2 MiB each
constexpr int kMediumRows = 200;  // 64 KiB each
// What the process takes besides the rows in flight: its own needs (code, libraries, schemas, thread
// stacks: 43 MiB with threads 1 here), and the client library's buffer of the widest row (2 MiB) on
// each of its 16 connections, which the library keeps until the connection closes.
constexpr long kProcessOverheadMiB = 40 + 16 * 2;

class MemoryLimitTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    for (int table = 1; table <= kTables; ++table) {
      const std::string create = absl::StrCat("CREATE TABLE wide_", table,
                                              " (id INT UNSIGNED NOT NULL PRIMARY KEY, note MEDIUMTEXT NULL, "
                                              "body LONGBLOB NULL)");
      Exec(*source_, create);
      Exec(*destination_, create);
      // Each value differs from its neighbours (its id and table in every 64-byte block).
      Exec(*source_, absl::StrCat("INSERT INTO wide_", table, " SELECT seq, CONCAT('note ', seq), ",
                                  "REPEAT(LPAD(CONCAT(", table, ", '-', seq), 64, '.'), ",
                                  "IF(seq <= ", kWideRows, ", 32768, 1024)) FROM seq_1_to_",
                                  kWideRows + kMediumRows));
      Exec(*source_, absl::StrCat("UPDATE wide_", table, " SET note = REPEAT('n', 1000000) WHERE id = 3"));
    }
    WriteFile("map.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<map>
  <source><document_rules/></source>
  <destination><document_rules/></destination>
</map>
)");
  }

  ProcessResult CopyWithLimit(long limit_mib) {
    const std::string options = absl::StrCat("<map_file>map.xml</map_file><threads>8</threads>",
                                             "<bulk_size>50000</bulk_size><memory_limit>", limit_mib,
                                             "</memory_limit>");
    return Migrate({"data", WriteConfig("data", kMapStep, options)});
  }

  std::string Checksums(io::MysqlConnection& connection) {
    std::string checksums;
    for (int table = 1; table <= kTables; ++table) {
      absl::StrAppend(&checksums, Scalar(connection, absl::StrCat("SELECT CONCAT(COUNT(*), ':', SUM(LENGTH(body)), ':', "
                                                                  "SUM(LENGTH(note)), ':', BIT_XOR(CRC32(CONCAT(id, "
                                                                  "note, body)))) FROM wide_",
                                                                  table)),
                      " ");
    }
    return checksums;
  }
};

TEST_F(MemoryLimitTest, WideRowsWithLargeOptionsStayUnderTheLimit) {
  constexpr long kLimitMiB = 32;
  ProcessResult run = CopyWithLimit(kLimitMiB);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("Migration completed: documents: ", kTables, ", rows: ",
                                                 kTables * (kWideRows + kMediumRows), ", ")));
  const std::string source_checksums = Checksums(*source_);
  EXPECT_THAT(source_checksums, HasSubstr("202:17301504:1001502:"));
  EXPECT_EQ(Checksums(*destination_), source_checksums);
  // Unbounded, each of the 8 chunks holds its table (about 17.5 MiB) as read and as written at once:
  // 407 MiB before the limit existed, 299 MiB with a limit of 1 GiB.
  EXPECT_LT(run.peak_rss_kib, (kLimitMiB + kProcessOverheadMiB) * 1024)
      << "peak RSS " << run.peak_rss_kib / 1024 << " MiB";
}

// A row wider than the whole limit is copied alone instead of waiting for room forever.
TEST_F(MemoryLimitTest, RowWiderThanTheLimitGoesThroughAlone) {
  ProcessResult run = CopyWithLimit(1);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(Checksums(*destination_), Checksums(*source_));
}

TEST_F(MemoryLimitTest, BadLimitIsRefusedNamingTheOption) {
  for (const char* limit : {"0", "-1", "lots", "1048577"}) {
    ProcessResult run = Migrate(
        {"data", WriteConfig("data", kMapStep,
                             absl::StrCat("<map_file>map.xml</map_file><memory_limit>", limit, "</memory_limit>"))});
    EXPECT_EQ(run.exit_code, 1) << limit;
    EXPECT_THAT(run.output, HasSubstr(absl::StrCat("<memory_limit> value \"", limit,
                                                   "\" is not a whole number from 1 to 1048576")))
        << run.output;
    EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM wide_1"), "0");
  }
}

}  // namespace
}  // namespace migrate
