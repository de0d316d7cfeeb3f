// The structure of a database's tables as information_schema describes it.
//
// LoadDatabaseSchema reads every base table of a database (views are left out) in a fixed handful
// of information_schema queries, whatever the number of tables. The model is plain data, ordered
// as the server defines it (columns by position, index columns by sequence), and is what readers,
// the splitter and the writers need: column types, keys and the resume key.
#ifndef MIGRATE_IO_TABLE_SCHEMA_H_
#define MIGRATE_IO_TABLE_SCHEMA_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"

namespace migrate::io {

struct ColumnSchema {
  std::string name;
  // The full type, e.g. "int(10) unsigned" or "varchar(255)".
  std::string column_type;
  // The bare type name in lower case, e.g. "int", "varchar", "datetime".
  std::string data_type;
  bool nullable = false;
  // information_schema.COLUMNS.COLUMN_DEFAULT as the server gives it; nullopt when the column has
  // no default. MariaDB 10.2.7+ writes it as SQL: 'text' quoted, NULL, numbers, or an expression
  // such as current_timestamp(); MySQL writes the bare value.
  std::optional<std::string> default_value;
  bool is_auto_increment = false;

  // True for the integer, decimal and floating point types.
  bool IsNumeric() const;
  // True for the integer types (tinyint ... bigint).
  bool IsInteger() const;
};

struct IndexSchema {
  std::string name;  // "PRIMARY" for the primary key.
  bool unique = false;
  std::vector<std::string> columns;
  // True when any column is indexed by a prefix only (information_schema SUB_PART).
  bool has_prefix_part = false;
  std::string type;  // BTREE, HASH, FULLTEXT, SPATIAL.
};

struct ForeignKeySchema {
  std::string name;
  std::vector<std::string> columns;
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  // CASCADE, SET NULL, RESTRICT, NO ACTION; "" when unknown: information_schema's
  // REFERENTIAL_CONSTRAINTS shows a key's rules only to an account with a database grant beyond
  // SELECT, while KEY_COLUMN_USAGE shows the key itself to any account that may read the table.
  std::string on_update;
  std::string on_delete;
};

struct TableSchema {
  std::string database;
  std::string name;
  std::string engine;
  // information_schema.TABLES.TABLE_ROWS: exact for MyISAM, an estimate for InnoDB.
  uint64_t estimated_rows = 0;
  std::vector<ColumnSchema> columns;
  std::vector<std::string> primary_key;
  // Unique keys other than the primary key.
  std::vector<IndexSchema> unique_keys;
  // Every index, the primary key included, in name order.
  std::vector<IndexSchema> indexes;
  std::vector<ForeignKeySchema> foreign_keys;

  // The column called `name`, or nullptr.
  const ColumnSchema* FindColumn(absl::string_view name) const;

  // The columns a reader pages over: the primary key, else the first unique key (by name) whose
  // columns are all NOT NULL and fully indexed (no prefix part), else empty: the table has no
  // usable key and is read as one all-or-nothing stream (see io/chunk_reader.h).
  std::vector<KeyColumn> ResumeKey() const;

  // The column names, in table order.
  std::vector<std::string> ColumnNames() const;

  // The key that names a row written with `columns`: see FirstKeyAmong.
  std::vector<std::string> KeyAmong(const std::vector<std::string>& columns) const;
};

// The first of `keys` (the primary key first, then unique keys by name) whose columns `columns` all
// hold; empty when none does. What names the rows a statement writes in those columns.
std::vector<std::string> FirstKeyAmong(const std::vector<std::vector<std::string>>& keys,
                                       const std::vector<std::string>& columns);

using DatabaseSchema = std::map<std::string, TableSchema>;

// Every base table of `database`, keyed by table name.
absl::StatusOr<DatabaseSchema> LoadDatabaseSchema(MysqlConnection& connection, absl::string_view database);

// The base table names of `database`, sorted.
absl::StatusOr<std::vector<std::string>> ListTables(MysqlConnection& connection, absl::string_view database);

}  // namespace migrate::io

#endif  // MIGRATE_IO_TABLE_SCHEMA_H_
