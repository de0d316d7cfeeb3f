// The integrity check of steps that write fixed tables of the destination (SalesIncrement's
// sales_sequence_meta and _profile, Inventory's MSI tables): each table must exist and have exactly
// the columns the step writes, reported with Magento's aggregated integrity messages, in Magento's
// order:
//
//   Destination documents are missing: a,b
//   Source fields are missing. Document: t. Fields: x,y        (columns the step does not know)
//   Destination fields are missing. Document: t. Fields: x,y   (columns the step needs)
//
// Each is an ERROR, or a WARNING under -a, as Magento's AbstractIntegrity logs them.
#ifndef MIGRATE_STAGES_STEPS_STRUCTURE_CHECK_H_
#define MIGRATE_STAGES_STEPS_STRUCTURE_CHECK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/mysql_connection.h"
#include "stages/run_context.h"

namespace migrate::stages {

struct ExpectedTable {
  // The table as the destination names it (prefix applied).
  std::string table;
  // The name the messages give it (Magento prints some tables with their prefix, some without).
  std::string shown_as;
  // Exactly the columns it must have; empty means only that it must exist.
  std::vector<std::string> columns;
};


// Checks `tables` on the destination; true when all exist with exactly their columns.
absl::StatusOr<bool> CheckExactStructures(RunContext& context, io::MysqlConnection& destination,
                                          const std::vector<ExpectedTable>& tables, const StepLog& log);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_STRUCTURE_CHECK_H_
