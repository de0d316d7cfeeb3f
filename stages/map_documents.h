// The documents a map file moves: each source table the map does not ignore, paired with the
// destination table it maps to, with the map's plan for their fields.
//
// Shared by the Map-like steps (Map, Stores, ...): their integrity check reports what does not pair
// up, their data stage copies the pairs, their volume check counts them.
#ifndef MIGRATE_STAGES_MAP_DOCUMENTS_H_
#define MIGRATE_STAGES_MAP_DOCUMENTS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/table_schema.h"
#include "mapping/document_plan.h"
#include "mapping/map_rules.h"
#include "stages/run_context.h"

namespace migrate::stages {

struct DocumentPair {
  mapping::DocumentPlan plan;
  const io::TableSchema* source = nullptr;
  const io::TableSchema* destination = nullptr;
};

struct UnmappedDocument {
  const io::TableSchema* table = nullptr;
  // The map renames the document already (to a name the other side lacks).
  bool renamed_by_map = false;
};

struct MapDocuments {
  // Source documents (map names, without prefix) whose destination document does not exist.
  std::vector<std::string> unmapped_source;
  // Destination documents that no existing source document maps to.
  std::vector<std::string> unmapped_destination;
  // The unmapped documents above, by document, with their tables.
  std::map<std::string, UnmappedDocument> unmapped_source_tables;
  std::map<std::string, UnmappedDocument> unmapped_destination_tables;
  // Per document, the fields missing on the other side: Magento's "... fields are not mapped".
  std::vector<std::pair<std::string, std::vector<std::string>>> source_fields_not_mapped;
  std::vector<std::pair<std::string, std::vector<std::string>>> destination_fields_not_mapped;
  // Per document, the fields whose data type differs from their counterpart's.
  std::vector<std::pair<std::string, std::vector<std::string>>> source_type_mismatches;
  std::vector<std::pair<std::string, std::vector<std::string>>> destination_type_mismatches;
  // The pairs to copy, in source document order.
  std::vector<DocumentPair> pairs;
};

// The tables of the run that this tool keeps for itself (progress, volume adjustments, changelogs,
// backups): never documents.
bool IsToolTable(absl::string_view table);

// The fields of `findings.type_checks` whose data type in `table` differs from their counterpart's
// in `counterpart`: Magento's "Mismatch of data types" (a warning).
std::vector<std::string> TypeMismatches(const mapping::FieldFindings& findings, const io::TableSchema& table,
                                        const io::TableSchema& counterpart);

// Pairs the documents of both databases through `rules`. When `only_source_documents` is not
// empty, just those source documents are considered (and only destination documents they map to),
// as a step with a fixed document list does.
absl::StatusOr<MapDocuments> PairDocuments(RunContext& context, const mapping::MapRules& rules,
                                           const std::vector<std::string>& only_source_documents = {});

// Logs Magento's integrity messages for `documents` (as differences: warnings under -a) and returns
// true when there is none. Data type mismatches are warnings only and do not fail the check.
bool ReportIntegrity(const MapDocuments& documents, const StepLog& log);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_MAP_DOCUMENTS_H_
