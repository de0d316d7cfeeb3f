#include "io/keyed_delete.h"

#include <mysql.h>

#include <cstring>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/array_binding.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

struct StatementCloser {
  void operator()(MYSQL_STMT* stmt) const { mysql_stmt_close(stmt); }
};
using Statement = std::unique_ptr<MYSQL_STMT, StatementCloser>;

absl::Status StatementError(MysqlConnection& connection, MYSQL_STMT* stmt) {
  return MysqlError(mysql_stmt_errno(stmt), mysql_stmt_error(stmt), connection.options().Describe());
}

// Executes the prepared statement for keys [first, first + count), column-wise bound as strings.
absl::Status Execute(MysqlConnection& connection, MYSQL_STMT* stmt, const std::vector<Key>& keys, size_t first,
                     size_t count, size_t columns, uint64_t* deleted) {
  std::vector<char*> values(columns * count);
  std::vector<unsigned long> lengths(columns * count);
  std::vector<MYSQL_BIND> binds(columns);
  for (size_t column = 0; column < columns; ++column) {
    for (size_t row = 0; row < count; ++row) {
      const std::string& value = keys[first + row][column];
      values[column * count + row] = const_cast<char*>(value.data());
      lengths[column * count + row] = value.size();
    }
    MYSQL_BIND& bind = binds[column];
    std::memset(&bind, 0, sizeof(bind));
    bind.buffer_type = MYSQL_TYPE_STRING;
    if (count == 1) {
      bind.buffer = values[column];
      bind.buffer_length = lengths[column];
      bind.length = &lengths[column];
    } else {
      bind.buffer = &values[column * count];
      bind.length = &lengths[column * count];
    }
  }
  if (count > 1) {
    unsigned int array_size = static_cast<unsigned int>(count);
    if (mysql_stmt_attr_set(stmt, STMT_ATTR_ARRAY_SIZE, &array_size) != 0) return StatementError(connection, stmt);
  }
  if (mysql_stmt_bind_param(stmt, binds.data()) != 0 || mysql_stmt_execute(stmt) != 0) {
    return StatementError(connection, stmt);
  }
  *deleted += mysql_stmt_affected_rows(stmt);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<uint64_t> DeleteByKeys(MysqlConnection& connection, absl::string_view table,
                                      const std::vector<KeyColumn>& key, const std::vector<Key>& keys) {
  if (keys.empty()) return 0;
  const std::string sql = absl::StrCat(
      "DELETE FROM ", table, " WHERE ",
      absl::StrJoin(key, " AND ", [](std::string* out, const KeyColumn& column) {
        absl::StrAppend(out, QuoteIdentifier(column.name), " = ?");
      }));
  Statement stmt(mysql_stmt_init(connection.handle()));
  if (stmt == nullptr) return connection.LastError();
  if (mysql_stmt_prepare(stmt.get(), sql.data(), sql.size()) != 0) return StatementError(connection, stmt.get());
  uint64_t deleted = 0;
  if (ServerSupportsArrayBinding(connection)) {
    absl::Status status = Execute(connection, stmt.get(), keys, 0, keys.size(), key.size(), &deleted);
    if (status.ok() || !IsUnsupportedCommand(MysqlErrorNumber(status))) {
      if (!status.ok()) return status;
      return deleted;
    }
    deleted = 0;  // refused before it ran: one execution per key instead
  }
  for (size_t row = 0; row < keys.size(); ++row) {
    if (absl::Status status = Execute(connection, stmt.get(), keys, row, 1, key.size(), &deleted); !status.ok()) {
      return status;
    }
  }
  return deleted;
}

}  // namespace migrate::io
