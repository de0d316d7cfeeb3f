// Ranged INSERT ... SELECTs run on several connections at once, on a real destination server.
#include "pipeline/parallel_insert_select.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/deferred_indexes.h"
#include "io/mysql_connection.h"
#include "tests/support/sql.h"
#include "tests/support/test_servers.h"

namespace migrate::pipeline {
namespace {

using ::migrate::testing::Connect;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::Exec;
using ::migrate::testing::Rows;
using ::migrate::testing::Scalar;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::testing::HasSubstr;

class ParallelInsertSelectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_options_ = TestDatabase(SourceServer());
    destination_options_ = TestDatabase(DestinationServer());
    destination_ = Connect(destination_options_);
    ASSERT_NE(destination_, nullptr);
  }

  // `base` with `rows` entities (ids 3, 6, 9, ...: keys with gaps) and an empty `target`.
  void MakeTables(const std::string& base, const std::string& target, int rows) {
    Exec(*destination_, absl::StrCat("CREATE TABLE ", base,
                                     " (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, label VARCHAR(32) NOT NULL)"));
    if (rows > 0) {
      Exec(*destination_,
           absl::StrCat("INSERT INTO ", base, " SELECT seq * 3, CONCAT('row-', seq) FROM seq_1_to_", rows));
    }
    Exec(*destination_, absl::StrCat("CREATE TABLE ", target,
                                     " (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, label VARCHAR(40) NOT NULL, "
                                     "lane BIGINT UNSIGNED NOT NULL)"));
  }

  // base -> target: each row's label upper-cased, and the connection that wrote it.
  InsertSelectJob Job(const std::string& base, const std::string& target, const std::string& label_expression) {
    InsertSelectJob job;
    job.plan.database = destination_options_.database;
    job.plan.driving_table = base;
    job.plan.driving_alias = "b";
    job.plan.key_column = "entity_id";
    job.plan.select = absl::StrCat("SELECT b.entity_id, ", label_expression, ", CONNECTION_ID() FROM `",
                                   destination_options_.database, "`.`", base, "` AS b");
    job.plan.target_table = target;
    job.plan.target_columns = {"entity_id", "label", "lane"};
    return job;
  }

  absl::StatusOr<std::vector<InsertSelectOutcome>> Run(const std::vector<InsertSelectJob>& jobs, size_t lanes,
                                                       size_t rows_per_range, const Cancellation& cancellation,
                                                       uint64_t min_rows_to_defer_indexes = UINT64_MAX) {
    ConnectionSource connections(source_options_, destination_options_);
    return RunInsertSelects(connections, jobs, InsertSelectOptions{lanes, rows_per_range, min_rows_to_defer_indexes},
                            cancellation);
  }

  // Rows and a checksum of (entity_id, label) of `table`.
  std::string Checksum(const std::string& table) {
    return Scalar(*destination_, absl::StrCat("SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', entity_id, "
                                              "label)))) FROM ",
                                              table));
  }

  // SHOW CREATE TABLE of `table`.
  std::string ShowCreate(const std::string& table) {
    const std::vector<std::string> rows = Rows(*destination_, absl::StrCat("SHOW CREATE TABLE ", table));
    return rows.empty() ? "<none>" : rows[0];
  }

  // Gives `target` a plain secondary key on label and returns a job that copies base's labels and
  // sets lane to 1 where that key existed while the row's range ran, 0 where it did not.
  InsertSelectJob JobNotingTheKey(const std::string& base, const std::string& target) {
    Exec(*destination_, absl::StrCat("ALTER TABLE ", target, " ADD KEY IDX_LABEL (label)"));
    InsertSelectJob job = Job(base, target, "b.label");
    job.plan.select = absl::StrCat(
        "SELECT b.entity_id, b.label, (SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '",
        destination_options_.database, "' AND TABLE_NAME = '", target, "' AND INDEX_NAME = 'IDX_LABEL') FROM `",
        destination_options_.database, "`.`", base, "` AS b");
    return job;
  }

  io::ConnectionOptions source_options_;
  io::ConnectionOptions destination_options_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

TEST_F(ParallelInsertSelectTest, EveryRowOfEveryJobOnceAndAgainOnARerun) {
  MakeTables("orders", "order_grid", 1000);
  MakeTables("invoices", "invoice_grid", 250);
  MakeTables("memos", "memo_grid", 0);
  const std::vector<InsertSelectJob> jobs = {Job("orders", "order_grid", "UPPER(b.label)"),
                                             Job("invoices", "invoice_grid", "UPPER(b.label)"),
                                             Job("memos", "memo_grid", "UPPER(b.label)")};
  const std::string expected_orders =
      Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', entity_id, UPPER(label))))) "
                            "FROM orders");
  const std::string expected_invoices =
      Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', entity_id, UPPER(label))))) "
                            "FROM invoices");
  Cancellation never;
  for (int run = 0; run < 2; ++run) {
    // 37 keys a range: 28 ranges of orders, 7 of invoices, none of memos.
    absl::StatusOr<std::vector<InsertSelectOutcome>> outcomes = Run(jobs, 3, 37, never);
    ASSERT_TRUE(outcomes.ok()) << outcomes.status();
    ASSERT_EQ(outcomes->size(), 3u);
    EXPECT_EQ((*outcomes)[0].rows, 1000u);
    EXPECT_EQ((*outcomes)[1].rows, 250u);
    EXPECT_EQ((*outcomes)[2].rows, 0u);
    EXPECT_EQ((*outcomes)[2].elapsed, absl::ZeroDuration());
    EXPECT_EQ(Checksum("order_grid"), expected_orders) << "run " << run;
    EXPECT_EQ(Checksum("invoice_grid"), expected_invoices) << "run " << run;
    EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM memo_grid"), "0");
    EXPECT_LE(std::stoi(Scalar(*destination_, "SELECT COUNT(DISTINCT lane) FROM order_grid")), 3);
  }
}

TEST_F(ParallelInsertSelectTest, RangesRunOnSeveralConnectionsAtOnce) {
  MakeTables("orders", "order_grid", 6);
  // One key a range, each taking half a second: one connection alone would need 3 s for the six.
  const std::vector<InsertSelectJob> jobs = {Job("orders", "order_grid", "IF(SLEEP(0.5) = 0, b.label, '')")};
  Cancellation never;
  absl::StatusOr<std::vector<InsertSelectOutcome>> outcomes = Run(jobs, 3, 1, never);
  ASSERT_TRUE(outcomes.ok()) << outcomes.status();
  EXPECT_EQ((*outcomes)[0].rows, 6u);
  EXPECT_EQ(Checksum("order_grid"), Checksum("orders"));
  EXPECT_GE(std::stoi(Scalar(*destination_, "SELECT COUNT(DISTINCT lane) FROM order_grid")), 2);
}

TEST_F(ParallelInsertSelectTest, TheFirstErrorStopsTheRunAndItsRangeLeavesNoRow) {
  MakeTables("orders", "order_grid", 300);
  MakeTables("invoices", "invoice_grid", 300);
  // Entity 150 (key 450) makes its range's statement fail; every other range is fine.
  const std::vector<InsertSelectJob> jobs = {
      Job("orders", "order_grid", "IF(b.entity_id = 450, (SELECT 1 UNION SELECT 2), b.label)"),
      Job("invoices", "invoice_grid", "b.label")};
  Cancellation never;
  absl::StatusOr<std::vector<InsertSelectOutcome>> outcomes = Run(jobs, 2, 20, never);
  ASSERT_FALSE(outcomes.ok());
  EXPECT_THAT(outcomes.status().message(), HasSubstr("Subquery returns more than 1 row"));
  // The failing range (keys 423 to 480) wrote nothing; every range that did is whole.
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM order_grid WHERE entity_id BETWEEN 423 AND 480"), "0");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) % 20 FROM order_grid"), "0");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) % 20 FROM invoice_grid"), "0");
}

TEST_F(ParallelInsertSelectTest, AStopRequestStartsNoRange) {
  MakeTables("orders", "order_grid", 100);
  Cancellation stopped;
  stopped.RequestStop();
  absl::StatusOr<std::vector<InsertSelectOutcome>> outcomes =
      Run({Job("orders", "order_grid", "b.label")}, 2, 10, stopped);
  ASSERT_FALSE(outcomes.ok());
  EXPECT_TRUE(absl::IsCancelled(outcomes.status())) << outcomes.status();
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM order_grid"), "0");
}

TEST_F(ParallelInsertSelectTest, AnEmptyTargetFromEnoughRowsGetsItsSecondaryKeysAfterItsRows) {
  MakeTables("orders", "order_grid", 300);
  MakeTables("shipments", "shipment_grid", 250);
  MakeTables("invoices", "invoice_grid", 100);
  const InsertSelectJob orders = JobNotingTheKey("orders", "order_grid");
  const InsertSelectJob shipments = JobNotingTheKey("shipments", "shipment_grid");
  const InsertSelectJob invoices = JobNotingTheKey("invoices", "invoice_grid");
  const std::string orders_before = ShowCreate("order_grid");
  const std::string shipments_before = ShowCreate("shipment_grid");
  const std::string invoices_before = ShowCreate("invoice_grid");
  Cancellation never;
  // 200 rows or more: order_grid (300) and shipment_grid (250) are loaded without IDX_LABEL, and
  // get it back at once on two lanes; invoice_grid (100) keeps it.
  absl::StatusOr<std::vector<InsertSelectOutcome>> outcomes = Run({orders, shipments, invoices}, 2, 30, never, 200);
  ASSERT_TRUE(outcomes.ok()) << outcomes.status();
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(lane)) FROM order_grid"), "300:0");
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(lane)) FROM shipment_grid"), "250:0");
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(lane)) FROM invoice_grid"), "100:100");
  EXPECT_GT((*outcomes)[0].index_build, absl::ZeroDuration());
  EXPECT_GT((*outcomes)[1].index_build, absl::ZeroDuration());
  EXPECT_EQ((*outcomes)[2].index_build, absl::ZeroDuration());
  EXPECT_EQ(ShowCreate("order_grid"), orders_before);
  EXPECT_EQ(ShowCreate("shipment_grid"), shipments_before);
  EXPECT_EQ(ShowCreate("invoice_grid"), invoices_before);
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM migrate_pending_indexes"), "0");
  // A rerun into the filled grids keeps the keys throughout.
  outcomes = Run({orders, shipments, invoices}, 2, 30, never, 200);
  ASSERT_TRUE(outcomes.ok()) << outcomes.status();
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(lane)) FROM order_grid"), "300:300");
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(lane)) FROM shipment_grid"), "250:250");
  EXPECT_EQ((*outcomes)[0].index_build, absl::ZeroDuration());
  EXPECT_EQ((*outcomes)[1].index_build, absl::ZeroDuration());
}

TEST_F(ParallelInsertSelectTest, AFailedRunLeavesTheKeysPendingForTheNextRunsStart) {
  MakeTables("orders", "order_grid", 300);
  Exec(*destination_, "ALTER TABLE order_grid ADD KEY IDX_LABEL (label)");
  const std::string before = ShowCreate("order_grid");
  Cancellation never;
  absl::StatusOr<std::vector<InsertSelectOutcome>> outcomes =
      Run({Job("orders", "order_grid", "IF(b.entity_id = 450, (SELECT 1 UNION SELECT 2), b.label)")}, 2, 20, never, 1);
  ASSERT_FALSE(outcomes.ok());
  EXPECT_NE(ShowCreate("order_grid"), before);
  EXPECT_EQ(Scalar(*destination_, "SELECT table_name FROM migrate_pending_indexes"), "order_grid");
  absl::StatusOr<std::vector<std::string>> restored = io::RestorePendingIndexes(*destination_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_THAT(*restored, ::testing::ElementsAre(absl::StrCat(destination_options_.database, ".order_grid")));
  EXPECT_EQ(ShowCreate("order_grid"), before);
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM migrate_pending_indexes"), "0");
}

}  // namespace
}  // namespace migrate::pipeline
