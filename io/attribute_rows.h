// The rows of an EAV value table (a table with an `attribute_id` column) told apart by their
// attribute: which attribute ids the table holds, which ids an eav_attribute table defines, how many
// rows belong to a set of attributes, and the SQL condition of the other rows.
//
// Used to leave out of a copy the rows a later step would delete from its destination (a copy's
// filter, pipeline/copy_plan.h): the condition is true exactly for the rows outside the set, so
// COUNT of the set's rows plus COUNT of the rows the condition keeps is the table's COUNT(*).
// Lookups read the attribute_id index where the table has one (DISTINCT by a loose index scan,
// COUNT by index ranges), never the rows.
#ifndef MIGRATE_IO_ATTRIBUTE_ROWS_H_
#define MIGRATE_IO_ATTRIBUTE_ROWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"
#include "io/table_schema.h"

namespace migrate::io {

// Attribute ids, ascending and distinct, and whether the set also holds NULL.
struct AttributeIdSet {
  std::vector<int64_t> ids;
  bool null = false;

  bool empty() const { return ids.empty() && !null; }
};

// The attribute ids in the first column of `sql`'s rows; `what` names the query in an error.
absl::StatusOr<AttributeIdSet> QueryAttributeIdSet(MysqlConnection& connection, const std::string& sql,
                                                   absl::string_view what);

// A condition true for the rows whose attribute_id is in `set` (non-empty), on the columns of
// `alias` ("" for unaliased columns).
std::string RowsOfAttributes(const AttributeIdSet& set, absl::string_view alias = "");

// The distinct attribute_ids of the rows of `values`.
absl::StatusOr<AttributeIdSet> PresentAttributeIds(MysqlConnection& connection, const TableSchema& values);

// Every attribute_id `eav_attribute` defines, ascending.
absl::StatusOr<std::vector<int64_t>> DefinedAttributeIds(MysqlConnection& connection, const TableSchema& eav_attribute);

// The rows of `values` whose attribute_id is in `set`.
absl::StatusOr<uint64_t> CountRowsOfAttributes(MysqlConnection& connection, const TableSchema& values,
                                               const AttributeIdSet& set);

// A condition on the unaliased columns of a value table, true for the rows whose attribute_id is not
// in `set` (NULL when the set does not hold it); "" for an empty set, which leaves out nothing.
std::string RowsNotOfAttributes(const AttributeIdSet& set);

}  // namespace migrate::io

#endif  // MIGRATE_IO_ATTRIBUTE_ROWS_H_
