#include "io/table_sql.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/bound_statement.h"
#include "io/result_set.h"

namespace migrate::io {

absl::StatusOr<std::optional<std::vector<std::string>>> TableColumns(MysqlConnection& connection,
                                                                     absl::string_view database,
                                                                     absl::string_view table) {
  absl::StatusOr<bool> exists = TableExists(connection, database, table);
  if (!exists.ok()) return exists.status();
  if (!*exists) return std::nullopt;
  absl::StatusOr<ResultSet> rows = QueryBound(
      connection,
      "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
      "ORDER BY ORDINAL_POSITION",
      {std::string(database), std::string(table)});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> columns;
  for (const Row& row : rows->rows()) columns.push_back(row[0].value_or(""));
  return columns;
}

absl::StatusOr<bool> TableExists(MysqlConnection& connection, absl::string_view database, absl::string_view table) {
  absl::StatusOr<std::string> count = QueryBoundScalar(
      connection,
      "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = ? "
      "AND TABLE_NAME = ?",
      {std::string(database), std::string(table)});
  if (!count.ok()) return count.status();
  return *count != "0";
}

absl::StatusOr<uint64_t> CountRows(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                                   absl::string_view where, const BoundValues& values) {
  std::string sql = absl::StrCat("SELECT COUNT(*) FROM ", QualifiedName(database, table));
  if (!where.empty()) absl::StrAppend(&sql, " WHERE ", where);
  absl::StatusOr<std::string> count = values.empty() ? connection.QueryScalar(sql) : QueryBoundScalar(connection, sql, values);
  if (!count.ok()) return count.status();
  uint64_t rows = 0;
  if (!absl::SimpleAtoi(*count, &rows)) return absl::InternalError(absl::StrCat("COUNT(*) gave ", *count));
  return rows;
}

}  // namespace migrate::io
