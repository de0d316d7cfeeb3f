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
#include "stages/steps/structure_check.h"

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

  std::vector<std::string> codes;
  for (const char* code : kEntityTypes) codes.push_back(destination.Quote(code));
  absl::StatusOr<io::ResultSet> types = destination.Query(absl::StrCat(
      "SELECT `entity_type_code`, `entity_type_id` FROM ",
      io::QualifiedName(context.connections().destination().database, Prefixed(context, "eav_entity_type")),
      " WHERE `entity_type_code` IN (", absl::StrJoin(codes, ", "), ") ORDER BY `entity_type_id`"));
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
  if (absl::Status status = io::InsertRecords(**destination, database, Prefixed(context, kMeta), meta); !status.ok()) {
    return status;
  }
  if (absl::Status status = io::InsertRecords(**destination, database, Prefixed(context, kProfile), profiles);
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

}  // namespace migrate::stages
