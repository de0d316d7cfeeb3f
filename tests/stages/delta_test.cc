// migrate delta end to end on real servers, with the demo profile on a generated shop (its EAV,
// Customer Attributes and Map steps, and OrderGrids for the four sales grids, which the test's map
// leaves to it; the Customer, Map and OrderGrids deltas, the last following Map's): while a
// writer inserts, updates and deletes orders (new ones with invoices and shipments), order items
// and addresses, invoices, customers, addresses, products and their EAV values on the source,
// delta replays them; after the writer stops and delta catches up, every destination table equals
// what a fresh `migrate data` of the final source gives, and no change is left pending (in the
// changelogs or for a follower). Once uninterrupted, once with delta killed (-9) at random moments
// and restarted (a dozen times and more). No shop write may fail but in a deadlock among the shop's own writes.
#include <signal.h>

#include <memory>
#include <random>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/delta_shop_test.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;

constexpr absl::Duration kWriterTime = absl::Seconds(30);

class DeltaTest : public DeltaShopTest {
 protected:
  // Lets a running delta catch up with everything the writers did, then stops it with SIGTERM.
  void CatchUpAndStop(Subprocess& delta) {
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while ((Pending() > 0 || FollowerPending() > 0) && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(200));
    absl::SleepFor(absl::Seconds(1));  // one more cycle
    delta.Kill(SIGTERM);
    const ProcessResult stopped = delta.Wait();
    EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
    EXPECT_THAT(stopped.output, HasSubstr("Delta stopped"));
    EXPECT_EQ(Pending(), 0);
    EXPECT_EQ(FollowerPending(), 0);
  }
};

TEST_F(DeltaTest, ChangesMadeWhileDeltaRunsAllArrive) {
  CopyAll(config_);
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config_});
  const uint64_t operations = WriteWhile(kWriterTime, [] {});
  EXPECT_GT(operations, 3000u);
  if (!delta->Running()) {
    const ProcessResult ended = delta->Wait();
    FAIL() << "delta ended with " << ended.exit_code << ": " << ended.output;
  }
  CatchUpAndStop(*delta);
  ExpectDestinationEqualsAFreshCopy();
}

TEST_F(DeltaTest, KilledAtRandomMomentsAndRestartedItStillLosesNothing) {
  CopyAll(config_);
  std::mt19937 random(5);
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", config_});
  absl::Time kill_at = absl::Now() + absl::Milliseconds(std::uniform_int_distribution<int>(300, 2000)(random));
  int kills = 0;
  WriteWhile(kWriterTime, [&] {
    if (absl::Now() < kill_at) return;
    delta->Kill(SIGKILL);
    delta->Wait();
    ++kills;
    delta = StartMigrate({"delta", config_});
    kill_at = absl::Now() + absl::Milliseconds(std::uniform_int_distribution<int>(300, 2000)(random));
  });
  EXPECT_GE(kills, 12);
  CatchUpAndStop(*delta);
  ExpectDestinationEqualsAFreshCopy();
}

TEST_F(DeltaTest, ResetIsRefusedAndAMissingChangelogSaysHowToInstallIt) {
  CopyAll(config_);
  const ProcessResult reset = Migrate({"delta", "-r", config_});
  EXPECT_EQ(reset.exit_code, 1);
  EXPECT_THAT(reset.output, HasSubstr("run `migrate data -r`"));

  Exec(*source_, "DROP TABLE m2_cl_sales_flat_order_item");
  const ProcessResult missing = Migrate({"delta", config_});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.output, HasSubstr("Deltalog for sales_flat_order_item is not installed"));
  EXPECT_THAT(missing.output, HasSubstr("migrate delta --setup-only"));

  const ProcessResult setup = Migrate({"delta", "--setup-only", config_});
  EXPECT_EQ(setup.exit_code, 0) << setup.output;
  EXPECT_THAT(setup.output, HasSubstr("(1 changelogs and 0 triggers created now)"));
  Exec(*source_, "UPDATE sales_flat_order_item SET qty_ordered = 99 WHERE item_id = 1");
  EXPECT_EQ(Scalar(*source_, "SELECT COUNT(*) FROM m2_cl_sales_flat_order_item WHERE processed = 0"), "1");
}

}  // namespace
}  // namespace migrate::testing
