#include "io/bound_statement.h"

#include <mysql.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

struct StatementCloser {
  void operator()(MYSQL_STMT* statement) const { mysql_stmt_close(statement); }
};
using Statement = std::unique_ptr<MYSQL_STMT, StatementCloser>;

absl::Status StatementError(MYSQL_STMT* statement, MysqlConnection& connection) {
  return MysqlError(mysql_stmt_errno(statement), mysql_stmt_error(statement), connection.options().Describe());
}

// Prepares `sql`, binds `values` and executes it.
absl::StatusOr<Statement> Run(MysqlConnection& connection, absl::string_view sql, const BoundValues& values) {
  Statement statement(mysql_stmt_init(connection.handle()));
  if (statement == nullptr) return connection.LastError();
  if (mysql_stmt_prepare(statement.get(), sql.data(), sql.size()) != 0) {
    return StatementError(statement.get(), connection);
  }
  const unsigned long expected = mysql_stmt_param_count(statement.get());
  if (expected != values.size()) {
    return absl::InternalError(absl::StrCat("statement has ", expected, " placeholders but ", values.size(),
                                            " values were bound: ", sql));
  }
  ParameterBinds binds;
  MYSQL_BIND* bound = binds.Fill(values);
  if (!values.empty() && mysql_stmt_bind_param(statement.get(), bound) != 0) {
    return StatementError(statement.get(), connection);
  }
  if (mysql_stmt_execute(statement.get()) != 0) return StatementError(statement.get(), connection);
  return statement;
}

}  // namespace

absl::StatusOr<ResultSet> QueryBound(MysqlConnection& connection, absl::string_view sql, const BoundValues& values) {
  absl::StatusOr<Statement> statement = Run(connection, sql, values);
  if (!statement.ok()) return statement.status();
  MYSQL_STMT* stmt = statement->get();
  MYSQL_RES* metadata = mysql_stmt_result_metadata(stmt);
  if (metadata == nullptr) return ResultSet();
  const unsigned int field_count = mysql_num_fields(metadata);
  std::vector<std::string> columns;
  MYSQL_FIELD* fields = mysql_fetch_fields(metadata);
  for (unsigned int i = 0; i < field_count; ++i) columns.emplace_back(fields[i].name, fields[i].name_length);
  mysql_free_result(metadata);
  if (mysql_stmt_store_result(stmt) != 0) return StatementError(stmt, connection);

  // Every column is fetched as text into a zero-length buffer first, then at its exact length.
  std::vector<MYSQL_BIND> binds(field_count);
  std::vector<my_bool> nulls(field_count);
  std::vector<unsigned long> lengths(field_count);
  for (unsigned int i = 0; i < field_count; ++i) {
    binds[i].buffer_type = MYSQL_TYPE_STRING;
    binds[i].length = &lengths[i];
    binds[i].is_null = &nulls[i];
  }
  if (mysql_stmt_bind_result(stmt, binds.data()) != 0) return StatementError(stmt, connection);
  std::vector<Row> rows;
  while (true) {
    const int fetched = mysql_stmt_fetch(stmt);
    if (fetched == MYSQL_NO_DATA) break;
    if (fetched == 1) return StatementError(stmt, connection);
    Row row(field_count);
    for (unsigned int i = 0; i < field_count; ++i) {
      if (nulls[i]) continue;
      std::string value(lengths[i], '\0');
      MYSQL_BIND column{};
      column.buffer_type = MYSQL_TYPE_STRING;
      column.buffer = value.data();
      column.buffer_length = value.size();
      if (!value.empty() && mysql_stmt_fetch_column(stmt, &column, i, 0) != 0) {
        return StatementError(stmt, connection);
      }
      row[i] = std::move(value);
    }
    rows.push_back(std::move(row));
  }
  return ResultSet(std::move(columns), std::move(rows));
}

absl::StatusOr<std::string> QueryBoundScalar(MysqlConnection& connection, absl::string_view sql,
                                             const BoundValues& values) {
  absl::StatusOr<ResultSet> result = QueryBound(connection, sql, values);
  if (!result.ok()) return result.status();
  return result->Scalar();
}

absl::StatusOr<uint64_t> ExecuteBound(MysqlConnection& connection, absl::string_view sql, const BoundValues& values) {
  absl::StatusOr<Statement> statement = Run(connection, sql, values);
  if (!statement.ok()) return statement.status();
  return mysql_stmt_affected_rows(statement->get());
}

}  // namespace migrate::io
