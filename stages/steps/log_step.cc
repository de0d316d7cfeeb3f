#include "stages/steps/log_step.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/mysql_connection.h"
#include "io/step_sql.h"
#include "mapping/groups.h"
#include "mapping/map_rules.h"
#include "stages/copy_plan_builder.h"
#include "stages/destination_lookup.h"
#include "stages/map_documents.h"
#include "stages/source_lookup.h"
#include "stages/steps/log_visitor_transform.h"
#include "stages/steps/map_delta_step.h"
#include "stages/steps/step_copy.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kVisitors = "log_visitor";
constexpr absl::string_view kVisitorCustomers = "log_customer";

struct LogFiles {
  mapping::MapRules rules;
  std::vector<std::string> source_documents;
  std::vector<std::string> documents_to_clear;
};

absl::StatusOr<LogFiles> LoadLogFiles(const RunContext& context) {
  absl::StatusOr<std::string> map_path = context.ResolveFileOption("log_map_file");
  if (!map_path.ok()) return map_path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*map_path);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<std::string> groups_path = context.ResolveFileOption("log_document_groups_file");
  if (!groups_path.ok()) return groups_path.status();
  absl::StatusOr<mapping::Groups> groups = mapping::Groups::Read(*groups_path);
  if (!groups.ok()) return groups.status();
  LogFiles files{std::move(*rules), {}, {}};
  if (const mapping::Group* group = groups->Find("source_documents")) files.source_documents = group->Names();
  if (const mapping::Group* group = groups->Find("destination_documents_to_clear")) {
    files.documents_to_clear = group->Names();
  }
  return files;
}

std::optional<size_t> ColumnIndex(const pipeline::CopyPlan& plan, absl::string_view name) {
  for (size_t i = 0; i < plan.destination_columns.size(); ++i) {
    if (plan.destination_columns[i].name == name) return i;
  }
  return std::nullopt;
}

// Fits the plan of log_visitor to what Magento 2's customer_visitor needs (see log_step.h).
absl::Status AdaptVisitorPlan(RunContext& context, const DocumentPair& pair, const mapping::SourceLookup* lookup,
                              pipeline::CopyPlan& plan, const StepLog& log) {
  absl::StatusOr<const io::DatabaseSchema*> source_schema = context.SourceSchema();
  if (!source_schema.ok()) return source_schema.status();
  const io::TableSchema* customers = FindDocument(**source_schema, context.prefixes().source, kVisitorCustomers);
  if (pair.destination->FindColumn("customer_id") != nullptr && !ColumnIndex(plan, "customer_id").has_value() &&
      customers != nullptr) {
    plan.destination_columns.push_back(pipeline::DestinationColumn{"customer_id", std::nullopt, std::nullopt});
  }
  if (std::optional<size_t> session = ColumnIndex(plan, "session_id"); session.has_value()) {
    const io::ColumnSchema* to = pair.destination->FindColumn("session_id");
    const io::ColumnSchema* from = pair.source->FindColumn("session_id");
    const uint64_t to_length = to == nullptr ? 0 : CharacterLength(*to).value_or(0);
    const uint64_t from_length = from == nullptr ? 0 : CharacterLength(*from).value_or(0);
    if (to_length > 0 && from_length > 0 && to_length < from_length) {
      plan.destination_columns[*session] = pipeline::DestinationColumn{"session_id", std::nullopt, std::nullopt};
      log.Info(absl::StrCat(pair.plan.destination_document, ".session_id holds ", to_length,
                            " characters (Magento 2 no longer uses it), Magento 1's session ids up to ", from_length,
                            ": visitors arrive with session_id NULL"));
    }
  }
  VisitorColumns columns;
  std::optional<size_t> visitor = ColumnIndex(plan, "visitor_id");
  if (!visitor.has_value()) return absl::OkStatus();
  columns.visitor_id = *visitor;
  if (customers != nullptr) columns.customer_id = ColumnIndex(plan, "customer_id");
  columns.created_at = ColumnIndex(plan, "created_at");
  columns.last_visit_at = ColumnIndex(plan, "last_visit_at");
  plan.destination_transforms.push_back(std::make_shared<LogVisitorTransform>(
      lookup, context.connections().source().database, customers == nullptr ? "" : customers->name, columns));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> LogIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<LogFiles> files = LoadLogFiles(context);
  if (!files.ok()) return files.status();
  absl::StatusOr<MapDocuments> documents = PairDocuments(context, files->rules, files->source_documents);
  if (!documents.ok()) return documents.status();
  bool passed = ReportIntegrity(*documents, log);
  absl::StatusOr<const io::DatabaseSchema*> source = context.SourceSchema();
  if (!source.ok()) return source.status();
  absl::StatusOr<const io::DatabaseSchema*> destination = context.DestinationSchema();
  if (!destination.ok()) return destination.status();
  if (std::vector<std::string> missing = MissingDocuments(**source, context.prefixes().source, files->source_documents);
      !missing.empty()) {
    log.Error(absl::StrCat("Source documents are missing: ", absl::StrJoin(missing, ",")));
    passed = false;
  }
  if (std::vector<std::string> missing =
          MissingDocuments(**destination, context.prefixes().destination, files->documents_to_clear);
      !missing.empty()) {
    log.Error(absl::StrCat("Destination documents are missing: ", absl::StrJoin(missing, ",")));
    passed = false;
  }
  absl::StatusOr<bool> plans = ReportPlanErrors(context, *documents, log);
  if (!plans.ok()) return plans.status();
  passed = *plans && passed;
  return passed;
}

absl::StatusOr<bool> LogData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<LogFiles> files = LoadLogFiles(context);
  if (!files.ok()) return files.status();
  absl::StatusOr<MapDocuments> documents = PairDocuments(context, files->rules, files->source_documents);
  if (!documents.ok()) return documents.status();
  ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  ConnectionDestinationAccess destination_access(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, lookup, destination_access, log);
  std::vector<pipeline::CopyPlan> plans;
  for (const DocumentPair& pair : documents->pairs) {
    absl::StatusOr<pipeline::CopyPlan> plan = BuildCopyPlan(pair, setup, io::WriteMode::kInsert);
    if (!plan.ok()) return plan.status();
    if (pair.plan.source_document == kVisitors) {
      if (absl::Status status = AdaptVisitorPlan(context, pair, &lookup, *plan, log); !status.ok()) return status;
    }
    plans.push_back(std::move(*plan));
  }
  absl::StatusOr<bool> copied = RunCopyPlans(context, step_, plans, log);
  if (!copied.ok()) return copied.status();
  if (context.cancellation().stop_requested()) return true;

  absl::StatusOr<const io::DatabaseSchema*> destination = context.DestinationSchema();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenDestination();
  if (!connection.ok()) return connection.status();
  for (const std::string& document : files->documents_to_clear) {
    const io::TableSchema* table = FindDocument(**destination, context.prefixes().destination, document);
    if (table == nullptr) continue;
    if (absl::Status status = io::TruncateTable(**connection, table->database, table->name); !status.ok()) {
      return status;
    }
  }
  return true;
}

absl::StatusOr<bool> LogVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<LogFiles> files = LoadLogFiles(context);
  if (!files.ok()) return files.status();
  absl::StatusOr<MapDocuments> documents = PairDocuments(context, files->rules, files->source_documents);
  if (!documents.ok()) return documents.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  bool passed = true;
  for (const DocumentPair& pair : documents->pairs) {
    absl::StatusOr<uint64_t> source_rows = io::CountRows(**source, pair.source->database, pair.source->name);
    if (!source_rows.ok()) return source_rows.status();
    absl::StatusOr<uint64_t> destination_rows =
        io::CountRows(**destination, pair.destination->database, pair.destination->name);
    if (!destination_rows.ok()) return destination_rows.status();
    if (*source_rows != *destination_rows) {
      log.Warning(absl::StrCat("Mismatch of entities in the document: ", pair.plan.destination_document,
                               " Source: ", *source_rows, " Destination: ", *destination_rows));
      passed = false;
    }
  }
  absl::StatusOr<const io::DatabaseSchema*> schema = context.DestinationSchema();
  if (!schema.ok()) return schema.status();
  for (const std::string& document : files->documents_to_clear) {
    const io::TableSchema* table = FindDocument(**schema, context.prefixes().destination, document);
    if (table == nullptr) continue;
    absl::StatusOr<uint64_t> rows = io::CountRows(**destination, table->database, table->name);
    if (!rows.ok()) return rows.status();
    if (*rows > 0) {
      log.Warning("Log documents in the destination resource are not cleared");
      passed = false;
      break;
    }
  }
  return passed;
}

namespace {

class LogDeltaExtension : public DeltaExtension {
 public:
  absl::Status AdjustPlan(RunContext& context, const DocumentPair& pair, const mapping::SourceLookup& lookup,
                          pipeline::CopyPlan& plan) override {
    if (pair.plan.source_document != kVisitors) return absl::OkStatus();
    const StepLog log(context.log(), LogContext{context.options().mode, "delta delivery", "Log Step"});
    return AdaptVisitorPlan(context, pair, &lookup, plan, log);
  }

  absl::StatusOr<std::vector<std::pair<std::string, std::vector<io::Key>>>> AlsoChanged(
      RunContext&, const std::string&, const std::vector<io::Key>&, io::MysqlConnection&) override {
    return std::vector<std::pair<std::string, std::vector<io::Key>>>{};
  }
};

}  // namespace

std::unique_ptr<StepStage> MakeLogDelta() {
  return std::make_unique<MapDelta>("delta_log", MapStepSpec{"log_map_file", {}}, std::make_unique<LogDeltaExtension>());
}

}  // namespace migrate::stages
