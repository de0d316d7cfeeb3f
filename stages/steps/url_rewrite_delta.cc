#include "stages/steps/url_rewrite_delta.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/bulk_writer.h"
#include "io/keyed_delete.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"
#include "io/row_batch.h"
#include "io/step_sql.h"
#include "io/transaction.h"
#include "stages/change_capture_setup.h"
#include "stages/changelog_replay.h"
#include "stages/steps/map_delta_step.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

constexpr char kGroup[] = "delta_url_rewrite";
constexpr char kId[] = "url_rewrite_id";

// `copy` replayed by url_rewrite_id, the key of both sides.
pipeline::DeltaPlan KeyedById(pipeline::CopyPlan copy) {
  pipeline::DeltaPlan plan;
  plan.copy = std::move(copy);
  plan.copy.clear_destination = false;
  const std::vector<std::string>& columns = plan.copy.source_columns;
  plan.source_key = {io::KeyColumn{kId, true}};
  plan.source_key_positions = {static_cast<size_t>(std::find(columns.begin(), columns.end(), kId) - columns.begin())};
  plan.destination_key = {io::KeyColumn{kId, true}};
  plan.key_is_unique = true;
  return plan;
}

absl::StatusOr<std::vector<int64_t>> Ids(const std::vector<io::Key>& keys) {
  std::vector<int64_t> ids;
  ids.reserve(keys.size());
  for (const io::Key& key : keys) {
    int64_t id = 0;
    if (key.size() != 1 || !absl::SimpleAtoi(key[0], &id)) {
      return absl::InvalidArgumentError(absl::StrCat("core_url_rewrite changelog key '", key.empty() ? "" : key[0],
                                                     "' is not a url_rewrite_id"));
    }
    ids.push_back(id);
  }
  return ids;
}

std::string Text(const std::optional<std::string>& value) { return value.value_or(""); }

absl::StatusOr<std::vector<io::Key>> FirstColumn(io::MysqlConnection& connection, const io::BoundSql& sql) {
  absl::StatusOr<io::ResultSet> rows = io::QueryBound(connection, sql.sql, sql.values);
  if (!rows.ok()) return rows.status();
  std::vector<io::Key> keys;
  for (const io::Row& row : rows->rows()) {
    if (!row.empty() && row[0].has_value()) keys.push_back(io::Key{*row[0]});
  }
  return keys;
}

}  // namespace

absl::Status UrlRewrite191Delta::Prepare(RunContext& context, const StepLog& log) {
  absl::StatusOr<UrlRewriteTables> tables = FindUrlRewriteTables(context);
  if (!tables.ok()) return tables.status();
  if (!UrlRewriteTablesComplete(*tables)) {
    return absl::FailedPreconditionError(
        "the url rewrite documents are missing or incomplete (see the integrity check of `migrate data`)");
  }
  tables_ = *tables;
  rewrites_ = KeyedById(UrlRewritePlan(tables_));
  product_categories_ = KeyedById(ProductCategoryPlan(tables_));
  absl::StatusOr<std::vector<DeltaDocument>> listed = ReadDeltaDocuments(context, kGroup);
  if (!listed.ok()) return listed.status();
  const std::string document = "core_url_rewrite";
  for (const DeltaDocument& entry : *listed) {
    if (entry.document != document) continue;
    if (entry.key_columns != std::vector<std::string>{kId}) {
      return absl::InvalidArgumentError(
          absl::StrCat(kGroup, " keys ", document, " by other columns than ", kId, ", which the Url Rewrite delta needs"));
    }
    const std::string& database = context.connections().source().database;
    if (absl::Status status = RequireChangelog(*source_, database, tables_.source->name, document); !status.ok()) {
      return status;
    }
    changelog_.emplace(database, tables_.source->name, rewrites_.source_key);
  }
  log.Info(absl::StrCat("replaying the changes of group ", kGroup, " and the CMS page rewrites"));
  prepared_ = true;
  return absl::OkStatus();
}

absl::StatusOr<pipeline::DeltaApplyResult> UrlRewrite191Delta::ApplyPage(RunContext& context,
                                                                          const std::vector<io::Key>& keys) {
  const size_t batch_size = context.BulkSize();
  absl::StatusOr<std::vector<int64_t>> ids = Ids(keys);
  if (!ids.ok()) return ids.status();
  absl::StatusOr<io::ResultSet> paths =
      source_->Query(io::RewritePathsSql(tables_.source->database, tables_.source->name, *ids));
  if (!paths.ok()) return paths.status();
  std::vector<std::pair<std::string, std::string>> taken;
  for (const io::Row& row : paths->rows()) taken.emplace_back(Text(row[0]), Text(row[1]));

  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(*destination_);
  if (!transaction.ok()) return transaction.status();
  const io::TableSchema& url_rewrite = *tables_.url_rewrite;
  absl::StatusOr<std::vector<io::Key>> in_the_way = FirstColumn(
      *destination_, io::CmsRewritesInTheWaySql(url_rewrite.database, url_rewrite.name, *ids, taken));
  if (!in_the_way.ok()) return in_the_way.status();
  absl::StatusOr<uint64_t> moved = io::DeleteByKeys(
      *destination_, io::QualifiedTable(url_rewrite.database, url_rewrite.name), rewrites_.destination_key, *in_the_way);
  if (!moved.ok()) return moved.status();
  absl::StatusOr<pipeline::DeltaApplyResult> rewrites =
      pipeline::ApplyChangedKeysInTransaction(rewrites_, keys, *source_, *destination_, batch_size,
                                              &context.value_changes());
  if (!rewrites.ok()) return rewrites.status();
  absl::StatusOr<pipeline::DeltaApplyResult> links =
      pipeline::ApplyChangedKeysInTransaction(product_categories_, keys, *source_, *destination_, batch_size,
                                              &context.value_changes());
  if (!links.ok()) return links.status();
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  pipeline::DeltaApplyResult result;
  result.rows_upserted = rewrites->rows_upserted + links->rows_upserted;
  result.keys_deleted = rewrites->keys_deleted;
  return result;
}

absl::Status UrlRewrite191Delta::Replay(RunContext& context, const StepLog& log) {
  if (!changelog_.has_value()) return absl::OkStatus();
  absl::StatusOr<ChangelogReplay> replay =
      ReplayChangelog(context, *changelog_, *source_,
                      [&](const std::vector<io::Key>& keys) { return ApplyPage(context, keys); });
  if (!replay.ok()) return replay.status();
  ReportReplay(context, rewrites_.copy.document, *replay, log);
  return absl::OkStatus();
}

absl::Status UrlRewrite191Delta::SyncCmsRewrites(RunContext& context, const StepLog& log) {
  if (tables_.cms_page == nullptr || tables_.cms_page_store == nullptr) return absl::OkStatus();
  absl::StatusOr<io::ResultSet> wanted = source_->Query(CmsRewritesSelect(context, tables_));
  if (!wanted.ok()) return wanted.status();
  const io::TableSchema& url_rewrite = *tables_.url_rewrite;
  absl::StatusOr<io::ResultSet> held =
      destination_->Query(io::DestinationCmsRewritesSql(url_rewrite.database, url_rewrite.name));
  if (!held.ok()) return held.status();

  // Magento 2's rows by (request_path, store_id): url_rewrite_id, entity_id, target_path,
  // is_autogenerated, redirect_type.
  std::map<std::pair<std::string, std::string>, const io::Row*> current;
  for (const io::Row& row : held->rows()) current[{Text(row[2]), Text(row[4])}] = &row;
  // The source's columns: entity_type, entity_id, request_path, target_path, store_id, is_autogenerated.
  io::RowBatch changed(wanted->columns().size() + 1);
  for (const io::Row& row : wanted->rows()) {
    auto found = current.find({Text(row[2]), Text(row[4])});
    if (found != current.end()) {
      const io::Row& has = *found->second;
      const bool same = has[1] == row[1] && has[3] == row[3] && has[5] == row[5] && Text(has[6]) == "0";
      current.erase(found);
      if (same) continue;
    }
    for (const std::optional<std::string>& value : row) {
      if (value.has_value()) {
        changed.AddValue(*value);
      } else {
        changed.AddNull();
      }
    }
    changed.AddValue("0");
    changed.FinishRow();
  }
  std::vector<io::Key> gone;
  for (const auto& [key, row] : current) gone.push_back(io::Key{Text((*row)[0])});
  if (changed.empty() && gone.empty()) return absl::OkStatus();

  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(*destination_);
  if (!transaction.ok()) return transaction.status();
  absl::StatusOr<uint64_t> deleted = io::DeleteByKeys(
      *destination_, io::QualifiedTable(url_rewrite.database, url_rewrite.name), rewrites_.destination_key, gone);
  if (!deleted.ok()) return deleted.status();
  if (!changed.empty()) {
    io::BulkWriterOptions options;
    options.database = url_rewrite.database;
    options.table = url_rewrite.name;
    options.columns = wanted->columns();
    options.columns.push_back("redirect_type");
    options.mode = io::WriteMode::kUpsert;
    absl::StatusOr<std::unique_ptr<io::BulkWriter>> writer = io::BulkWriter::Create(*destination_, options);
    if (!writer.ok()) return writer.status();
    if (absl::Status status = (*writer)->Write(changed); !status.ok()) return status;
    if (absl::Status status = RecordValueChanges(context, **writer, changed, {"request_path", "store_id"});
        !status.ok()) {
      return status;
    }
    writer->reset();
  }
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  context.totals().rows += changed.row_count() + *deleted;
  log.Info(absl::StrCat("CMS page rewrites: ", changed.row_count(), " written, ", *deleted, " deleted"));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PendingChanges>> UrlRewrite191Delta::Pending(RunContext&, io::MysqlConnection& source,
                                                                       io::MysqlConnection&) {
  std::vector<PendingChanges> pending;
  if (!changelog_.has_value()) return pending;
  absl::StatusOr<uint64_t> count = changelog_->CountPending(source);
  if (!count.ok()) return count.status();
  pending.push_back(PendingChanges{"core_url_rewrite", *count});
  return pending;
}

absl::StatusOr<bool> UrlRewrite191Delta::Run(RunContext& context, const StepLog& log) {
  absl::Status status = context.connections().EnsureSource(source_);
  if (status.ok()) status = context.connections().EnsureDestination(destination_);
  if (status.ok() && !prepared_) status = Prepare(context, log);
  if (status.ok() && !context.cancellation().stop_requested()) {
    status = Replay(context, log);
    if (!status.ok()) status = io::WithContext(status, absl::StrCat("replaying ", rewrites_.copy.document));
  }
  if (status.ok() && !context.cancellation().stop_requested()) {
    status = SyncCmsRewrites(context, log);
    if (!status.ok()) status = io::WithContext(status, "bringing the CMS page rewrites up to date");
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
