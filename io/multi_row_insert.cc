#include "io/multi_row_insert.h"

#include <mysql.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

// Per value in an execution: its type, a length of up to 9 bytes and its bit of the NULL bitmap.
constexpr size_t kValueOverhead = 12;
// The most placeholders one prepared statement may have.
constexpr size_t kMaxPlaceholders = 65535;

}  // namespace

size_t MultiRowInsertRows(const RowBatch& batch, size_t first_row, size_t max_statement_bytes) {
  const size_t columns = batch.column_count();
  const size_t max_rows = std::max<size_t>(kMaxPlaceholders / std::max<size_t>(columns, 1), 1);
  size_t bytes = 0;
  size_t row = first_row;
  for (; row < batch.row_count() && row - first_row < max_rows; ++row) {
    size_t row_bytes = 0;
    for (size_t column = 0; column < columns; ++column) row_bytes += batch.Value(row, column).size() + kValueOverhead;
    if (row > first_row && bytes + row_bytes > max_statement_bytes) break;
    bytes += row_bytes;
  }
  return row - first_row;
}

MultiRowInsert::MultiRowInsert(MysqlConnection& connection, std::string head, std::string tail,
                               size_t max_statement_bytes)
    : connection_(connection),
      head_(std::move(head)),
      tail_(std::move(tail)),
      max_statement_bytes_(max_statement_bytes) {}

MultiRowInsert::~MultiRowInsert() { Close(); }

void MultiRowInsert::Close() {
  if (stmt_ != nullptr) mysql_stmt_close(stmt_);
  stmt_ = nullptr;
  prepared_rows_ = 0;
}

absl::Status MultiRowInsert::StatementError() const {
  return MysqlError(mysql_stmt_errno(stmt_), mysql_stmt_error(stmt_), connection_.options().Describe());
}

absl::Status MultiRowInsert::Prepare(size_t rows, size_t columns) {
  if (stmt_ != nullptr && prepared_rows_ == rows) return absl::OkStatus();
  Close();
  stmt_ = mysql_stmt_init(connection_.handle());
  if (stmt_ == nullptr) return connection_.LastError();
  std::string tuple = "(";
  for (size_t column = 0; column < columns; ++column) tuple.append(column == 0 ? "?" : ",?");
  tuple.append(")");
  std::string sql = head_;
  sql.reserve(head_.size() + rows * (tuple.size() + 1) + tail_.size());
  for (size_t row = 0; row < rows; ++row) {
    if (row > 0) sql.push_back(',');
    sql.append(tuple);
  }
  sql.append(tail_);
  if (mysql_stmt_prepare(stmt_, sql.data(), sql.size()) != 0) {
    absl::Status error = StatementError();
    Close();
    return error;
  }
  prepared_rows_ = rows;
  return absl::OkStatus();
}

absl::StatusOr<size_t> MultiRowInsert::Execute(const RowBatch& batch, size_t first_row) {
  affected_rows_ = 0;
  warning_count_ = 0;
  const size_t rows = MultiRowInsertRows(batch, first_row, max_statement_bytes_);
  const size_t columns = batch.column_count();
  if (absl::Status status = Prepare(rows, columns); !status.ok()) return status;
  const size_t values = rows * columns;
  binds_.assign(values, MYSQL_BIND{});
  lengths_.resize(values);
  nulls_.resize(values);
  for (size_t row = 0; row < rows; ++row) {
    for (size_t column = 0; column < columns; ++column) {
      const size_t at = row * columns + column;
      const absl::string_view value = batch.Value(first_row + row, column);
      MYSQL_BIND& bind = binds_[at];
      lengths_[at] = value.size();
      nulls_[at] = batch.IsNull(first_row + row, column) ? 1 : 0;
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = const_cast<char*>(value.data());
      bind.buffer_length = value.size();
      bind.length = &lengths_[at];
      bind.is_null = &nulls_[at];
    }
  }
  if (mysql_stmt_bind_param(stmt_, binds_.data()) != 0 || mysql_stmt_execute(stmt_) != 0) return StatementError();
  affected_rows_ = mysql_stmt_affected_rows(stmt_);
  warning_count_ = mysql_stmt_warning_count(stmt_);
  return first_row + rows;
}

}  // namespace migrate::io
