// RowBatch: cells in row-major order, NULLs told apart from empty values, binary-safe values,
// recycling keeps capacity.
#include "io/row_batch.h"

#include <string>

#include "gtest/gtest.h"

namespace migrate::io {
namespace {

TEST(RowBatchTest, StoresValuesAndNullsByRowAndColumn) {
  RowBatch batch(3);
  batch.AddValue("1");
  batch.AddNull();
  batch.AddValue("");
  batch.FinishRow();
  const std::string binary("a\0b\xff", 4);
  batch.AddValue("2");
  batch.AddValue(binary);
  batch.AddValue("Grüße 日本");
  batch.FinishRow();

  EXPECT_EQ(batch.row_count(), 2u);
  EXPECT_EQ(batch.column_count(), 3u);
  EXPECT_EQ(batch.Value(0, 0), "1");
  EXPECT_TRUE(batch.IsNull(0, 1));
  EXPECT_EQ(batch.Value(0, 1), "");
  EXPECT_FALSE(batch.IsNull(0, 2));
  EXPECT_EQ(batch.Value(0, 2), "");
  EXPECT_EQ(batch.Value(1, 1), binary);
  EXPECT_EQ(batch.Value(1, 1).size(), 4u);
  EXPECT_EQ(batch.Value(1, 2), "Grüße 日本");
  EXPECT_EQ(batch.ValueBytes(), 1 + 0 + 0 + 1 + 4 + std::string("Grüße 日本").size());
  EXPECT_GT(batch.ByteSize(), batch.ValueBytes());
}

TEST(RowBatchTest, ClearKeepsTheColumnCountAndEmptiesTheRows) {
  RowBatch batch(1);
  for (int i = 0; i < 100; ++i) {
    batch.AddValue(std::string(100, 'x'));
    batch.FinishRow();
  }
  const size_t full_size = batch.ByteSize();
  batch.Clear();
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(batch.ByteSize(), 0u);
  EXPECT_EQ(batch.column_count(), 1u);
  batch.AddValue("again");
  batch.FinishRow();
  EXPECT_EQ(batch.Value(0, 0), "again");
  EXPECT_LT(batch.ByteSize(), full_size);

  batch.Reset(2);
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(batch.column_count(), 2u);
}

}  // namespace
}  // namespace migrate::io
