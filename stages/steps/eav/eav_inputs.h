// What the EAV step reads: its files (eav_map_file, eav_document_groups_file,
// eav_attribute_groups_file) and the rows of its seven documents on both sides. Magento 1's rows
// come as read and through the eav map's rules and handlers; Magento 2's come from the backups
// (io/table_backup.h), which hold the destination as it was before the step first wrote it.
#ifndef MIGRATE_STAGES_STEPS_EAV_EAV_INPUTS_H_
#define MIGRATE_STAGES_STEPS_EAV_EAV_INPUTS_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mapping/groups.h"
#include "mapping/map_rules.h"
#include "stages/map_documents.h"
#include "stages/run_context.h"
#include "stages/steps/eav/eav_merge.h"

namespace migrate::stages::eav {

struct EavFiles {
  mapping::MapRules rules;
  // Group "documents" of the document groups file: the seven tables, in file order.
  std::vector<std::string> documents;
  // Group "documents_attribute_extended".
  std::vector<std::string> extended_documents;
  // Groups "ignore" and "frontend_input_empty_allowed" of the attribute groups file.
  std::set<AttributeName> ignored;
  std::set<AttributeName> frontend_input_empty_allowed;
};

absl::StatusOr<EavFiles> LoadEavFiles(const RunContext& context);

// The rows of `document` in `tables` (nullptr for a document the step does not know).
std::vector<io::Record>* TableOf(EavTables& tables, absl::string_view document);
const std::vector<io::Record>* TableOf(const EavTables& tables, absl::string_view document);

// The documents paired through the eav map.
absl::StatusOr<MapDocuments> PairEavDocuments(RunContext& context, const EavFiles& files);

// Magento 1's rows as read, in primary key order.
absl::StatusOr<EavTables> ReadSourceTables(RunContext& context, const MapDocuments& documents);

// Magento 1's rows through the eav map (row for row with `source`). Entity types see Magento 2's row
// of the same code as their destination record (GetDestinationValue takes its fields from there).
absl::StatusOr<EavTables> TransformSourceTables(RunContext& context, const MapDocuments& documents,
                                                const EavTables& source, const EavTables& destination,
                                                const StepLog& log);

// Magento 2's rows before the step, from the backups.
absl::StatusOr<EavTables> ReadDestinationBackups(RunContext& context, io::MysqlConnection& destination,
                                                 const MapDocuments& documents);

}  // namespace migrate::stages::eav

#endif  // MIGRATE_STAGES_STEPS_EAV_EAV_INPUTS_H_
