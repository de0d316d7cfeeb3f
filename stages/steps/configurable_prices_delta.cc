#include "stages/steps/configurable_prices_delta.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "io/mysql_error.h"
#include "io/transaction.h"
#include "mapping/map_rules.h"
#include "stages/change_capture_setup.h"
#include "stages/changelog_replay.h"
#include "stages/copy_plan_builder.h"
#include "stages/delta_followers.h"
#include "stages/map_documents.h"
#include "stages/steps/configurable_prices_step.h"
#include "stages/steps/map_delta_step.h"
#include "stages/steps/step_copy.h"

namespace migrate::stages {
namespace {

constexpr char kGroup[] = "delta_configurable_price";
constexpr char kPricing[] = "catalog_product_super_attribute_pricing";
constexpr char kDecimal[] = "catalog_product_entity_decimal";

// Children refreshed per group of statements.
constexpr size_t kChildrenPerChunk = 500;

absl::StatusOr<std::vector<int64_t>> IntegerColumn(const io::ResultSet& rows, size_t column) {
  std::vector<int64_t> values;
  for (const io::Row& row : rows.rows()) {
    if (row.size() <= column || !row[column].has_value()) continue;
    int64_t value = 0;
    if (!absl::SimpleAtoi(*row[column], &value)) {
      return absl::InternalError(absl::StrCat("not an integer id: ", *row[column]));
    }
    values.push_back(value);
  }
  return values;
}

}  // namespace

absl::Status ConfigurableChildRefresh::Prepare(RunContext& context, io::MysqlConnection& source,
                                               io::MysqlConnection& destination, const StepLog& log) {
  absl::Status status = PrepareTables(context, source, destination, log);
  prepared_ = status.ok();
  return status;
}

absl::Status ConfigurableChildRefresh::PrepareTables(RunContext& context, io::MysqlConnection& source,
                                                     io::MysqlConnection& destination, const StepLog& log) {
  tables_ = ConfigurablePriceSourceTables(context);
  absl::StatusOr<const io::DatabaseSchema*> source_schema = context.SourceSchema();
  if (!source_schema.ok()) return source_schema.status();
  absl::StatusOr<const io::DatabaseSchema*> destination_schema = context.DestinationSchema();
  if (!destination_schema.ok()) return destination_schema.status();
  decimal_ = FindDocument(**destination_schema, context.prefixes().destination, kDecimal);
  if (decimal_ == nullptr) return absl::FailedPreconditionError(absl::StrCat("the destination has no ", kDecimal));
  for (const std::string* table :
       {&tables_.eav_attribute, &tables_.eav_entity_type, &tables_.product_decimal, &tables_.product_int,
        &tables_.super_attribute, &tables_.super_pricing, &tables_.super_link, &tables_.store}) {
    if (!(*source_schema)->contains(*table)) {
      log.Warning(absl::StrCat("Magento 1 has no ", *table, ": no configurable prices to keep up to date"));
      return absl::OkStatus();
    }
  }
  absl::StatusOr<io::ResultSet> price = source.Query(io::ProductPriceAttributeSql(tables_));
  if (!price.ok()) return price.status();
  if (price->empty() || !price->rows()[0][0].has_value()) {
    log.Warning("Magento 1 has no price attribute of catalog_product: no configurable prices to keep up to date");
    return absl::OkStatus();
  }
  price_id_ = *price->rows()[0][0];
  absl::StatusOr<io::AdjustmentStore> adjustments = io::AdjustmentStore::Open(destination);
  if (!adjustments.ok()) return adjustments.status();
  adjustments_ = std::move(*adjustments);

  absl::StatusOr<std::string> map_path = context.ResolveFileOption("map_file");
  if (!map_path.ok()) return map_path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*map_path);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<MapDocuments> pairs = PairDocuments(context, *rules, {kDecimal});
  if (!pairs.ok()) return pairs.status();
  auto pair = std::find_if(pairs->pairs.begin(), pairs->pairs.end(),
                           [](const DocumentPair& candidate) { return candidate.plan.source_document == kDecimal; });
  if (pair == pairs->pairs.end()) return absl::OkStatus();
  lookup_ = std::make_unique<ConnectionSourceLookup>(context.connections(), context.prefixes().source);
  destination_access_ =
      std::make_unique<ConnectionDestinationAccess>(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, *lookup_, *destination_access_, log);
  absl::StatusOr<pipeline::DeltaPlan> plan = MakeDeltaPlan(context, *pair, DeltaDocument{kDecimal, {"value_id"}}, setup,
                                                           nullptr);
  if (!plan.ok()) return plan.status();
  decimal_plan_ = std::move(*plan);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::vector<int64_t>>> ConfigurableChildRefresh::ChildrenOf(
    io::MysqlConnection& source, io::ConfigurableChange change, const std::vector<int64_t>& ids) const {
  if (price_id_.empty() || ids.empty()) return std::vector<int64_t>{};
  absl::StatusOr<io::ResultSet> rows = source.Query(io::ConfigurableChildrenOfSql(tables_, change, price_id_, ids));
  if (!rows.ok()) return rows.status();
  absl::StatusOr<std::vector<int64_t>> found = IntegerColumn(*rows, 0);
  if (!found.ok()) return found.status();
  const std::set<int64_t> present(found->begin(), found->end());
  if (present.size() < std::set<int64_t>(ids.begin(), ids.end()).size()) return std::nullopt;
  absl::StatusOr<std::vector<int64_t>> children = IntegerColumn(*rows, 1);
  if (!children.ok()) return children.status();
  std::sort(children->begin(), children->end());
  children->erase(std::unique(children->begin(), children->end()), children->end());
  return std::move(*children);
}

absl::StatusOr<uint64_t> ConfigurableChildRefresh::Refresh(RunContext& context, io::MysqlConnection& source,
                                                          io::MysqlConnection& destination,
                                                          const std::optional<std::vector<int64_t>>& children,
                                                          size_t batch_size) const {
  if (price_id_.empty()) return 0;
  std::vector<int64_t> ids;
  if (children.has_value()) {
    ids = *children;
  } else {
    absl::StatusOr<io::ResultSet> all = source.Query(io::ConfigurableLinkedChildrenSql(tables_));
    if (!all.ok()) return all.status();
    absl::StatusOr<std::vector<int64_t>> linked = IntegerColumn(*all, 0);
    if (!linked.ok()) return linked.status();
    ids = std::move(*linked);
  }
  uint64_t rows = 0;
  for (size_t first = 0; first < ids.size(); first += kChildrenPerChunk) {
    const std::vector<int64_t> chunk(ids.begin() + first, ids.begin() + std::min(ids.size(), first + kChildrenPerChunk));
    absl::StatusOr<io::ResultSet> own = source.Query(io::ProductPriceValueIdsSql(tables_, price_id_, chunk));
    if (!own.ok()) return own.status();
    absl::StatusOr<uint64_t> deleted = io::DeleteAttributeValues(destination, decimal_->database, decimal_->name,
                                                                 ValueEntityColumn(*decimal_), price_id_, chunk);
    if (!deleted.ok()) return deleted.status();
    rows += *deleted;
    if (decimal_plan_.has_value() && !own->empty()) {
      std::vector<io::Key> keys;
      for (const io::Row& row : own->rows()) {
        if (row[0].has_value()) keys.push_back(io::Key{*row[0]});
      }
      absl::StatusOr<pipeline::DeltaApplyResult> copied =
          pipeline::ApplyChangedKeysInTransaction(*decimal_plan_, keys, source, destination, batch_size,
                                                  &context.value_changes());
      if (!copied.ok()) return copied.status();
      rows += copied->rows_upserted;
    }
    absl::StatusOr<io::ResultSet> prices = source.Query(io::ConfigurableChildPricesSql(tables_, price_id_, chunk));
    if (!prices.ok()) return prices.status();
    absl::StatusOr<uint64_t> written = WriteChildPrices(context, destination, *decimal_, price_id_, *prices);
    if (!written.ok()) return written.status();
    rows += *written;
  }
  if (absl::Status status = RecordAddedPriceRows(*adjustments_, source, destination, tables_, *decimal_, price_id_);
      !status.ok()) {
    return status;
  }
  return rows;
}

ConfigurablePricesDelta::Follower::Follower(ConfigurableChildRefresh* refresh,
                                            std::unique_ptr<io::MysqlConnection>* source)
    : FollowerDelta(kConfigurablePricesFollower), refresh_(refresh), source_(source) {}

absl::Status ConfigurablePricesDelta::Follower::Prepare(RunContext&, io::MysqlConnection&, const StepLog&) {
  return refresh_->prepared() ? absl::OkStatus() : absl::FailedPreconditionError("the step is not prepared");
}

absl::StatusOr<uint64_t> ConfigurablePricesDelta::Follower::Refresh(RunContext& context,
                                                                    io::MysqlConnection& destination,
                                                                    const FollowerPage& page) {
  std::optional<std::vector<int64_t>> children = std::vector<int64_t>{};
  for (const auto& [document, ids] : page) {
    io::ConfigurableChange change;
    if (document == kDecimal) {
      change = io::ConfigurableChange::kProductValue;
    } else if (document == "catalog_product_super_link") {
      change = io::ConfigurableChange::kSuperLink;
    } else if (document == "catalog_product_super_attribute") {
      change = io::ConfigurableChange::kSuperAttribute;
    } else {
      continue;
    }
    absl::StatusOr<std::optional<std::vector<int64_t>>> fed = refresh_->ChildrenOf(**source_, change, ids);
    if (!fed.ok()) return fed.status();
    if (!fed->has_value()) {
      children.reset();
      break;
    }
    children->insert(children->end(), (*fed)->begin(), (*fed)->end());
  }
  if (children.has_value()) {
    std::sort(children->begin(), children->end());
    children->erase(std::unique(children->begin(), children->end()), children->end());
    if (children->empty()) return 0;
  }
  return refresh_->Refresh(context, **source_, destination, children, context.BulkSize());
}

ConfigurablePricesDelta::ConfigurablePricesDelta() : follower_(&refresh_, &source_) {}

absl::Status ConfigurablePricesDelta::Prepare(RunContext& context, const StepLog& log) {
  if (absl::Status status = refresh_.Prepare(context, *source_, *destination_, log); !status.ok()) return status;
  absl::StatusOr<std::vector<DeltaDocument>> listed = ReadDeltaDocuments(context, kGroup);
  if (!listed.ok()) return listed.status();
  const std::string table = ConfigurablePriceSourceTables(context).super_pricing;
  absl::StatusOr<const io::DatabaseSchema*> schema = context.SourceSchema();
  if (!schema.ok()) return schema.status();
  for (const DeltaDocument& document : *listed) {
    if (document.document != kPricing || !(*schema)->contains(table)) continue;
    if (document.key_columns != std::vector<std::string>{"value_id"}) {
      return absl::InvalidArgumentError(
          absl::StrCat(kGroup, " keys ", kPricing, " by other columns than value_id, which the step needs"));
    }
    const std::string& database = context.connections().source().database;
    if (absl::Status status = RequireChangelog(*source_, database, table, kPricing); !status.ok()) return status;
    changelog_.emplace(database, table, std::vector<io::KeyColumn>{io::KeyColumn{"value_id", true}});
  }
  log.Info(absl::StrCat("replaying the changes of group ", kGroup, " and the keys Map's delta hands the step"));
  return absl::OkStatus();
}

absl::Status ConfigurablePricesDelta::Replay(RunContext& context, const StepLog& log) {
  if (!changelog_.has_value()) return absl::OkStatus();
  absl::StatusOr<ChangelogReplay> replay = ReplayChangelog(
      context, *changelog_, *source_,
      [&](const std::vector<io::Key>& keys) -> absl::StatusOr<pipeline::DeltaApplyResult> {
        std::vector<int64_t> ids;
        for (const io::Key& key : keys) {
          int64_t id = 0;
          if (key.size() != 1 || !absl::SimpleAtoi(key[0], &id)) {
            return absl::InvalidArgumentError(absl::StrCat(changelog_->name(), " holds a key that is not a value_id"));
          }
          ids.push_back(id);
        }
        absl::StatusOr<std::optional<std::vector<int64_t>>> children =
            refresh_.ChildrenOf(*source_, io::ConfigurableChange::kPricing, ids);
        if (!children.ok()) return children.status();
        absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(*destination_);
        if (!transaction.ok()) return transaction.status();
        absl::StatusOr<uint64_t> refreshed =
            refresh_.Refresh(context, *source_, *destination_, *children, context.BulkSize());
        if (!refreshed.ok()) return refreshed.status();
        if (absl::Status status = transaction->Commit(); !status.ok()) return status;
        pipeline::DeltaApplyResult result;
        result.rows_upserted = *refreshed;
        return result;
      });
  if (!replay.ok()) return replay.status();
  if (replay->changes == 0) return absl::OkStatus();
  context.totals().rows += replay->applied.rows_upserted;
  log.Info(absl::StrFormat("%s: %d changed keys replayed (%d price rows written or deleted), lag %.3f s", kPricing,
                           replay->changes, replay->applied.rows_upserted, absl::ToDoubleSeconds(replay->lag)));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PendingChanges>> ConfigurablePricesDelta::Pending(RunContext& context,
                                                                            io::MysqlConnection& source,
                                                                            io::MysqlConnection& destination) {
  absl::StatusOr<std::vector<PendingChanges>> pending = follower_.Pending(context, source, destination);
  if (!pending.ok() || !changelog_.has_value()) return pending;
  absl::StatusOr<uint64_t> count = changelog_->CountPending(source);
  if (!count.ok()) return count.status();
  pending->push_back(PendingChanges{"catalog_product_super_attribute_pricing", *count});
  return pending;
}

absl::StatusOr<bool> ConfigurablePricesDelta::Run(RunContext& context, const StepLog& log) {
  absl::Status status = context.connections().EnsureSource(source_);
  if (status.ok()) status = context.connections().EnsureDestination(destination_);
  if (status.ok() && !refresh_.prepared()) status = Prepare(context, log);
  if (status.ok() && !context.cancellation().stop_requested()) {
    status = Replay(context, log);
    if (!status.ok()) status = io::WithContext(status, absl::StrCat("replaying ", kPricing));
  }
  if (!status.ok()) {
    // The next cycle starts on fresh connections; what was not removed from a changelog is replayed again.
    source_.reset();
    destination_.reset();
    return status;
  }
  return follower_.Run(context, log);
}

}  // namespace migrate::stages
