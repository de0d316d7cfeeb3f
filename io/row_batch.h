// A batch of rows with a fixed number of columns, stored in one byte arena.
//
// Every value is the MySQL text-protocol bytes of one cell (binary-safe: blobs with NUL bytes,
// multibyte text, zero dates as text) or NULL. Values are appended cell by cell, row by row:
// AddValue()/AddNull() exactly column_count() times, then FinishRow(). Batches are recycled: Clear()
// keeps the arena's and the cell table's capacity, so a steady pipeline makes no per-value
// allocation. A string_view from Value() stays valid until the batch is next modified.
// Not thread-safe; a batch belongs to one pipeline stage at a time.
#ifndef MIGRATE_IO_ROW_BATCH_H_
#define MIGRATE_IO_ROW_BATCH_H_

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::io {

class RowBatch {
 public:
  explicit RowBatch(size_t column_count = 0) : column_count_(column_count) {}

  RowBatch(const RowBatch&) = delete;
  RowBatch& operator=(const RowBatch&) = delete;
  RowBatch(RowBatch&&) = default;
  RowBatch& operator=(RowBatch&&) = default;

  size_t column_count() const { return column_count_; }
  size_t row_count() const { return row_count_; }
  bool empty() const { return row_count_ == 0; }

  // Empties the batch and sets a new column count, keeping the allocated capacity.
  void Reset(size_t column_count) {
    Clear();
    column_count_ = column_count;
  }

  // Empties the batch, keeping the allocated capacity.
  void Clear() {
    arena_.clear();
    cells_.clear();
    row_count_ = 0;
  }

  // Pre-allocates room for `rows` rows holding `bytes` value bytes in all.
  void Reserve(size_t rows, size_t bytes) {
    cells_.reserve(rows * column_count_);
    arena_.reserve(bytes);
  }

  void AddValue(absl::string_view value) {
    cells_.push_back(Cell{arena_.size(), static_cast<uint32_t>(value.size()), false});
    arena_.append(value.data(), value.size());
  }

  void AddNull() { cells_.push_back(Cell{arena_.size(), 0, true}); }

  // Closes the current row; exactly column_count() cells must have been added since the last one.
  void FinishRow() {
    ++row_count_;
    assert(cells_.size() == row_count_ * column_count_);
  }

  // Replaces the value of a cell already added. The new bytes go to the end of the arena; the old
  // ones stay unused until Clear(). For transforms that rewrite a few columns of a batch.
  void SetValue(size_t row, size_t column, absl::string_view value) {
    const size_t offset = arena_.size();
    arena_.append(value.data(), value.size());
    mutable_cell(row, column) = Cell{offset, static_cast<uint32_t>(value.size()), false};
  }

  void SetNull(size_t row, size_t column) { mutable_cell(row, column) = Cell{arena_.size(), 0, true}; }

  bool IsNull(size_t row, size_t column) const { return cell(row, column).is_null; }

  // The bytes of a cell; empty for NULL (tell the two apart with IsNull).
  absl::string_view Value(size_t row, size_t column) const {
    const Cell& c = cell(row, column);
    return absl::string_view(arena_.data() + c.offset, c.length);
  }

  // Approximate memory the contents take, for backpressure budgets.
  size_t ByteSize() const { return arena_.size() + cells_.size() * sizeof(Cell); }

  // Bytes of all values, without the cell table: what a writer sends.
  size_t ValueBytes() const { return arena_.size(); }

 private:
  struct Cell {
    size_t offset;
    uint32_t length;  // MySQL's longest value (LONGBLOB) is 4 GiB - 1.
    bool is_null;
  };

  const Cell& cell(size_t row, size_t column) const {
    assert(row < row_count_ && column < column_count_);
    return cells_[row * column_count_ + column];
  }

  Cell& mutable_cell(size_t row, size_t column) {
    assert(row < row_count_ && column < column_count_);
    return cells_[row * column_count_ + column];
  }

  size_t column_count_;
  size_t row_count_ = 0;
  std::string arena_;
  std::vector<Cell> cells_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_ROW_BATCH_H_
