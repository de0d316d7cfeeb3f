#include "stages/steps/sales_increment_step.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/result_set.h"
#include "io/sequence_table.h"
#include "io/table_records.h"
#include "io/transaction.h"
#include "mapping/document_prefix.h"
#include "io/bound_statement.h"
#include "io/change_capture.h"
#include "io/mysql_error.h"
#include "io/table_sql.h"
#include "stages/change_capture_setup.h"
#include "stages/changelog_replay.h"
#include "stages/steps/structure_check.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kMeta = "sales_sequence_meta";
constexpr absl::string_view kProfile = "sales_sequence_profile";
constexpr const char* kEntityTypes[] = {"order", "invoice", "creditmemo", "shipment", "rma_item"};
constexpr uint64_t kMaxValue = 4294967295;
constexpr uint64_t kWarningValue = 4294966295;

// Magento 1's side and the destination's entity type ids.
struct SequenceInputs {
  std::vector<std::string> store_ids;
  // Entity type code -> the destination's entity_type_id (absent: the destination lacks the type).
  std::map<std::string, std::string> type_ids;
  // (entity type id, store id) -> Magento 1's last number.
  std::map<std::pair<std::string, std::string>, uint64_t> last_numbers;

  // Magento 1's last number for a type code and store; nullopt when eav_entity_store has no row.
  std::optional<uint64_t> LastNumber(const std::string& type, const std::string& store) const {
    auto id = type_ids.find(type);
    if (id == type_ids.end()) return std::nullopt;
    auto number = last_numbers.find({id->second, store});
    if (number == last_numbers.end()) return std::nullopt;
    return number->second;
  }
};

// PHP's (int) substr($last_id, strlen($prefix)): the prefix's length cut off, then leading
// whitespace, a sign and the digits that follow; anything else gives 0. Capped at INT UNSIGNED.
uint64_t NumberAfterPrefix(absl::string_view last_id, absl::string_view prefix) {
  if (prefix.size() >= last_id.size()) return 0;
  absl::string_view rest = last_id.substr(prefix.size());
  size_t at = 0;
  while (at < rest.size() && std::isspace(static_cast<unsigned char>(rest[at]))) ++at;
  bool negative = false;
  if (at < rest.size() && (rest[at] == '+' || rest[at] == '-')) negative = rest[at++] == '-';
  uint64_t number = 0;
  for (; at < rest.size() && std::isdigit(static_cast<unsigned char>(rest[at])); ++at) {
    number = std::min<uint64_t>(kMaxValue, number * 10 + (rest[at] - '0'));
  }
  return negative ? 0 : number;
}

std::string Prefixed(const RunContext& context, absl::string_view table) {
  return mapping::AddDocumentPrefix(context.prefixes().destination, table);
}

std::string SequenceTable(const RunContext& context, absl::string_view type, absl::string_view store) {
  return absl::StrCat(Prefixed(context, absl::StrCat("sequence_", type)), "_", store);
}

absl::StatusOr<SequenceInputs> ReadInputs(RunContext& context, io::MysqlConnection& source,
                                          io::MysqlConnection& destination) {
  SequenceInputs inputs;
  const std::string source_database = context.connections().source().database;
  auto source_table = [&](absl::string_view table) {
    return io::QualifiedName(source_database, mapping::AddDocumentPrefix(context.prefixes().source, table));
  };
  absl::StatusOr<io::ResultSet> stores =
      source.Query(absl::StrCat("SELECT `store_id` FROM ", source_table("core_store"), " ORDER BY `store_id`"));
  if (!stores.ok()) return stores.status();
  for (const io::Row& row : stores->rows()) inputs.store_ids.push_back(row[0].value_or(""));

  std::vector<std::string> placeholders;
  io::BoundValues codes;
  for (const char* code : kEntityTypes) {
    placeholders.push_back("?");
    codes.push_back(code);
  }
  absl::StatusOr<io::ResultSet> types = io::QueryBound(
      destination,
      absl::StrCat("SELECT `entity_type_code`, `entity_type_id` FROM ",
                   io::QualifiedName(context.connections().destination().database, Prefixed(context, "eav_entity_type")),
                   " WHERE `entity_type_code` IN (", absl::StrJoin(placeholders, ", "), ") ORDER BY `entity_type_id`"),
      codes);
  if (!types.ok()) return types.status();
  for (const io::Row& row : types->rows()) inputs.type_ids.emplace(row[0].value_or(""), row[1].value_or(""));

  absl::StatusOr<io::ResultSet> numbers =
      source.Query(absl::StrCat("SELECT `entity_type_id`, `store_id`, `increment_prefix`, `increment_last_id` FROM ",
                                source_table("eav_entity_store"), " ORDER BY `entity_store_id`"));
  if (!numbers.ok()) return numbers.status();
  for (const io::Row& row : numbers->rows()) {
    const uint64_t number = NumberAfterPrefix(row[3].value_or(""), row[2].value_or(""));
    auto [it, added] = inputs.last_numbers.emplace(std::make_pair(row[0].value_or(""), row[1].value_or("")), number);
    if (!added) it->second = std::max(it->second, number);
  }
  return inputs;
}

}  // namespace

absl::StatusOr<bool> SalesIncrementIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  return CheckExactStructures(context, **destination,
                              {{Prefixed(context, kProfile),
                                std::string(kProfile),
                                {"profile_id", "meta_id", "prefix", "suffix", "start_value", "step", "max_value",
                                 "warning_value", "is_active"}},
                               {Prefixed(context, kMeta),
                                std::string(kMeta),
                                {"meta_id", "entity_type", "store_id", "sequence_table"}}},
                              log);
}

absl::StatusOr<bool> SalesIncrementData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<SequenceInputs> inputs = ReadInputs(context, **source, **destination);
  if (!inputs.ok()) return inputs.status();
  const std::string& database = context.connections().destination().database;

  std::vector<io::Record> meta;
  std::vector<io::Record> profiles;
  int carried = 0;
  for (const char* type : kEntityTypes) {
    for (const std::string& store : inputs->store_ids) {
      if (context.cancellation().stop_requested()) return absl::CancelledError("stopped by a stop request");
      const std::string table = SequenceTable(context, type, store);
      std::optional<uint64_t> last = inputs->LastNumber(type, store);
      if (last.has_value() && *last == 0) last.reset();
      if (absl::Status status = io::RecreateSequenceTable(**destination, database, table, last); !status.ok()) {
        return status;
      }
      carried += last.has_value() ? 1 : 0;
      const std::string id = absl::StrCat(meta.size() + 1);
      meta.push_back({{"meta_id", id}, {"entity_type", type}, {"store_id", store}, {"sequence_table", table}});
      profiles.push_back({{"profile_id", id},
                          {"meta_id", id},
                          {"prefix", store == "0" ? "" : store},
                          {"suffix", ""},
                          {"start_value", "1"},
                          {"step", "1"},
                          {"max_value", absl::StrCat(kMaxValue)},
                          {"warning_value", absl::StrCat(kWarningValue)},
                          {"is_active", "1"}});
    }
  }

  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(**destination);
  if (!transaction.ok()) return transaction.status();
  for (absl::string_view table : {kProfile, kMeta}) {
    if (absl::Status status = (*destination)->Execute(
            absl::StrCat("DELETE FROM ", io::QualifiedName(database, Prefixed(context, table))));
        !status.ok()) {
      return status;
    }
  }
  if (absl::Status status = io::InsertRecords(**destination, database, Prefixed(context, kMeta), meta,
                                              ValueChangeRecorder(context, Prefixed(context, kMeta), {"meta_id"}));
      !status.ok()) {
    return status;
  }
  if (absl::Status status =
          io::InsertRecords(**destination, database, Prefixed(context, kProfile), profiles,
                            ValueChangeRecorder(context, Prefixed(context, kProfile), {"profile_id"}));
      !status.ok()) {
    return status;
  }
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  log.Info(absl::StrCat(meta.size(), " sales sequences made (", inputs->store_ids.size(), " stores x ",
                        std::size(kEntityTypes), " entity types), ", carried,
                        " of them continuing Magento 1's last increment id"));
  return true;
}

absl::StatusOr<bool> SalesIncrementVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<SequenceInputs> inputs = ReadInputs(context, **source, **destination);
  if (!inputs.ok()) return inputs.status();
  const std::string& database = context.connections().destination().database;
  bool passed = true;
  for (const char* type : kEntityTypes) {
    for (const std::string& store : inputs->store_ids) {
      const std::optional<uint64_t> expected = inputs->LastNumber(type, store);
      absl::StatusOr<std::optional<uint64_t>> actual =
          io::LastSequenceValue(**destination, database, SequenceTable(context, type, store));
      if (!actual.ok()) return actual.status();
      if (expected.value_or(0) == actual->value_or(0)) continue;
      log.Warning(absl::StrCat("Mismatch in last increment id of ", type, " entity: Source: ",
                               expected.has_value() ? absl::StrCat(*expected) : "", " Destination: ",
                               actual->has_value() ? absl::StrCat(**actual) : ""));
      passed = false;
      break;
    }
  }
  return passed;
}

namespace {

constexpr absl::string_view kEntityStore = "eav_entity_store";

// The meta and profile rows of `type` and `store` when the destination lacks them, with ids
// after the highest, in one transaction.
absl::Status EnsureMetaAndProfile(RunContext& context, io::MysqlConnection& destination, const std::string& type,
                                  const std::string& store, const std::string& table) {
  const std::string& database = context.connections().destination().database;
  const std::string meta = Prefixed(context, kMeta);
  const std::string profile = Prefixed(context, kProfile);
  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(destination);
  if (!transaction.ok()) return transaction.status();
  absl::StatusOr<uint64_t> present =
      io::CountRows(destination, database, meta, "`entity_type` = ? AND `store_id` = ?", {type, store});
  if (!present.ok()) return present.status();
  if (*present > 0) return transaction->Commit();
  absl::StatusOr<std::string> meta_id = destination.QueryScalar(
      absl::StrCat("SELECT COALESCE(MAX(`meta_id`), 0) + 1 FROM ", io::QualifiedName(database, meta), " FOR UPDATE"));
  if (!meta_id.ok()) return meta_id.status();
  absl::StatusOr<std::string> profile_id = destination.QueryScalar(absl::StrCat(
      "SELECT COALESCE(MAX(`profile_id`), 0) + 1 FROM ", io::QualifiedName(database, profile), " FOR UPDATE"));
  if (!profile_id.ok()) return profile_id.status();
  if (absl::Status status = io::InsertRecords(
          destination, database, meta,
          {{{"meta_id", *meta_id}, {"entity_type", type}, {"store_id", store}, {"sequence_table", table}}},
          ValueChangeRecorder(context, meta, {"meta_id"}));
      !status.ok()) {
    return status;
  }
  if (absl::Status status = io::InsertRecords(destination, database, profile,
                                              {{{"profile_id", *profile_id},
                                                {"meta_id", *meta_id},
                                                {"prefix", store == "0" ? "" : store},
                                                {"suffix", ""},
                                                {"start_value", "1"},
                                                {"step", "1"},
                                                {"max_value", absl::StrCat(kMaxValue)},
                                                {"warning_value", absl::StrCat(kWarningValue)},
                                                {"is_active", "1"}}},
                                              ValueChangeRecorder(context, profile, {"profile_id"}));
      !status.ok()) {
    return status;
  }
  return transaction->Commit();
}

}  // namespace

absl::Status SalesIncrementDelta::Prepare(RunContext& context) {
  if (absl::Status status = context.connections().EnsureSource(source_); !status.ok()) return status;
  if (absl::Status status = context.connections().EnsureDestination(destination_); !status.ok()) return status;
  if (changelog_.has_value()) return absl::OkStatus();
  absl::StatusOr<std::vector<DeltaDocument>> listed = ReadDeltaDocuments(context, "delta_sales_sequence");
  if (!listed.ok()) return listed.status();
  const std::string& database = context.connections().source().database;
  const std::string table = mapping::AddDocumentPrefix(context.prefixes().source, kEntityStore);
  for (const DeltaDocument& document : *listed) {
    if (document.document != kEntityStore) continue;
    absl::StatusOr<bool> installed = io::ChangelogExists(*source_, database, table);
    if (!installed.ok()) return installed.status();
    if (!*installed) {
      return absl::FailedPreconditionError(absl::StrCat(
          "Deltalog for ", kEntityStore,
          " is not installed. Run `migrate data` with this config again (it installs the changelogs before it "
          "copies), or `migrate delta --setup-only` to install them alone; changes made before they exist are not "
          "captured"));
    }
    std::vector<io::KeyColumn> key;
    for (const std::string& column : document.key_columns) key.push_back(io::KeyColumn{column, true});
    changelog_.emplace(database, table, std::move(key));
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> SalesIncrementDelta::Apply(RunContext& context, const std::vector<io::Key>& keys) {
  absl::StatusOr<SequenceInputs> inputs = ReadInputs(context, *source_, *destination_);
  if (!inputs.ok()) return inputs.status();
  std::vector<std::string> placeholders;
  io::BoundValues values;
  for (const io::Key& key : keys) {
    placeholders.push_back("?");
    values.emplace_back(absl::StrJoin(key, ","));
  }
  absl::StatusOr<io::ResultSet> changed = io::QueryBound(
      *source_,
      absl::StrCat("SELECT DISTINCT `entity_type_id`, `store_id` FROM ",
                   io::QualifiedName(context.connections().source().database,
                                     mapping::AddDocumentPrefix(context.prefixes().source, kEntityStore)),
                   " WHERE ", io::QuoteIdentifier(changelog_->key().front().name), " IN (",
                   absl::StrJoin(placeholders, ", "), ")"),
      values);
  if (!changed.ok()) return changed.status();
  const std::string& database = context.connections().destination().database;
  uint64_t sequences = 0;
  for (const io::Row& row : changed->rows()) {
    const std::string type_id = row[0].value_or("");
    const std::string store = row[1].value_or("");
    auto type = std::find_if(inputs->type_ids.begin(), inputs->type_ids.end(),
                             [&](const auto& entry) { return entry.second == type_id; });
    if (type == inputs->type_ids.end()) continue;  // not a sales entity type the destination knows
    const std::string table = SequenceTable(context, type->first, store);
    if (absl::Status status = io::EnsureSequenceTable(*destination_, database, table); !status.ok()) return status;
    if (absl::Status status = EnsureMetaAndProfile(context, *destination_, type->first, store, table); !status.ok()) {
      return status;
    }
    const std::optional<uint64_t> last = inputs->LastNumber(type->first, store);
    if (last.has_value() && *last > 0) {
      if (absl::Status status = io::AddSequenceValue(*destination_, database, table, *last); !status.ok()) {
        return status;
      }
    }
    ++sequences;
  }
  return sequences;
}

absl::StatusOr<std::vector<PendingChanges>> SalesIncrementDelta::Pending(RunContext&, io::MysqlConnection& source,
                                                                        io::MysqlConnection&) {
  std::vector<PendingChanges> pending;
  if (!changelog_.has_value()) return pending;
  absl::StatusOr<uint64_t> count = changelog_->CountPending(source);
  if (!count.ok()) return count.status();
  pending.push_back(PendingChanges{std::string(kEntityStore), *count});
  return pending;
}

absl::StatusOr<bool> SalesIncrementDelta::Run(RunContext& context, const StepLog& log) {
  absl::Status status = Prepare(context);
  ChangelogReplay replay;
  if (status.ok() && changelog_.has_value()) {
    absl::StatusOr<ChangelogReplay> replayed = ReplayChangelog(
        context, *changelog_, *source_,
        [&](const std::vector<io::Key>& keys) -> absl::StatusOr<pipeline::DeltaApplyResult> {
          absl::StatusOr<uint64_t> sequences = Apply(context, keys);
          if (!sequences.ok()) return sequences.status();
          pipeline::DeltaApplyResult result;
          result.rows_upserted = *sequences;
          return result;
        });
    if (replayed.ok()) {
      replay = *replayed;
    } else {
      status = replayed.status();
    }
  }
  if (!status.ok()) {
    source_.reset();
    destination_.reset();
    return io::WithContext(status, "replaying eav_entity_store");
  }
  if (replay.changes > 0) {
    log.Info(absl::StrCat(kEntityStore, ": ", replay.changes, " changed keys replayed, ", replay.applied.rows_upserted,
                          " sales sequences brought to Magento 1's last increment id"));
  }
  return true;
}

}  // namespace migrate::stages
