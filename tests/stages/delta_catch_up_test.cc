// migrate delta --until-caught-up, the cutover's last replay, end to end on the generated shop of
// delta_shop_test.h: started while the shop writes, it keeps replaying, and once the writes stop it
// exits 0 only when the destination equals a fresh `migrate data` of the final source (and
// `migrate verify`, the cutover's next step, finds it equal) and nothing is pending (changelogs,
// follower keys). A change it cannot apply (its changelog row held by an open shop transaction)
// keeps it from exiting 0: --timeout ends it with 1 naming the change, SIGTERM with 130; once the
// transaction ends it exits 0. Keys waiting for a follower step keep it replaying. A failed volume
// check and a missing changelog end it with 1 and the reason.
#include <signal.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/delta_shop_test.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::Duration kWriterTime = absl::Seconds(20);

class DeltaCatchUpTest : public DeltaShopTest {
 protected:
  // Waits up to `limit` for `process` to end; kills it (a test failure) when it does not.
  static ProcessResult WaitAtMost(Subprocess& process, absl::Duration limit) {
    const absl::Time deadline = absl::Now() + limit;
    while (process.Running() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(100));
    if (process.Running()) {
      ADD_FAILURE() << "still running after " << limit;
      process.Kill(SIGKILL);
    }
    return process.Wait();
  }
};

TEST_F(DeltaCatchUpTest, ExitsZeroOnlyOnceEveryChangeHasArrived) {
  CopyAll(config_);
  std::unique_ptr<Subprocess> delta = StartMigrate({"delta", "--until-caught-up", config_});
  bool ended_while_writing = false;
  const uint64_t operations = WriteWhile(kWriterTime, [&] { ended_while_writing |= !delta->Running(); });
  EXPECT_GT(operations, 2000u);
  // A shop starved of CPU can leave every changelog empty for a moment while it still writes: the
  // mode then stops, promising only the changes committed before its check (its volume checks
  // usually fail, as the shop writes on). The cutover starts it again once the writes have stopped.
  if (ended_while_writing) delta = StartMigrate({"delta", "--until-caught-up", config_});

  const ProcessResult caught_up = WaitAtMost(*delta, absl::Seconds(120));
  EXPECT_EQ(caught_up.exit_code, 0) << caught_up.output;
  EXPECT_THAT(caught_up.output, HasSubstr("Delta caught up"));
  EXPECT_THAT(caught_up.output, Not(HasSubstr("Mismatch")));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(FollowerPending(), 0);
  // The cutover's next step.
  const ProcessResult verified = Migrate({"verify", config_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  ExpectDestinationEqualsAFreshCopy();
}

TEST_F(DeltaCatchUpTest, AChangeItCannotApplyKeepsItFromExitingZero) {
  CopyAll(config_);
  Exec(*source_, "UPDATE sales_flat_order SET grand_total = grand_total + 1 WHERE entity_id = 1");
  // A shop transaction left open on the same order holds its changelog row: delta applies the
  // committed change but cannot remove the row, so the change stays pending.
  std::unique_ptr<io::MysqlConnection> shop = Connect(source_options_);
  ASSERT_NE(shop, nullptr);
  Exec(*shop, "BEGIN");
  Exec(*shop, "UPDATE sales_flat_order SET grand_total = grand_total + 1 WHERE entity_id = 1");

  const ProcessResult timed_out = Migrate({"delta", "--until-caught-up", "--timeout", "3", config_});
  EXPECT_EQ(timed_out.exit_code, 1) << timed_out.output;
  EXPECT_THAT(timed_out.output, HasSubstr("not caught up within 3s (--timeout)"));
  EXPECT_THAT(timed_out.output, HasSubstr("pending: Map Step: sales_flat_order 1"));
  EXPECT_THAT(timed_out.output, Not(HasSubstr("Delta caught up")));

  std::unique_ptr<Subprocess> stopped = StartMigrate({"delta", "--until-caught-up", config_});
  absl::SleepFor(absl::Seconds(3));
  ASSERT_TRUE(stopped->Running());
  stopped->Kill(SIGTERM);
  const ProcessResult interrupted = WaitAtMost(*stopped, absl::Seconds(30));
  EXPECT_EQ(interrupted.exit_code, 130) << interrupted.output;
  EXPECT_THAT(interrupted.output, HasSubstr("Delta stopped before catching up (pending at the last check: "
                                            "Map Step: sales_flat_order 1)"));

  Exec(*shop, "COMMIT");
  const ProcessResult caught_up = Migrate({"delta", "--until-caught-up", "--timeout", "60", config_});
  EXPECT_EQ(caught_up.exit_code, 0) << caught_up.output;
  EXPECT_THAT(caught_up.output, HasSubstr("Delta caught up"));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Scalar(*destination_, "SELECT grand_total FROM sales_order WHERE entity_id = 1"),
            Scalar(*source_, "SELECT grand_total FROM sales_flat_order WHERE entity_id = 1"));
}

// OrderGrids' delta configured before Map's: the keys Map's delta hands it in a cycle wait in
// migrate_delta_followers for the next cycle, and the mode does not exit before they are consumed.
TEST_F(DeltaCatchUpTest, KeysWaitingForAFollowerKeepItReplaying) {
  CopyAll(config_);
  std::string text = ReadFile(config_);
  const std::string grids = R"(
    <step title="OrderGrids Step">
      <delta>Migration\Step\OrderGrids\Delta</delta>
    </step>)";
  const size_t grids_at = text.find(grids);
  ASSERT_NE(grids_at, std::string::npos);
  text.erase(grids_at, grids.size());
  const std::string delta_steps = R"(<steps mode="delta">)";
  const size_t steps_at = text.find(delta_steps);
  ASSERT_NE(steps_at, std::string::npos);
  text.insert(steps_at + delta_steps.size(), grids);
  const std::string config = WriteFile("config-followers-first.xml", text);

  Exec(*source_, "UPDATE sales_flat_order SET status = 'caught_up' WHERE entity_id = 1");
  const ProcessResult caught_up = Migrate({"delta", "--until-caught-up", config});
  EXPECT_EQ(caught_up.exit_code, 0) << caught_up.output;
  EXPECT_THAT(caught_up.output, HasSubstr("caught up after 2 cycles"));
  EXPECT_EQ(FollowerPending(), 0);
  EXPECT_EQ(Scalar(*destination_, "SELECT status FROM sales_order_grid WHERE entity_id = 1"), "caught_up");
}

TEST_F(DeltaCatchUpTest, FailsNamingAFailedVolumeCheckOrAMissingChangelog) {
  CopyAll(config_);
  // A destination row no changelog knows about: caught up, but Map's volume check differs.
  Exec(*destination_, "DELETE FROM catalog_product_entity_varchar ORDER BY value_id LIMIT 1");
  Exec(*source_, "UPDATE catalog_product_entity_decimal SET value = value + 1 ORDER BY value_id LIMIT 1");
  const ProcessResult volume = Migrate({"delta", "--until-caught-up", config_});
  EXPECT_EQ(volume.exit_code, 1) << volume.output;
  EXPECT_THAT(volume.output, HasSubstr("caught up after 1 cycles"));
  EXPECT_THAT(volume.output, HasSubstr("Mismatch of entities in the document: catalog_product_entity_varchar"));
  EXPECT_THAT(volume.output, HasSubstr("Volume check failed for Map Step after catching up"));
  EXPECT_THAT(volume.output, Not(HasSubstr("Delta caught up")));
  EXPECT_EQ(Pending(), 0);

  Exec(*source_, "DROP TABLE m2_cl_sales_flat_order_item");
  const ProcessResult missing = Migrate({"delta", "--until-caught-up", config_});
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_THAT(missing.output, HasSubstr("Deltalog for sales_flat_order_item is not installed"));
  EXPECT_THAT(missing.output, Not(HasSubstr("Delta caught up")));
}

}  // namespace
}  // namespace migrate::testing
