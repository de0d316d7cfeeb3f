#include "stages/steps/step_copy.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "mapping/document_prefix.h"
#include "pipeline/coordinator.h"

namespace migrate::stages {

const io::TableSchema* FindDocument(const io::DatabaseSchema& schema, absl::string_view prefix,
                                    absl::string_view document) {
  auto it = schema.find(mapping::AddDocumentPrefix(prefix, document));
  return it == schema.end() ? nullptr : &it->second;
}

std::vector<std::string> MissingDocuments(const io::DatabaseSchema& schema, absl::string_view prefix,
                                          const std::vector<std::string>& documents) {
  std::vector<std::string> missing;
  for (const std::string& document : documents) {
    if (FindDocument(schema, prefix, document) == nullptr) missing.push_back(document);
  }
  return missing;
}

std::vector<std::string> MissingFields(const io::TableSchema& table, const std::vector<std::string>& fields) {
  std::vector<std::string> missing;
  for (const std::string& field : fields) {
    if (table.FindColumn(field) == nullptr) missing.push_back(field);
  }
  return missing;
}

absl::StatusOr<bool> RunCopyPlans(RunContext& context, absl::string_view step,
                                  const std::vector<pipeline::CopyPlan>& plans, const StepLog& log) {
  const absl::Time start = absl::Now();
  pipeline::Coordinator coordinator(context.connections(), context.CopyOptions(step, "data"), context.cancellation());
  absl::StatusOr<std::vector<pipeline::DocumentResult>> results = coordinator.Run(plans, context.listener());
  if (!results.ok()) return results.status();
  uint64_t rows = 0;
  size_t copied = 0;
  size_t skipped = 0;
  bool complete = true;
  for (const pipeline::DocumentResult& result : *results) {
    rows += result.rows_written;
    if (result.skipped_as_finished) ++skipped;
    if (result.complete && !result.skipped_as_finished) ++copied;
    if (!result.complete) complete = false;
  }
  context.totals().documents += copied;
  context.totals().rows += rows;
  std::string summary = absl::StrCat("copied ", rows, " rows of ", copied, " documents in ",
                                     absl::StrFormat("%.1f", absl::ToDoubleSeconds(absl::Now() - start)), " s");
  if (skipped > 0) absl::StrAppend(&summary, "; ", skipped, " documents were already finished by an earlier run");
  log.Info(summary);
  return complete && results->size() == plans.size();
}

std::optional<uint64_t> CharacterLength(const io::ColumnSchema& column) {
  const size_t open = column.column_type.find('(');
  const size_t close = column.column_type.find(')', open);
  if (column.IsNumeric() || open == std::string::npos || close == std::string::npos) return std::nullopt;
  uint64_t length = 0;
  if (!absl::SimpleAtoi(column.column_type.substr(open + 1, close - open - 1), &length)) return std::nullopt;
  return length;
}

}  // namespace migrate::stages
