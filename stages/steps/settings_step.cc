#include "stages/steps/settings_step.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "io/bulk_writer.h"
#include "io/mysql_connection.h"
#include "io/row_batch.h"
#include "io/transaction.h"
#include "mapping/document_prefix.h"
#include "mapping/handler_registry.h"
#include "mapping/settings_rules.h"
#include "pipeline/handler_transform.h"
#include "stages/source_lookup.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kDocument = "core_config_data";

// The columns read on both sides, in batch order; value handlers see the rows under these names.
enum Column : size_t { kConfigId, kScope, kScopeId, kPath, kValue, kColumnCount };

const std::vector<std::string>& ConfigColumns() {
  static const auto* columns = new std::vector<std::string>{"config_id", "scope", "scope_id", "path", "value"};
  return *columns;
}

absl::StatusOr<mapping::SettingsRules> LoadRules(const RunContext& context) {
  absl::StatusOr<std::string> path = context.ResolveFileOption("settings_map_file");
  if (!path.ok()) return path.status();
  return mapping::SettingsRules::Read(*path);
}

std::string ConfigTable(const io::MysqlConnection& connection, absl::string_view prefix) {
  return io::QualifiedName(connection.options().database, mapping::AddDocumentPrefix(prefix, kDocument));
}

// The rows of core_config_data on one side, in config_id order.
absl::StatusOr<io::ResultSet> ReadConfigRows(io::MysqlConnection& connection, absl::string_view prefix) {
  return connection.Query(absl::StrCat("SELECT config_id, scope, scope_id, path, value FROM ",
                                       ConfigTable(connection, prefix), " ORDER BY config_id"));
}

std::string PathOf(const io::Row& row) { return row[kPath].value_or(""); }

// The unique key of a row with path `path`; scope ids compare as numbers, as in Magento's PHP.
std::string RowKey(const io::Row& row, absl::string_view path) {
  const std::string scope_id = row[kScopeId].value_or("");
  int64_t number = 0;
  return absl::StrCat(row[kScope].value_or(""), "\x1f",
                      absl::SimpleAtoi(scope_id, &number) ? absl::StrCat(number) : scope_id, "\x1f", path);
}

void AddRow(io::RowBatch& batch, const io::Row* row) {
  for (size_t column = 0; column < kColumnCount; ++column) {
    if (row != nullptr && (*row)[column].has_value()) {
      batch.AddValue(*(*row)[column]);
    } else {
      batch.AddNull();
    }
  }
  batch.FinishRow();
}

mapping::HandlerContext ValueHandlerContext(const RunContext& context, const mapping::SourceLookup& lookup,
                                            const StepLog& log) {
  mapping::HandlerContext handler_context;
  handler_context.document = std::string(kDocument);
  handler_context.field = "value";
  handler_context.fields = ConfigColumns();
  handler_context.opposite_fields = ConfigColumns();
  handler_context.id_field = "config_id";
  handler_context.config = &context.config();
  handler_context.source = &lookup;
  handler_context.warn = [&log](absl::string_view message) { log.Warning(message); };
  return handler_context;
}

bool HasTable(const io::DatabaseSchema& schema, absl::string_view prefix) {
  return schema.contains(mapping::AddDocumentPrefix(prefix, kDocument));
}

// Logs an error for each value handler the source's paths need that cannot be created.
absl::StatusOr<bool> CheckValueHandlers(RunContext& context, const StepLog& log) {
  absl::StatusOr<mapping::SettingsRules> rules = LoadRules(context);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<io::ResultSet> paths = (*source)->Query(
      absl::StrCat("SELECT DISTINCT path FROM ", ConfigTable(**source, context.prefixes().source)));
  if (!paths.ok()) return paths.status();
  const ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  const mapping::HandlerContext handler_context = ValueHandlerContext(context, lookup, log);
  std::set<std::string> errors;
  for (const io::Row& row : paths->rows()) {
    const mapping::HandlerRef* handler = rules->ValueHandler(row[0].value_or(""));
    if (handler == nullptr) continue;
    absl::StatusOr<std::unique_ptr<const mapping::Handler>> created =
        mapping::HandlerRegistry::Default().Create(*handler, handler_context);
    if (!created.ok()) errors.insert(std::string(created.status().message()));
  }
  for (const std::string& error : errors) log.Error(error);
  return errors.empty();
}

}  // namespace

absl::StatusOr<bool> SettingsIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<const io::DatabaseSchema*> source = context.SourceSchema();
  if (!source.ok()) return source.status();
  if (!HasTable(**source, context.prefixes().source)) {
    log.Error(absl::StrFormat("Integrity check failed due to \"%s\" document does not exist in the source resource",
                              kDocument));
    return false;
  }
  absl::StatusOr<const io::DatabaseSchema*> destination = context.DestinationSchema();
  if (!destination.ok()) return destination.status();
  if (!HasTable(**destination, context.prefixes().destination)) {
    log.Error(absl::StrFormat(
        "Integrity check failed due to \"%s\" document does not exist in the destination resource", kDocument));
    return false;
  }
  return CheckValueHandlers(context, log);
}

absl::StatusOr<bool> SettingsData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<mapping::SettingsRules> rules = LoadRules(context);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<io::ResultSet> source_rows = ReadConfigRows(**source, context.prefixes().source);
  if (!source_rows.ok()) return source_rows.status();
  absl::StatusOr<io::ResultSet> destination_rows = ReadConfigRows(**destination, context.prefixes().destination);
  if (!destination_rows.ok()) return destination_rows.status();

  absl::flat_hash_map<std::string, size_t> destination_index;
  for (size_t i = 0; i < destination_rows->size(); ++i) {
    const io::Row& row = destination_rows->rows()[i];
    destination_index[RowKey(row, PathOf(row))] = i;
  }

  // The source rows kept, their destination paths and values, and the rows of each handled path.
  const std::vector<io::Row>& rows = source_rows->rows();
  std::vector<size_t> kept;
  std::vector<std::string> mapped_paths(rows.size());
  std::vector<std::optional<std::string>> values(rows.size());
  std::map<std::string, std::vector<size_t>> handled_rows;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path = PathOf(rows[i]);
    if (rules->IsIgnored(path)) continue;
    kept.push_back(i);
    mapped_paths[i] = rules->Rename(path);
    values[i] = rows[i][kValue];
    if (rules->ValueHandler(path) != nullptr) handled_rows[path].push_back(i);
  }

  const ConnectionSourceLookup lookup(context.connections(), context.prefixes().source);
  const mapping::HandlerContext handler_context = ValueHandlerContext(context, lookup, log);
  for (const auto& [path, path_rows] : handled_rows) {
    io::RowBatch target(kColumnCount);
    io::RowBatch opposite(kColumnCount);
    for (size_t i : path_rows) {
      AddRow(target, &rows[i]);
      auto match = destination_index.find(RowKey(rows[i], mapped_paths[i]));
      AddRow(opposite, match == destination_index.end() ? nullptr : &destination_rows->rows()[match->second]);
    }
    absl::StatusOr<std::unique_ptr<const mapping::Handler>> handler =
        mapping::HandlerRegistry::Default().Create(*rules->ValueHandler(path), handler_context);
    if (!handler.ok()) return handler.status();
    pipeline::HandlerTransform transform(std::move(*handler));
    if (absl::Status status = transform.Apply(target, opposite); !status.ok()) return status;
    for (size_t row = 0; row < path_rows.size(); ++row) {
      values[path_rows[row]] = target.IsNull(row, kValue)
                                   ? std::nullopt
                                   : std::optional<std::string>(std::string(target.Value(row, kValue)));
    }
  }

  io::RowBatch upserts(4);
  size_t inserted = 0;
  for (size_t i : kept) {
    for (size_t column : {kScope, kScopeId}) {
      if (rows[i][column].has_value()) {
        upserts.AddValue(*rows[i][column]);
      } else {
        upserts.AddNull();
      }
    }
    upserts.AddValue(mapped_paths[i]);
    if (values[i].has_value()) {
      upserts.AddValue(*values[i]);
    } else {
      upserts.AddNull();
    }
    upserts.FinishRow();
    if (destination_index.emplace(RowKey(rows[i], mapped_paths[i]), 0).second) ++inserted;
  }

  if (context.cancellation().stop_requested()) return absl::CancelledError("stopped by a stop request");
  io::BulkWriterOptions writer_options;
  writer_options.database = (*destination)->options().database;
  writer_options.table = mapping::AddDocumentPrefix(context.prefixes().destination, kDocument);
  writer_options.columns = {"scope", "scope_id", "path", "value"};
  writer_options.mode = io::WriteMode::kUpsert;
  writer_options.update_columns = {"value"};
  absl::StatusOr<std::unique_ptr<io::BulkWriter>> writer = io::BulkWriter::Create(**destination, writer_options);
  if (!writer.ok()) return writer.status();
  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(**destination);
  if (!transaction.ok()) return transaction.status();
  if (absl::Status status = (*writer)->Write(upserts); !status.ok()) return status;
  if (absl::Status status = RecordValueChanges(context, **writer, upserts, {"scope", "scope_id", "path"}); !status.ok()) {
    return status;
  }
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;

  context.totals().documents += 1;
  context.totals().rows += kept.size();
  log.Info(absl::StrCat(kDocument, ": ", kept.size(), " of ", rows.size(), " source rows written (", inserted,
                        " new, ", kept.size() - inserted, " over existing or earlier rows), ",
                        rows.size() - kept.size(), " ignored by ", rules->file()));
  return true;
}

}  // namespace migrate::stages
