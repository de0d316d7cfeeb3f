#include "io/attribute_rows.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

std::string Name(const TableSchema& table) { return QualifiedName(table.database, table.name); }

}  // namespace

absl::StatusOr<AttributeIdSet> QueryAttributeIdSet(MysqlConnection& connection, const std::string& sql,
                                                   absl::string_view what) {
  absl::StatusOr<ResultSet> result = connection.Query(sql);
  if (!result.ok()) return WithContext(result.status(), what);
  AttributeIdSet found;
  for (const Row& row : result->rows()) {
    if (!row[0].has_value()) {
      found.null = true;
      continue;
    }
    int64_t id = 0;
    if (!absl::SimpleAtoi(*row[0], &id)) {
      return absl::InternalError(absl::StrCat(what, ": not an attribute_id: ", *row[0]));
    }
    found.ids.push_back(id);
  }
  return found;
}

std::string RowsOfAttributes(const AttributeIdSet& set, absl::string_view alias) {
  const std::string column = absl::StrCat(alias, alias.empty() ? "" : ".", "`attribute_id`");
  std::string condition;
  if (!set.ids.empty()) condition = absl::StrCat(column, " IN (", absl::StrJoin(set.ids, ", "), ")");
  if (set.null) absl::StrAppend(&condition, condition.empty() ? "" : " OR ", column, " IS NULL");
  return condition;
}

absl::StatusOr<AttributeIdSet> PresentAttributeIds(MysqlConnection& connection, const TableSchema& values) {
  return QueryAttributeIdSet(
      connection, absl::StrCat("SELECT DISTINCT `attribute_id` FROM ", Name(values), " ORDER BY `attribute_id`"),
      absl::StrCat("finding the attributes of the rows of ", values.name));
}

absl::StatusOr<std::vector<int64_t>> DefinedAttributeIds(MysqlConnection& connection,
                                                         const TableSchema& eav_attribute) {
  absl::StatusOr<AttributeIdSet> defined =
      QueryAttributeIdSet(connection,
                          absl::StrCat("SELECT `attribute_id` FROM ", Name(eav_attribute),
                                       " WHERE `attribute_id` IS NOT NULL ORDER BY "
                                       "`attribute_id`"),
                          absl::StrCat("reading the attribute ids of ", eav_attribute.name));
  if (!defined.ok()) return defined.status();
  return std::move(defined->ids);
}

absl::StatusOr<uint64_t> CountRowsOfAttributes(MysqlConnection& connection, const TableSchema& values,
                                               const AttributeIdSet& set) {
  if (set.empty()) return 0;
  const std::string what = absl::StrCat("counting rows of given attributes in ", values.name);
  absl::StatusOr<std::string> count =
      connection.QueryScalar(absl::StrCat("SELECT COUNT(*) FROM ", Name(values), " WHERE ", RowsOfAttributes(set)));
  if (!count.ok()) return WithContext(count.status(), what);
  uint64_t rows = 0;
  if (!absl::SimpleAtoi(*count, &rows)) return absl::InternalError(absl::StrCat(what, ": not a count: ", *count));
  return rows;
}

std::string RowsNotOfAttributes(const AttributeIdSet& set) {
  if (set.empty()) return "";
  if (set.ids.empty()) return "`attribute_id` IS NOT NULL";
  const std::string not_in = absl::StrCat("`attribute_id` NOT IN (", absl::StrJoin(set.ids, ", "), ")");
  // NOT IN is NULL, so false, for a NULL attribute_id: the rows of NULL are kept only when asked.
  return set.null ? not_in : absl::StrCat("(`attribute_id` IS NULL OR ", not_in, ")");
}

}  // namespace migrate::io
