// The batch mapper: places each source row's values into the destination's columns as a CopyPlan
// says (renames, moves, ignores are all a matter of which source column feeds which destination
// column), with the initial value for columns no source feeds. Stateless and thread-safe.
//
// The destination borrows the source's bytes and the plan's initial values (io::RowBatch::AddBorrowed)
// rather than copying them: read it only while the source batch is neither cleared, reset nor
// destroyed, and the plan lives. Rewriting source cells (SetValue) leaves the borrowed bytes in place.
#ifndef MIGRATE_PIPELINE_BATCH_MAPPER_H_
#define MIGRATE_PIPELINE_BATCH_MAPPER_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "io/row_batch.h"
#include "pipeline/copy_plan.h"

namespace migrate::pipeline {

class BatchMapper {
 public:
  explicit BatchMapper(const CopyPlan& plan) : plan_(plan) {}

  // Clears `destination` and fills it with one row per source row.
  void Map(const io::RowBatch& source, io::RowBatch& destination) const;

  // For a `destination` that Map(source) filled and rewrites may have changed since, on either
  // side: maps again the destination columns rewritten (RowBatch::Rewritten) and those fed by a
  // rewritten source column, so `destination` holds what Map(source) would give now.
  void MapRewrittenColumns(const io::RowBatch& source, io::RowBatch& destination) const;

 private:
  // What Map() places in `column` for the source row: nullopt for NULL.
  static std::optional<absl::string_view> Mapped(const io::RowBatch& source, size_t row,
                                                 const DestinationColumn& column);

  const CopyPlan& plan_;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_BATCH_MAPPER_H_
