// A batch of rows with a fixed number of columns, stored in blocks of bytes the batch owns.
//
// Every value is the MySQL text-protocol bytes of one cell (binary-safe: blobs with NUL bytes,
// multibyte text, zero dates as text) or NULL. Values are appended cell by cell, row by row:
// AddValue()/AddBorrowed()/AddNull() exactly column_count() times, then FinishRow(). Batches are
// recycled: Clear() keeps the blocks and the cell table, so a steady pipeline makes no per-value
// allocation. A value longer than kLargeValueBytes gets an allocation of its own instead, freed by
// Clear(), so a block's unused tail is never more than that and a batch of large values keeps no
// memory between uses. Bytes never move: a value's bytes stay valid until the batch is cleared,
// reset or destroyed (SetValue() writes the new bytes elsewhere), which is what lets another batch
// borrow them (AddBorrowed). Not thread-safe; a batch belongs to one pipeline stage at a time.
#ifndef MIGRATE_IO_ROW_BATCH_H_
#define MIGRATE_IO_ROW_BATCH_H_

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::io {

class RowBatch {
 public:
  // The blocks' size, and the longest value stored in one: a value longer gets its own allocation.
  static constexpr size_t kBlockBytes = 64 * 1024;
  static constexpr size_t kLargeValueBytes = kBlockBytes / 8;
  // What each cell takes in the cell table.
  static constexpr size_t kCellBytes = 16;

  explicit RowBatch(size_t column_count = 0) : column_count_(column_count), rewritten_(column_count, false) {}

  RowBatch(const RowBatch&) = delete;
  RowBatch& operator=(const RowBatch&) = delete;
  // The bytes move with the blocks, so borrowers of a moved batch's values stay valid. The batch
  // moved from is left empty, with its column count.
  RowBatch(RowBatch&& other) noexcept { TakeFrom(other); }
  RowBatch& operator=(RowBatch&& other) noexcept {
    if (this != &other) TakeFrom(other);
    return *this;
  }

  size_t column_count() const { return column_count_; }
  size_t row_count() const { return row_count_; }
  bool empty() const { return row_count_ == 0; }

  // Empties the batch and sets a new column count, keeping the blocks and the cell table.
  void Reset(size_t column_count) {
    column_count_ = column_count;
    Clear();
  }

  // Empties the batch, keeping the blocks and the cell table; large values are freed.
  void Clear() {
    cells_.clear();
    row_count_ = 0;
    value_bytes_ = 0;
    large_.clear();
    large_bytes_ = 0;
    block_ = 0;
    cursor_ = blocks_.empty() ? nullptr : blocks_.front().get();
    space_ = blocks_.empty() ? 0 : kBlockBytes;
    rewritten_.assign(column_count_, false);
  }

  // Pre-allocates the cell table for `rows` rows.
  void Reserve(size_t rows) { cells_.reserve(rows * column_count_); }

  // Adds a cell holding a copy of `value`.
  void AddValue(absl::string_view value) {
    cells_.push_back(Cell{Store(value), static_cast<uint32_t>(value.size()), false});
    value_bytes_ += value.size();
  }

  // Adds a cell that refers to `value`'s bytes where they are, without copying them: they must stay
  // unchanged while this batch is read (another batch's value, until that batch is cleared; a
  // constant of the copy plan).
  void AddBorrowed(absl::string_view value) {
    cells_.push_back(Cell{value.empty() ? kEmpty : value.data(), static_cast<uint32_t>(value.size()), false});
    value_bytes_ += value.size();
  }

  void AddNull() { cells_.push_back(Cell{kEmpty, 0, true}); }

  // Closes the current row; exactly column_count() cells must have been added since the last one.
  void FinishRow() {
    ++row_count_;
    assert(cells_.size() == row_count_ * column_count_);
  }

  // Replaces the value of a cell already added with a copy of `value`; the old bytes stay where they
  // are until Clear(). For transforms that rewrite a few columns of a batch.
  void SetValue(size_t row, size_t column, absl::string_view value) {
    Cell& c = mutable_cell(row, column);
    value_bytes_ += value.size() - c.length;
    c = Cell{Store(value), static_cast<uint32_t>(value.size()), false};
    rewritten_[column] = true;
  }

  // Replaces the value of a cell already added with one it borrows, as AddBorrowed().
  void SetBorrowed(size_t row, size_t column, absl::string_view value) {
    Cell& c = mutable_cell(row, column);
    value_bytes_ += value.size() - c.length;
    c = Cell{value.empty() ? kEmpty : value.data(), static_cast<uint32_t>(value.size()), false};
    rewritten_[column] = true;
  }

  void SetNull(size_t row, size_t column) {
    Cell& c = mutable_cell(row, column);
    value_bytes_ -= c.length;
    c = Cell{kEmpty, 0, true};
    rewritten_[column] = true;
  }

  // Whether SetValue(), SetBorrowed() or SetNull() changed a cell of `column` since the batch was
  // last cleared.
  bool Rewritten(size_t column) const { return rewritten_[column]; }

  bool IsNull(size_t row, size_t column) const { return cell(row, column).is_null; }

  // The bytes of a cell; empty for NULL (tell the two apart with IsNull).
  absl::string_view Value(size_t row, size_t column) const {
    const Cell& c = cell(row, column);
    return absl::string_view(c.data, c.length);
  }

  // The memory the batch holds, for budgets: its blocks (filled or kept for reuse), its large
  // values and its cells. Borrowed bytes count in the batch they belong to. Cells reserved and not
  // yet filled are not counted: a large cell table is mapped apart and takes no memory until
  // written.
  size_t ByteSize() const { return blocks_.size() * kBlockBytes + large_bytes_ + cells_.size() * kCellBytes; }

  // Bytes of all values, borrowed ones included, without the cell table: what a writer sends.
  size_t ValueBytes() const { return value_bytes_; }

 private:
  struct Cell {
    const char* data;
    uint32_t length;  // MySQL's longest value (LONGBLOB) is 4 GiB - 1.
    bool is_null;
  };

  static_assert(sizeof(Cell) == kCellBytes);
  static constexpr const char* kEmpty = "";

  const Cell& cell(size_t row, size_t column) const {
    assert(row < row_count_ && column < column_count_);
    return cells_[row * column_count_ + column];
  }

  Cell& mutable_cell(size_t row, size_t column) {
    assert(row < row_count_ && column < column_count_);
    return cells_[row * column_count_ + column];
  }

  void TakeFrom(RowBatch& other) {
    column_count_ = other.column_count_;
    row_count_ = other.row_count_;
    value_bytes_ = other.value_bytes_;
    cells_ = std::move(other.cells_);
    rewritten_ = std::move(other.rewritten_);
    blocks_ = std::move(other.blocks_);
    large_ = std::move(other.large_);
    large_bytes_ = other.large_bytes_;
    block_ = other.block_;
    cursor_ = other.cursor_;
    space_ = other.space_;
    other.cells_.clear();
    other.blocks_.clear();
    other.Clear();
  }

  // Copies `value` into the current block, the next one when it does not fit, or an allocation of
  // its own when large, and returns where it went.
  const char* Store(absl::string_view value) {
    if (value.empty()) return kEmpty;
    char* at;
    if (value.size() > kLargeValueBytes) {
      large_.push_back(std::make_unique_for_overwrite<char[]>(value.size()));
      large_bytes_ += value.size();
      at = large_.back().get();
    } else {
      if (value.size() > space_) NextBlock();
      at = cursor_;
      cursor_ += value.size();
      space_ -= value.size();
    }
    std::memcpy(at, value.data(), value.size());
    return at;
  }

  // Moves to the block after the current one, allocating it unless an earlier fill left it.
  void NextBlock() {
    if (cursor_ != nullptr) ++block_;
    if (block_ == blocks_.size()) blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockBytes));
    cursor_ = blocks_[block_].get();
    space_ = kBlockBytes;
  }

  size_t column_count_ = 0;
  size_t row_count_ = 0;
  size_t value_bytes_ = 0;
  std::vector<Cell> cells_;
  std::vector<bool> rewritten_;
  // The blocks, the one being filled (block_), and where in it the next bytes go.
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_ = 0;
  char* cursor_ = nullptr;
  size_t space_ = 0;
  // Values longer than kLargeValueBytes, one allocation each.
  std::vector<std::unique_ptr<char[]>> large_;
  size_t large_bytes_ = 0;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_ROW_BATCH_H_
