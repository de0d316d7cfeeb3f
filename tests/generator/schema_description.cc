#include "tests/generator/schema_description.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace migrate::generator {

std::vector<std::string> Lines(io::MysqlConnection& connection, const std::string& sql) {
  absl::StatusOr<io::ResultSet> result = connection.Query(sql);
  EXPECT_TRUE(result.ok()) << result.status() << " in " << sql;
  std::vector<std::string> lines;
  if (!result.ok()) return lines;
  for (const io::Row& row : result->rows()) {
    std::vector<std::string> fields;
    for (const auto& field : row) fields.push_back(field.value_or("NULL"));
    lines.push_back(absl::StrJoin(fields, " "));
  }
  return lines;
}

std::string Utf8Literal(const std::string& text) {
  return absl::StrCat("_utf8mb4 X'", absl::BytesToHexString(text), "'");
}

std::set<std::string> Describe(io::MysqlConnection& connection, const std::string& database,
                               const std::vector<std::string>& tables) {
  std::vector<std::string> quoted;
  for (const std::string& table : tables) quoted.push_back(Utf8Literal(table));
  const std::string in_tables = absl::StrCat(" IN (", absl::StrJoin(quoted, ","), ")");
  const std::string schema = Utf8Literal(database);
  std::set<std::string> description;
  for (const std::string& line :
       Lines(connection,
             absl::StrCat("SELECT CONCAT('table ', TABLE_NAME), ENGINE, TABLE_COLLATION FROM information_schema.TABLES "
                          "WHERE TABLE_SCHEMA = ",
                          schema, " AND TABLE_NAME", in_tables))) {
    description.insert(line);
  }
  for (const std::string& line :
       Lines(connection,
             absl::StrCat(
                 "SELECT CONCAT('column ', TABLE_NAME, '.', COLUMN_NAME), COLUMN_TYPE, IF(IS_NULLABLE = 'YES', 'NULL', "
                 "'NOT NULL'), CONCAT('default=', IFNULL(COLUMN_DEFAULT, '(none)')), EXTRA, "
                 "IFNULL(CHARACTER_SET_NAME, '') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ",
                 schema, " AND TABLE_NAME", in_tables))) {
    description.insert(line);
  }
  for (const std::string& line :
       Lines(connection,
             absl::StrCat(
                 "SELECT CONCAT('key ', TABLE_NAME), IF(NON_UNIQUE = 0, 'UNIQUE', 'INDEX'), INDEX_NAME, INDEX_TYPE, "
                 "CONCAT('(', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX), ')') FROM information_schema.STATISTICS "
                 "WHERE TABLE_SCHEMA = ",
                 schema, " AND TABLE_NAME", in_tables, " GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE"))) {
    description.insert(line);
  }
  for (const std::string& line :
       Lines(connection,
             absl::StrCat(
                 "SELECT CONCAT('fk ', k.TABLE_NAME), CONCAT('(', GROUP_CONCAT(k.COLUMN_NAME ORDER BY "
                 "k.ORDINAL_POSITION), ')'), "
                 "'->', k.REFERENCED_TABLE_NAME, CONCAT('(', GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY "
                 "k.ORDINAL_POSITION), ')'), 'DELETE', r.DELETE_RULE, 'UPDATE', r.UPDATE_RULE "
                 "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
                 "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                 "AND r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA = ",
                 schema, " AND k.TABLE_NAME", in_tables,
                 " GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME, r.DELETE_RULE, r.UPDATE_RULE"))) {
    description.insert(line);
  }
  return description;
}

}  // namespace migrate::generator
