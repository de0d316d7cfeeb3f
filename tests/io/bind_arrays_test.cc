// FillBindArrays: column-wise arrays pointing at the batch's values, NULL indicators, and statements
// cut where the next row would pass the limit (one row alone may pass it).
#include <mysql.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "io/bulk_writer.h"
#include "io/row_batch.h"

namespace migrate::io {
namespace {

TEST(FillBindArraysTest, ArraysAreColumnWiseAndPointAtTheBatchValues) {
  RowBatch batch(2);
  for (int row = 0; row < 150; ++row) {  // more rows than one tile
    batch.AddValue(std::to_string(row));
    if (row % 7 == 0) {
      batch.AddNull();
    } else {
      batch.AddValue(std::string(static_cast<size_t>(row % 5), 'x'));
    }
    batch.FinishRow();
  }
  BindArrays arrays;
  std::vector<size_t> slice_starts;
  FillBindArrays(batch, 1 << 20, &arrays, &slice_starts);

  EXPECT_EQ(slice_starts, std::vector<size_t>{0});
  ASSERT_EQ(arrays.values.size(), 300u);
  for (size_t row = 0; row < 150; ++row) {
    for (size_t column = 0; column < 2; ++column) {
      const size_t at = column * 150 + row;
      EXPECT_EQ(arrays.values[at], batch.Value(row, column).data()) << row << "," << column;
      EXPECT_EQ(arrays.lengths[at], batch.Value(row, column).size()) << row << "," << column;
      EXPECT_EQ(arrays.indicators[at], batch.IsNull(row, column) ? STMT_INDICATOR_NULL : STMT_INDICATOR_NONE);
    }
  }
}

TEST(FillBindArraysTest, StatementsAreCutBeforeTheRowThatWouldPassTheLimit) {
  RowBatch batch(1);
  // Each row costs its bytes plus 10 bytes of protocol overhead: 90 + 10 = 100.
  for (int row = 0; row < 200; ++row) {
    batch.AddValue(std::string(row == 130 ? 1000 : 90, 'v'));
    batch.FinishRow();
  }
  BindArrays arrays;
  std::vector<size_t> slice_starts;
  FillBindArrays(batch, 500, &arrays, &slice_starts);

  std::vector<size_t> expected;
  for (size_t start = 0; start < 130; start += 5) expected.push_back(start);
  expected.push_back(130);  // the row of 1010 bytes goes alone
  for (size_t start = 131; start < 200; start += 5) expected.push_back(start);
  EXPECT_EQ(slice_starts, expected);
}

}  // namespace
}  // namespace migrate::io
