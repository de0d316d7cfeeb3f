#include "stages/steps/map_step.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "io/adjustment_store.h"
#include "io/mysql_connection.h"
#include "mapping/groups.h"
#include "mapping/map_rules.h"
#include "pipeline/coordinator.h"
#include "stages/copy_plan_builder.h"
#include "stages/destination_lookup.h"
#include "stages/map_documents.h"
#include "stages/narrow_columns.h"
#include "stages/source_lookup.h"
#include "stages/steps/post_processing_leftouts.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kUpdateOnDuplicateGroup = "destination_documents_update_on_duplicate";

// Both databases are on one server, as direct_document_copy requires, by the addresses config.xml gives.
bool SameServer(const io::ConnectionOptions& a, const io::ConnectionOptions& b) {
  if (!a.socket.empty() || !b.socket.empty()) return a.socket == b.socket;
  return a.host == b.host && a.port == b.port;
}

absl::StatusOr<uint64_t> CountRows(io::MysqlConnection& connection, const io::TableSchema& table) {
  absl::StatusOr<std::string> count = connection.QueryScalar(absl::StrCat(
      "SELECT COUNT(*) FROM ", io::QuoteIdentifier(table.database), ".", io::QuoteIdentifier(table.name)));
  if (!count.ok()) return count.status();
  return std::stoull(*count);
}

}  // namespace

absl::StatusOr<MapDocuments> LoadMapDocuments(RunContext& context, const MapStepSpec& spec) {
  absl::StatusOr<std::string> path = context.ResolveFileOption(spec.map_option);
  if (!path.ok()) return path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*path);
  if (!rules.ok()) return rules.status();
  return PairDocuments(context, *rules, spec.documents);
}

absl::StatusOr<std::set<std::string>> UpsertDocuments(RunContext& context) {
  std::set<std::string> documents;
  if (context.config().options().map_document_groups().empty()) return documents;
  absl::StatusOr<std::string> path = context.ResolveFileOption("map_document_groups");
  if (!path.ok()) return path.status();
  absl::StatusOr<mapping::Groups> groups = mapping::Groups::Read(*path);
  if (!groups.ok()) return groups.status();
  if (const mapping::Group* group = groups->Find(kUpdateOnDuplicateGroup)) {
    for (const std::string& name : group->Names()) documents.insert(name);
  }
  return documents;
}

MapStepSpec MapStep() { return MapStepSpec{"map_file", {}}; }

MapStepSpec StoresStep() { return MapStepSpec{"stores_map_file", {"core_store", "core_store_group", "core_website"}}; }

absl::StatusOr<bool> MapIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<MapDocuments> documents = LoadMapDocuments(context, spec_);
  if (!documents.ok()) return documents.status();
  bool passed = ReportIntegrity(*documents, log);
  if (absl::Status status = ReportNarrowColumns(context, *documents, log); !status.ok()) return status;
  // Every handler the map names must exist and get the params it needs.
  absl::StatusOr<bool> plans = ReportPlanErrors(context, *documents, log);
  if (!plans.ok()) return plans.status();
  passed = *plans && passed;
  return passed;
}

absl::StatusOr<bool> MapData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<MapDocuments> documents = LoadMapDocuments(context, spec_);
  if (!documents.ok()) return documents.status();
  absl::StatusOr<std::set<std::string>> upserts = UpsertDocuments(context);
  if (!upserts.ok()) return upserts.status();

  ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  ConnectionDestinationAccess destination(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, lookup, destination, log);
  const bool direct = context.config().options().direct_document_copy() &&
                      SameServer(context.connections().source(), context.connections().destination());
  std::vector<pipeline::CopyPlan> plans;
  for (const DocumentPair& pair : documents->pairs) {
    io::WriteMode mode = upserts->contains(pair.plan.destination_document) ? io::WriteMode::kUpsert
                                                                            : io::WriteMode::kInsert;
    absl::StatusOr<pipeline::CopyPlan> plan = BuildCopyPlan(pair, setup, mode);
    if (!plan.ok()) return plan.status();
    plan->direct_copy = direct && pair.plan.copy_unchanged && mode == io::WriteMode::kInsert;
    plans.push_back(std::move(*plan));
  }
  if (absl::Status status = LeaveOutPostProcessingLeftovers(context, step_, documents->pairs, plans, log);
      !status.ok()) {
    return status;
  }

  const size_t direct_copies = std::count_if(plans.begin(), plans.end(), [](const pipeline::CopyPlan& plan) {
    return plan.direct_copy;
  });
  if (direct_copies > 0) {
    log.Info(absl::StrCat(direct_copies, " documents move unchanged and are copied by INSERT ... SELECT on the server"));
  }
  const absl::Time start = absl::Now();
  pipeline::Coordinator coordinator(context.connections(), context.CopyOptions(step_, "data"), context.cancellation());
  absl::StatusOr<std::vector<pipeline::DocumentResult>> results = coordinator.Run(plans, context.listener());
  if (!results.ok()) return results.status();
  uint64_t rows = 0;
  size_t copied = 0;
  size_t skipped = 0;
  for (const pipeline::DocumentResult& result : *results) {
    rows += result.rows_written;
    if (result.skipped_as_finished) ++skipped;
    if (result.complete && !result.skipped_as_finished) ++copied;
  }
  context.totals().documents += copied;
  context.totals().rows += rows;
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::string summary = absl::StrCat("copied ", rows, " rows of ", copied, " documents in ",
                                     absl::StrFormat("%.1f", seconds), " s");
  if (skipped > 0) absl::StrAppend(&summary, "; ", skipped, " documents were already finished by an earlier run");
  log.Info(summary);
  return true;
}

absl::StatusOr<bool> MapVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<MapDocuments> documents = LoadMapDocuments(context, spec_);
  if (!documents.ok()) return documents.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  // Rows later steps (PostProcessing) removed from destination tables count as there, as in Magento.
  absl::StatusOr<io::AdjustmentStore> store = io::AdjustmentStore::Open(**destination);
  if (!store.ok()) return store.status();
  absl::StatusOr<std::map<std::string, int64_t>> adjustments = store->LoadByDocument(**destination);
  if (!adjustments.ok()) return adjustments.status();
  bool passed = true;
  for (const DocumentPair& pair : documents->pairs) {
    absl::StatusOr<uint64_t> source_rows = CountRows(**source, *pair.source);
    if (!source_rows.ok()) return source_rows.status();
    absl::StatusOr<uint64_t> destination_rows = CountRows(**destination, *pair.destination);
    if (!destination_rows.ok()) return destination_rows.status();
    auto adjustment = adjustments->find(pair.destination->name);
    const int64_t removed = adjustment == adjustments->end() ? 0 : adjustment->second;
    const int64_t counted = static_cast<int64_t>(*destination_rows) + removed;
    if (static_cast<int64_t>(*source_rows) != counted) {
      passed = false;
      std::string message = absl::StrCat("Mismatch of entities in the document: ", pair.plan.destination_document,
                                         " Source: ", *source_rows, " Destination: ", counted);
      if (removed != 0) {
        absl::StrAppend(&message, " (", *destination_rows, " rows, and ", removed,
                        " removed by later steps as recorded in ", store->table(), ")");
      }
      log.Error(message);
    }
  }
  return passed;
}

}  // namespace migrate::stages
