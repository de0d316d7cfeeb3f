#include "io/sequence_table.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/result_set.h"
#include "io/table_sql.h"

namespace migrate::io {
namespace {

std::string CreateSql(absl::string_view if_not_exists, const std::string& name) {
  const std::string column = QuoteIdentifier(kSequenceColumn);
  return absl::StrCat("CREATE TABLE ", if_not_exists, name, " (", column,
                      " INT UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (", column,
                      ")) ENGINE=InnoDB DEFAULT CHARSET=utf8");
}

}  // namespace

absl::Status EnsureSequenceTable(MysqlConnection& connection, absl::string_view database, absl::string_view table) {
  return connection.Execute(CreateSql("IF NOT EXISTS ", QualifiedName(database, table)));
}

absl::Status AddSequenceValue(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                              uint64_t value) {
  return connection.Execute(absl::StrCat("INSERT IGNORE INTO ", QualifiedName(database, table), " (",
                                         QuoteIdentifier(kSequenceColumn), ") VALUES (", value, ")"));
}

absl::Status RecreateSequenceTable(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                                   std::optional<uint64_t> last_value) {
  const std::string name = QualifiedName(database, table);
  const std::string column = QuoteIdentifier(kSequenceColumn);
  if (absl::Status status = connection.Execute(absl::StrCat("DROP TABLE IF EXISTS ", name)); !status.ok()) {
    return status;
  }
  if (absl::Status status = connection.Execute(CreateSql("", name)); !status.ok()) {
    return status;
  }
  if (!last_value.has_value()) return absl::OkStatus();
  return connection.Execute(absl::StrCat("INSERT INTO ", name, " (", column, ") VALUES (", *last_value, ")"));
}

absl::StatusOr<std::optional<uint64_t>> LastSequenceValue(MysqlConnection& connection, absl::string_view database,
                                                          absl::string_view table) {
  absl::StatusOr<bool> exists = TableExists(connection, database, table);
  if (!exists.ok()) return exists.status();
  if (!*exists) return std::nullopt;
  const std::string column = QuoteIdentifier(kSequenceColumn);
  absl::StatusOr<ResultSet> rows = connection.Query(absl::StrCat(
      "SELECT ", column, " FROM ", QualifiedName(database, table), " ORDER BY ", column, " DESC LIMIT 1"));
  if (!rows.ok()) return rows.status();
  if (rows->empty() || !rows->rows()[0][0].has_value()) return std::nullopt;
  uint64_t value = 0;
  if (!absl::SimpleAtoi(*rows->rows()[0][0], &value)) {
    return absl::InternalError(absl::StrCat(table, ".", kSequenceColumn, " holds ", *rows->rows()[0][0]));
  }
  return value;
}

}  // namespace migrate::io
