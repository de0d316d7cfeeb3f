#include "io/table_schema.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

const absl::flat_hash_set<absl::string_view>& IntegerTypes() {
  static const auto* types =
      new absl::flat_hash_set<absl::string_view>{"tinyint", "smallint", "mediumint", "int", "integer", "bigint"};
  return *types;
}

const absl::flat_hash_set<absl::string_view>& FractionalTypes() {
  static const auto* types =
      new absl::flat_hash_set<absl::string_view>{"decimal", "numeric", "float", "double", "real"};
  return *types;
}

std::string Text(const Row& row, size_t column) { return row[column].value_or(""); }

// Runs `sql` with the database name bound to its only placeholder.
absl::StatusOr<ResultSet> QueryForDatabase(MysqlConnection& connection, absl::string_view sql,
                                           absl::string_view database) {
  return QueryBound(connection, sql, {std::string(database)});
}

absl::Status LoadTables(MysqlConnection& connection, absl::string_view database, DatabaseSchema& schema) {
  absl::StatusOr<ResultSet> tables = QueryForDatabase(
      connection,
      "SELECT TABLE_NAME, ENGINE, TABLE_ROWS FROM information_schema.TABLES "
      "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME",
      database);
  if (!tables.ok()) return tables.status();
  for (const Row& row : tables->rows()) {
    TableSchema table;
    table.database = std::string(database);
    table.name = Text(row, 0);
    table.engine = Text(row, 1);
    if (!absl::SimpleAtoi(Text(row, 2), &table.estimated_rows)) table.estimated_rows = 0;
    std::string name = table.name;
    schema.emplace(std::move(name), std::move(table));
  }
  return absl::OkStatus();
}

absl::Status LoadColumns(MysqlConnection& connection, absl::string_view database, DatabaseSchema& schema) {
  absl::StatusOr<ResultSet> columns = QueryForDatabase(
      connection,
      "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA "
      "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION",
      database);
  if (!columns.ok()) return columns.status();
  for (const Row& row : columns->rows()) {
    auto table = schema.find(Text(row, 0));
    if (table == schema.end()) continue;  // A view.
    ColumnSchema column;
    column.name = Text(row, 1);
    column.column_type = Text(row, 2);
    column.data_type = absl::AsciiStrToLower(Text(row, 3));
    column.nullable = Text(row, 4) == "YES";
    column.default_value = row[5];
    column.is_auto_increment = absl::StrContains(absl::AsciiStrToLower(Text(row, 6)), "auto_increment");
    table->second.columns.push_back(std::move(column));
  }
  return absl::OkStatus();
}

absl::Status LoadIndexes(MysqlConnection& connection, absl::string_view database, DatabaseSchema& schema) {
  absl::StatusOr<ResultSet> indexes = QueryForDatabase(
      connection,
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE "
      "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
      "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
      database);
  if (!indexes.ok()) return indexes.status();
  for (const Row& row : indexes->rows()) {
    auto table = schema.find(Text(row, 0));
    if (table == schema.end()) continue;
    std::vector<IndexSchema>& all = table->second.indexes;
    const std::string name = Text(row, 1);
    if (all.empty() || all.back().name != name) {
      IndexSchema index;
      index.name = name;
      index.unique = Text(row, 2) == "0";
      index.type = Text(row, 5);
      all.push_back(std::move(index));
    }
    all.back().columns.push_back(Text(row, 3));
    if (row[4].has_value()) all.back().has_prefix_part = true;
  }
  for (auto& [name, table] : schema) {
    for (const IndexSchema& index : table.indexes) {
      if (index.name == "PRIMARY") {
        table.primary_key = index.columns;
      } else if (index.unique) {
        table.unique_keys.push_back(index);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status LoadForeignKeys(MysqlConnection& connection, absl::string_view database, DatabaseSchema& schema) {
  absl::StatusOr<ResultSet> keys = QueryForDatabase(
      connection,
      "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, "
      "k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE "
      "FROM information_schema.KEY_COLUMN_USAGE k LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
      "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME "
      "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
      "WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL "
      "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
      database);
  if (!keys.ok()) return keys.status();
  for (const Row& row : keys->rows()) {
    auto table = schema.find(Text(row, 0));
    if (table == schema.end()) continue;
    std::vector<ForeignKeySchema>& all = table->second.foreign_keys;
    const std::string name = Text(row, 1);
    if (all.empty() || all.back().name != name) {
      ForeignKeySchema key;
      key.name = name;
      key.referenced_table = Text(row, 3);
      key.on_update = Text(row, 5);
      key.on_delete = Text(row, 6);
      all.push_back(std::move(key));
    }
    all.back().columns.push_back(Text(row, 2));
    all.back().referenced_columns.push_back(Text(row, 4));
  }
  return absl::OkStatus();
}

}  // namespace

bool ColumnSchema::IsInteger() const { return IntegerTypes().contains(data_type); }

bool ColumnSchema::IsNumeric() const { return IsInteger() || FractionalTypes().contains(data_type); }

const ColumnSchema* TableSchema::FindColumn(absl::string_view name) const {
  for (const ColumnSchema& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

std::vector<std::string> FirstKeyAmong(const std::vector<std::vector<std::string>>& keys,
                                       const std::vector<std::string>& columns) {
  for (const std::vector<std::string>& key : keys) {
    if (!key.empty() && std::all_of(key.begin(), key.end(), [&](const std::string& column) {
          return std::find(columns.begin(), columns.end(), column) != columns.end();
        })) {
      return key;
    }
  }
  return {};
}

std::vector<std::string> TableSchema::KeyAmong(const std::vector<std::string>& columns) const {
  std::vector<std::vector<std::string>> keys = {primary_key};
  for (const IndexSchema& unique : unique_keys) keys.push_back(unique.columns);
  return FirstKeyAmong(keys, columns);
}

std::vector<KeyColumn> TableSchema::ResumeKey() const {
  auto to_key = [this](const std::vector<std::string>& names) {
    std::vector<KeyColumn> key;
    for (const std::string& name : names) {
      const ColumnSchema* column = FindColumn(name);
      key.push_back(KeyColumn{name, column != nullptr && column->IsNumeric()});
    }
    return key;
  };
  if (!primary_key.empty()) return to_key(primary_key);
  for (const IndexSchema& index : unique_keys) {
    if (index.has_prefix_part) continue;
    const bool all_not_null = std::all_of(index.columns.begin(), index.columns.end(), [this](const std::string& name) {
      const ColumnSchema* column = FindColumn(name);
      return column != nullptr && !column->nullable;
    });
    if (all_not_null) return to_key(index.columns);
  }
  return {};
}

std::vector<std::string> TableSchema::ColumnNames() const {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const ColumnSchema& column : columns) names.push_back(column.name);
  return names;
}

absl::StatusOr<DatabaseSchema> LoadDatabaseSchema(MysqlConnection& connection, absl::string_view database) {
  DatabaseSchema schema;
  for (auto load : {LoadTables, LoadColumns, LoadIndexes, LoadForeignKeys}) {
    if (absl::Status status = load(connection, database, schema); !status.ok()) {
      return WithContext(status, absl::StrCat("reading the schema of ", database));
    }
  }
  return schema;
}

absl::StatusOr<std::vector<std::string>> ListTables(MysqlConnection& connection, absl::string_view database) {
  DatabaseSchema schema;
  if (absl::Status status = LoadTables(connection, database, schema); !status.ok()) return status;
  std::vector<std::string> names;
  names.reserve(schema.size());
  for (const auto& [name, table] : schema) names.push_back(name);
  return names;
}

}  // namespace migrate::io
