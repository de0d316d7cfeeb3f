// The values the destination changed on the way in (io/value_change.h), gathered from every writer
// of a run: per table and column, how many and the first few keys with their values and the
// server's words, for a warning per column after each stage and a count in the run's summary.
//
// When such changes are fatal (config.xml option value_changes = fatal), Record() records nothing
// and returns an error naming the first change's table, column, key and value: the writer then
// rolls back the batch's transaction, its progress with it, and the run stops.
//
// Thread-safe. A batch the server did not change is never handed here, so a clean copy pays nothing.
#ifndef MIGRATE_PIPELINE_VALUE_CHANGE_LOG_H_
#define MIGRATE_PIPELINE_VALUE_CHANGE_LOG_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "io/row_batch.h"
#include "io/value_change.h"

namespace migrate::pipeline {

class ValueChangeLog {
 public:
  // The changes of one table and column (column empty: warnings that name none).
  struct ColumnReport {
    std::string table;
    std::string column;
    uint64_t count = 0;
    // The first kExamples changes: "key: value (what the server did)".
    std::vector<std::string> examples;
  };
  static constexpr size_t kExamples = io::kPlacedChangesPerColumn;

  explicit ValueChangeLog(bool fatal = false) : fatal_(fatal) {}

  bool fatal() const { return fatal_; }

  // Records what the destination changed writing `written` (whose columns are `columns`) into
  // `table`; `key_of(row)` describes a row's key, e.g. "entity_id=7". An error when fatal.
  absl::Status Record(absl::string_view table, const std::vector<std::string>& columns, const io::RowBatch& written,
                      const io::ValueChanges& changes, absl::FunctionRef<std::string(size_t row)> key_of);

  // What was recorded since the last call, by table and column.
  std::vector<ColumnReport> TakeNew();

  // Every change recorded in the run.
  uint64_t total() const;

 private:
  const bool fatal_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, ColumnReport> new_;
  uint64_t total_ = 0;
};

// "a=1, b=x": the values of `key_columns` (names and their positions in `batch`) in `row`.
std::string DescribeKey(const std::vector<std::string>& names, const std::vector<size_t>& positions,
                        const io::RowBatch& batch, size_t row);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_VALUE_CHANGE_LOG_H_
