#include "stages/steps/eav/eav_inputs.h"

#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"
#include "io/row_batch.h"
#include "io/table_backup.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/transform_chain.h"
#include "stages/copy_plan_builder.h"
#include "stages/destination_lookup.h"
#include "stages/source_lookup.h"

namespace migrate::stages::eav {
namespace {

constexpr absl::string_view kEntityTypes = "eav_entity_type";

absl::StatusOr<mapping::Groups> ReadGroups(const RunContext& context, absl::string_view option) {
  absl::StatusOr<std::string> path = context.ResolveFileOption(option);
  if (!path.ok()) return path.status();
  return mapping::Groups::Read(*path);
}

std::vector<std::string> GroupNames(const mapping::Groups& groups, absl::string_view name) {
  const mapping::Group* group = groups.Find(name);
  return group == nullptr ? std::vector<std::string>{} : group->Names();
}

std::set<AttributeName> Attributes(const mapping::Groups& groups, absl::string_view name) {
  std::set<AttributeName> attributes;
  if (const mapping::Group* group = groups.Find(name)) {
    for (const mapping::GroupEntry& entry : group->entries) {
      if (entry.kind == mapping::GroupEntry::Kind::kAttribute) attributes.emplace(entry.type.value_or(""), entry.name);
    }
  }
  return attributes;
}

io::RowBatch BatchOf(const std::vector<io::Record>& records, const std::vector<std::string>& columns) {
  io::RowBatch batch(columns.size());
  for (const io::Record& record : records) {
    for (const std::string& column : columns) {
      io::Value value = io::FieldOf(record, column);
      if (value.has_value()) {
        batch.AddValue(*value);
      } else {
        batch.AddNull();
      }
    }
    batch.FinishRow();
  }
  return batch;
}

// Sets every cell of the entity types' mapped rows to Magento 2's row of the same code (NULL where
// it has none), as Magento's step hands that row to the handlers as the destination record.
void UseDestinationTypes(const std::vector<io::Record>& source, const std::vector<io::Record>& destination,
                         const pipeline::CopyPlan& plan, io::RowBatch& mapped) {
  std::map<std::string, const io::Record*> by_code;
  for (const io::Record& type : destination) by_code[io::FieldOf(type, "entity_type_code").value_or("")] = &type;
  for (size_t row = 0; row < source.size(); ++row) {
    auto m2 = by_code.find(io::FieldOf(source[row], "entity_type_code").value_or(""));
    for (size_t column = 0; column < plan.destination_columns.size(); ++column) {
      io::Value value =
          m2 == by_code.end() ? std::nullopt : io::FieldOf(*m2->second, plan.destination_columns[column].name);
      if (value.has_value()) {
        mapped.SetValue(row, column, *value);
      } else {
        mapped.SetNull(row, column);
      }
    }
  }
}

}  // namespace

absl::StatusOr<EavFiles> LoadEavFiles(const RunContext& context) {
  absl::StatusOr<std::string> map_path = context.ResolveFileOption("eav_map_file");
  if (!map_path.ok()) return map_path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*map_path);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<mapping::Groups> documents = ReadGroups(context, "eav_document_groups_file");
  if (!documents.ok()) return documents.status();
  absl::StatusOr<mapping::Groups> attributes = ReadGroups(context, "eav_attribute_groups_file");
  if (!attributes.ok()) return attributes.status();
  EavFiles files{std::move(*rules), GroupNames(*documents, "documents"),
                 GroupNames(*documents, "documents_attribute_extended"), Attributes(*attributes, "ignore"),
                 Attributes(*attributes, "frontend_input_empty_allowed")};
  if (files.documents.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(documents->file(), ": the EAV step needs the documents of group \"documents\""));
  }
  return files;
}

std::vector<io::Record>* TableOf(EavTables& tables, absl::string_view document) {
  return const_cast<std::vector<io::Record>*>(TableOf(static_cast<const EavTables&>(tables), document));
}

const std::vector<io::Record>* TableOf(const EavTables& tables, absl::string_view document) {
  if (document == kEntityTypes) return &tables.entity_types;
  if (document == "eav_attribute_set") return &tables.attribute_sets;
  if (document == "eav_attribute_group") return &tables.attribute_groups;
  if (document == "eav_attribute") return &tables.attributes;
  if (document == "eav_entity_attribute") return &tables.entity_attributes;
  if (document == "catalog_eav_attribute") return &tables.catalog_attributes;
  if (document == "customer_eav_attribute") return &tables.customer_attributes;
  return nullptr;
}

absl::StatusOr<MapDocuments> PairEavDocuments(RunContext& context, const EavFiles& files) {
  return PairDocuments(context, files.rules, files.documents);
}

absl::StatusOr<EavTables> ReadSourceTables(RunContext& context, const MapDocuments& documents) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  EavTables tables;
  for (const DocumentPair& pair : documents.pairs) {
    std::vector<io::Record>* table = TableOf(tables, pair.plan.source_document);
    if (table == nullptr) continue;
    absl::StatusOr<std::vector<io::Record>> rows =
        io::ReadRecords(**source, pair.source->database, pair.source->name, pair.source->primary_key);
    if (!rows.ok()) return rows.status();
    *table = std::move(*rows);
  }
  return tables;
}

absl::StatusOr<EavTables> TransformSourceTables(RunContext& context, const MapDocuments& documents,
                                                const EavTables& source, const EavTables& destination,
                                                const StepLog& log) {
  ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  ConnectionDestinationAccess access(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, lookup, access, log);
  EavTables transformed;
  for (const DocumentPair& pair : documents.pairs) {
    std::vector<io::Record>* table = TableOf(transformed, pair.plan.source_document);
    if (table == nullptr) continue;
    const std::vector<io::Record>& read = *TableOf(source, pair.plan.source_document);
    absl::StatusOr<pipeline::CopyPlan> plan = BuildCopyPlan(pair, setup, io::WriteMode::kInsert);
    if (!plan.ok()) return plan.status();
    io::RowBatch rows = BatchOf(read, plan->source_columns);
    io::RowBatch mapped;
    const pipeline::BatchMapper mapper(*plan);
    mapper.Map(rows, mapped);
    if (pair.plan.source_document == kEntityTypes) UseDestinationTypes(read, destination.entity_types, *plan, mapped);
    if (absl::Status status = pipeline::RunTransformChain(*plan, mapper, rows, mapped); !status.ok()) {
      return io::WithContext(status, absl::StrCat("transforming ", pair.plan.source_document));
    }
    const std::vector<std::string> columns = plan->DestinationColumnNames();
    for (size_t row = 0; row < mapped.row_count(); ++row) {
      io::Record record;
      for (size_t column = 0; column < columns.size(); ++column) {
        record[columns[column]] =
            mapped.IsNull(row, column) ? std::nullopt : io::Value(std::string(mapped.Value(row, column)));
      }
      table->push_back(std::move(record));
    }
  }
  return transformed;
}

absl::StatusOr<EavTables> ReadDestinationBackups(RunContext& context, io::MysqlConnection& destination,
                                                 const MapDocuments& documents) {
  EavTables tables;
  for (const DocumentPair& pair : documents.pairs) {
    std::vector<io::Record>* table = TableOf(tables, pair.plan.source_document);
    if (table == nullptr) continue;
    absl::StatusOr<std::vector<io::Record>> rows =
        io::ReadRecords(destination, pair.destination->database,
                        io::BackupName(context.prefixes().destination, pair.destination->name),
                        pair.destination->primary_key);
    if (!rows.ok()) return rows.status();
    *table = std::move(*rows);
  }
  return tables;
}

}  // namespace migrate::stages::eav
