// The rows a delete changes behind the triggers' back. MariaDB fires no trigger for the rows that a
// foreign key's ON DELETE CASCADE removes or its ON DELETE SET NULL changes, so deleting an order
// would silently delete its items, grid row and invoices (and the invoices' grid rows) without a
// changelog entry, and delta would leave them in the destination.
//
// FindCascades follows the source's foreign keys from a table to every tracked table a delete of
// one of its rows reaches, through any number of CASCADE hops (tracked or not) and at most one
// final SET NULL hop. CascadeStatement is the statement a BEFORE DELETE trigger on the table runs
// to record those rows in their own changelogs (as DELETE, or UPDATE for SET NULL) while they still
// exist. ON UPDATE CASCADE (a key changing) is not followed.
#ifndef MIGRATE_IO_CASCADE_CAPTURE_H_
#define MIGRATE_IO_CASCADE_CAPTURE_H_

#include <map>
#include <string>
#include <vector>

#include "io/table_schema.h"

namespace migrate::io {

struct CascadeHop {
  // The referencing table and its foreign key to the previous table of the path.
  const TableSchema* child = nullptr;
  const ForeignKeySchema* key = nullptr;
};

struct CascadeCapture {
  // From the deleted table's direct child to the tracked table whose changelog records.
  std::vector<CascadeHop> path;
  // The tracked table's changelog key columns.
  std::vector<std::string> key_columns;
  // "DELETE", or "UPDATE" when the last hop sets NULL.
  std::string operation;
};

// Tracked tables: table name -> changelog key columns. Paths are at most `max_depth` hops long and
// never visit a table twice.
std::vector<CascadeCapture> FindCascades(const DatabaseSchema& schema, const std::string& table,
                                         const std::map<std::string, std::vector<std::string>>& tracked,
                                         size_t max_depth = 4);

// INSERT INTO m2_cl_<tracked> (...) SELECT ... FROM <path joined> WHERE <first hop> = OLD.<key>
// ON DUPLICATE KEY UPDATE ..., for a BEFORE DELETE trigger on the deleted table.
std::string CascadeStatement(const CascadeCapture& capture);

}  // namespace migrate::io

#endif  // MIGRATE_IO_CASCADE_CAPTURE_H_
