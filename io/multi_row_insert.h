// Builds multi-row INSERT statements from RowBatches: the bulk writer's fallback for servers
// without array binding (MySQL, older MariaDB, proxies).
//
// A statement is `head` + "(v,...),(v,...)" + `tail`, where head is e.g.
// "INSERT INTO `t` (`a`, `b`) VALUES " and tail is "" or an ON DUPLICATE KEY UPDATE clause. Values
// are quoted string literals escaped by mysql_real_escape_string for the connection (its character
// set and NO_BACKSLASH_ESCAPES mode), NULL cells are NULL; the server converts the text to each
// column's type as it does for the text protocol, so the text a reader produced round-trips.
// Each statement stays within max_statement_bytes unless one row alone is longer (it then goes
// alone; the server rejects it only if it exceeds max_allowed_packet).
#ifndef MIGRATE_IO_MULTI_ROW_INSERT_H_
#define MIGRATE_IO_MULTI_ROW_INSERT_H_

#include <cstddef>
#include <string>

#include "io/row_batch.h"

struct st_mysql;

namespace migrate::io {

class MultiRowInsertBuilder {
 public:
  // `mysql` is only used for escaping; it must outlive the builder.
  MultiRowInsertBuilder(st_mysql* mysql, std::string head, std::string tail, size_t max_statement_bytes);

  // Replaces `statement` with one statement holding rows first_row, first_row + 1, ... of `batch`,
  // as many as fit (at least one). Returns the index of the first row not included.
  size_t Build(const RowBatch& batch, size_t first_row, std::string* statement) const;

 private:
  void AppendValue(absl::string_view value, std::string* out) const;

  st_mysql* mysql_;
  std::string head_;
  std::string tail_;
  size_t max_statement_bytes_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_MULTI_ROW_INSERT_H_
