// Logs the values the destination changed on the way in (pipeline/value_change_log.h): after each
// stage, one WARNING per table and column the stage wrote, with the count and a few keys, values
// and the server's words.
#ifndef MIGRATE_STAGES_VALUE_CHANGE_REPORT_H_
#define MIGRATE_STAGES_VALUE_CHANGE_REPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "io/bulk_writer.h"
#include "io/row_batch.h"
#include "io/value_change.h"

#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

// Logs, under `log`, what was recorded since the last call.
void ReportValueChanges(RunContext& context, const StepLog& log);

// Hands what `writer`'s last Write of `batch` made the destination change to the run's log, naming
// rows by `key_columns` (those of the writer's columns); an error when such changes are fatal. For
// steps that write with a BulkWriter of their own, before they commit.
absl::Status RecordValueChanges(RunContext& context, const io::BulkWriter& writer, const io::RowBatch& batch,
                                const std::vector<std::string>& key_columns);

// For writes without a batch of their own (set-based SQL such as io::RunInsertSelect, rows written
// from records by io::InsertRecords): records what a statement writing `table` changed, naming rows
// by `key_columns`, or when none are given by the destination table's primary key (else its first
// unique key) where the statement writes all its columns; an error when such changes are fatal.
io::StatementChangeHandler ValueChangeRecorder(RunContext& context, std::string table,
                                               std::vector<std::string> key_columns = {});

// The summary's words for the run's total, e.g. "values changed by the destination: 0".
std::string ValueChangeSummary(const RunContext& context);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_VALUE_CHANGE_REPORT_H_
