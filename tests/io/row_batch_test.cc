// RowBatch: cells in row-major order, NULLs told apart from empty values, binary-safe values,
// recycling keeps capacity, bytes that never move (what borrowing relies on), rewritten columns.
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
  EXPECT_EQ(batch.ValueBytes(), 0u);
  EXPECT_EQ(batch.ByteSize(), full_size - 100 * RowBatch::kCellBytes);  // the block, kept for the next rows
  EXPECT_EQ(batch.column_count(), 1u);
  batch.AddValue("again");
  batch.FinishRow();
  EXPECT_EQ(batch.Value(0, 0), "again");
  EXPECT_EQ(batch.ByteSize(), full_size - 99 * RowBatch::kCellBytes);

  batch.Reset(2);
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(batch.column_count(), 2u);
}

TEST(RowBatchTest, BytesStayWhereTheyAreUntilClear) {
  RowBatch batch(2);
  batch.AddValue("first");
  batch.AddValue("second");
  batch.FinishRow();
  const absl::string_view first = batch.Value(0, 0);
  const std::string large(200 * 1024, 'L');  // larger than a block
  for (int i = 0; i < 300; ++i) {
    batch.AddValue(std::string(1000, static_cast<char>('a' + i % 26)));
    batch.AddValue(i == 150 ? absl::string_view(large) : absl::string_view("x"));
    batch.FinishRow();
  }
  batch.SetValue(0, 0, "rewritten");

  EXPECT_EQ(first, "first");
  EXPECT_EQ(batch.Value(0, 0), "rewritten");
  EXPECT_EQ(batch.Value(0, 1), "second");
  EXPECT_EQ(batch.Value(151, 1), large);
  EXPECT_EQ(batch.Value(300, 0), std::string(1000, static_cast<char>('a' + 299 % 26)));
  EXPECT_EQ(batch.ValueBytes(), std::string("rewritten").size() + 6 + 300 * 1000 + 299 + large.size());
}

TEST(RowBatchTest, ByteSizeCountsTheBlocksAndLargeValuesHeldWhichClearFrees) {
  constexpr size_t kRows = 100;
  const std::string large(RowBatch::kLargeValueBytes + 1, 'L');
  RowBatch batch(2);
  for (size_t row = 0; row < kRows; ++row) {
    batch.AddValue("12345678");
    batch.AddValue(large);
    batch.FinishRow();
  }
  // One block holds the short values; each large one has an allocation of its own, with no block's
  // tail left unused for it.
  EXPECT_EQ(batch.ByteSize(), RowBatch::kBlockBytes + kRows * large.size() + 2 * kRows * RowBatch::kCellBytes);
  EXPECT_EQ(batch.Value(kRows - 1, 1), large);

  batch.Clear();
  EXPECT_EQ(batch.ByteSize(), RowBatch::kBlockBytes);
  batch.Reserve(10 * kRows);
  EXPECT_EQ(batch.ByteSize(), RowBatch::kBlockBytes);
}

TEST(RowBatchTest, BorrowedValuesAreReadWhereTheyAreAndTakeNoBytesOfTheBorrower) {
  const std::string large(10000, 'v');
  RowBatch owner(1);
  owner.AddValue(large);
  owner.FinishRow();
  RowBatch borrower(2);
  borrower.AddBorrowed(owner.Value(0, 0));
  borrower.AddBorrowed("");
  borrower.FinishRow();

  EXPECT_EQ(borrower.Value(0, 0).data(), owner.Value(0, 0).data());
  EXPECT_EQ(borrower.Value(0, 0), large);
  EXPECT_FALSE(borrower.IsNull(0, 1));
  EXPECT_EQ(borrower.Value(0, 1), "");
  EXPECT_EQ(borrower.ValueBytes(), large.size());
  EXPECT_LT(borrower.ByteSize(), 100u);
  EXPECT_GE(owner.ByteSize(), large.size());

  borrower.SetBorrowed(0, 1, owner.Value(0, 0));
  EXPECT_EQ(borrower.Value(0, 1), large);
  EXPECT_EQ(borrower.ValueBytes(), 2 * large.size());
  EXPECT_TRUE(borrower.Rewritten(1));
}

TEST(RowBatchTest, RewrittenNamesTheColumnsSetSinceTheLastClear) {
  RowBatch batch(3);
  batch.AddValue("a");
  batch.AddValue("b");
  batch.AddValue("c");
  batch.FinishRow();
  EXPECT_FALSE(batch.Rewritten(0));
  batch.SetValue(0, 0, "A");
  batch.SetNull(0, 2);
  EXPECT_TRUE(batch.Rewritten(0));
  EXPECT_FALSE(batch.Rewritten(1));
  EXPECT_TRUE(batch.Rewritten(2));
  EXPECT_EQ(batch.ValueBytes(), 2u);

  batch.Clear();
  EXPECT_FALSE(batch.Rewritten(0));
  EXPECT_FALSE(batch.Rewritten(2));
  batch.Reset(4);
  EXPECT_FALSE(batch.Rewritten(3));
}

TEST(RowBatchTest, AMovedBatchKeepsItsBytesAndTheOneMovedFromStartsAfresh) {
  RowBatch batch(1);
  batch.AddValue("kept");
  batch.FinishRow();
  const char* bytes = batch.Value(0, 0).data();
  RowBatch moved(std::move(batch));
  EXPECT_EQ(moved.Value(0, 0).data(), bytes);

  EXPECT_TRUE(batch.empty());  // NOLINT(bugprone-use-after-move): the documented state
  EXPECT_EQ(batch.column_count(), 1u);
  batch.AddValue("new");
  batch.FinishRow();
  EXPECT_EQ(batch.Value(0, 0), "new");
  EXPECT_EQ(moved.Value(0, 0), "kept");
}

}  // namespace
}  // namespace migrate::io
