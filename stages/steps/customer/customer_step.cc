#include "stages/steps/customer/customer_step.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "io/bound_statement.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "io/result_set.h"
#include "mapping/document_prefix.h"
#include "pipeline/coordinator.h"
#include "stages/copy_plan_builder.h"
#include "stages/destination_lookup.h"
#include "stages/map_documents.h"
#include "stages/narrow_columns.h"
#include "stages/source_lookup.h"
#include "stages/steps/map_delta_step.h"
#include "stages/steps/customer/customer_files.h"
#include "stages/steps/customer/static_attributes.h"

namespace migrate::stages::customer {
namespace {

constexpr absl::string_view kPasswordHash = "password_hash";
constexpr absl::string_view kEntityVarchar = "customer_entity_varchar";

// Everything the stages need: the files, the document pairs and Magento 1's static attributes.
struct CustomerInputs {
  CustomerFiles files;
  MapDocuments documents;
  std::map<std::string, std::vector<SourceAttribute>> attributes;
  std::vector<std::pair<std::string, std::string>> missing;
};

absl::StatusOr<CustomerInputs> LoadInputs(RunContext& context) {
  absl::StatusOr<CustomerFiles> files = LoadCustomerFiles(context);
  if (!files.ok()) return files.status();
  absl::StatusOr<MapDocuments> documents = PairDocuments(context, files->rules, files->documents);
  if (!documents.ok()) return documents.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  CustomerInputs inputs{std::move(*files), std::move(*documents), {}, {}};
  absl::StatusOr<std::map<std::string, std::vector<SourceAttribute>>> attributes =
      ReadStaticAttributes(context, **source, inputs.files, &inputs.missing);
  if (!attributes.ok()) return attributes.status();
  inputs.attributes = std::move(*attributes);
  return inputs;
}

// The source rows of a value table that are copied: not those of attributes that became static
// columns, but for sha512 password hashes (kept for Magento 2's login plugin).
std::string ValueTableFilter(const CustomerInputs& inputs, absl::string_view document) {
  const std::set<std::string> left_out = LeftOutAttributeIds(inputs.attributes);
  std::vector<std::string> ids;
  for (const std::string& id : left_out) {
    int64_t number = 0;
    if (absl::SimpleAtoi(id, &number)) ids.push_back(absl::StrCat(number));
  }
  if (ids.empty()) return "";
  std::string filter = absl::StrCat(io::QuoteIdentifier("attribute_id"), " NOT IN (", absl::StrJoin(ids, ","), ")");
  if (document != kEntityVarchar) return filter;
  for (const auto& [entity_document, attributes] : inputs.attributes) {
    for (const SourceAttribute& attribute : attributes) {
      int64_t number = 0;
      if (attribute.code != kPasswordHash || !absl::SimpleAtoi(attribute.id, &number)) continue;
      absl::StrAppend(&filter, " OR (", io::QuoteIdentifier("attribute_id"), " = ", number,
                      " AND CHAR_LENGTH(SUBSTRING_INDEX(", io::QuoteIdentifier("value"), ", ':', 1)) = 128)");
    }
  }
  return filter;
}

// The value a NOT NULL column takes when the entity has none: its type's empty value.
std::optional<std::string> EmptyValue(const io::ColumnSchema& column) {
  if (column.nullable) return std::nullopt;
  return column.IsNumeric() ? "0" : "";
}

// Adds the static columns and their fill to an entity document's plan.
absl::Status AddStaticColumns(const CustomerInputs& inputs, const DocumentPair& pair,
                              const mapping::SourceLookup& lookup, bool upgrade_password_hash,
                              pipeline::CopyPlan& plan) {
  auto attributes = inputs.attributes.find(pair.plan.source_document);
  if (attributes == inputs.attributes.end()) return absl::OkStatus();
  std::vector<std::string> names = plan.DestinationColumnNames();
  auto id = std::find(names.begin(), names.end(), "entity_id");
  if (id == names.end()) {
    return absl::InvalidArgumentError(absl::StrCat(pair.destination->name, " gets no entity_id from the customer map"));
  }
  const size_t id_column = id - names.begin();
  std::vector<StaticAttribute> fills;
  for (const SourceAttribute& attribute : attributes->second) {
    const io::ColumnSchema* column = pair.destination->FindColumn(attribute.code);
    if (column == nullptr) continue;
    auto existing = std::find(names.begin(), names.end(), attribute.code);
    size_t index = existing - names.begin();
    if (existing == names.end()) {
      plan.destination_columns.push_back(pipeline::DestinationColumn{attribute.code, std::nullopt, std::nullopt});
      names.push_back(attribute.code);
      index = names.size() - 1;
    }
    fills.push_back(StaticAttribute{attribute.id, attribute.backend_type, index, EmptyValue(*column),
                                    attribute.code == kPasswordHash});
  }
  plan.destination_transforms.push_back(std::make_shared<StaticAttributeFill>(
      &lookup, pair.plan.source_document, id_column, std::move(fills), upgrade_password_hash));
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Count(io::MysqlConnection& connection, const io::TableSchema& table,
                               const std::string& filter) {
  absl::StatusOr<std::string> count = connection.QueryScalar(
      absl::StrCat("SELECT COUNT(*) FROM ", io::QualifiedName(table.database, table.name),
                   filter.empty() ? "" : " WHERE ", filter));
  if (!count.ok()) return count.status();
  uint64_t value = 0;
  absl::SimpleAtoi(*count, &value);
  return value;
}

// Marks the static attributes' backend type in Magento 2's eav_attribute.
absl::Status MarkStatic(RunContext& context, const CustomerInputs& inputs) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  const std::string& prefix = context.prefixes().destination;
  for (const auto& [document, attributes] : inputs.attributes) {
    auto type = inputs.files.entity_type_of.find(document);
    if (type == inputs.files.entity_type_of.end() || attributes.empty()) continue;
    std::vector<std::string> placeholders;
    io::BoundValues values = {type->second};
    for (const SourceAttribute& attribute : attributes) {
      placeholders.push_back("?");
      values.push_back(attribute.code);
    }
    absl::Status status =
        io::ExecuteBound(**destination,
                         absl::StrCat("UPDATE ", io::QuoteIdentifier(mapping::AddDocumentPrefix(prefix, "eav_attribute")),
                                      " a JOIN ", io::QuoteIdentifier(mapping::AddDocumentPrefix(prefix, "eav_entity_type")),
                                      " t ON t.entity_type_id = a.entity_type_id SET a.backend_type = 'static' WHERE "
                                      "t.entity_type_code = ? AND a.attribute_code IN (",
                                      absl::StrJoin(placeholders, ","), ")"),
                         values)
            .status();
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

// The plan of a document in the data stage's form: static columns for the entity documents, the
// left-out rows for the value tables.
absl::Status AdjustPlan(const CustomerInputs& inputs, const DocumentPair& pair, const mapping::SourceLookup& lookup,
                        bool upgrade_password_hash, pipeline::CopyPlan& plan) {
  if (inputs.files.entity_documents.contains(pair.plan.source_document)) {
    return AddStaticColumns(inputs, pair, lookup, upgrade_password_hash, plan);
  }
  plan.filter = ValueTableFilter(inputs, pair.plan.source_document);
  return absl::OkStatus();
}

}  // namespace

namespace {

// The Customer step's part in replaying delta_customer: the data stage's plans, and the entities
// whose static columns a changed value row of a static attribute changes.
class CustomerDeltaExtension : public DeltaExtension {
 public:
  absl::Status AdjustPlan(RunContext& context, const DocumentPair& pair, const mapping::SourceLookup& lookup,
                          pipeline::CopyPlan& plan) override {
    if (absl::Status status = Load(context); !status.ok()) return status;
    return customer::AdjustPlan(*inputs_, pair, lookup, context.config().options().upgrade_customer_password_hash(),
                                plan);
  }

  absl::StatusOr<std::vector<std::pair<std::string, std::vector<io::Key>>>> AlsoChanged(
      RunContext& context, const std::string& document, const std::vector<io::Key>& keys,
      io::MysqlConnection& source) override {
    std::vector<std::pair<std::string, std::vector<io::Key>>> also;
    if (absl::Status status = Load(context); !status.ok()) return status;
    const std::string entity = EntityDocumentOf(document);
    auto attributes = inputs_->attributes.find(entity);
    if (entity.empty() || entity == document || attributes == inputs_->attributes.end()) return also;
    if (attributes->second.empty()) return also;
    io::BoundSql sql{absl::StrCat("SELECT DISTINCT ", io::QuoteIdentifier("entity_id"), " FROM ",
                                  io::QuoteIdentifier(mapping::AddDocumentPrefix(context.prefixes().source, document)),
                                  " WHERE ("),
                     {}};
    sql.Append(io::KeyInCondition({io::KeyColumn{"value_id", true}}, keys));
    absl::StrAppend(&sql.sql, ") AND ");
    std::vector<io::Key> ids;
    for (const SourceAttribute& attribute : attributes->second) ids.push_back(io::Key{attribute.id});
    sql.Append(io::KeyInCondition({io::KeyColumn{"attribute_id", true}}, ids));
    absl::StatusOr<io::ResultSet> entities = io::QueryBound(source, sql.sql, sql.values);
    if (!entities.ok()) return entities.status();
    std::vector<io::Key> entity_keys;
    for (const io::Row& row : entities->rows()) entity_keys.push_back(io::Key{row[0].value_or("")});
    also.emplace_back(entity, std::move(entity_keys));
    return also;
  }

 private:
  absl::Status Load(RunContext& context) {
    if (inputs_.has_value()) return absl::OkStatus();
    absl::StatusOr<CustomerInputs> loaded = LoadInputs(context);
    if (!loaded.ok()) return loaded.status();
    inputs_ = std::move(*loaded);
    return absl::OkStatus();
  }

  // The entity document of the entity type `document` belongs to ("" when none).
  std::string EntityDocumentOf(const std::string& document) const {
    auto type = inputs_->files.entity_type_of.find(document);
    if (type == inputs_->files.entity_type_of.end()) return "";
    for (const std::string& entity : inputs_->files.entity_documents) {
      auto entity_type = inputs_->files.entity_type_of.find(entity);
      if (entity_type != inputs_->files.entity_type_of.end() && entity_type->second == type->second) return entity;
    }
    return "";
  }

  std::optional<CustomerInputs> inputs_;
};

}  // namespace

std::unique_ptr<StepStage> MakeCustomerDelta() {
  return std::make_unique<MapDelta>("delta_customer", MapStepSpec{"customer_map_file", {}},
                                    std::make_unique<CustomerDeltaExtension>());
}

absl::StatusOr<bool> CustomerIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<CustomerInputs> inputs = LoadInputs(context);
  if (!inputs.ok()) return inputs.status();
  bool passed = true;
  for (const auto& [code, type] : inputs->missing) {
    log.Error(absl::StrCat("Attribute ", code, " does not exist in the type ", type));
    passed = false;
  }
  passed = ReportIntegrity(inputs->documents, log) && passed;
  if (absl::Status status = ReportNarrowColumns(context, inputs->documents, log); !status.ok()) return status;
  absl::StatusOr<bool> plans = ReportPlanErrors(context, inputs->documents, log);
  if (!plans.ok()) return plans.status();
  passed = *plans && passed;
  return passed;
}

absl::StatusOr<bool> CustomerData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<CustomerInputs> inputs = LoadInputs(context);
  if (!inputs.ok()) return inputs.status();
  ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  ConnectionDestinationAccess destination(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, lookup, destination, log);
  const bool upgrade = context.config().options().upgrade_customer_password_hash();
  std::vector<pipeline::CopyPlan> plans;
  for (const DocumentPair& pair : inputs->documents.pairs) {
    absl::StatusOr<pipeline::CopyPlan> plan = BuildCopyPlan(pair, setup, io::WriteMode::kInsert);
    if (!plan.ok()) return plan.status();
    if (absl::Status status = AdjustPlan(*inputs, pair, lookup, upgrade, *plan); !status.ok()) return status;
    plans.push_back(std::move(*plan));
  }
  const absl::Time start = absl::Now();
  pipeline::Coordinator coordinator(context.connections(), context.CopyOptions(step_, "data"), context.cancellation());
  absl::StatusOr<std::vector<pipeline::DocumentResult>> results = coordinator.Run(plans, context.listener());
  if (!results.ok()) return results.status();
  if (absl::Status status = MarkStatic(context, *inputs); !status.ok()) return status;
  uint64_t rows = 0;
  size_t copied = 0;
  for (const pipeline::DocumentResult& result : *results) {
    rows += result.rows_written;
    if (result.complete && !result.skipped_as_finished) ++copied;
  }
  context.totals().documents += copied;
  context.totals().rows += rows;
  log.Info(absl::StrFormat("copied %d rows of %d documents in %.1f s", rows, copied,
                           absl::ToDoubleSeconds(absl::Now() - start)));
  return true;
}

absl::StatusOr<bool> CustomerVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<CustomerInputs> inputs = LoadInputs(context);
  if (!inputs.ok()) return inputs.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  bool passed = true;
  for (const DocumentPair& pair : inputs->documents.pairs) {
    const std::string filter = inputs->files.entity_documents.contains(pair.plan.source_document)
                                   ? ""
                                   : ValueTableFilter(*inputs, pair.plan.source_document);
    absl::StatusOr<uint64_t> source_rows = Count(**source, *pair.source, filter);
    if (!source_rows.ok()) return source_rows.status();
    absl::StatusOr<uint64_t> destination_rows = Count(**destination, *pair.destination, "");
    if (!destination_rows.ok()) return destination_rows.status();
    if (*source_rows != *destination_rows) {
      passed = false;
      log.Warning(absl::StrCat("Mismatch of entities in the document: ", pair.plan.destination_document,
                               " Source: ", *source_rows, " Destination: ", *destination_rows));
    }
  }
  return passed;
}

}  // namespace migrate::stages::customer
