// MultiRowInsertRows without a server: how many rows one statement of bound values holds.
#include "io/multi_row_insert.h"

#include <string>

#include "gtest/gtest.h"

namespace migrate::io {
namespace {

TEST(MultiRowInsertRowsTest, SplitsStatementsUnderTheLimitButNeverLeavesARowBehind) {
  RowBatch batch(1);
  for (const std::string& value : {std::string(10, 'a'), std::string(10, 'b'), std::string(10, 'c'),
                                   std::string(100, 'd'), std::string(1, 'e')}) {
    batch.AddValue(value);
    batch.FinishRow();
  }
  // A value costs its bytes and 12 of the protocol's: two rows of 10 bytes fit in 50, three do not.
  EXPECT_EQ(MultiRowInsertRows(batch, 0, 50), 2u);
  EXPECT_EQ(MultiRowInsertRows(batch, 2, 50), 1u);
  // A row longer than the limit goes alone.
  EXPECT_EQ(MultiRowInsertRows(batch, 3, 50), 1u);
  EXPECT_EQ(MultiRowInsertRows(batch, 4, 50), 1u);
  EXPECT_EQ(MultiRowInsertRows(batch, 0, 1 << 20), 5u);
}

TEST(MultiRowInsertRowsTest, StaysWithinTheProtocolsPlaceholders) {
  RowBatch batch(10);
  for (int row = 0; row < 7000; ++row) {
    for (int column = 0; column < 10; ++column) batch.AddNull();
    batch.FinishRow();
  }
  // 65,535 placeholders hold 6,553 rows of 10 values, whatever the byte limit.
  EXPECT_EQ(MultiRowInsertRows(batch, 0, 1 << 30), 6553u);
  EXPECT_EQ(MultiRowInsertRows(batch, 6553, 1 << 30), 447u);
}

}  // namespace
}  // namespace migrate::io
