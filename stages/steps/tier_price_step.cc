#include "stages/steps/tier_price_step.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/mysql_connection.h"
#include "io/step_sql.h"
#include "mapping/document_plan.h"
#include "mapping/map_rules.h"
#include "stages/copy_plan_builder.h"
#include "stages/destination_lookup.h"
#include "stages/map_documents.h"
#include "stages/source_lookup.h"
#include "stages/steps/step_copy.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kTierPrice = "catalog_product_entity_tier_price";
constexpr absl::string_view kGroupPrice = "catalog_product_entity_group_price";

// Magento's editions without the group price table.
constexpr absl::string_view kWithoutGroupPrice[] = {"1.6.0.0",  "1.6.1.0",  "1.6.2.0",  "1.11.0.0",
                                                    "1.11.0.1", "1.11.0.2", "1.11.1.0", "1.11.2.0"};

std::vector<std::string> SourceDocuments(const RunContext& context) {
  std::vector<std::string> documents{std::string(kTierPrice)};
  const std::string& edition = context.config().options().edition_number();
  if (!edition.empty() && std::find(std::begin(kWithoutGroupPrice), std::end(kWithoutGroupPrice), edition) ==
                              std::end(kWithoutGroupPrice)) {
    documents.emplace_back(kGroupPrice);
  }
  return documents;
}

}  // namespace

absl::StatusOr<TierPriceDocuments> PairTierPriceDocuments(RunContext& context) {
  absl::StatusOr<std::string> path = context.ResolveFileOption("tier_price_map_file");
  if (!path.ok()) return path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*path);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<const io::DatabaseSchema*> source = context.SourceSchema();
  if (!source.ok()) return source.status();
  absl::StatusOr<const io::DatabaseSchema*> destination = context.DestinationSchema();
  if (!destination.ok()) return destination.status();

  TierPriceDocuments result;
  const io::TableSchema* target = FindDocument(**destination, context.prefixes().destination, kTierPrice);
  result.destination_missing = target == nullptr;
  for (const std::string& document : SourceDocuments(context)) {
    const io::TableSchema* table = FindDocument(**source, context.prefixes().source, document);
    if (table == nullptr) {
      result.missing_source.push_back(document);
      continue;
    }
    if (target == nullptr) continue;
    absl::StatusOr<mapping::DocumentPlan> plan = mapping::ResolveDocumentPlanInto(
        *rules, document, kTierPrice, table->ColumnNames(), target->ColumnNames(), context.prefixes());
    if (!plan.ok()) return plan.status();
    MapDocuments& documents = result.documents;
    if (!plan->source_findings.not_mapped.empty()) {
      documents.source_fields_not_mapped.emplace_back(document, plan->source_findings.not_mapped);
    }
    if (std::vector<std::string> mismatched = TypeMismatches(plan->source_findings, *table, *target);
        !mismatched.empty()) {
      documents.source_type_mismatches.emplace_back(document, std::move(mismatched));
    }
    if (plan->destination_findings.has_value()) {
      if (!plan->destination_findings->not_mapped.empty()) {
        documents.destination_fields_not_mapped.emplace_back(kTierPrice, plan->destination_findings->not_mapped);
      }
      if (std::vector<std::string> mismatched = TypeMismatches(*plan->destination_findings, *target, *table);
          !mismatched.empty()) {
        documents.destination_type_mismatches.emplace_back(kTierPrice, std::move(mismatched));
      }
    }
    (document == kGroupPrice ? result.group_price : result.tier_price) = table;
    documents.pairs.push_back(DocumentPair{std::move(*plan), table, target});
  }
  return result;
}

void AdjustTierPricePlan(const DocumentPair& pair, bool group_price, pipeline::CopyPlan& plan) {
  if (group_price && pair.destination->FindColumn("qty") != nullptr &&
      std::none_of(plan.destination_columns.begin(), plan.destination_columns.end(),
                   [](const pipeline::DestinationColumn& column) { return column.name == "qty"; })) {
    plan.destination_columns.push_back(pipeline::DestinationColumn{"qty", std::nullopt, "1"});
  }
  // Every row gets a new value_id, whatever the map says (Magento's Data sets it to NULL itself).
  plan.update_columns.clear();
  for (pipeline::DestinationColumn& column : plan.destination_columns) {
    if (column.name == "value_id") {
      column.source_index.reset();
      column.initial.reset();
    } else {
      plan.update_columns.push_back(column.name);
    }
  }
}

absl::StatusOr<bool> TierPriceIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<TierPriceDocuments> documents = PairTierPriceDocuments(context);
  if (!documents.ok()) return documents.status();
  bool passed = true;
  if (!documents->missing_source.empty()) {
    log.Error(absl::StrCat("Source documents are missing: ", absl::StrJoin(documents->missing_source, ",")));
    passed = false;
  }
  if (documents->destination_missing) {
    log.Error(absl::StrCat("Destination documents are missing: ", kTierPrice));
    passed = false;
  }
  passed = ReportIntegrity(documents->documents, log) && passed;
  absl::StatusOr<bool> plans = ReportPlanErrors(context, documents->documents, log);
  if (!plans.ok()) return plans.status();
  passed = *plans && passed;
  return passed;
}

absl::StatusOr<bool> TierPriceData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<TierPriceDocuments> documents = PairTierPriceDocuments(context);
  if (!documents.ok()) return documents.status();
  ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  ConnectionDestinationAccess destination(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, lookup, destination, log);
  // Tier prices first (their first batch empties the destination), group prices after them, so a
  // group price replaces the value of a tier price at qty 1 as in Magento.
  for (const DocumentPair& pair : documents->documents.pairs) {
    absl::StatusOr<pipeline::CopyPlan> plan = BuildCopyPlan(pair, setup, io::WriteMode::kUpsert);
    if (!plan.ok()) return plan.status();
    const bool group = pair.source == documents->group_price;
    plan->clear_destination = !group;
    AdjustTierPricePlan(pair, group, *plan);
    absl::StatusOr<bool> copied = RunCopyPlans(context, step_, {std::move(*plan)}, log);
    if (!copied.ok()) return copied.status();
    if (context.cancellation().stop_requested()) return true;
  }
  return true;
}

absl::StatusOr<bool> TierPriceVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<TierPriceDocuments> documents = PairTierPriceDocuments(context);
  if (!documents.ok()) return documents.status();
  if (documents->tier_price == nullptr || documents->documents.pairs.empty()) return true;
  const io::TableSchema& target = *documents->documents.pairs.front().destination;
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<uint64_t> source_keys = io::CountSelect(
      **source, io::TierPriceKeysSql(documents->tier_price->database, documents->tier_price->name,
                                     documents->group_price == nullptr ? "" : documents->group_price->name));
  if (!source_keys.ok()) return source_keys.status();
  absl::StatusOr<uint64_t> destination_rows = io::CountRows(**destination, target.database, target.name);
  if (!destination_rows.ok()) return destination_rows.status();
  if (*source_keys != *destination_rows) {
    log.Error("Mismatch of amount of entities in documents");
    return false;
  }
  return true;
}

}  // namespace migrate::stages
