#include "stages/steps/inventory_step.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "io/range_insert_select.h"
#include "io/result_set.h"
#include "io/table_sql.h"
#include "io/transaction.h"
#include "mapping/document_prefix.h"
#include "stages/steps/structure_check.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kSourceItem = "inventory_source_item";
constexpr absl::string_view kSalesChannel = "inventory_stock_sales_channel";
constexpr absl::string_view kShipmentSource = "inventory_shipment_source";
constexpr absl::string_view kSource = "inventory_source";
constexpr absl::string_view kModule = "Magento_Inventory";

// The destination, with its database and prefix at hand.
class Msi {
 public:
  static absl::StatusOr<Msi> Open(RunContext& context) {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenDestination();
    if (!connection.ok()) return connection.status();
    return Msi(context, std::move(*connection));
  }

  io::MysqlConnection& connection() { return *connection_; }
  const std::string& database() const { return database_; }
  std::string Table(absl::string_view name) const { return mapping::AddDocumentPrefix(prefix_, name); }
  std::string Qualified(absl::string_view name) const { return io::QualifiedName(database_, Table(name)); }

  // True when MSI is installed (see the header); otherwise logs that it is not.
  absl::StatusOr<bool> Present(const StepLog& log) {
    absl::StatusOr<bool> table = io::TableExists(*connection_, database_, Table(kSourceItem));
    if (!table.ok()) return table.status();
    if (*table) return true;
    absl::StatusOr<bool> modules = io::TableExists(*connection_, database_, Table("setup_module"));
    if (!modules.ok()) return modules.status();
    if (*modules) {
      absl::StatusOr<uint64_t> rows = io::CountRows(*connection_, database_, Table("setup_module"),
                                                    absl::StrCat("`module` = ", connection_->Quote(kModule)));
      if (!rows.ok()) return rows.status();
      if (*rows > 0) return true;
    }
    log.Info(absl::StrCat("MSI (", kModule, ") is not installed in the destination: nothing to do"));
    return false;
  }

  // The source that stock items and shipments are assigned to.
  absl::StatusOr<std::string> DefaultSource() {
    absl::StatusOr<io::ResultSet> rows =
        connection_->Query(absl::StrCat("SELECT `source_code` FROM ", Qualified(kSource),
                                        " ORDER BY `source_code` <> 'default', `source_code` LIMIT 1"));
    if (!rows.ok()) return rows.status();
    if (rows->empty() || !rows->rows()[0][0].has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(Table(kSource), " has no source to assign the stock to"));
    }
    return *rows->rows()[0][0];
  }

 private:
  Msi(RunContext& context, std::unique_ptr<io::MysqlConnection> connection)
      : connection_(std::move(connection)),
        database_(context.connections().destination().database),
        prefix_(context.prefixes().destination) {}

  std::unique_ptr<io::MysqlConnection> connection_;
  std::string database_;
  std::string prefix_;
};

// Legacy stock items of website 0 whose product exists -> source items of `code` (SQL-quoted).
io::RangeInsertSelect SourceItems(Msi& msi, const std::string& code) {
  io::RangeInsertSelect plan;
  plan.database = msi.database();
  plan.driving_table = msi.Table("cataloginventory_stock_item");
  plan.driving_alias = "legacy_stock_item";
  plan.key_column = "item_id";
  plan.select = absl::StrCat("SELECT ", code,
                             ", COALESCE(legacy_stock_item.qty, 0), legacy_stock_item.is_in_stock, product.sku FROM ",
                             msi.Qualified("cataloginventory_stock_item"), " AS legacy_stock_item JOIN ",
                             msi.Qualified("catalog_product_entity"),
                             " AS product ON product.entity_id = legacy_stock_item.product_id");
  plan.condition = "legacy_stock_item.website_id = 0";
  plan.target_table = msi.Table(kSourceItem);
  plan.target_columns = {"source_code", "quantity", "status", "sku"};
  return plan;
}

// Every shipment -> its shipment source, `code` (SQL-quoted).
io::RangeInsertSelect ShipmentSources(Msi& msi, const std::string& code) {
  io::RangeInsertSelect plan;
  plan.database = msi.database();
  plan.driving_table = msi.Table("sales_shipment");
  plan.driving_alias = "sales_shipment";
  plan.key_column = "entity_id";
  plan.select = absl::StrCat("SELECT sales_shipment.entity_id, ", code, " FROM ", msi.Qualified("sales_shipment"),
                             " AS sales_shipment");
  plan.target_table = msi.Table(kShipmentSource);
  plan.target_columns = {"shipment_id", "source_code"};
  return plan;
}

// inventory_stock_sales_channel replaced by the websites but admin, all on the default stock.
absl::Status ReplaceSalesChannels(Msi& msi) {
  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(msi.connection());
  if (!transaction.ok()) return transaction.status();
  if (absl::Status status = msi.connection().Execute(absl::StrCat("DELETE FROM ", msi.Qualified(kSalesChannel)));
      !status.ok()) {
    return status;
  }
  if (absl::Status status = msi.connection().Execute(
          absl::StrCat("INSERT INTO ", msi.Qualified(kSalesChannel),
                       " (`type`, `code`, `stock_id`) SELECT 'website', `code`, 1 FROM ",
                       msi.Qualified("store_website"), " WHERE `code` <> 'admin' ORDER BY `website_id`"));
      !status.ok()) {
    return status;
  }
  return transaction->Commit();
}

}  // namespace

absl::StatusOr<bool> InventoryIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<Msi> msi = Msi::Open(context);
  if (!msi.ok()) return msi.status();
  absl::StatusOr<bool> present = msi->Present(log);
  if (!present.ok()) return present.status();
  if (!*present) return true;
  return CheckExactStructures(context, msi->connection(),
                              {{msi->Table(kSourceItem),
                                msi->Table(kSourceItem),
                                {"source_item_id", "source_code", "quantity", "status", "sku"}},
                               {msi->Table(kSalesChannel), msi->Table(kSalesChannel), {"type", "code", "stock_id"}},
                               {msi->Table(kShipmentSource),
                                msi->Table(kShipmentSource),
                                {"shipment_id", "source_code"}},
                               {msi->Table(kSource), msi->Table(kSource), {}}},
                              log);
}

absl::StatusOr<bool> InventoryData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<Msi> msi = Msi::Open(context);
  if (!msi.ok()) return msi.status();
  absl::StatusOr<bool> present = msi->Present(log);
  if (!present.ok()) return present.status();
  if (!*present) return true;
  absl::StatusOr<std::string> source = msi->DefaultSource();
  if (!source.ok()) return source.status();
  const std::string code = msi->connection().Quote(*source);
  auto stop = [&context] { return context.cancellation().stop_requested(); };

  absl::StatusOr<uint64_t> items =
      io::RunRangeInsertSelect(msi->connection(), SourceItems(*msi, code), context.BulkSize(), stop);
  if (!items.ok()) return items.status();
  if (absl::Status status = ReplaceSalesChannels(*msi); !status.ok()) return status;
  absl::StatusOr<uint64_t> shipments =
      io::RunRangeInsertSelect(msi->connection(), ShipmentSources(*msi, code), context.BulkSize(), stop);
  if (!shipments.ok()) return shipments.status();
  log.Info(absl::StrCat("source '", *source, "': ", *items, " legacy stock items and ", *shipments,
                        " shipments assigned"));
  return true;
}

absl::StatusOr<bool> InventoryVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<Msi> msi = Msi::Open(context);
  if (!msi.ok()) return msi.status();
  absl::StatusOr<bool> present = msi->Present(log);
  if (!present.ok()) return present.status();
  if (!*present) return true;
  bool passed = true;
  for (const auto& [legacy, target] : {std::pair{absl::string_view("cataloginventory_stock_item"), kSourceItem},
                                       std::pair{absl::string_view("sales_shipment"), kShipmentSource}}) {
    absl::StatusOr<uint64_t> source_rows = io::CountRows(msi->connection(), msi->database(), msi->Table(legacy));
    if (!source_rows.ok()) return source_rows.status();
    absl::StatusOr<uint64_t> destination_rows = io::CountRows(msi->connection(), msi->database(), msi->Table(target));
    if (!destination_rows.ok()) return destination_rows.status();
    if (*source_rows == *destination_rows) continue;
    log.Warning(absl::StrCat("Mismatch of entities in the document: ", msi->Table(target), " Source: ", *source_rows,
                             " Destination: ", *destination_rows));
    passed = false;
  }
  return passed;
}

}  // namespace migrate::stages
