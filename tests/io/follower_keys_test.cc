// FollowerKeys on a real server: recording is idempotent and per follower, pages come in
// (document, key) order, and keys removed inside a transaction that never commits stay pending
// (what makes a follower's refresh and the removal of its keys one step).
#include "io/follower_keys.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/transaction.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<FollowerKey> Pending(MysqlConnection& connection, const FollowerKeys& keys, const std::string& follower,
                                 size_t limit = 100) {
  absl::StatusOr<std::vector<FollowerKey>> pending = keys.ReadPending(connection, follower, limit);
  EXPECT_TRUE(pending.ok()) << pending.status();
  return pending.ok() ? *pending : std::vector<FollowerKey>{};
}

TEST(FollowerKeysTest, RecordsOncePerFollowerAndRemovesOnlyWithTheCommit) {
  const ConnectionOptions options = TestDatabase(DestinationServer());
  auto connection = Connect(options);
  ASSERT_NE(connection, nullptr);
  Exec(*connection, "DROP TABLE IF EXISTS migrate_delta_followers");
  const FollowerKeys keys(options.database);
  ASSERT_TRUE(keys.Create(*connection).ok());
  ASSERT_TRUE(keys.Create(*connection).ok());  // an existing table is kept

  ASSERT_TRUE(keys.Record(*connection, {"grids", "stock"}, "sales_flat_order", {{"7"}, {"12"}}).ok());
  // The same page replayed again (a kill before its changelog rows went): nothing doubles.
  ASSERT_TRUE(keys.Record(*connection, {"grids", "stock"}, "sales_flat_order", {{"7"}, {"12"}, {"3"}}).ok());
  ASSERT_TRUE(keys.Record(*connection, {"grids"}, "sales_flat_invoice", {{"1"}}).ok());
  ASSERT_TRUE(keys.Record(*connection, {}, "sales_flat_shipment", {{"1"}}).ok());  // no follower: nothing
  EXPECT_EQ(*keys.CountPending(*connection, "grids"), 4u);
  EXPECT_EQ(*keys.CountPending(*connection, "stock"), 3u);
  EXPECT_EQ(*keys.CountPending(*connection, "nobody"), 0u);

  // Keys are text: in (document, key text) order.
  EXPECT_THAT(Pending(*connection, keys, "grids"),
              ElementsAre(FollowerKey{"sales_flat_invoice", "1"}, FollowerKey{"sales_flat_order", "12"},
                          FollowerKey{"sales_flat_order", "3"}, FollowerKey{"sales_flat_order", "7"}));
  const std::vector<FollowerKey> page = Pending(*connection, keys, "grids", 2);
  ASSERT_EQ(page.size(), 2u);

  {  // removed in a transaction that is rolled back (a kill before COMMIT): still pending
    absl::StatusOr<Transaction> transaction = Transaction::Begin(*connection);
    ASSERT_TRUE(transaction.ok());
    absl::StatusOr<std::vector<FollowerKey>> locked = keys.ReadPending(*connection, "grids", 2, /*lock=*/true);
    ASSERT_TRUE(locked.ok()) << locked.status();
    EXPECT_EQ(*locked, page);
    absl::StatusOr<uint64_t> removed = keys.Remove(*connection, "grids", page);
    ASSERT_TRUE(removed.ok()) << removed.status();
    EXPECT_EQ(*removed, 2u);
  }
  EXPECT_EQ(*keys.CountPending(*connection, "grids"), 4u);

  {
    absl::StatusOr<Transaction> transaction = Transaction::Begin(*connection);
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(keys.Remove(*connection, "grids", page).ok());
    ASSERT_TRUE(transaction->Commit().ok());
  }
  EXPECT_THAT(Pending(*connection, keys, "grids"),
              ElementsAre(FollowerKey{"sales_flat_order", "3"}, FollowerKey{"sales_flat_order", "7"}));
  // Another follower's keys are its own.
  EXPECT_EQ(*keys.CountPending(*connection, "stock"), 3u);
  ASSERT_TRUE(keys.Remove(*connection, "stock", Pending(*connection, keys, "stock")).ok());
  EXPECT_THAT(Pending(*connection, keys, "stock"), IsEmpty());
  EXPECT_EQ(*keys.CountPending(*connection, "grids"), 2u);
}

TEST(FollowerKeysTest, CompositeKeysAreJoinedAndManyKeysAreWrittenInSeveralStatements) {
  const ConnectionOptions options = TestDatabase(DestinationServer());
  auto connection = Connect(options);
  ASSERT_NE(connection, nullptr);
  const FollowerKeys keys(options.database, "m2_followers");
  Exec(*connection, "DROP TABLE IF EXISTS m2_followers");
  ASSERT_TRUE(keys.Create(*connection).ok());
  EXPECT_EQ(FollowerKeyText({"4", "9"}), "4,9");
  std::vector<Key> many;
  for (int i = 0; i < 1234; ++i) many.push_back({std::to_string(i)});
  ASSERT_TRUE(keys.Record(*connection, {"f"}, "doc", many).ok());
  EXPECT_EQ(*keys.CountPending(*connection, "f"), 1234u);
  const std::vector<FollowerKey> all = Pending(*connection, keys, "f", 5000);
  ASSERT_EQ(all.size(), 1234u);
  EXPECT_EQ(*keys.Remove(*connection, "f", all), 1234u);
  EXPECT_EQ(*keys.CountPending(*connection, "f"), 0u);
}

}  // namespace
}  // namespace migrate::io
