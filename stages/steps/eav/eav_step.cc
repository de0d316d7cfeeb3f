#include "stages/steps/eav/eav_step.h"

#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "io/mysql_error.h"
#include "io/table_backup.h"
#include "io/table_records.h"
#include "mapping/class_map.h"
#include "stages/copy_plan_builder.h"
#include "stages/destination_lookup.h"
#include "stages/source_lookup.h"
#include "stages/steps/eav/eav_inputs.h"
#include "stages/steps/eav/eav_merge.h"
#include "stages/value_change_report.h"

namespace migrate::stages::eav {
namespace {

// The columns holding model classes that class_map must know, per document (Magento's list).
const std::vector<std::pair<std::string, std::vector<std::string>>>& ClassColumns() {
  static const auto* columns = new std::vector<std::pair<std::string, std::vector<std::string>>>{
      {"eav_attribute", {"attribute_model", "backend_model", "frontend_model", "source_model"}},
      {"catalog_eav_attribute", {"frontend_input_renderer"}},
      {"customer_eav_attribute", {"data_model"}},
      {"eav_entity_type", {"entity_model", "attribute_model", "increment_model", "entity_attribute_collection"}},
  };
  return *columns;
}

// PHP's empty() of a text value: "", "0" and NULL.
bool PhpEmpty(const io::Value& value) { return !value.has_value() || value->empty() || *value == "0"; }

void Incompatibility(const StepLog& log, absl::string_view document, absl::string_view field,
                     absl::string_view error) {
  log.Difference(absl::StrCat("Incompatibility in data. Source document: ", document, ". Field: ", field,
                         ". Error: ", error));
}

// Magento 1's attributes with an empty frontend_input that the attribute groups file does not allow.
bool CheckFrontendInputs(const EavTables& source, const EavFiles& files, const StepLog& log) {
  std::map<std::string, std::string> type_code;
  for (const io::Record& type : source.entity_types) {
    type_code[io::FieldOf(type, "entity_type_id").value_or("")] = io::FieldOf(type, "entity_type_code").value_or("");
  }
  const std::set<std::string> ignored = IgnoredAttributeIds(source, files.ignored);
  bool passed = true;
  for (const io::Record& attribute : source.attributes) {
    const std::string id = io::FieldOf(attribute, "attribute_id").value_or("");
    if (ignored.contains(id) || !PhpEmpty(io::FieldOf(attribute, "frontend_input"))) continue;
    const AttributeName name{type_code[io::FieldOf(attribute, "entity_type_id").value_or("")],
                             io::FieldOf(attribute, "attribute_code").value_or("")};
    if (files.frontend_input_empty_allowed.contains(name)) continue;
    Incompatibility(log, "eav_attribute", "frontend_input",
                    absl::StrCat("Attribute with attribute_id=", id, " cannot contain empty field value"));
    passed = false;
  }
  return passed;
}

// Model classes of Magento 1's rows (ignored attributes left out) that class_map does not name.
bool CheckClasses(const EavTables& source, const EavFiles& files, const MapDocuments& documents,
                  const mapping::ClassMap& classes, const StepLog& log) {
  const std::set<std::string> ignored = IgnoredAttributeIds(source, files.ignored);
  bool passed = true;
  for (const auto& [document, columns] : ClassColumns()) {
    const std::vector<io::Record>* rows = TableOf(source, document);
    auto pair = std::find_if(documents.pairs.begin(), documents.pairs.end(),
                             [&](const DocumentPair& p) { return p.plan.source_document == document; });
    if (rows == nullptr || pair == documents.pairs.end() || pair->source->primary_key.empty()) continue;
    const std::string& id_column = pair->source->primary_key.front();
    for (const io::Record& row : *rows) {
      if (ignored.contains(io::FieldOf(row, "attribute_id").value_or(""))) continue;
      for (const std::string& column : columns) {
        const io::Value value = io::FieldOf(row, column);
        if (!value.has_value() || value->empty() || classes.Has(*value)) continue;
        Incompatibility(log, document, column,
                        absl::StrCat("Class ", *value, " is not mapped in record ", id_column, "=",
                                     io::FieldOf(row, id_column).value_or("")));
        passed = false;
      }
    }
  }
  return passed;
}

// The documents in the order they are written, with the rows each gets.
std::vector<std::pair<const DocumentPair*, const std::vector<io::Record>*>> WritePlan(const MapDocuments& documents,
                                                                                    const EavTables& merged) {
  std::vector<std::pair<const DocumentPair*, const std::vector<io::Record>*>> plan;
  for (const DocumentPair& pair : documents.pairs) {
    if (const std::vector<io::Record>* rows = TableOf(merged, pair.plan.source_document)) {
      plan.emplace_back(&pair, rows);
    }
  }
  return plan;
}

absl::Status Rollback(RunContext& context, io::MysqlConnection& destination, const MapDocuments& documents,
                      absl::string_view step, const StepLog& log) {
  log.Info("Error occurred. Rollback.");
  log.Info(absl::StrCat(step, ": rollback"));
  for (const DocumentPair& pair : documents.pairs) {
    absl::Status status = io::RestoreFromBackup(destination, pair.destination->database,
                                                context.prefixes().destination, pair.destination->name);
    if (!status.ok()) return status;
  }
  log.Info("Please fix errors and run Migration Tool again");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> EavIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<EavFiles> files = LoadEavFiles(context);
  if (!files.ok()) return files.status();
  absl::StatusOr<MapDocuments> documents = PairEavDocuments(context, *files);
  if (!documents.ok()) return documents.status();
  bool passed = ReportIntegrity(*documents, log);
  absl::StatusOr<bool> plans = ReportPlanErrors(context, *documents, log);
  if (!plans.ok()) return plans.status();
  passed = *plans && passed;
  absl::StatusOr<EavTables> source = ReadSourceTables(context, *documents);
  if (!source.ok()) return source.status();
  passed = CheckFrontendInputs(*source, *files, log) && passed;
  if (!context.config().options().class_map().empty()) {
    absl::StatusOr<std::string> path = context.ResolveFileOption("class_map");
    if (!path.ok()) return path.status();
    absl::StatusOr<mapping::ClassMap> classes = mapping::ClassMap::Read(*path);
    if (!classes.ok()) return classes.status();
    passed = CheckClasses(*source, *files, *documents, *classes, log) && passed;
  }
  return passed;
}

absl::StatusOr<bool> EavData::Run(RunContext& context, const StepLog& log) {
  const absl::Time start = absl::Now();
  absl::StatusOr<EavFiles> files = LoadEavFiles(context);
  if (!files.ok()) return files.status();
  absl::StatusOr<MapDocuments> documents = PairEavDocuments(context, *files);
  if (!documents.ok()) return documents.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();

  int backups = 0;
  for (const DocumentPair& pair : documents->pairs) {
    absl::StatusOr<bool> made = io::EnsureBackup(**destination, pair.destination->database,
                                                 context.prefixes().destination, pair.destination->name);
    if (!made.ok()) return made.status();
    backups += *made ? 1 : 0;
  }
  if (backups > 0) log.Info(absl::StrCat("backed up ", backups, " documents before their first change"));

  EavMergeInput input;
  absl::StatusOr<EavTables> before = ReadDestinationBackups(context, **destination, *documents);
  if (!before.ok()) return before.status();
  input.destination = std::move(*before);
  absl::StatusOr<EavTables> source = ReadSourceTables(context, *documents);
  if (!source.ok()) return source.status();
  input.source = std::move(*source);
  absl::StatusOr<EavTables> transformed =
      TransformSourceTables(context, *documents, input.source, input.destination, log);
  if (!transformed.ok()) return transformed.status();
  input.transformed = std::move(*transformed);
  input.ignored = files->ignored;
  absl::StatusOr<EavTables> merged = MergeEav(input);
  if (!merged.ok()) return merged.status();

  uint64_t rows = 0;
  for (const auto& [pair, records] : WritePlan(*documents, *merged)) {
    absl::Status status = io::ReplaceRecords(**destination, pair->destination->database, pair->destination->name,
                                             *records, ValueChangeRecorder(context, pair->destination->name));
    if (!status.ok()) {
      status = io::WithContext(status, absl::StrCat("writing ", pair->destination->name));
      if (absl::Status rollback = Rollback(context, **destination, *documents, step_, log); !rollback.ok()) {
        log.Error(absl::StrCat("Rollback failed: ", rollback.message()));
      }
      return status;
    }
    rows += records->size();
  }
  context.totals().rows += rows;
  log.Info(absl::StrFormat("%d entity types, %d attribute sets, %d groups, %d attributes written (%d rows in %d "
                           "documents) in %.1f s",
                           merged->entity_types.size(), merged->attribute_sets.size(),
                           merged->attribute_groups.size(), merged->attributes.size(), rows,
                           documents->pairs.size(), absl::ToDoubleSeconds(absl::Now() - start)));
  return true;
}

absl::StatusOr<bool> EavVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<EavFiles> files = LoadEavFiles(context);
  if (!files.ok()) return files.status();
  absl::StatusOr<MapDocuments> documents = PairEavDocuments(context, *files);
  if (!documents.ok()) return documents.status();
  // Only the entity types (for the ignored attributes) and the attributes are compared.
  std::erase_if(documents->pairs, [](const DocumentPair& pair) {
    return pair.plan.source_document != "eav_entity_type" && pair.plan.source_document != "eav_attribute";
  });
  absl::StatusOr<EavTables> source = ReadSourceTables(context, *documents);
  if (!source.ok()) return source.status();
  const std::set<std::string> ignored = IgnoredAttributeIds(*source, files->ignored);
  std::map<std::string, std::string> source_codes;
  for (const io::Record& attribute : source->attributes) {
    const std::string id = io::FieldOf(attribute, "attribute_id").value_or("");
    if (!ignored.contains(id)) source_codes[id] = io::FieldOf(attribute, "attribute_code").value_or("");
  }
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<std::vector<io::Record>> attributes = io::ReadRecords(
      **destination, context.connections().destination().database,
      absl::StrCat(context.prefixes().destination, "eav_attribute"), {"attribute_id"});
  if (!attributes.ok()) return attributes.status();
  bool passed = true;
  for (const io::Record& attribute : *attributes) {
    auto code = source_codes.find(io::FieldOf(attribute, "attribute_id").value_or(""));
    if (code == source_codes.end() || code->second == io::FieldOf(attribute, "attribute_code").value_or("")) continue;
    log.Error(absl::StrCat("Source and Destination attributes mismatch. Attribute id:", code->first));
    passed = false;
  }
  return passed;
}

}  // namespace migrate::stages::eav
