// The copy engine end to end on real servers: mapping, transforms, chunks, resume, lost connections.
#include "pipeline/coordinator.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/bound_statement.h"
#include "io/mysql_connection.h"
#include "io/mysql_error.h"
#include "io/table_schema.h"
#include "tests/support/sql.h"
#include "tests/support/test_servers.h"

namespace migrate::pipeline {
namespace {

using ::migrate::testing::Connect;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::Exec;
using ::migrate::testing::Scalar;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;

// Upper-cases one destination column: a stand-in for a transform handler.
class UpperCase : public BatchTransform {
 public:
  explicit UpperCase(size_t column) : column_(column) {}
  absl::Status Apply(io::RowBatch& target, const io::RowBatch&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, column_)) continue;
      target.SetValue(row, column_, absl::AsciiStrToUpper(target.Value(row, column_)));
    }
    return absl::OkStatus();
  }

 private:
  size_t column_;
};

// Asks for a stop once `limit` batches went through: a Ctrl+C in the middle of a run.
class StopAfter : public BatchTransform {
 public:
  StopAfter(Cancellation& cancellation, int limit) : cancellation_(cancellation), limit_(limit) {}
  absl::Status Apply(io::RowBatch&, const io::RowBatch&) const override {
    if (++seen_ >= limit_) cancellation_.RequestStop();
    return absl::OkStatus();
  }

 private:
  Cancellation& cancellation_;
  const int limit_;
  mutable std::atomic<int> seen_{0};
};

// Kills every other connection to the destination database once, at batch `at`.
class KillDestinationConnections : public BatchTransform {
 public:
  KillDestinationConnections(io::ConnectionOptions destination, int at) : destination_(std::move(destination)), at_(at) {}
  absl::Status Apply(io::RowBatch&, const io::RowBatch&) const override {
    if (++seen_ != at_) return absl::OkStatus();
    auto killer = io::MysqlConnection::Open(destination_);
    if (!killer.ok()) return killer.status();
    auto ids = io::QueryBound(**killer, "SELECT id FROM information_schema.PROCESSLIST WHERE db = ? AND id <> CONNECTION_ID()",
                              {destination_.database});
    if (!ids.ok()) return ids.status();
    for (const io::Row& row : ids->rows()) (*killer)->Execute("KILL " + *row[0]).IgnoreError();
    killed_ = static_cast<int>(ids->size());
    return absl::OkStatus();
  }
  int killed() const { return killed_; }

 private:
  io::ConnectionOptions destination_;
  const int at_;
  mutable std::atomic<int> seen_{0};
  mutable std::atomic<int> killed_{0};
};

class CoordinatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_options_ = TestDatabase(SourceServer());
    destination_options_ = TestDatabase(DestinationServer());
    source_ = Connect(source_options_);
    destination_ = Connect(destination_options_);
    ASSERT_NE(source_, nullptr);
    ASSERT_NE(destination_, nullptr);
  }

  // Source `items` (composite key, awkward values) and destination `new_items` (renamed columns).
  void MakeItems(int rows) {
    Exec(*source_, "CREATE TABLE items (order_id INT UNSIGNED NOT NULL, line SMALLINT NOT NULL, sku VARCHAR(64) NULL, "
                  "name VARCHAR(255) CHARACTER SET utf8mb4 NULL, payload BLOB NULL, created DATETIME NOT NULL, "
                  "legacy INT NULL, PRIMARY KEY (order_id, line)) ENGINE=InnoDB");
    Exec(*source_, absl::StrCat(
                      "INSERT INTO items SELECT seq DIV 3, seq MOD 3, IF(seq MOD 7 = 0, NULL, CONCAT('sku-', seq)), "
                      "CONCAT('Grüße \\\\ \\'q\\' 日本 ', seq, '\\n🎉'), IF(seq MOD 5 = 0, NULL, UNHEX(CONCAT('00FF', HEX(seq)))), "
                      "IF(seq MOD 11 = 0, '0000-00-00 00:00:00', '2012-03-04 05:06:07' + INTERVAL seq SECOND), seq "
                      "FROM seq_0_to_",
                      rows - 1));
    Exec(*source_, "ANALYZE TABLE items");
    Exec(*destination_, "CREATE TABLE new_items (order_id INT UNSIGNED NOT NULL, line SMALLINT NOT NULL, "
                       "product_sku VARCHAR(64) NULL, name VARCHAR(255) CHARACTER SET utf8mb4 NULL, payload BLOB NULL, "
                       "created_at DATETIME NOT NULL, store_id SMALLINT NULL, PRIMARY KEY (order_id, line)) ENGINE=InnoDB");
  }

  CopyPlan ItemsPlan() {
    absl::StatusOr<io::DatabaseSchema> schema = io::LoadDatabaseSchema(*source_, source_options_.database);
    EXPECT_TRUE(schema.ok()) << schema.status();
    CopyPlan plan;
    plan.document = "items";
    plan.source = schema->at("items");
    plan.source_columns = {"order_id", "line", "sku", "name", "payload", "created"};
    plan.key = plan.source.ResumeKey();
    plan.destination_database = destination_options_.database;
    plan.destination_table = "new_items";
    plan.destination_columns = {{"order_id", 0, {}}, {"line", 1, {}},       {"product_sku", 2, {}},
                                {"name", 3, {}},     {"payload", 4, {}},    {"created_at", 5, {}},
                                {"store_id", std::nullopt, std::string("1")}};
    return plan;
  }

  // A checksum of the source rows as the destination should hold them.
  std::string ExpectedChecksum(bool upper_sku) {
    return Scalar(*source_, absl::StrCat("SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', order_id, line, ",
                                         upper_sku ? "UPPER(sku)" : "sku",
                                         ", HEX(name), HEX(payload), created, 1, ISNULL(sku), ISNULL(payload))))) "
                                         "FROM items"));
  }

  std::string ActualChecksum() {
    return Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', order_id, line, product_sku, HEX(name), "
                                 "HEX(payload), created_at, store_id, ISNULL(product_sku), ISNULL(payload))))) "
                                 "FROM new_items");
  }

  std::string Count(io::MysqlConnection& connection, const std::string& table) {
    return Scalar(connection, "SELECT COUNT(*) FROM " + table);
  }

  absl::StatusOr<std::vector<DocumentResult>> Copy(const std::vector<CopyPlan>& plans, CoordinatorOptions options,
                                                    const Cancellation& cancellation,
                                                    CopyListener* listener = nullptr) {
    ConnectionSource connections(source_options_, destination_options_, RetryPolicy{4, absl::Milliseconds(50)});
    Coordinator coordinator(connections, options, cancellation);
    return coordinator.Run(plans, listener);
  }

  static CoordinatorOptions SmallBatches(size_t threads) {
    CoordinatorOptions options;
    options.step = "Test Step";
    options.stage = "data";
    options.threads = threads;
    options.chunk.batch_size = 97;
    options.min_rows_per_chunk = 500;
    return options;
  }

  io::ConnectionOptions source_options_;
  io::ConnectionOptions destination_options_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

TEST_F(CoordinatorTest, CopiesRenamedColumnsWithTransformsAndAwkwardValues) {
  MakeItems(3000);
  CopyPlan plan = ItemsPlan();
  plan.destination_transforms.push_back(std::make_shared<UpperCase>(2));
  Cancellation never;
  absl::StatusOr<std::vector<DocumentResult>> results = Copy({plan}, SmallBatches(1), never);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 1u);
  EXPECT_TRUE((*results)[0].complete);
  EXPECT_EQ((*results)[0].rows_written, 3000u);
  EXPECT_EQ(ActualChecksum(), ExpectedChecksum(/*upper_sku=*/true));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM new_items WHERE created_at = '0000-00-00 00:00:00'"),
            Scalar(*source_, "SELECT COUNT(*) FROM items WHERE created = '0000-00-00 00:00:00'"));
}

TEST_F(CoordinatorTest, ParallelChunksCopyEveryRowOnce) {
  MakeItems(20000);
  Cancellation never;
  absl::StatusOr<std::vector<DocumentResult>> results = Copy({ItemsPlan()}, SmallBatches(3), never);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ((*results)[0].rows_written, 20000u);
  EXPECT_EQ(ActualChecksum(), ExpectedChecksum(false));
  EXPECT_GT(std::stoi(Count(*destination_, "migrate_progress")), 1) << "the table was not split into chunks";
}

TEST_F(CoordinatorTest, StoppedRunResumesWithoutDuplicatesOrLosses) {
  MakeItems(20000);
  for (int stop_at : {3, 17, 40}) {
    Cancellation ctrl_c;
    CopyPlan plan = ItemsPlan();
    plan.destination_transforms.push_back(std::make_shared<StopAfter>(ctrl_c, stop_at));
    absl::StatusOr<std::vector<DocumentResult>> partial = Copy({plan}, SmallBatches(2), ctrl_c);
    ASSERT_TRUE(partial.ok()) << partial.status();
    if ((*partial)[0].complete) break;
    EXPECT_LT(std::stoi(Count(*destination_, "new_items")), 20000);
  }
  Cancellation never;
  absl::StatusOr<std::vector<DocumentResult>> rest = Copy({ItemsPlan()}, SmallBatches(2), never);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_TRUE((*rest)[0].complete);
  EXPECT_EQ(ActualChecksum(), ExpectedChecksum(false));

  // A finished document is not read again.
  absl::StatusOr<std::vector<DocumentResult>> again = Copy({ItemsPlan()}, SmallBatches(2), never);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE((*again)[0].skipped_as_finished);
  EXPECT_EQ((*again)[0].rows_written, 0u);
  EXPECT_EQ(ActualChecksum(), ExpectedChecksum(false));
}

TEST_F(CoordinatorTest, TableWithoutKeyIsCopiedAgainWholeAfterAStop) {
  Exec(*source_, "CREATE TABLE log (visitor INT NULL, url VARCHAR(100) NULL)");
  Exec(*source_, "INSERT INTO log SELECT seq MOD 10, CONCAT('/p/', seq) FROM seq_1_to_5000");
  Exec(*destination_, "CREATE TABLE log (visitor INT NULL, url VARCHAR(100) NULL)");
  absl::StatusOr<io::DatabaseSchema> schema = io::LoadDatabaseSchema(*source_, source_options_.database);
  ASSERT_TRUE(schema.ok());
  CopyPlan plan;
  plan.document = "log";
  plan.source = schema->at("log");
  plan.source_columns = {"visitor", "url"};
  plan.destination_database = destination_options_.database;
  plan.destination_table = "log";
  plan.destination_columns = {{"visitor", 0, {}}, {"url", 1, {}}};
  ASSERT_TRUE(plan.key.empty());

  Cancellation ctrl_c;
  CopyPlan stopping = plan;
  stopping.destination_transforms.push_back(std::make_shared<StopAfter>(ctrl_c, 5));
  ASSERT_TRUE(Copy({stopping}, SmallBatches(1), ctrl_c).ok());
  EXPECT_LT(std::stoi(Count(*destination_, "log")), 5000);

  Cancellation never;
  ASSERT_TRUE(Copy({plan}, SmallBatches(1), never).ok());
  const std::string checksum = "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT(visitor, url)))) FROM log";
  EXPECT_EQ(Scalar(*destination_, checksum), Scalar(*source_, checksum));
}

// Keeps what the coordinator reports of reconnects.
class ReconnectRecorder : public CopyListener {
 public:
  void CopyStarted(const std::atomic<uint64_t>&, uint64_t) override {}
  void CopyFinished() override {}
  void DocumentStarted(const CopyPlan&) override {}
  void DocumentFinished(const CopyPlan&, const DocumentResult&) override {}
  void Reconnected(const CopyPlan&, absl::string_view step, const std::string& what) override {
    std::lock_guard<std::mutex> lock(mutex_);
    reports_.push_back(absl::StrCat(step, ": ", what));
  }
  std::vector<std::string> reports() {
    std::lock_guard<std::mutex> lock(mutex_);
    return reports_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> reports_;
};

TEST_F(CoordinatorTest, LostDestinationConnectionsAreReopened) {
  MakeItems(5000);
  CopyPlan plan = ItemsPlan();
  auto killer = std::make_shared<KillDestinationConnections>(destination_options_, 10);
  plan.destination_transforms.push_back(killer);
  Cancellation never;
  ReconnectRecorder recorder;
  absl::StatusOr<std::vector<DocumentResult>> results = Copy({plan}, SmallBatches(1), never, &recorder);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_GT(killer->killed(), 0);
  EXPECT_THAT(recorder.reports(),
              ::testing::Contains(::testing::AllOf(
                  ::testing::StartsWith("Test Step: The destination connection was lost while writing items -> "
                                        "new_items ("),
                  ::testing::EndsWith("); reconnected, the copy goes on after the last committed batch"))));
  destination_ = Connect(destination_options_);  // the killer took the test's own connection too
  EXPECT_EQ(ActualChecksum(), ExpectedChecksum(false));
}

TEST_F(CoordinatorTest, DirectCopyOnOneServerIsOneInsertSelect) {
  MakeItems(4000);
  // The destination database on the source's server, as direct_document_copy requires.
  io::ConnectionOptions same_server = TestDatabase(SourceServer(), "_dst");
  auto destination = Connect(same_server);
  ASSERT_NE(destination, nullptr);
  Exec(*destination, "CREATE TABLE new_items LIKE " + io::QuoteIdentifier(source_options_.database) + ".items");
  Exec(*destination, "ALTER TABLE new_items DROP COLUMN legacy");
  CopyPlan plan = ItemsPlan();
  plan.destination_database = same_server.database;
  plan.destination_columns = {{"order_id", 0, {}}, {"line", 1, {}}, {"sku", 2, {}},
                              {"name", 3, {}},     {"payload", 4, {}}, {"created", 5, {}}};
  plan.direct_copy = true;
  ConnectionSource connections(source_options_, same_server);
  Cancellation never;
  Coordinator coordinator(connections, SmallBatches(2), never);
  absl::StatusOr<std::vector<DocumentResult>> results = coordinator.Run({plan}, nullptr);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ((*results)[0].rows_written, 4000u);
  const std::string checksum = "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', order_id, line, sku, HEX(name), "
                               "HEX(payload), created)))) FROM ";
  EXPECT_EQ(Scalar(*destination, checksum + "new_items"), Scalar(*source_, checksum + "items"));
  EXPECT_EQ(Scalar(*destination, "SELECT CONCAT(rows_done, '/', finished) FROM migrate_progress"), "4000/1");

  absl::StatusOr<std::vector<DocumentResult>> again = coordinator.Run({plan}, nullptr);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE((*again)[0].skipped_as_finished);
}

TEST_F(CoordinatorTest, ServerThatStaysAwayFailsWithProgressIntact) {
  MakeItems(100);
  io::ConnectionOptions nowhere = destination_options_;
  nowhere.port = 1;
  ConnectionSource connections(source_options_, nowhere, RetryPolicy{2, absl::Milliseconds(10)});
  Cancellation never;
  Coordinator coordinator(connections, SmallBatches(1), never);
  absl::StatusOr<std::vector<DocumentResult>> results = coordinator.Run({ItemsPlan()}, nullptr);
  ASSERT_FALSE(results.ok());
  EXPECT_THAT(std::string(results.status().message()), ::testing::HasSubstr("stayed unreachable after 2 attempts"));
}

// A connect that takes 300 ms to fail (as a connect timeout does, in seconds) counts against the
// retry budget (10+20+40+80+160 ms of waits), and the error reports the real time, naming the
// server once.
TEST(OpenWithRetryTest, FailedAttemptsCountAgainstTheBudgetAndTheRealTimeIsReported) {
  io::ConnectionOptions options;
  options.host = "db.example";
  int attempts = 0;
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection =
      OpenWithRetry(options, RetryPolicy{6, absl::Milliseconds(10)}, [&](const io::ConnectionOptions& given) {
        ++attempts;
        absl::SleepFor(absl::Milliseconds(300));
        return absl::StatusOr<std::unique_ptr<io::MysqlConnection>>(
            io::MysqlError(2003, "Can't connect to server on 'db.example' (110)", given.Describe()));
      });
  const double elapsed = absl::ToDoubleSeconds(absl::Now() - start);
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(attempts, 2);
  const std::string message(connection.status().message());
  EXPECT_THAT(message, ::testing::MatchesRegex(
                           "server root@db.example:3306/ stayed unreachable after 2 attempts over 0\\.6[0-9]s: "
                           "MySQL error 2003: Can't connect to server on 'db.example' \\(110\\)"));
  EXPECT_LT(elapsed, 1.0);
}

}  // namespace
}  // namespace migrate::pipeline
