// The run's byte budget: what fits is granted at once, a waiter is served first and alone when it
// asks for more than the whole limit, a stop request ends a wait with nothing reserved.
#include "pipeline/memory_budget.h"

#include <thread>

#include "gtest/gtest.h"
#include "pipeline/cancellation.h"

namespace migrate::pipeline {
namespace {

void WaitUntilContended(const MemoryBudget& budget) {
  while (!budget.contended()) std::this_thread::yield();
}

TEST(MemoryBudgetTest, GrantsWhatFitsAndRefusesTheRestWithoutWaiting) {
  MemoryBudget budget(100);
  Cancellation never;
  EXPECT_TRUE(budget.Reserve(60, 0, never));
  EXPECT_TRUE(budget.TryReserve(40));
  EXPECT_FALSE(budget.TryReserve(1));
  budget.Release(50);
  EXPECT_EQ(budget.reserved(), 50u);
  EXPECT_EQ(budget.peak(), 100u);
}

TEST(MemoryBudgetTest, AWaiterIsServedBeforeLaterRequestsOnceMemoryComesBack) {
  MemoryBudget budget(100);
  Cancellation never;
  ASSERT_TRUE(budget.Reserve(90, 0, never));
  bool granted = false;
  std::thread waiter([&] { granted = budget.Reserve(50, 0, never); });
  WaitUntilContended(budget);
  // Room for 10 is there, but the waiter came first.
  EXPECT_FALSE(budget.TryReserve(10));
  budget.Release(90);
  waiter.join();
  EXPECT_TRUE(granted);
  EXPECT_EQ(budget.reserved(), 50u);
  EXPECT_FALSE(budget.contended());
}

TEST(MemoryBudgetTest, ARequestWiderThanTheLimitGoesAloneWhenOnlyWaitersHoldMemory) {
  MemoryBudget budget(100);
  Cancellation never;
  budget.Charge(30);  // e.g. the waiter's own connection buffer, which it keeps while waiting
  ASSERT_TRUE(budget.Reserve(20, 0, never));
  bool granted = false;
  std::thread waiter([&] { granted = budget.Reserve(500, 30, never); });
  WaitUntilContended(budget);
  budget.Release(20);
  waiter.join();
  EXPECT_TRUE(granted);
  EXPECT_EQ(budget.reserved(), 530u);
}

TEST(MemoryBudgetTest, AStopRequestEndsTheWaitWithNothingReserved) {
  MemoryBudget budget(100);
  Cancellation stop;
  ASSERT_TRUE(budget.Reserve(100, 0, stop));
  bool granted = true;
  std::thread waiter([&] { granted = budget.Reserve(10, 0, stop); });
  WaitUntilContended(budget);
  stop.RequestStop();
  waiter.join();
  EXPECT_FALSE(granted);
  EXPECT_EQ(budget.reserved(), 100u);
  EXPECT_FALSE(budget.contended());
}

}  // namespace
}  // namespace migrate::pipeline
