#include "stages/steps/post_processing_step.h"

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/adjustment_store.h"
#include "io/eav_value_cleanup.h"
#include "io/mysql_connection.h"
#include "io/transaction.h"
#include "mapping/document_prefix.h"
#include "mapping/groups.h"
#include "stages/steps/step_copy.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kAttributeSetLeftoverGroup = "documents_attribute_set_leftover_values";
constexpr size_t kTooLongListed = 20;

// One table's count, for a log line: "name: n".
std::string Counted(absl::string_view table, uint64_t rows) { return absl::StrCat(table, ": ", rows); }

class PostProcessor {
 public:
  PostProcessor(RunContext& context, const StepLog& log, io::MysqlConnection& connection,
                const io::DatabaseSchema& schema, io::AdjustmentStore adjustments)
      : context_(context), log_(log), prefixes_(context.prefixes()), connection_(connection), schema_(schema),
        adjustments_(std::move(adjustments)) {}

  absl::Status EavLeftovers(const mapping::Groups& groups);
  absl::Status AttributeSetLeftovers(const mapping::Groups& groups);
  absl::Status RootCategoryProducts();
  absl::Status MultiselectToVarchar();
  absl::Status ProductUrlPaths();

 private:
  // The destination table of `document` (dest_prefix added), or nullptr.
  const io::TableSchema* Table(absl::string_view document) const;
  // Looks up each (document, &table); false after a warning naming the first one the destination lacks.
  bool Require(absl::string_view action, std::initializer_list<std::pair<absl::string_view, const io::TableSchema**>>
                                             tables) const;
  // Runs `body` in one transaction: committed when it succeeds, rolled back when it fails.
  absl::Status InTransaction(absl::FunctionRef<absl::Status()> body);
  // Runs `remove` (which returns the rows it removed from `table`) and records them, in one transaction.
  absl::StatusOr<uint64_t> RemoveRecorded(const io::TableSchema& table,
                                          absl::FunctionRef<absl::StatusOr<uint64_t>()> remove);
  absl::Status Record(const io::TableSchema& table, int64_t rows);
  // The tables of `group`, with those the destination lacks or that lack `columns` described in *skipped.
  std::vector<const io::TableSchema*> GroupTables(const mapping::Groups& groups, absl::string_view group,
                                                  const std::vector<absl::string_view>& columns,
                                                  std::vector<std::string>* skipped) const;

  RunContext& context_;
  const StepLog& log_;
  const mapping::DocumentPrefixes& prefixes_;
  io::MysqlConnection& connection_;
  const io::DatabaseSchema& schema_;
  const io::AdjustmentStore adjustments_;
};

const io::TableSchema* PostProcessor::Table(absl::string_view document) const {
  return FindDocument(schema_, prefixes_.destination, document);
}

bool PostProcessor::Require(
    absl::string_view action,
    std::initializer_list<std::pair<absl::string_view, const io::TableSchema**>> tables) const {
  for (const auto& [document, table] : tables) {
    *table = Table(document);
    if (*table == nullptr) {
      log_.Warning(absl::StrCat(action, ": skipped, the destination has no table ",
                                mapping::AddDocumentPrefix(prefixes_.destination, document)));
      return false;
    }
  }
  return true;
}

absl::Status PostProcessor::InTransaction(absl::FunctionRef<absl::Status()> body) {
  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(connection_);
  if (!transaction.ok()) return transaction.status();
  if (absl::Status status = body(); !status.ok()) return status;
  return transaction->Commit();
}

absl::Status PostProcessor::Record(const io::TableSchema& table, int64_t rows) {
  if (rows == 0) return absl::OkStatus();
  return adjustments_.Add(connection_, kPostProcessingAdjustmentStep, table.name, rows);
}

absl::StatusOr<uint64_t> PostProcessor::RemoveRecorded(const io::TableSchema& table,
                                                       absl::FunctionRef<absl::StatusOr<uint64_t>()> remove) {
  uint64_t removed = 0;
  absl::Status status = InTransaction([&]() -> absl::Status {
    absl::StatusOr<uint64_t> rows = remove();
    if (!rows.ok()) return rows.status();
    removed = *rows;
    return Record(table, static_cast<int64_t>(removed));
  });
  if (!status.ok()) return status;
  return removed;
}

std::vector<const io::TableSchema*> PostProcessor::GroupTables(const mapping::Groups& groups, absl::string_view group,
                                                               const std::vector<absl::string_view>& columns,
                                                               std::vector<std::string>* skipped) const {
  std::vector<const io::TableSchema*> tables;
  const mapping::Group* found = groups.Find(group);
  if (found == nullptr) return tables;
  for (const std::string& document : found->Names()) {
    const io::TableSchema* table = Table(document);
    if (table == nullptr) {
      skipped->push_back(absl::StrCat(document, " (not in the destination)"));
      continue;
    }
    bool has_columns = true;
    for (absl::string_view column : columns) {
      if (table->FindColumn(column) == nullptr) {
        skipped->push_back(absl::StrCat(document, " (no ", column, ")"));
        has_columns = false;
        break;
      }
    }
    if (has_columns) tables.push_back(table);
  }
  return tables;
}

absl::Status PostProcessor::EavLeftovers(const mapping::Groups& groups) {
  constexpr absl::string_view kAction = "EAV leftovers";
  const io::TableSchema* eav_attribute = nullptr;
  if (!Require(kAction, {{"eav_attribute", &eav_attribute}})) return absl::OkStatus();
  std::vector<std::string> skipped;
  std::vector<const io::TableSchema*> tables = GroupTables(groups, kLeftoverValuesGroup, {"attribute_id"}, &skipped);
  uint64_t total = 0;
  std::vector<std::string> counts;
  for (const io::TableSchema* table : tables) {
    absl::StatusOr<uint64_t> deleted = RemoveRecorded(
        *table, [&] { return io::DeleteValuesOfUnknownAttributes(connection_, *table, *eav_attribute); });
    if (!deleted.ok()) return deleted.status();
    total += *deleted;
    if (*deleted > 0) counts.push_back(Counted(table->name, *deleted));
  }
  std::string line = absl::StrCat(kAction, ": deleted ", total, " rows of attributes not in ", eav_attribute->name,
                                   " from ", tables.size(), " tables of group ", kLeftoverValuesGroup);
  if (!counts.empty()) absl::StrAppend(&line, " (", absl::StrJoin(counts, ", "), ")");
  if (!skipped.empty()) absl::StrAppend(&line, "; skipped ", absl::StrJoin(skipped, ", "));
  log_.Info(line);
  return absl::OkStatus();
}

absl::Status PostProcessor::AttributeSetLeftovers(const mapping::Groups& groups) {
  constexpr absl::string_view kAction = "Attribute-set leftovers";
  const io::TableSchema* product_entity = nullptr;
  const io::TableSchema* entity_attribute = nullptr;
  if (!Require(kAction, {{"catalog_product_entity", &product_entity}, {"eav_entity_attribute", &entity_attribute}})) {
    return absl::OkStatus();
  }
  std::vector<std::string> skipped;
  std::vector<const io::TableSchema*> tables =
      GroupTables(groups, kAttributeSetLeftoverGroup, {"attribute_id", "entity_id", "value"}, &skipped);
  uint64_t total = 0;
  std::vector<std::string> counts;
  for (const io::TableSchema* table : tables) {
    absl::StatusOr<uint64_t> deleted = RemoveRecorded(*table, [&] {
      return io::DeleteValuesOutsideAttributeSet(connection_, *table, *product_entity, *entity_attribute);
    });
    if (!deleted.ok()) return deleted.status();
    total += *deleted;
    if (*deleted > 0) counts.push_back(Counted(table->name, *deleted));
  }
  std::string line = absl::StrCat(kAction, ": deleted ", total,
                                  " values of attributes not in their product's attribute set from ", tables.size(),
                                  " tables of group ", kAttributeSetLeftoverGroup);
  if (!counts.empty()) absl::StrAppend(&line, " (", absl::StrJoin(counts, ", "), ")");
  if (!skipped.empty()) absl::StrAppend(&line, "; skipped ", absl::StrJoin(skipped, ", "));
  log_.Info(line);
  return absl::OkStatus();
}

absl::Status PostProcessor::RootCategoryProducts() {
  constexpr absl::string_view kAction = "Root category products";
  const io::TableSchema* category_product = nullptr;
  if (!Require(kAction, {{"catalog_category_product", &category_product}})) return absl::OkStatus();
  absl::StatusOr<uint64_t> deleted = RemoveRecorded(
      *category_product, [&] { return io::DeleteRowsWithValues(connection_, *category_product, "category_id", {1}); });
  if (!deleted.ok()) return deleted.status();
  log_.Info(absl::StrCat(kAction, ": deleted ", *deleted, " rows of category_id 1 from ", category_product->name));
  return absl::OkStatus();
}

absl::Status PostProcessor::MultiselectToVarchar() {
  constexpr absl::string_view kAction = "Multiselect values";
  const io::TableSchema* eav_attribute = nullptr;
  const io::TableSchema* entity_type = nullptr;
  const io::TableSchema* text = nullptr;
  const io::TableSchema* varchar = nullptr;
  if (!Require(kAction, {{"eav_attribute", &eav_attribute},
                         {"eav_entity_type", &entity_type},
                         {"catalog_product_entity_text", &text},
                         {"catalog_product_entity_varchar", &varchar}})) {
    return absl::OkStatus();
  }
  const io::ColumnSchema* value = varchar->FindColumn("value");
  std::optional<uint64_t> max_chars = value == nullptr ? std::nullopt : io::CharacterLength(*value);
  if (!max_chars.has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat(varchar->name, ".value is not a varchar column: ",
                     value == nullptr ? std::string("missing") : value->column_type));
  }
  absl::StatusOr<std::vector<int64_t>> ids =
      io::FindAttributeIds(connection_, *eav_attribute, *entity_type, kPostProcessingProductType, "frontend_input",
                           "multiselect");
  if (!ids.ok()) return ids.status();
  const io::ValueMove move{text, varchar, *ids, *max_chars};

  absl::StatusOr<io::TooLongValues> too_long = io::FindValuesTooLong(connection_, move, kTooLongListed);
  if (!too_long.ok()) return too_long.status();
  if (too_long->total > 0) {
    std::vector<std::string> rows;
    for (const io::ValueRowId& row : too_long->first) {
      rows.push_back(absl::StrCat("attribute_id ", row.attribute_id, " entity_id ", row.entity_id, " store_id ",
                                  row.store_id));
    }
    std::string listed = too_long->total > too_long->first.size()
                             ? absl::StrCat("the first ", too_long->first.size(), ": ")
                             : std::string();
    log_.Warning(absl::StrCat(too_long->total, " multiselect values in ", text->name, " are longer than the ",
                              *max_chars, " characters of ", varchar->name, ".value and stay in ", text->name,
                              " (", listed, absl::StrJoin(rows, "; "), ")"));
  }

  uint64_t moved = 0;
  uint64_t added = 0;
  absl::Status status = InTransaction([&]() -> absl::Status {
    absl::StatusOr<uint64_t> new_rows = io::CountValuesNewTo(connection_, move);
    if (!new_rows.ok()) return new_rows.status();
    absl::StatusOr<uint64_t> deleted = io::MoveValues(connection_, move, ValueChangeRecorder(context_, varchar->name));
    if (!deleted.ok()) return deleted.status();
    moved = *deleted;
    added = *new_rows;
    if (absl::Status recorded = Record(*text, static_cast<int64_t>(moved)); !recorded.ok()) return recorded;
    return Record(*varchar, -static_cast<int64_t>(added));
  });
  if (!status.ok()) return status;
  log_.Info(absl::StrCat(kAction, ": moved ", moved, " values of ", ids->size(), " multiselect attributes",
                         ids->empty() ? "" : absl::StrCat(" (", absl::StrJoin(*ids, ", "), ")"), " from ",
                         text->name, " to ", varchar->name, " (", added, " new rows, ", moved - added,
                         " replaced values); ", too_long->total, " too long to move"));
  return absl::OkStatus();
}

absl::Status PostProcessor::ProductUrlPaths() {
  constexpr absl::string_view kAction = "Product url_path";
  const io::TableSchema* eav_attribute = nullptr;
  const io::TableSchema* entity_type = nullptr;
  const io::TableSchema* varchar = nullptr;
  if (!Require(kAction, {{"eav_attribute", &eav_attribute},
                         {"eav_entity_type", &entity_type},
                         {"catalog_product_entity_varchar", &varchar}})) {
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<int64_t>> ids =
      io::FindAttributeIds(connection_, *eav_attribute, *entity_type, kPostProcessingProductType, "attribute_code",
                           "url_path");
  if (!ids.ok()) return ids.status();
  absl::StatusOr<uint64_t> deleted =
      RemoveRecorded(*varchar, [&] { return io::DeleteRowsWithValues(connection_, *varchar, "attribute_id", *ids); });
  if (!deleted.ok()) return deleted.status();
  log_.Info(absl::StrCat(kAction, ": deleted ", *deleted, " url_path values of products from ", varchar->name));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> PostProcessingData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::string> path = context.ResolveFileOption(kPostProcessingGroupsOption);
  if (!path.ok()) return path.status();
  absl::StatusOr<mapping::Groups> groups = mapping::Groups::Read(*path);
  if (!groups.ok()) return groups.status();
  absl::StatusOr<const io::DatabaseSchema*> schema = context.DestinationSchema();
  if (!schema.ok()) return schema.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenDestination();
  if (!connection.ok()) return connection.status();
  // DDL commits implicitly: the table is made before any transaction begins.
  absl::StatusOr<io::AdjustmentStore> adjustments = io::AdjustmentStore::Open(**connection);
  if (!adjustments.ok()) return adjustments.status();

  PostProcessor processor(context, log, **connection, **schema, std::move(*adjustments));
  const std::vector<std::function<absl::Status()>> actions = {
      [&] { return processor.EavLeftovers(*groups); },
      [&] { return processor.AttributeSetLeftovers(*groups); },
      [&] { return processor.RootCategoryProducts(); },
      [&] { return processor.MultiselectToVarchar(); },
      [&] { return processor.ProductUrlPaths(); },
  };
  for (const std::function<absl::Status()>& action : actions) {
    if (context.cancellation().stop_requested()) return absl::CancelledError("stopped by a stop request");
    if (absl::Status status = action(); !status.ok()) return status;
  }
  return true;
}

}  // namespace migrate::stages
