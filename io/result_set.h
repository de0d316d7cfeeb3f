// The fully buffered result of one query: column names and rows of nullable text values.
//
// Meant for metadata and small queries (schema introspection, progress, counts); bulk data moves
// through the chunk readers, which never buffer a whole table.
#ifndef MIGRATE_IO_RESULT_SET_H_
#define MIGRATE_IO_RESULT_SET_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace migrate::io {

using Row = std::vector<std::optional<std::string>>;

class ResultSet {
 public:
  ResultSet() = default;
  ResultSet(std::vector<std::string> columns, std::vector<Row> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<Row>& rows() const { return rows_; }
  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }

  // The value at (row, column); the column is looked up by name. Errors when the column is unknown
  // or the value is NULL.
  absl::StatusOr<std::string> Get(size_t row, absl::string_view column) const;

  // The single value of a one-row, one-column result, e.g. SELECT COUNT(*).
  absl::StatusOr<std::string> Scalar() const;

 private:
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_RESULT_SET_H_
