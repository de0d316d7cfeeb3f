// The integrity check's warning about data that will not fit: for each field copied unchanged (no
// handler on either side) whose destination column is narrower than its source column (a shorter
// char/varchar or smaller text/blob, an integer or decimal type of smaller range), the source's
// actual longest value or range is read (io/column_extremes.h, one scan per table that has such
// fields, none otherwise); when it exceeds the destination, a WARNING names the document, field,
// the widest value's length or the range, and the destination's type. The copy would otherwise
// have the destination cut or clip those values (reported then, or fatal: value_changes).
#ifndef MIGRATE_STAGES_NARROW_COLUMNS_H_
#define MIGRATE_STAGES_NARROW_COLUMNS_H_

#include <optional>

#include "absl/status/status.h"
#include "io/column_extremes.h"
#include "io/table_schema.h"
#include "stages/map_documents.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

// What to read of a source column to tell whether its values fit `destination`; nullopt when
// every value of `source`'s type fits (or the types are not comparable).
std::optional<io::ExtremeKind> NarrowerCheck(const io::ColumnSchema& source, const io::ColumnSchema& destination);

// When `extremes` of a source column do not fit `destination`: the widest length or the range.
std::optional<std::string> ExceedsDestination(io::ExtremeKind kind, const io::Extremes& extremes,
                                              const io::ColumnSchema& destination);

// Reads and warns as above for every pair of `documents`.
absl::Status ReportNarrowColumns(RunContext& context, const MapDocuments& documents, const StepLog& log);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_NARROW_COLUMNS_H_
