#include "io/eav_value_cleanup.h"

#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/attribute_rows.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

std::string Name(const TableSchema& table) { return QualifiedName(table.database, table.name); }

std::string IdList(const std::vector<int64_t>& ids) { return absl::StrJoin(ids, ", "); }

absl::StatusOr<uint64_t> ExecuteCounted(MysqlConnection& connection, const std::string& sql,
                                        absl::string_view what) {
  if (absl::Status status = connection.Execute(sql); !status.ok()) return WithContext(status, what);
  return connection.affected_rows();
}

absl::StatusOr<uint64_t> QueryCount(MysqlConnection& connection, const std::string& sql, absl::string_view what) {
  absl::StatusOr<std::string> count = connection.QueryScalar(sql);
  if (!count.ok()) return WithContext(count.status(), what);
  uint64_t value = 0;
  if (!absl::SimpleAtoi(*count, &value)) {
    return absl::InternalError(absl::StrCat(what, ": not a count: ", *count));
  }
  return value;
}

// The rows of the move's attributes in `from`, aliased f, that fit (or do not fit) into `to`.
std::string MoveCondition(const ValueMove& move, bool fits) {
  std::string condition = absl::StrCat("f.`attribute_id` IN (", IdList(move.attribute_ids), ") AND ");
  if (fits) {
    absl::StrAppend(&condition, "(f.`value` IS NULL OR CHAR_LENGTH(f.`value`) <= ", move.max_chars, ")");
  } else {
    absl::StrAppend(&condition, "CHAR_LENGTH(f.`value`) > ", move.max_chars);
  }
  return condition;
}

// "(SELECT DISTINCT attribute_id FROM values) AS present": the attributes that have rows in
// `values`, read from its attribute_id index where it has one (a loose index scan, not a row scan).
std::string PresentAttributes(const TableSchema& values) {
  return absl::StrCat("(SELECT DISTINCT `attribute_id` FROM ", Name(values), ") AS present");
}

bool HasUniqueKeyOn(const TableSchema& table, const std::set<std::string>& columns) {
  auto same = [&](const std::vector<std::string>& key) {
    return std::set<std::string>(key.begin(), key.end()) == columns && key.size() == columns.size();
  };
  if (same(table.primary_key)) return true;
  return std::any_of(table.unique_keys.begin(), table.unique_keys.end(),
                     [&](const IndexSchema& index) { return same(index.columns); });
}

}  // namespace

absl::StatusOr<uint64_t> DeleteValuesOfUnknownAttributes(MysqlConnection& connection, const TableSchema& values,
                                                         const TableSchema& eav_attribute) {
  const std::string what = absl::StrCat("deleting the values of unknown attributes from ", values.name);
  absl::StatusOr<AttributeIdSet> unknown =
      QueryAttributeIdSet(connection,
                          absl::StrCat("SELECT present.`attribute_id` FROM ", PresentAttributes(values),
                                       " LEFT JOIN ", Name(eav_attribute),
                                       " AS ea ON ea.`attribute_id` = present.`attribute_id` WHERE ea.`attribute_id` "
                                       "IS NULL"),
                          what);
  if (!unknown.ok()) return unknown.status();
  if (unknown->empty()) return 0;
  return ExecuteCounted(
      connection, absl::StrCat("DELETE v FROM ", Name(values), " AS v WHERE ", RowsOfAttributes(*unknown, "v")), what);
}

absl::StatusOr<uint64_t> DeleteValuesOutsideAttributeSet(MysqlConnection& connection, const TableSchema& values,
                                                         const TableSchema& product_entity,
                                                         const TableSchema& entity_attribute) {
  const std::string what =
      absl::StrCat("deleting the values outside their product's attribute set from ", values.name);
  // Only the attributes missing from some product's set can have values to delete.
  absl::StatusOr<AttributeIdSet> candidates = QueryAttributeIdSet(
      connection,
      absl::StrCat("SELECT DISTINCT present.`attribute_id` FROM ", PresentAttributes(values),
                   " JOIN (SELECT DISTINCT `attribute_set_id` FROM ", Name(product_entity),
                   ") AS used_set LEFT JOIN ", Name(entity_attribute),
                   " AS eea ON eea.`attribute_set_id` = used_set.`attribute_set_id` AND eea.`attribute_id` = "
                   "present.`attribute_id` WHERE eea.`attribute_id` IS NULL"),
      what);
  if (!candidates.ok()) return candidates.status();
  if (candidates->empty()) return 0;
  return ExecuteCounted(
      connection,
      absl::StrCat("DELETE v FROM ", Name(values), " AS v JOIN ", Name(product_entity),
                   " AS p ON p.`entity_id` = v.`entity_id` LEFT JOIN ", Name(entity_attribute),
                   " AS eea ON eea.`attribute_set_id` = p.`attribute_set_id` AND eea.`attribute_id` = v.`attribute_id` "
                   "WHERE (", RowsOfAttributes(*candidates, "v"),
                   ") AND v.`value` IS NOT NULL AND eea.`attribute_id` IS NULL"),
      what);
}

absl::StatusOr<uint64_t> DeleteRowsWithValues(MysqlConnection& connection, const TableSchema& table,
                                              absl::string_view column, const std::vector<int64_t>& values) {
  if (values.empty()) return 0;
  // The multi-table form, whose optimizer reads an index on `column` where MariaDB's single-table
  // DELETE scans the whole table once the rows are more than a few percent of it.
  return ExecuteCounted(connection,
                        absl::StrCat("DELETE t FROM ", Name(table), " AS t WHERE t.", QuoteIdentifier(column), " IN (",
                                     IdList(values), ")"),
                        absl::StrCat("deleting from ", table.name));
}

absl::StatusOr<std::vector<int64_t>> FindAttributeIds(MysqlConnection& connection, const TableSchema& eav_attribute,
                                                      const TableSchema& entity_type,
                                                      absl::string_view entity_type_code, absl::string_view column,
                                                      absl::string_view value) {
  absl::StatusOr<ResultSet> result =
      QueryBound(connection,
                 absl::StrCat("SELECT ea.`attribute_id` FROM ", Name(eav_attribute), " AS ea JOIN ", Name(entity_type),
                              " AS et ON et.`entity_type_id` = ea.`entity_type_id` WHERE et.`entity_type_code` = ? "
                              "AND ea.",
                              QuoteIdentifier(column), " = ? ORDER BY ea.`attribute_id`"),
                 {std::string(entity_type_code), std::string(value)});
  if (!result.ok()) {
    return WithContext(result.status(), absl::StrCat("finding the ", entity_type_code, " attributes with ", column,
                                                     " = ", value));
  }
  std::vector<int64_t> ids;
  for (const Row& row : result->rows()) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(row[0].value_or(""), &id)) {
      return absl::InternalError(absl::StrCat(eav_attribute.name, ": not an attribute_id: ", row[0].value_or("NULL")));
    }
    ids.push_back(id);
  }
  return ids;
}

std::optional<uint64_t> CharacterLength(const ColumnSchema& column) {
  if (column.data_type != "varchar" && column.data_type != "char") return std::nullopt;
  const size_t open = column.column_type.find('(');
  const size_t close = column.column_type.find(')', open);
  if (open == std::string::npos || close == std::string::npos) return std::nullopt;
  uint64_t length = 0;
  if (!absl::SimpleAtoi(column.column_type.substr(open + 1, close - open - 1), &length)) return std::nullopt;
  return length;
}

absl::StatusOr<TooLongValues> FindValuesTooLong(MysqlConnection& connection, const ValueMove& move, size_t limit) {
  TooLongValues found;
  if (move.attribute_ids.empty()) return found;
  const std::string where = absl::StrCat(" FROM ", Name(*move.from), " AS f WHERE ", MoveCondition(move, false));
  absl::StatusOr<uint64_t> total =
      QueryCount(connection, absl::StrCat("SELECT COUNT(*)", where),
                 absl::StrCat("counting the values too long to move from ", move.from->name));
  if (!total.ok()) return total.status();
  found.total = *total;
  if (found.total == 0) return found;
  absl::StatusOr<ResultSet> result = connection.Query(
      absl::StrCat("SELECT f.`attribute_id`, f.`entity_id`, f.`store_id`", where,
                   " ORDER BY f.`entity_id`, f.`attribute_id`, f.`store_id` LIMIT ", limit));
  if (!result.ok()) {
    return WithContext(result.status(), absl::StrCat("listing the values too long to move from ", move.from->name));
  }
  for (const Row& row : result->rows()) {
    found.first.push_back(ValueRowId{row[0].value_or("NULL"), row[1].value_or("NULL"), row[2].value_or("NULL")});
  }
  return found;
}

absl::StatusOr<uint64_t> CountValuesNewTo(MysqlConnection& connection, const ValueMove& move) {
  if (move.attribute_ids.empty()) return 0;
  std::string sql = absl::StrCat("SELECT COUNT(*) FROM ", Name(*move.from), " AS f");
  if (HasUniqueKeyOn(*move.to, {"entity_id", "attribute_id", "store_id"})) {
    absl::StrAppend(&sql, " LEFT JOIN ", Name(*move.to),
                    " AS t ON t.`entity_id` = f.`entity_id` AND t.`attribute_id` = f.`attribute_id` AND "
                    "t.`store_id` = f.`store_id` WHERE t.`attribute_id` IS NULL AND ",
                    MoveCondition(move, true));
  } else {
    absl::StrAppend(&sql, " WHERE ", MoveCondition(move, true));
  }
  return QueryCount(connection, sql, absl::StrCat("counting the values new to ", move.to->name));
}

absl::StatusOr<uint64_t> MoveValues(MysqlConnection& connection, const ValueMove& move,
                                    const StatementChangeHandler& on_changes) {
  if (move.attribute_ids.empty()) return 0;
  const std::string condition = MoveCondition(move, true);
  const std::string select = absl::StrCat("SELECT f.`attribute_id`, f.`store_id`, f.`entity_id`, f.`value` FROM ",
                                          Name(*move.from), " AS f WHERE ", condition);
  absl::StatusOr<uint64_t> copied = ExecuteInsertSelect(
      connection,
      absl::StrCat("INSERT INTO ", Name(*move.to), " (`attribute_id`, `store_id`, `entity_id`, `value`) ", select,
                   " ON DUPLICATE KEY UPDATE `value` = VALUES(`value`)"),
      select, move.to->database, move.to->name, {"attribute_id", "store_id", "entity_id", "value"}, on_changes);
  if (!copied.ok()) {
    return WithContext(copied.status(), absl::StrCat("copying values from ", move.from->name, " to ", move.to->name));
  }
  return ExecuteCounted(connection, absl::StrCat("DELETE f FROM ", Name(*move.from), " AS f WHERE ", condition),
                        absl::StrCat("deleting the values moved from ", move.from->name));
}

}  // namespace migrate::io
