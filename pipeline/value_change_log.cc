#include "pipeline/value_change_log.h"

#include "absl/strings/str_cat.h"

namespace migrate::pipeline {
namespace {

constexpr size_t kShownBytes = 40;

// `value` quoted, cut to about kShownBytes on a UTF-8 character boundary, with its length when cut.
std::string ShowValue(const io::RowBatch& batch, size_t row, size_t column) {
  if (batch.IsNull(row, column)) return "NULL";
  const absl::string_view value = batch.Value(row, column);
  if (value.size() <= kShownBytes) return absl::StrCat("'", value, "'");
  size_t cut = kShownBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat("'", value.substr(0, cut), "...' (", value.size(), " bytes)");
}

// The server's message without its " at row N", which counts rows of a statement, not of the table.
absl::string_view WithoutRow(absl::string_view message) {
  const size_t at = message.rfind(" at row ");
  return at == absl::string_view::npos ? message : message.substr(0, at);
}

std::string Describe(const std::vector<std::string>& columns, const io::RowBatch& written,
                     const io::ValueChange& change, absl::FunctionRef<std::string(size_t)> key_of) {
  if (!change.row.has_value()) return change.message;
  std::string value = "(not written)";
  for (size_t column = 0; column < columns.size(); ++column) {
    if (columns[column] == change.column) value = ShowValue(written, *change.row, column);
  }
  return absl::StrCat(key_of(*change.row), ": ", value, " (", WithoutRow(change.message), ")");
}

}  // namespace

absl::Status ValueChangeLog::Record(absl::string_view table, const std::vector<std::string>& columns,
                                    const io::RowBatch& written, const io::ValueChanges& changes,
                                    absl::FunctionRef<std::string(size_t row)> key_of) {
  if (changes.empty()) return absl::OkStatus();
  if (fatal_) {
    const std::string what = changes.changes.empty()
                                 ? absl::StrCat(changes.unlisted, " warnings")
                                 : absl::StrCat(table, ".", changes.changes.front().column,
                                                changes.changes.front().row.has_value() ? " at " : ": ",
                                                Describe(columns, written, changes.changes.front(), key_of));
    return absl::FailedPreconditionError(
        absl::StrCat("The destination would change a value of ", table, ": ", what,
                     ". Stopped because option value_changes is fatal; the batch was rolled back with its progress, "
                     "nothing of it is written. Widen the destination column or fix the source value, then run again"));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (const io::ValueChange& change : changes.changes) {
    ColumnReport& report = new_[{std::string(table), change.column}];
    if (report.count++ == 0) {
      report.table = std::string(table);
      report.column = change.column;
    }
    if (report.examples.size() < kExamples) report.examples.push_back(Describe(columns, written, change, key_of));
  }
  if (changes.unlisted > 0) {
    ColumnReport& report = new_[{std::string(table), ""}];
    report.table = std::string(table);
    report.count += changes.unlisted;
  }
  total_ += changes.changes.size() + changes.unlisted;
  return absl::OkStatus();
}

std::vector<ValueChangeLog::ColumnReport> ValueChangeLog::TakeNew() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ColumnReport> reports;
  for (auto& [name, report] : new_) reports.push_back(std::move(report));
  new_.clear();
  return reports;
}

uint64_t ValueChangeLog::total() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return total_;
}

std::string DescribeKey(const std::vector<std::string>& names, const std::vector<size_t>& positions,
                        const io::RowBatch& batch, size_t row) {
  std::string described;
  for (size_t i = 0; i < names.size() && i < positions.size(); ++i) {
    absl::StrAppend(&described, i == 0 ? "" : ", ", names[i], "=",
                    batch.IsNull(row, positions[i]) ? "NULL" : batch.Value(row, positions[i]));
  }
  return described.empty() ? absl::StrCat("row ", row + 1, " of its batch") : described;
}

}  // namespace migrate::pipeline
