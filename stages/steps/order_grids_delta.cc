#include "stages/steps/order_grids_delta.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/range_insert_select.h"
#include "io/result_set.h"
#include "io/table_sql.h"
#include "mapping/document_prefix.h"
#include "stages/delta_followers.h"
#include "stages/steps/order_grids_columns.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

// The grid whose base table a source document of its own entity is copied to.
constexpr std::pair<const char*, const char*> kOwnDocuments[] = {{"sales_flat_invoice", "sales_invoice"},
                                                                 {"sales_flat_shipment", "sales_shipment"},
                                                                 {"sales_flat_creditmemo", "sales_creditmemo"}};

// The documents that give their order through parent_id, and their destination tables.
constexpr std::pair<const char*, const char*> kOrderChildren[] = {{"sales_flat_order_address", "sales_order_address"},
                                                                  {"sales_flat_order_payment", "sales_order_payment"}};

const std::vector<int64_t>* Ids(const FollowerPage& page, const std::string& document) {
  auto found = page.find(document);
  return found == page.end() ? nullptr : &found->second;
}

}  // namespace

OrderGridsDelta::OrderGridsDelta() : FollowerDelta(kOrderGridsFollower) {}

absl::Status OrderGridsDelta::Prepare(RunContext& context, io::MysqlConnection& destination, const StepLog&) {
  grids_.clear();
  const std::string& database = context.connections().destination().database;
  const std::string prefix = context.prefixes().destination;
  auto table = [&](absl::string_view name) {
    return io::QualifiedName(database, mapping::AddDocumentPrefix(prefix, name));
  };
  for (const GridDefinition& grid : GridDefinitions()) {
    absl::StatusOr<std::optional<std::vector<std::string>>> columns =
        io::TableColumns(destination, database, mapping::AddDocumentPrefix(prefix, grid.grid));
    if (!columns.ok()) return columns.status();
    if (!columns->has_value()) return absl::NotFoundError(absl::StrCat("the destination has no ", grid.grid));
    const GridSelect select = BuildGridSelect(grid, **columns, table);
    Grid entry;
    entry.base = grid.base;
    entry.plan.database = database;
    entry.plan.driving_table = mapping::AddDocumentPrefix(prefix, grid.base);
    entry.plan.driving_alias = grid.base;
    entry.plan.key_column = "entity_id";
    entry.plan.select = select.select;
    entry.plan.target_table = mapping::AddDocumentPrefix(prefix, grid.grid);
    entry.plan.target_columns = select.columns;
    entry.child = grid.base != "sales_order";
    grids_.push_back(std::move(entry));
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> OrderGridsDelta::Refresh(RunContext& context, io::MysqlConnection& destination,
                                                  const FollowerPage& page) {
  const std::string& database = context.connections().destination().database;
  const std::string prefix = context.prefixes().destination;
  std::set<int64_t> orders;
  if (const std::vector<int64_t>* ids = Ids(page, "sales_flat_order")) orders.insert(ids->begin(), ids->end());
  for (const auto& [document, table] : kOrderChildren) {
    const std::vector<int64_t>* ids = Ids(page, document);
    if (ids == nullptr) continue;
    absl::StatusOr<io::ResultSet> parents = destination.Query(absl::StrCat(
        "SELECT DISTINCT `parent_id` FROM ", io::QualifiedName(database, mapping::AddDocumentPrefix(prefix, table)),
        " WHERE `entity_id` IN (", IdList(*ids), ") AND `parent_id` IS NOT NULL"));
    if (!parents.ok()) return parents.status();
    for (const io::Row& row : parents->rows()) orders.insert(std::stoll(row[0].value_or("0")));
  }
  const std::vector<int64_t> order_ids(orders.begin(), orders.end());
  const std::vector<int64_t>* addresses = Ids(page, "sales_flat_order_address");
  uint64_t rows = 0;
  for (const Grid& grid : grids_) {
    std::vector<int64_t> own;
    for (const auto& [document, base] : kOwnDocuments) {
      if (grid.base != base) continue;
      if (const std::vector<int64_t>* ids = Ids(page, document)) own = *ids;
    }
    if (!grid.child) own = order_ids;
    std::vector<std::string> base_terms;
    std::vector<std::string> grid_terms;
    if (!own.empty()) {
      base_terms.push_back(absl::StrCat(grid.base, ".entity_id IN (", IdList(own), ")"));
      grid_terms.push_back(absl::StrCat("target.entity_id IN (", IdList(own), ")"));
    }
    if (grid.child && !order_ids.empty()) {
      base_terms.push_back(absl::StrCat(grid.base, ".order_id IN (", IdList(order_ids), ")"));
      grid_terms.push_back(absl::StrCat("target.order_id IN (", IdList(order_ids), ")"));
    }
    if (addresses != nullptr) {
      // The rows that show an address, found by the base's own address ids even when the address
      // is gone (so its order's parent_id can no longer be read).
      base_terms.push_back(absl::StrCat(grid.base, ".shipping_address_id IN (", IdList(*addresses), ") OR ", grid.base,
                                        ".billing_address_id IN (", IdList(*addresses), ")"));
    }
    if (base_terms.empty()) continue;
    if (grid_terms.empty()) grid_terms.push_back("FALSE");
    const std::string where = absl::StrCat("(", absl::StrJoin(base_terms, " OR "), ")");
    absl::StatusOr<uint64_t> written =
        io::RunInsertSelect(destination, grid.plan, where, ValueChangeRecorder(context, grid.plan.target_table));
    if (!written.ok()) return written.status();
    rows += *written;
    absl::StatusOr<uint64_t> deleted = io::DeleteOrphans(
        destination, io::OrphanDelete{database, grid.plan.target_table, "entity_id", grid.plan.driving_table,
                                      "entity_id", absl::StrJoin(grid_terms, " OR ")});
    if (!deleted.ok()) return deleted.status();
    rows += *deleted;
  }
  return rows;
}

}  // namespace migrate::stages
