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
#include "stages/delta_followers.h"
#include "stages/steps/structure_check.h"
#include "stages/value_change_report.h"

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
  // On a connection the caller keeps (the follower delta's, inside its transaction).
  static Msi On(RunContext& context, io::MysqlConnection& connection) {
    Msi msi(context, nullptr);
    msi.connection_ = &connection;
    return msi;
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
      absl::StatusOr<uint64_t> rows =
          io::CountRows(*connection_, database_, Table("setup_module"), "`module` = ?", {std::string(kModule)});
      if (!rows.ok()) return rows.status();
      if (*rows > 0) return true;
    }
    log.Info(absl::StrCat("MSI (", kModule, ") is not installed in the destination: nothing to do"));
    return false;
  }

  // The source that stock items and shipments are assigned to, as a scalar subquery: the statements
  // that assign it name it by this SQL, never by its value.
  std::string DefaultSourceSql() const {
    return absl::StrCat("(SELECT `source_code` FROM ", Qualified(kSource),
                        " ORDER BY `source_code` <> 'default', `source_code` LIMIT 1)");
  }

  // The value of DefaultSourceSql(); an error when there is no source.
  absl::StatusOr<std::string> DefaultSource() {
    absl::StatusOr<io::ResultSet> rows = connection_->Query(absl::StrCat("SELECT ", DefaultSourceSql()));
    if (!rows.ok()) return rows.status();
    if (rows->empty() || !rows->rows()[0][0].has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(Table(kSource), " has no source to assign the stock to"));
    }
    return *rows->rows()[0][0];
  }

 private:
  Msi(RunContext& context, std::unique_ptr<io::MysqlConnection> connection)
      : owned_(std::move(connection)),
        connection_(owned_.get()),
        database_(context.connections().destination().database),
        prefix_(context.prefixes().destination) {}

  std::unique_ptr<io::MysqlConnection> owned_;
  io::MysqlConnection* connection_;
  std::string database_;
  std::string prefix_;
};

// Legacy stock items of website 0 whose product exists -> source items of `code` (an SQL expression).
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

// Every shipment -> its shipment source, `code` (an SQL expression).
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

// inventory_stock_sales_channel replaced by the websites but admin, all on the default stock; the
// values the destination changes go to `on_changes`.
absl::Status ReplaceSalesChannels(Msi& msi, const io::StatementChangeHandler& on_changes) {
  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(msi.connection());
  if (!transaction.ok()) return transaction.status();
  if (absl::Status status = msi.connection().Execute(absl::StrCat("DELETE FROM ", msi.Qualified(kSalesChannel)));
      !status.ok()) {
    return status;
  }
  const std::string select = absl::StrCat("SELECT 'website', `code`, 1 FROM ", msi.Qualified("store_website"),
                                          " WHERE `code` <> 'admin' ORDER BY `website_id`");
  absl::StatusOr<uint64_t> written = io::ExecuteInsertSelect(
      msi.connection(), absl::StrCat("INSERT INTO ", msi.Qualified(kSalesChannel), " (`type`, `code`, `stock_id`) ", select),
      select, msi.database(), msi.Table(kSalesChannel), {"type", "code", "stock_id"}, on_changes);
  if (!written.ok()) return written.status();
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
  const std::string code = msi->DefaultSourceSql();
  auto stop = [&context] { return context.cancellation().stop_requested(); };

  const io::RangeInsertSelect source_items = SourceItems(*msi, code);
  absl::StatusOr<uint64_t> items = io::RunRangeInsertSelect(msi->connection(), source_items, context.BulkSize(), stop,
                                                            ValueChangeRecorder(context, source_items.target_table));
  if (!items.ok()) return items.status();
  if (absl::Status status = ReplaceSalesChannels(*msi, ValueChangeRecorder(context, msi->Table(kSalesChannel)));
      !status.ok()) {
    return status;
  }
  const io::RangeInsertSelect shipment_sources = ShipmentSources(*msi, code);
  absl::StatusOr<uint64_t> shipments =
      io::RunRangeInsertSelect(msi->connection(), shipment_sources, context.BulkSize(), stop,
                               ValueChangeRecorder(context, shipment_sources.target_table));
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


InventoryDelta::InventoryDelta() : FollowerDelta(kInventoryFollower) {}

absl::Status InventoryDelta::Prepare(RunContext& context, io::MysqlConnection& destination, const StepLog& log) {
  Msi msi = Msi::On(context, destination);
  absl::StatusOr<bool> present = msi.Present(log);
  if (!present.ok()) return present.status();
  present_ = *present;
  if (!present_) return absl::OkStatus();
  absl::StatusOr<std::string> source = msi.DefaultSource();
  if (!source.ok()) return source.status();
  code_ = msi.DefaultSourceSql();
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> InventoryDelta::Refresh(RunContext& context, io::MysqlConnection& destination,
                                                 const FollowerPage& page) {
  if (!present_) return 0;
  Msi msi = Msi::On(context, destination);
  uint64_t rows = 0;
  if (auto items = page.find("cataloginventory_stock_item"); items != page.end()) {
    const std::string ids = IdList(items->second);
    const io::RangeInsertSelect source_items = SourceItems(msi, code_);
    absl::StatusOr<uint64_t> written =
        io::RunInsertSelect(destination, source_items, absl::StrCat("legacy_stock_item.item_id IN (", ids, ")"),
                            ValueChangeRecorder(context, source_items.target_table));
    if (!written.ok()) return written.status();
    rows += *written;
    absl::StatusOr<uint64_t> left = io::CountRows(destination, msi.database(), msi.Table("cataloginventory_stock_item"),
                                                  absl::StrCat("`item_id` IN (", ids, ")"));
    if (!left.ok()) return left.status();
    if (*left < items->second.size()) {
      // Some stock items are gone, and with them the sku their rows named: the default source's
      // items whose sku has no stock item of website 0 left go too.
      if (absl::Status status = destination.Execute(absl::StrCat(
              "DELETE source_item FROM ", msi.Qualified(kSourceItem),
              " AS source_item WHERE source_item.source_code = ", code_, " AND NOT EXISTS (SELECT 1 FROM ", msi.Qualified("cataloginventory_stock_item"),
              " AS legacy_stock_item JOIN ", msi.Qualified("catalog_product_entity"),
              " AS product ON product.entity_id = legacy_stock_item.product_id WHERE legacy_stock_item.website_id = 0 "
              "AND product.sku = source_item.sku)"));
          !status.ok()) {
        return status;
      }
      rows += destination.affected_rows();
    }
  }
  if (auto shipments = page.find("sales_flat_shipment"); shipments != page.end()) {
    const std::string ids = IdList(shipments->second);
    const io::RangeInsertSelect shipment_sources = ShipmentSources(msi, code_);
    absl::StatusOr<uint64_t> written =
        io::RunInsertSelect(destination, shipment_sources, absl::StrCat("sales_shipment.entity_id IN (", ids, ")"),
                            ValueChangeRecorder(context, shipment_sources.target_table));
    if (!written.ok()) return written.status();
    rows += *written;
    absl::StatusOr<uint64_t> deleted = io::DeleteOrphans(
        destination, io::OrphanDelete{msi.database(), msi.Table(kShipmentSource), "shipment_id",
                                      msi.Table("sales_shipment"), "entity_id",
                                      absl::StrCat("target.shipment_id IN (", ids, ")")});
    if (!deleted.ok()) return deleted.status();
    rows += *deleted;
  }
  return rows;
}

}  // namespace migrate::stages
