#include "stages/steps/configurable_prices_step.h"

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "io/bulk_writer.h"
#include "io/mysql_connection.h"
#include "io/row_batch.h"
#include "io/step_sql.h"
#include "io/transaction.h"
#include "mapping/document_prefix.h"
#include "stages/steps/step_copy.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kDecimal = "catalog_product_entity_decimal";

// Magento's list of the columns the step reads, per source document.
const std::vector<std::pair<std::string, std::vector<std::string>>>& SourceFields() {
  static const auto* fields = new std::vector<std::pair<std::string, std::vector<std::string>>>{
      {"catalog_product_super_attribute_pricing", {"website_id", "pricing_value"}},
      {"catalog_product_super_link", {"product_id"}},
      {"catalog_product_super_attribute", {"attribute_id"}},
  };
  return *fields;
}

}  // namespace

std::string ValueEntityColumn(const io::TableSchema& decimal) {
  return decimal.FindColumn("entity_id") == nullptr && decimal.FindColumn("row_id") != nullptr ? "row_id" : "entity_id";
}

io::ConfigurablePriceTables ConfigurablePriceSourceTables(const RunContext& context) {
  const std::string& prefix = context.prefixes().source;
  io::ConfigurablePriceTables tables;
  tables.database = context.connections().source().database;
  tables.eav_attribute = mapping::AddDocumentPrefix(prefix, "eav_attribute");
  tables.eav_entity_type = mapping::AddDocumentPrefix(prefix, "eav_entity_type");
  tables.product_decimal = mapping::AddDocumentPrefix(prefix, "catalog_product_entity_decimal");
  tables.product_int = mapping::AddDocumentPrefix(prefix, "catalog_product_entity_int");
  tables.super_attribute = mapping::AddDocumentPrefix(prefix, "catalog_product_super_attribute");
  tables.super_pricing = mapping::AddDocumentPrefix(prefix, "catalog_product_super_attribute_pricing");
  tables.super_link = mapping::AddDocumentPrefix(prefix, "catalog_product_super_link");
  tables.store = mapping::AddDocumentPrefix(prefix, "core_store");
  return tables;
}

absl::StatusOr<uint64_t> WriteChildPrices(RunContext& context, io::MysqlConnection& destination,
                                          const io::TableSchema& decimal, const std::string& price_id,
                                          const io::ResultSet& rows) {
  io::RowBatch batch(4);
  std::pair<std::string, std::string> last;
  for (const io::Row& row : rows.rows()) {
    if (row.size() != 4 || !row[0].has_value() || !row[1].has_value() || !row[3].has_value()) continue;
    std::pair<std::string, std::string> key{*row[0], *row[1]};
    if (batch.row_count() > 0 && key == last) continue;
    last = key;
    batch.AddValue(price_id);
    batch.AddValue(*row[1]);
    batch.AddValue(*row[0]);
    batch.AddValue(*row[3]);
    batch.FinishRow();
  }
  if (batch.empty()) return 0;
  io::BulkWriterOptions options;
  options.database = decimal.database;
  options.table = decimal.name;
  options.columns = {"attribute_id", "store_id", ValueEntityColumn(decimal), "value"};
  options.mode = io::WriteMode::kUpsert;
  options.update_columns = {"value"};
  absl::StatusOr<std::unique_ptr<io::BulkWriter>> writer = io::BulkWriter::Create(destination, options);
  if (!writer.ok()) return writer.status();
  if (absl::Status status = (*writer)->Write(batch); !status.ok()) return status;
  if (absl::Status status =
          RecordValueChanges(context, **writer, batch, {"attribute_id", "store_id", ValueEntityColumn(decimal)});
      !status.ok()) {
    return status;
  }
  return batch.row_count();
}

absl::Status RecordAddedPriceRows(const io::AdjustmentStore& adjustments, io::MysqlConnection& source,
                                  io::MysqlConnection& destination, const io::ConfigurablePriceTables& tables,
                                  const io::TableSchema& decimal, const std::string& price_id) {
  absl::StatusOr<uint64_t> added = io::CountSelect(source, io::ConfigurableAddedPriceRowsSql(tables, price_id));
  if (!added.ok()) return added.status();
  return adjustments.Set(destination, "ConfigurablePrices", decimal.name, -static_cast<int64_t>(*added));
}

absl::StatusOr<bool> ConfigurablePricesIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<const io::DatabaseSchema*> source = context.SourceSchema();
  if (!source.ok()) return source.status();
  absl::StatusOr<const io::DatabaseSchema*> destination = context.DestinationSchema();
  if (!destination.ok()) return destination.status();
  bool passed = true;
  std::vector<std::string> missing_documents;
  for (const auto& [document, fields] : SourceFields()) {
    const io::TableSchema* table = FindDocument(**source, context.prefixes().source, document);
    if (table == nullptr) {
      missing_documents.push_back(document);
      continue;
    }
    if (std::vector<std::string> missing = MissingFields(*table, fields); !missing.empty()) {
      log.Error(
          absl::StrCat("Source fields are missing. Document: ", document, ". Fields: ", absl::StrJoin(missing, ",")));
      passed = false;
    }
  }
  if (!missing_documents.empty()) {
    log.Error(absl::StrCat("Source documents are missing: ", absl::StrJoin(missing_documents, ",")));
    passed = false;
  }
  const io::TableSchema* decimal = FindDocument(**destination, context.prefixes().destination, kDecimal);
  if (decimal == nullptr) {
    log.Error(absl::StrCat("Destination documents are missing: ", kDecimal));
    return false;
  }
  if (std::vector<std::string> missing =
          MissingFields(*decimal, {"store_id", "value", ValueEntityColumn(*decimal), "attribute_id"});
      !missing.empty()) {
    log.Error(absl::StrCat("Destination fields are missing. Document: ", kDecimal,
                           ". Fields: ", absl::StrJoin(missing, ",")));
    passed = false;
  }
  return passed;
}

absl::StatusOr<bool> ConfigurablePricesData::Run(RunContext& context, const StepLog& log) {
  const absl::Time start = absl::Now();
  absl::StatusOr<const io::DatabaseSchema*> destination_schema = context.DestinationSchema();
  if (!destination_schema.ok()) return destination_schema.status();
  const io::TableSchema* decimal = FindDocument(**destination_schema, context.prefixes().destination, kDecimal);
  if (decimal == nullptr) return absl::FailedPreconditionError(absl::StrCat("the destination has no ", kDecimal));
  const io::ConfigurablePriceTables tables = ConfigurablePriceSourceTables(context);
  absl::StatusOr<const io::DatabaseSchema*> source_schema = context.SourceSchema();
  if (!source_schema.ok()) return source_schema.status();
  for (const std::string* table :
       {&tables.eav_attribute, &tables.eav_entity_type, &tables.product_decimal, &tables.product_int,
        &tables.super_attribute, &tables.super_pricing, &tables.super_link, &tables.store}) {
    if (!(*source_schema)->contains(*table)) {
      log.Warning(absl::StrCat("Magento 1 has no ", *table, ": no configurable prices to move"));
      return true;
    }
  }

  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<io::ResultSet> price = (*source)->Query(io::ProductPriceAttributeSql(tables));
  if (!price.ok()) return price.status();
  if (price->empty() || !price->rows()[0][0].has_value()) {
    log.Warning("Magento 1 has no price attribute of catalog_product: no configurable prices to move");
    return true;
  }
  const std::string price_id = *price->rows()[0][0];
  absl::StatusOr<io::ResultSet> children = (*source)->Query(io::ConfigurableChildrenSql(tables));
  if (!children.ok()) return children.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();

  const size_t page = std::max<size_t>(1, context.BulkSize() / 10);
  const std::vector<io::Row>& ids = children->rows();
  uint64_t written = 0;
  for (size_t first = 0; first < ids.size(); first += page) {
    if (context.cancellation().stop_requested()) return true;
    const size_t last = std::min(ids.size(), first + page) - 1;
    if (!ids[first][0].has_value() || !ids[last][0].has_value()) continue;
    absl::StatusOr<io::ResultSet> rows =
        (*source)->Query(io::ConfigurableChildPricesSql(tables, price_id, *ids[first][0], *ids[last][0]));
    if (!rows.ok()) return rows.status();
    absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(**destination);
    if (!transaction.ok()) return transaction.status();
    absl::StatusOr<uint64_t> page_rows = WriteChildPrices(context, **destination, *decimal, price_id, *rows);
    if (!page_rows.ok()) return page_rows.status();
    if (absl::Status status = transaction->Commit(); !status.ok()) return status;
    written += *page_rows;
  }
  absl::StatusOr<io::AdjustmentStore> adjustments = io::AdjustmentStore::Open(**destination);
  if (!adjustments.ok()) return adjustments.status();
  if (absl::Status status = RecordAddedPriceRows(*adjustments, **source, **destination, tables, *decimal, price_id);
      !status.ok()) {
    return status;
  }
  context.totals().rows += written;
  log.Info(absl::StrFormat("%d prices of %d configurable children written in %.1f s", written, ids.size(),
                           absl::ToDoubleSeconds(absl::Now() - start)));
  return true;
}

}  // namespace migrate::stages
