#include "io/orphan_scan.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

// The forms compared on a generated catalog of 20,000 products (1.5 million rows, 130 foreign keys),
// all keys one after another, the server's CPU seconds in 3 runs and the rows it read:
//   c LEFT JOIN p ... WHERE p.x IS NULL, DISTINCT             1.19-1.22 s  4.18 million rows
//   NOT EXISTS over the derived SELECT DISTINCT (this one)    0.55-0.60 s  1.55 million
//   DISTINCT c.a ... AND NOT EXISTS (...)                     0.64-0.68 s  1.55 million
//   LEFT JOIN over the derived SELECT DISTINCT                0.95-1.01 s  1.49 million
//   NOT EXISTS kept a correlated subquery (exists_to_in=off)  1.41-1.78 s  1.50 million
// A DISTINCT over a join is never a loose index scan, so the LEFT JOIN reads every child row. The
// derived table alone is: catalog_product_entity_varchar's attribute_id and store_id cost a few
// hundred reads instead of 320,000 each (EXPLAIN: "Using index for group-by"), and where values
// barely repeat its one pass over the index drops the duplicates before the parent is asked. The
// server then looks each value up in the parent's key, or for many values materialises the
// parent's keys once and probes them (NOT EXISTS becomes NOT IN).
std::string OrphansQuery(absl::string_view database, absl::string_view child_table, const ForeignKeySchema& key,
                         ParentTable parent) {
  std::vector<std::string> columns;
  std::vector<std::string> not_null;
  std::vector<std::string> selected;
  std::vector<std::string> matched;
  std::vector<std::string> order;
  for (size_t i = 0; i < key.columns.size(); ++i) {
    const std::string column = QuoteIdentifier(key.columns[i]);
    columns.push_back(column);
    not_null.push_back(absl::StrCat(column, " IS NOT NULL"));
    selected.push_back(absl::StrCat("c.", column));
    matched.push_back(absl::StrCat("p.", QuoteIdentifier(key.referenced_columns[i]), " = c.", column));
    order.push_back(absl::StrCat(i + 1));
  }
  const std::string distinct =
      absl::StrCat("SELECT DISTINCT ", absl::StrJoin(columns, ", "), " FROM ", QualifiedName(database, child_table),
                   " WHERE ", absl::StrJoin(not_null, " AND "));
  if (parent == ParentTable::kMissing) return absl::StrCat(distinct, " ORDER BY ", absl::StrJoin(order, ", "));
  return absl::StrCat("SELECT ", absl::StrJoin(selected, ", "), " FROM (", distinct,
                      ") AS c WHERE NOT EXISTS (SELECT 1 FROM ", QualifiedName(database, key.referenced_table),
                      " AS p WHERE ", absl::StrJoin(matched, " AND "), ") ORDER BY ", absl::StrJoin(order, ", "));
}

}  // namespace

absl::StatusOr<std::vector<std::vector<std::string>>> FindOrphans(MysqlConnection& connection,
                                                                  absl::string_view database,
                                                                  absl::string_view child_table,
                                                                  const ForeignKeySchema& key, ParentTable parent) {
  if (key.columns.empty() || key.columns.size() != key.referenced_columns.size()) {
    return absl::InvalidArgumentError(absl::StrCat("foreign key ", key.name, " of ", child_table, " has ",
                                                   key.columns.size(), " columns referencing ",
                                                   key.referenced_columns.size()));
  }
  absl::StatusOr<ResultSet> result = connection.Query(OrphansQuery(database, child_table, key, parent));
  if (!result.ok()) return result.status();
  std::vector<std::vector<std::string>> orphans;
  orphans.reserve(result->size());
  for (const Row& row : result->rows()) {
    std::vector<std::string>& values = orphans.emplace_back();
    for (const std::optional<std::string>& value : row) values.push_back(value.value_or(""));
  }
  return orphans;
}

}  // namespace migrate::io
