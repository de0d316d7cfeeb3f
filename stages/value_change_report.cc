#include "stages/value_change_report.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

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

absl::Status RecordValueChanges(RunContext& context, const io::BulkWriter& writer, const io::RowBatch& batch,
                                const std::vector<std::string>& key_columns) {
  if (writer.value_changes().empty()) return absl::OkStatus();
  std::vector<std::string> names;
  std::vector<size_t> positions;
  for (const std::string& key : key_columns) {
    for (size_t i = 0; i < writer.columns().size(); ++i) {
      if (writer.columns()[i] != key) continue;
      names.push_back(key);
      positions.push_back(i);
    }
  }
  return context.value_changes().Record(writer.table(), writer.columns(), batch, writer.value_changes(),
                                        [&](size_t row) { return pipeline::DescribeKey(names, positions, batch, row); });
}

std::function<absl::Status(const io::ValueChanges&)> ValueChangeRecorder(RunContext& context, std::string table) {
  return [&context, table = std::move(table)](const io::ValueChanges& changes) {
    return context.value_changes().Record(table, {}, io::RowBatch(), changes, [](size_t) { return std::string(); });
  };
}

std::string ValueChangeSummary(const RunContext& context) {
  return absl::StrCat("values changed by the destination: ", context.value_changes().total());
}

}  // namespace migrate::stages
