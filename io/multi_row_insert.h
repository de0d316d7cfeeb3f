// Multi-row INSERT statements with bound values: the bulk writer's fallback for servers without
// array binding (MySQL, older MariaDB, proxies) and for the rows array binding refuses.
//
// A statement is `head` + "(?,...),(?,...)" + `tail`, where head is e.g.
// "INSERT INTO `t` (`a`, `b`) VALUES " and tail is "" or an ON DUPLICATE KEY UPDATE clause. It is
// prepared (one statement per row count, kept while consecutive statements have that count) and
// executed with each value bound as a string, NULL cells as NULL: the server converts each value to
// its column's type as it converts a string literal, so the text a reader produced round-trips,
// and a statement of several rows is one INSERT of several rows (a NULL for a NOT NULL column
// stores the column's default with a warning in a non-strict session). No value is spelled into
// SQL text. Each statement's values (with the protocol's per-value overhead) stay within
// max_statement_bytes unless one row alone is longer (it then goes alone; the server rejects it
// only if it exceeds max_allowed_packet), and within the protocol's 65,535 placeholders.
//
// Not thread-safe; the connection must outlive the writer. Writing never commits.
#ifndef MIGRATE_IO_MULTI_ROW_INSERT_H_
#define MIGRATE_IO_MULTI_ROW_INSERT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/mysql_connection.h"
#include "io/row_batch.h"

struct st_mysql_stmt;
struct st_mysql_bind;

namespace migrate::io {

// The rows of the statement that starts at `first_row`: as many as fit, at least one. Pure: what
// MultiRowInsert::Execute sends, without a server.
size_t MultiRowInsertRows(const RowBatch& batch, size_t first_row, size_t max_statement_bytes);

class MultiRowInsert {
 public:
  MultiRowInsert(MysqlConnection& connection, std::string head, std::string tail, size_t max_statement_bytes);
  MultiRowInsert(const MultiRowInsert&) = delete;
  MultiRowInsert& operator=(const MultiRowInsert&) = delete;
  ~MultiRowInsert();

  // Inserts rows first_row, first_row + 1, ... of `batch`, as many as fit, in one statement.
  // Returns the index of the first row not included.
  absl::StatusOr<size_t> Execute(const RowBatch& batch, size_t first_row);

  // Of the last Execute: rows the server reported changed, and the warnings it raised.
  uint64_t affected_rows() const { return affected_rows_; }
  unsigned int warning_count() const { return warning_count_; }

 private:
  absl::Status Prepare(size_t rows, size_t columns);
  absl::Status StatementError() const;
  void Close();

  MysqlConnection& connection_;
  std::string head_;
  std::string tail_;
  size_t max_statement_bytes_;
  st_mysql_stmt* stmt_ = nullptr;
  size_t prepared_rows_ = 0;
  std::vector<st_mysql_bind> binds_;
  std::vector<unsigned long> lengths_;
  std::vector<char> nulls_;
  uint64_t affected_rows_ = 0;
  unsigned int warning_count_ = 0;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_MULTI_ROW_INSERT_H_
