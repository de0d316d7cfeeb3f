#include "stages/value_change_report.h"

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

std::string ValueChangeSummary(const RunContext& context) {
  return absl::StrCat("values changed by the destination: ", context.value_changes().total());
}

}  // namespace migrate::stages
