#include "io/multi_row_insert.h"

#include <mysql.h>

#include <utility>

namespace migrate::io {

MultiRowInsertBuilder::MultiRowInsertBuilder(st_mysql* mysql, std::string head, std::string tail,
                                             size_t max_statement_bytes)
    : mysql_(mysql), head_(std::move(head)), tail_(std::move(tail)), max_statement_bytes_(max_statement_bytes) {}

void MultiRowInsertBuilder::AppendValue(absl::string_view value, std::string* out) const {
  const size_t start = out->size();
  // Escaping at most doubles the value; one quote on each side.
  out->resize(start + 2 * value.size() + 2);
  char* begin = out->data() + start;
  begin[0] = '\'';
  const unsigned long escaped = mysql_real_escape_string(mysql_, begin + 1, value.data(), value.size());
  begin[escaped + 1] = '\'';
  out->resize(start + escaped + 2);
}

size_t MultiRowInsertBuilder::Build(const RowBatch& batch, size_t first_row, std::string* statement) const {
  statement->assign(head_);
  const size_t columns = batch.column_count();
  size_t row = first_row;
  for (; row < batch.row_count(); ++row) {
    const size_t row_start = statement->size();
    if (row > first_row) statement->push_back(',');
    statement->push_back('(');
    for (size_t column = 0; column < columns; ++column) {
      if (column > 0) statement->push_back(',');
      if (batch.IsNull(row, column)) {
        statement->append("NULL");
      } else {
        AppendValue(batch.Value(row, column), statement);
      }
    }
    statement->push_back(')');
    if (row > first_row && statement->size() + tail_.size() > max_statement_bytes_) {
      statement->resize(row_start);
      break;
    }
  }
  statement->append(tail_);
  return row;
}

}  // namespace migrate::io
