#include "stages/steps/map_delta_step.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/change_capture.h"
#include "io/mysql_error.h"
#include "mapping/map_rules.h"
#include "stages/change_capture_setup.h"
#include "stages/changelog_replay.h"
#include "stages/copy_plan_builder.h"
#include "stages/delta_followers.h"
#include "stages/map_documents.h"

namespace migrate::stages {

absl::StatusOr<pipeline::DeltaPlan> MakeDeltaPlan(RunContext& context, const DocumentPair& pair,
                                                  const DeltaDocument& document, const HandlerSetup& setup,
                                                  DeltaExtension* extension) {
  absl::StatusOr<pipeline::CopyPlan> copy = BuildCopyPlan(pair, setup, io::WriteMode::kUpsert);
  if (!copy.ok()) return copy.status();
  if (extension != nullptr) {
    if (absl::Status status = extension->AdjustPlan(context, pair, *setup.source, *copy); !status.ok()) return status;
  }
  pipeline::DeltaPlan plan;
  plan.copy = std::move(*copy);
  plan.copy.clear_destination = false;
  for (const std::string& column : document.key_columns) {
    const io::ColumnSchema* schema = pair.source->FindColumn(column);
    auto position = std::find(plan.copy.source_columns.begin(), plan.copy.source_columns.end(), column);
    if (schema == nullptr || position == plan.copy.source_columns.end()) {
      return absl::InvalidArgumentError(absl::StrCat("the delta key column ", column, " of ", document.document,
                                                     " is not a column of the source table ", pair.source->name));
    }
    const size_t index = position - plan.copy.source_columns.begin();
    auto destination = std::find_if(plan.copy.destination_columns.begin(), plan.copy.destination_columns.end(),
                                    [&](const pipeline::DestinationColumn& c) { return c.source_index == index; });
    if (destination == plan.copy.destination_columns.end()) {
      return absl::InvalidArgumentError(absl::StrCat("the delta key column ", column, " of ", document.document,
                                                     " is not copied to ", pair.destination->name,
                                                     ", so its changes cannot be replayed"));
    }
    plan.source_key.push_back(io::KeyColumn{column, schema->IsNumeric()});
    plan.source_key_positions.push_back(index);
    plan.destination_key.push_back(io::KeyColumn{destination->name, schema->IsNumeric()});
  }
  const std::set<std::string> key(document.key_columns.begin(), document.key_columns.end());
  const std::set<std::string> primary(pair.source->primary_key.begin(), pair.source->primary_key.end());
  plan.key_is_unique = key == primary;
  return plan;
}

absl::Status RequireChangelog(io::MysqlConnection& source, const std::string& database, const std::string& table,
                              const std::string& document) {
  absl::StatusOr<bool> installed = io::ChangelogExists(source, database, table);
  if (!installed.ok()) return installed.status();
  if (*installed) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "Deltalog for ", document,
      " is not installed. Run `migrate data` with this config again (it installs the changelogs before it "
      "copies), or `migrate delta --setup-only` to install them alone; changes made before they exist are not "
      "captured"));
}

absl::Status MapDelta::Prepare(RunContext& context, const StepLog& log) {
  documents_.clear();
  absl::StatusOr<std::vector<DeltaDocument>> listed = ReadDeltaDocuments(context, group_);
  if (!listed.ok()) return listed.status();
  absl::StatusOr<std::string> map_path = context.ResolveFileOption(spec_.map_option);
  if (!map_path.ok()) return map_path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*map_path);
  if (!rules.ok()) return rules.status();
  std::vector<std::string> names;
  for (const DeltaDocument& document : *listed) names.push_back(document.document);
  absl::StatusOr<MapDocuments> pairs = PairDocuments(context, *rules, names);
  if (!pairs.ok()) return pairs.status();
  absl::StatusOr<const io::DatabaseSchema*> schema = context.SourceSchema();
  if (!schema.ok()) return schema.status();
  if (absl::Status status = Connect(context); !status.ok()) return status;

  lookup_ = std::make_unique<ConnectionSourceLookup>(context.connections(), context.prefixes().source);
  destination_access_ =
      std::make_unique<ConnectionDestinationAccess>(context.connections(), context.prefixes().destination);
  const HandlerSetup setup = StepHandlerSetup(context, *lookup_, *destination_access_, log);
  const std::string& database = context.connections().source().database;
  for (const DeltaDocument& document : *listed) {
    const std::string table = context.prefixes().source + document.document;
    if (!(*schema)->contains(table)) continue;
    auto pair = std::find_if(pairs->pairs.begin(), pairs->pairs.end(), [&](const DocumentPair& candidate) {
      return candidate.plan.source_document == document.document;
    });
    if (pair == pairs->pairs.end()) continue;
    if (absl::Status status = RequireChangelog(*source_, database, table, document.document); !status.ok()) {
      return status;
    }
    absl::StatusOr<pipeline::DeltaPlan> plan = MakeDeltaPlan(context, *pair, document, setup, extension_.get());
    if (!plan.ok()) return plan.status();
    io::Changelog changelog(database, table, plan->source_key);
    std::vector<std::string> followers = ActiveFollowersOf(context, document.document);
    if (!followers.empty() && !follower_keys_.has_value()) {
      follower_keys_ = DestinationFollowerKeys(context);
      if (absl::Status status = follower_keys_->Create(*destination_); !status.ok()) return status;
    }
    documents_.push_back(Document{std::move(*plan), std::move(changelog), std::move(followers)});
  }
  log.Info(absl::StrCat("replaying the changes of ", documents_.size(), " documents of group ", group_));
  prepared_ = true;
  return absl::OkStatus();
}

absl::Status MapDelta::Connect(RunContext& context) {
  if (absl::Status status = context.connections().EnsureSource(source_); !status.ok()) return status;
  if (absl::Status status = context.connections().EnsureDestination(destination_); !status.ok()) return status;
  return absl::OkStatus();
}

absl::Status MapDelta::Replay(RunContext& context, const Document& document, const StepLog& log) {
  absl::StatusOr<ChangelogReplay> replay = ReplayChangelog(
      context, document.changelog, *source_,
      [&](const std::vector<io::Key>& keys) -> absl::StatusOr<pipeline::DeltaApplyResult> {
        absl::StatusOr<pipeline::DeltaApplyResult> result = pipeline::ApplyChangedKeys(
            document.plan, keys, *source_, *destination_, context.BulkSize(), &context.value_changes());
        if (!result.ok()) return result.status();
        absl::StatusOr<pipeline::DeltaApplyResult> also = ReplayAlsoChanged(context, document, keys);
        if (!also.ok()) return also.status();
        if (!document.followers.empty()) {
          // Durable before the changelog forgets the keys; recording twice is harmless.
          if (absl::Status status =
                  follower_keys_->Record(*destination_, document.followers, document.plan.copy.document, keys);
              !status.ok()) {
            return status;
          }
        }
        result->rows_upserted += also->rows_upserted;
        result->keys_deleted += also->keys_deleted;
        return result;
      });
  if (!replay.ok()) return replay.status();
  ReportReplay(context, document.plan.copy.document, *replay, log);
  return absl::OkStatus();
}

absl::StatusOr<pipeline::DeltaApplyResult> MapDelta::ReplayAlsoChanged(RunContext& context,
                                                                      const Document& document,
                                                                      const std::vector<io::Key>& keys) {
  pipeline::DeltaApplyResult applied;
  if (extension_ == nullptr) return applied;
  absl::StatusOr<std::vector<std::pair<std::string, std::vector<io::Key>>>> also =
      extension_->AlsoChanged(context, document.plan.copy.document, keys, *source_);
  if (!also.ok()) return also.status();
  for (const auto& [name, other_keys] : *also) {
    auto other = std::find_if(documents_.begin(), documents_.end(),
                              [&](const Document& candidate) { return candidate.plan.copy.document == name; });
    if (other == documents_.end() || other_keys.empty()) continue;
    absl::StatusOr<pipeline::DeltaApplyResult> result =
        pipeline::ApplyChangedKeys(other->plan, other_keys, *source_, *destination_, context.BulkSize(),
                                   &context.value_changes());
    if (!result.ok()) return result.status();
    applied.rows_upserted += result->rows_upserted;
    applied.keys_deleted += result->keys_deleted;
  }
  return applied;
}

absl::StatusOr<std::vector<PendingChanges>> MapDelta::Pending(RunContext&, io::MysqlConnection& source,
                                                              io::MysqlConnection&) {
  std::vector<PendingChanges> pending;
  for (const Document& document : documents_) {
    absl::StatusOr<uint64_t> count = document.changelog.CountPending(source);
    if (!count.ok()) return count.status();
    pending.push_back(PendingChanges{document.plan.copy.document, *count});
  }
  return pending;
}

absl::StatusOr<bool> MapDelta::Run(RunContext& context, const StepLog& log) {
  absl::Status status = prepared_ ? Connect(context) : Prepare(context, log);
  for (const Document& document : documents_) {
    if (!status.ok() || context.cancellation().stop_requested()) break;
    status = Replay(context, document, log);
    if (!status.ok()) status = io::WithContext(status, absl::StrCat("replaying ", document.plan.copy.document));
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
