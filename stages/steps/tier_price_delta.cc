#include "stages/steps/tier_price_delta.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/keyed_delete.h"
#include "io/mysql_error.h"
#include "io/step_sql.h"
#include "io/transaction.h"
#include "stages/change_capture_setup.h"
#include "stages/changelog_replay.h"
#include "stages/copy_plan_builder.h"
#include "stages/steps/map_delta_step.h"
#include "stages/steps/tier_price_step.h"

namespace migrate::stages {
namespace {

constexpr char kGroup[] = "delta_tier_price";

// The business keys the replay matches the documents by (the stock deltalog's).
const std::vector<std::string>& TierKey() {
  static const auto* key =
      new std::vector<std::string>{"entity_id", "all_groups", "customer_group_id", "qty", "website_id"};
  return *key;
}

const std::vector<std::string>& GroupKey() {
  static const auto* key = new std::vector<std::string>{"entity_id", "all_groups", "customer_group_id", "website_id"};
  return *key;
}

// The value of source key column `name` in `key` of `plan`.
const std::string& KeyValue(const pipeline::DeltaPlan& plan, const io::Key& key, absl::string_view name) {
  for (size_t i = 0; i < plan.source_key.size(); ++i) {
    if (plan.source_key[i].name == name) return key[i];
  }
  static const auto* empty = new std::string;
  return *empty;
}

// `key` of `from` as a key of `to`: columns by name, qty (which `from` may lack) 1.
io::Key Translate(const pipeline::DeltaPlan& from, const io::Key& key, const pipeline::DeltaPlan& to) {
  io::Key translated;
  for (const io::KeyColumn& column : to.source_key) {
    const bool missing = std::none_of(from.source_key.begin(), from.source_key.end(),
                                      [&](const io::KeyColumn& c) { return c.name == column.name; });
    translated.push_back(missing ? "1" : KeyValue(from, key, column.name));
  }
  return translated;
}

bool IsQtyOne(const pipeline::DeltaPlan& tier, const io::Key& key) {
  double qty = 0;
  return absl::SimpleAtod(KeyValue(tier, key, "qty"), &qty) && qty == 1.0;
}

// `key` with each numeric value's trailing fractional zeros dropped ("1.0000" -> "1"), so keys
// read from the changelog, from the source and made here compare by value.
io::Key Normalized(const pipeline::DeltaPlan& plan, io::Key key) {
  for (size_t i = 0; i < key.size() && i < plan.source_key.size(); ++i) {
    std::string& value = key[i];
    if (!plan.source_key[i].numeric || value.find('.') == std::string::npos) continue;
    value.erase(value.find_last_not_of('0') + 1);
    if (!value.empty() && value.back() == '.') value.pop_back();
  }
  return key;
}

absl::flat_hash_set<io::Key> NormalizedSet(const pipeline::DeltaPlan& plan, const std::vector<io::Key>& keys) {
  absl::flat_hash_set<io::Key> set;
  for (const io::Key& key : keys) set.insert(Normalized(plan, key));
  return set;
}

}  // namespace

absl::Status TierPriceDelta::Prepare(RunContext& context, const StepLog& log) {
  absl::StatusOr<TierPriceDocuments> documents = PairTierPriceDocuments(context);
  if (!documents.ok()) return documents.status();
  if (!documents->missing_source.empty() || documents->destination_missing) {
    return absl::FailedPreconditionError("the tier price documents are missing (see the integrity check)");
  }
  absl::StatusOr<std::vector<DeltaDocument>> listed = ReadDeltaDocuments(context, kGroup);
  if (!listed.ok()) return listed.status();
  lookup_ = std::make_unique<ConnectionSourceLookup>(context.connections(), context.prefixes().source);
  destination_access_ =
      std::make_unique<ConnectionDestinationAccess>(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, *lookup_, *destination_access_, log);
  const std::string& database = context.connections().source().database;
  for (const DocumentPair& pair : documents->documents.pairs) {
    const bool group = pair.source == documents->group_price;
    const DeltaDocument document{pair.plan.source_document, group ? GroupKey() : TierKey()};
    absl::StatusOr<pipeline::DeltaPlan> plan = MakeDeltaPlan(context, pair, document, setup, nullptr);
    if (!plan.ok()) return plan.status();
    AdjustTierPricePlan(pair, group, plan->copy);
    plan->key_is_unique = true;  // a unique key of both sides
    plan->delete_gone = false;   // step 3 decides (see the header)
    Document replayed{std::move(*plan), std::nullopt};
    auto entry = std::find_if(listed->begin(), listed->end(),
                              [&](const DeltaDocument& candidate) { return candidate.document == document.document; });
    if (entry != listed->end()) {
      std::vector<std::string> expected = document.key_columns;
      std::vector<std::string> given = entry->key_columns;
      std::sort(expected.begin(), expected.end());
      std::sort(given.begin(), given.end());
      if (given != expected) {
        return absl::InvalidArgumentError(absl::StrCat(
            kGroup, " keys ", document.document, " by ", absl::StrJoin(entry->key_columns, ","),
            "; the Tier Price delta matches it by ", absl::StrJoin(document.key_columns, ","), " (Magento's keys)"));
      }
      if (absl::Status status = RequireChangelog(*source_, database, pair.source->name, document.document);
          !status.ok()) {
        return status;
      }
      replayed.changelog.emplace(database, pair.source->name, replayed.plan.source_key);
    }
    (group ? group_ : tier_) = std::move(replayed);
  }
  if (!tier_.has_value()) return absl::FailedPreconditionError("the tier price document is not mapped");
  log.Info(absl::StrCat("replaying the changes of group ", kGroup, group_.has_value() ? " (tier and group prices)" : ""));
  prepared_ = true;
  return absl::OkStatus();
}

absl::StatusOr<pipeline::DeltaApplyResult> TierPriceDelta::ApplyPage(RunContext& context, const Document& document,
                                                                    const std::vector<io::Key>& keys) {
  const size_t batch_size = context.BulkSize();
  const pipeline::DeltaPlan& tier = tier_->plan;
  std::vector<io::Key> tier_keys;
  std::vector<io::Key> group_keys;
  if (&document == &*tier_) {
    tier_keys = keys;
    if (group_.has_value()) {
      for (const io::Key& key : keys) {
        if (IsQtyOne(tier, key)) group_keys.push_back(Translate(tier, key, group_->plan));
      }
    }
  } else {
    group_keys = keys;
    for (const io::Key& key : keys) tier_keys.push_back(Translate(group_->plan, key, tier));
  }

  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(*destination_);
  if (!transaction.ok()) return transaction.status();
  absl::StatusOr<pipeline::DeltaApplyResult> tiers =
      pipeline::ApplyChangedKeysInTransaction(tier, tier_keys, *source_, *destination_, batch_size,
                                              &context.value_changes());
  if (!tiers.ok()) return tiers.status();
  pipeline::DeltaApplyResult groups;
  if (group_.has_value() && !group_keys.empty()) {
    absl::StatusOr<pipeline::DeltaApplyResult> applied =
        pipeline::ApplyChangedKeysInTransaction(group_->plan, group_keys, *source_, *destination_, batch_size,
                                                &context.value_changes());
    if (!applied.ok()) return applied.status();
    groups = std::move(*applied);
  }
  const absl::flat_hash_set<io::Key> tier_present = NormalizedSet(tier, tiers->present);
  absl::flat_hash_set<io::Key> group_present;
  if (group_.has_value()) group_present = NormalizedSet(group_->plan, groups.present);
  std::vector<io::Key> gone;
  for (const io::Key& key : tier_keys) {
    if (tier_present.contains(Normalized(tier, key))) continue;
    if (group_.has_value() && IsQtyOne(tier, key) &&
        group_present.contains(Normalized(group_->plan, Translate(tier, key, group_->plan)))) {
      continue;
    }
    gone.push_back(key);
  }
  absl::StatusOr<uint64_t> deleted = io::DeleteByKeys(
      *destination_, io::QualifiedTable(tier.copy.destination_database, tier.copy.destination_table),
      tier.destination_key, gone);
  if (!deleted.ok()) return deleted.status();
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  pipeline::DeltaApplyResult result;
  result.rows_upserted = tiers->rows_upserted + groups.rows_upserted;
  result.keys_deleted = *deleted;
  return result;
}

absl::Status TierPriceDelta::Replay(RunContext& context, const Document& document, const StepLog& log) {
  if (!document.changelog.has_value()) return absl::OkStatus();
  absl::StatusOr<ChangelogReplay> replay =
      ReplayChangelog(context, *document.changelog, *source_,
                      [&](const std::vector<io::Key>& keys) { return ApplyPage(context, document, keys); });
  if (!replay.ok()) return replay.status();
  ReportReplay(context, document.plan.copy.document, *replay, log);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PendingChanges>> TierPriceDelta::Pending(RunContext&, io::MysqlConnection& source,
                                                                   io::MysqlConnection&) {
  std::vector<PendingChanges> pending;
  for (const std::optional<Document>* document : {&tier_, &group_}) {
    if (!document->has_value() || !(*document)->changelog.has_value()) continue;
    absl::StatusOr<uint64_t> count = (*document)->changelog->CountPending(source);
    if (!count.ok()) return count.status();
    pending.push_back(PendingChanges{(*document)->plan.copy.document, *count});
  }
  return pending;
}

absl::StatusOr<bool> TierPriceDelta::Run(RunContext& context, const StepLog& log) {
  absl::Status status = context.connections().EnsureSource(source_);
  if (status.ok()) status = context.connections().EnsureDestination(destination_);
  if (status.ok() && !prepared_) status = Prepare(context, log);
  for (const std::optional<Document>* document : {&tier_, &group_}) {
    if (!status.ok() || context.cancellation().stop_requested() || !document->has_value()) continue;
    status = Replay(context, **document, log);
    if (!status.ok()) status = io::WithContext(status, absl::StrCat("replaying ", (*document)->plan.copy.document));
  }
  if (!status.ok()) {
    // The next cycle starts on fresh connections; what was not removed from a changelog is replayed again.
    source_.reset();
    destination_.reset();
    return status;
  }
  return true;
}

}  // namespace migrate::stages
