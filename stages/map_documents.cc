#include "stages/map_documents.h"

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/adjustment_store.h"
#include "io/progress_store.h"
#include "io/table_backup.h"
#include "stages/map_fragment.h"

namespace migrate::stages {
namespace {

// Documents (names without prefix) of one side, each with its table.
std::map<std::string, const io::TableSchema*> Documents(const io::DatabaseSchema& schema, absl::string_view prefix) {
  std::map<std::string, const io::TableSchema*> documents;
  for (const auto& [table, structure] : schema) {
    if (IsToolTable(table)) continue;
    if (!prefix.empty() && !absl::StartsWith(table, prefix)) continue;
    documents[mapping::RemoveDocumentPrefix(prefix, table)] = &structure;
  }
  return documents;
}

}  // namespace

std::vector<std::string> TypeMismatches(const mapping::FieldFindings& findings, const io::TableSchema& table,
                                        const io::TableSchema& counterpart) {
  std::vector<std::string> mismatched;
  for (const auto& [field, other] : findings.type_checks) {
    const io::ColumnSchema* column = table.FindColumn(field);
    const io::ColumnSchema* other_column = counterpart.FindColumn(other);
    if (column != nullptr && other_column != nullptr && column->data_type != other_column->data_type) {
      mismatched.push_back(field);
    }
  }
  return mismatched;
}

bool IsToolTable(absl::string_view table) {
  return table == io::ProgressStore::kDefaultTable || table == io::ProgressStore::kPendingIndexesTable ||
         table == io::AdjustmentStore::kDefaultTable ||
         absl::StartsWith(table, "m2_cl_") || io::IsBackupTable(table);
}

absl::StatusOr<MapDocuments> PairDocuments(RunContext& context, const mapping::MapRules& rules,
                                           const std::vector<std::string>& only_source_documents) {
  absl::StatusOr<const io::DatabaseSchema*> source_schema = context.SourceSchema();
  if (!source_schema.ok()) return source_schema.status();
  absl::StatusOr<const io::DatabaseSchema*> destination_schema = context.DestinationSchema();
  if (!destination_schema.ok()) return destination_schema.status();
  std::map<std::string, const io::TableSchema*> sources = Documents(**source_schema, context.prefixes().source);
  std::map<std::string, const io::TableSchema*> destinations =
      Documents(**destination_schema, context.prefixes().destination);
  const std::set<std::string> only(only_source_documents.begin(), only_source_documents.end());

  MapDocuments result;
  std::set<std::string> reached_destinations;
  for (const auto& [document, table] : sources) {
    if (!only.empty() && !only.contains(document)) continue;
    std::optional<std::string> mapped = rules.DocumentMap(document, mapping::Side::kSource);
    if (!mapped.has_value()) continue;
    auto destination = destinations.find(*mapped);
    if (destination == destinations.end()) {
      result.unmapped_source.push_back(document);
      result.unmapped_source_tables[document] = UnmappedDocument{table, *mapped != document};
      continue;
    }
    reached_destinations.insert(*mapped);
    absl::StatusOr<mapping::DocumentPlan> plan = mapping::ResolveDocumentPlan(
        rules, document, table->ColumnNames(), destination->second->ColumnNames(), context.prefixes());
    if (!plan.ok()) return plan.status();
    if (!plan->source_findings.not_mapped.empty()) {
      result.source_fields_not_mapped.emplace_back(document, plan->source_findings.not_mapped);
    }
    std::vector<std::string> mismatched = TypeMismatches(plan->source_findings, *table, *destination->second);
    if (!mismatched.empty()) result.source_type_mismatches.emplace_back(document, std::move(mismatched));
    if (plan->destination_findings.has_value()) {
      if (!plan->destination_findings->not_mapped.empty()) {
        result.destination_fields_not_mapped.emplace_back(*mapped, plan->destination_findings->not_mapped);
      }
      mismatched = TypeMismatches(*plan->destination_findings, *destination->second, *table);
      if (!mismatched.empty()) result.destination_type_mismatches.emplace_back(*mapped, std::move(mismatched));
    }
    result.pairs.push_back(DocumentPair{std::move(*plan), table, destination->second});
  }
  for (const auto& [document, table] : destinations) {
    if (reached_destinations.contains(document)) continue;
    std::optional<std::string> mapped = rules.DocumentMap(document, mapping::Side::kDestination);
    if (!mapped.has_value()) continue;
    if (!only.empty() && !only.contains(*mapped)) continue;
    if (sources.contains(*mapped)) continue;
    result.unmapped_destination.push_back(document);
    result.unmapped_destination_tables[document] = UnmappedDocument{table, *mapped != document};
  }
  return result;
}

bool ReportIntegrity(const MapDocuments& documents, const StepLog& log) {
  bool passed = true;
  if (!documents.unmapped_source.empty()) {
    passed = false;
    log.Difference(absl::StrCat("Source documents are not mapped: ", absl::StrJoin(documents.unmapped_source, ",")));
  }
  if (!documents.unmapped_destination.empty()) {
    passed = false;
    log.Difference(absl::StrCat("Destination documents are not mapped: ",
                           absl::StrJoin(documents.unmapped_destination, ",")));
  }
  for (const auto& [document, fields] : documents.source_fields_not_mapped) {
    passed = false;
    log.Difference(absl::StrCat("Source fields are not mapped. Document: ", document, ". Fields: ", absl::StrJoin(fields, ",")));
  }
  for (const auto& [document, fields] : documents.destination_fields_not_mapped) {
    passed = false;
    log.Difference(absl::StrCat("Destination fields are not mapped. Document: ", document,
                           ". Fields: ", absl::StrJoin(fields, ",")));
  }
  if (const MapFragment fragment = BuildMapFragment(documents); !fragment.xml.empty()) {
    log.Info(absl::StrCat("Rules that map or ignore what is not mapped, to paste into the matching sections of the "
                          "map file (-v says why each):\n",
                          fragment.xml));
    for (const std::string& explanation : fragment.explanations) log.Verbose(explanation);
  }
  for (const auto& [document, fields] : documents.source_type_mismatches) {
    log.Warning(absl::StrCat("Mismatch of data types. Source document: ", document,
                             ". Fields: ", absl::StrJoin(fields, ",")));
  }
  for (const auto& [document, fields] : documents.destination_type_mismatches) {
    log.Warning(absl::StrCat("Mismatch of data types. Destination document: ", document,
                             ". Fields: ", absl::StrJoin(fields, ",")));
  }
  return passed;
}

}  // namespace migrate::stages
