#include "stages/value_change_report.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/table_schema.h"

namespace migrate::stages {

void ReportValueChanges(RunContext& context, const StepLog& log) {
  for (const pipeline::ValueChangeLog::ColumnReport& report : context.value_changes().TakeNew()) {
    const std::string where = report.column.empty() ? report.table : absl::StrCat(report.table, ".", report.column);
    std::string message = absl::StrCat("The destination changed ", report.count, report.count == 1 ? " value" : " values",
                                       " of ", where, " on the way in");
    if (!report.examples.empty()) absl::StrAppend(&message, ", e.g. ", absl::StrJoin(report.examples, "; "));
    log.Warning(message);
  }
}

namespace {

// Records `changes` of `written` (whose columns are `columns`) into `table`, rows named by `key_columns`.
absl::Status Record(RunContext& context, const std::string& table, const std::vector<std::string>& columns,
                    const io::RowBatch& written, const io::ValueChanges& changes,
                    const std::vector<std::string>& key_columns) {
  std::vector<std::string> names;
  std::vector<size_t> positions;
  for (const std::string& key : key_columns) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] != key) continue;
      names.push_back(key);
      positions.push_back(i);
    }
  }
  return context.value_changes().Record(table, columns, written, changes, [&](size_t row) {
    return pipeline::DescribeKey(names, positions, written, row);
  });
}

// The primary key of the destination's `table`, else its first unique key, when `columns` hold all of it.
std::vector<std::string> KeyAmong(RunContext& context, const std::string& table,
                                  const std::vector<std::string>& columns) {
  absl::StatusOr<const io::DatabaseSchema*> schema = context.DestinationSchema();
  if (!schema.ok()) return {};
  auto found = (*schema)->find(table);
  if (found == (*schema)->end()) return {};
  return found->second.KeyAmong(columns);
}

}  // namespace

absl::Status RecordValueChanges(RunContext& context, const io::BulkWriter& writer, const io::RowBatch& batch,
                                const std::vector<std::string>& key_columns) {
  if (writer.value_changes().empty()) return absl::OkStatus();
  return Record(context, writer.table(), writer.columns(), batch, writer.value_changes(), key_columns);
}

io::StatementChangeHandler ValueChangeRecorder(RunContext& context, std::string table,
                                               std::vector<std::string> key_columns) {
  return [&context, table = std::move(table), key_columns = std::move(key_columns)](const io::StatementChanges& found) {
    if (found.changes.empty()) return absl::OkStatus();
    std::vector<std::string> key = key_columns.empty() ? found.key_columns : key_columns;
    if (key.empty()) key = KeyAmong(context, table, found.columns);
    return Record(context, table, found.columns, found.rows, found.changes, key);
  };
}

std::string ValueChangeSummary(const RunContext& context) {
  return absl::StrCat("values changed by the destination: ", context.value_changes().total());
}

}  // namespace migrate::stages
