// Loads generated tables into MySQL/MariaDB in bulk: LOAD DATA LOCAL INFILE streamed from memory
// (generator/local_infile_loader.h), largest tables first, on several connections at once.
//
// Each table's rows are generated on a thread of their own while the connection streams them, a few
// chunks ahead at most; the table's before_load and after_load statements run around the load, on
// the same session. Sessions load with foreign_key_checks=0 (tables load in any order),
// Magento 1's sql_mode (zero dates and explicit zero ids allowed), UTC, and a fixed clock, so that
// even a column default of CURRENT_TIMESTAMP cannot make two runs differ. unique_checks stays on:
// with both checks off, MariaDB 10.11 takes its bulk-insert path for empty tables, which measured
// 1.3 to 2.5 times the server CPU per row on these tables. A warning from the server (a value that did not fit) fails
// the load: the generator must produce exactly what it means.
#ifndef MIGRATE_SCRIPTS_GENERATOR_LOADER_H_
#define MIGRATE_SCRIPTS_GENERATOR_LOADER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/connection_options.h"
#include "generator/progress.h"
#include "generator/table_spec.h"

namespace migrate::generator {

struct TableLoad {
  std::string table;
  uint64_t rows = 0;
  double seconds = 0;
};

struct LoadSummary {
  // In the order the tables finished.
  std::vector<TableLoad> tables;
  uint64_t rows = 0;
  double seconds = 0;
};

// Loads every table of `tables` into the database of `connection` (which must allow local infile)
// on `connections` connections.
absl::StatusOr<LoadSummary> LoadTables(const io::ConnectionOptions& connection, TableList tables, int connections,
                                       Progress& progress);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_LOADER_H_
