#include "stages/copy_plan_builder.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "pipeline/handler_transform.h"
#include "stages/destination_lookup.h"
#include "stages/source_lookup.h"

namespace migrate::stages {
namespace {

std::optional<size_t> IndexOf(const std::vector<std::string>& names, absl::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<size_t>(it - names.begin());
}

bool HasHandler(const std::vector<mapping::FieldHandler>& handlers, absl::string_view field) {
  return std::any_of(handlers.begin(), handlers.end(),
                     [&](const mapping::FieldHandler& handler) { return handler.field == field; });
}

absl::Status AddTransforms(const std::vector<mapping::FieldHandler>& field_handlers, absl::string_view document,
                           const io::TableSchema& table, const std::vector<std::string>& fields,
                           const std::vector<std::string>& opposite_fields, const HandlerSetup& setup,
                           std::vector<std::shared_ptr<const pipeline::BatchTransform>>& transforms) {
  for (const mapping::FieldHandler& field_handler : field_handlers) {
    mapping::HandlerContext context;
    context.document = std::string(document);
    context.field = field_handler.field;
    context.fields = fields;
    context.opposite_fields = opposite_fields;
    context.id_field = RecordIdField(table);
    context.config = setup.config;
    context.source = setup.source;
    context.destination = setup.destination;
    context.warn = setup.warn;
    absl::StatusOr<std::unique_ptr<const mapping::Handler>> handler =
        setup.registry->Create(field_handler.handler, context);
    if (!handler.ok()) return handler.status();
    transforms.push_back(std::make_shared<pipeline::HandlerTransform>(std::move(*handler)));
  }
  return absl::OkStatus();
}

}  // namespace

HandlerSetup StepHandlerSetup(const RunContext& context, const mapping::SourceLookup& source,
                              const mapping::DestinationAccess& destination, const StepLog& log) {
  HandlerSetup setup;
  setup.config = &context.config();
  setup.registry = &mapping::HandlerRegistry::Default();
  setup.source = &source;
  setup.destination = &destination;
  setup.warn = [log](absl::string_view message) { log.Warning(message); };
  return setup;
}

absl::StatusOr<bool> ReportPlanErrors(RunContext& context, const MapDocuments& documents, const StepLog& log) {
  ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  ConnectionDestinationAccess destination(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, lookup, destination, log);
  bool passed = true;
  for (const DocumentPair& pair : documents.pairs) {
    absl::StatusOr<pipeline::CopyPlan> plan = BuildCopyPlan(pair, setup, io::WriteMode::kInsert);
    if (!plan.ok()) {
      log.Error(plan.status().message());
      passed = false;
    }
  }
  if (!passed && context.options().auto_resolve) {
    return absl::FailedPreconditionError(
        "Nothing was copied: the map names handlers that cannot work (see the errors above); -a (--auto) carries on "
        "past differences, not past these. Fix the map files");
  }
  return passed;
}

std::string RecordIdField(const io::TableSchema& table) {
  for (const std::string& column : table.primary_key) {
    const io::ColumnSchema* schema = table.FindColumn(column);
    if (schema != nullptr && schema->is_auto_increment) return column;
  }
  return table.primary_key.empty() ? "" : table.primary_key.front();
}

absl::StatusOr<pipeline::CopyPlan> BuildCopyPlan(const DocumentPair& pair, const HandlerSetup& setup,
                                                 io::WriteMode mode) {
  const mapping::DocumentPlan& plan = pair.plan;
  pipeline::CopyPlan copy;
  copy.document = plan.source_document;
  copy.source = *pair.source;
  copy.source_columns = pair.source->ColumnNames();
  copy.key = pair.source->ResumeKey();
  copy.destination_database = pair.destination->database;
  copy.destination_table = pair.destination->name;
  copy.write_mode = mode;
  copy.clear_destination = mode == io::WriteMode::kInsert;

  for (const mapping::FieldAssignment& field : plan.fields) {
    if (field.source_field.has_value()) {
      std::optional<size_t> index = IndexOf(copy.source_columns, *field.source_field);
      if (!index.has_value()) {
        return absl::InternalError(absl::StrCat("the plan of ", plan.source_document, " reads a missing field ",
                                                *field.source_field));
      }
      copy.destination_columns.push_back(pipeline::DestinationColumn{field.destination_field, index, std::nullopt});
    } else if (HasHandler(plan.destination_handlers, field.destination_field)) {
      copy.destination_columns.push_back(pipeline::DestinationColumn{field.destination_field, std::nullopt, std::nullopt});
    }
  }

  const std::vector<std::string> destination_fields = copy.DestinationColumnNames();
  absl::Status status = AddTransforms(plan.source_handlers, plan.source_document, *pair.source, copy.source_columns,
                                      destination_fields, setup, copy.source_transforms);
  if (!status.ok()) return status;
  status = AddTransforms(plan.destination_handlers, plan.destination_document, *pair.destination, destination_fields,
                         copy.source_columns, setup, copy.destination_transforms);
  if (!status.ok()) return status;
  return copy;
}

}  // namespace migrate::stages
