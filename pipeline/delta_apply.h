// Replays a set of changed keys of one document (from its changelog, io/changelog.h) into the
// destination, through the same mapping and transforms as the copy.
//
// For the changed keys, the current source rows are read, mapped and transformed; then, in one
// destination transaction:
//   1. keys with no source row left are deleted from the destination with foreign key checks on,
//      so the destination's ON DELETE CASCADE removes the children the source's cascade removed
//      (a cascade fires no trigger, so the children's changelogs never see it), as Magento does;
//   2. when the changelog key does not identify one row (it is not the source's primary key),
//      the destination rows of the keys still present are deleted too, without cascades, so
//      that step 3 leaves exactly the source's rows;
//   3. the rows read are upserted (INSERT ... ON DUPLICATE KEY UPDATE of the plan's update_columns,
//      all columns when it names none, as the copy writes them).
// A plan may leave step 1 to its caller (delete_gone false), which then decides from the result's
// `present` keys what the destination loses (the Tier Price delta, whose two source documents
// meet in one destination row).
// Applying the same keys twice gives the same destination, so a replay killed at any point can
// simply be repeated.
#ifndef MIGRATE_PIPELINE_DELTA_APPLY_H_
#define MIGRATE_PIPELINE_DELTA_APPLY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "pipeline/copy_plan.h"
#include "pipeline/value_change_log.h"

namespace migrate::pipeline {

struct DeltaPlan {
  // The document's copy plan, written as upserts.
  CopyPlan copy;
  // The changelog key on the source side, and the position of each of its columns among
  // copy.source_columns.
  std::vector<io::KeyColumn> source_key;
  std::vector<size_t> source_key_positions;
  // The same columns as the destination names them.
  std::vector<io::KeyColumn> destination_key;
  // The changelog key is the source's primary key: one row per key.
  bool key_is_unique = true;
  // Step 1 above: keys with no source row left are deleted from the destination.
  bool delete_gone = true;
};

struct DeltaApplyResult {
  uint64_t rows_upserted = 0;
  uint64_t keys_deleted = 0;
  // The changed keys that have a source row (as the source returns their values).
  std::vector<io::Key> present;
};

// Applies `keys` (values of plan.source_key) on the two connections; the destination's session
// must be set up as for a copy (foreign key checks off). Reads source rows `batch_size` at a time.
// The values the destination changes go to `value_changes` (when given); when they are fatal, the
// first one rolls the whole page back and is the error.
absl::StatusOr<DeltaApplyResult> ApplyChangedKeys(const DeltaPlan& plan, const std::vector<io::Key>& keys,
                                                  io::MysqlConnection& source, io::MysqlConnection& destination,
                                                  size_t batch_size, ValueChangeLog* value_changes = nullptr);

// The same inside the caller's open transaction on `destination`: neither begins nor commits, so
// a step can apply several plans and its own writes atomically.
absl::StatusOr<DeltaApplyResult> ApplyChangedKeysInTransaction(const DeltaPlan& plan, const std::vector<io::Key>& keys,
                                                               io::MysqlConnection& source,
                                                               io::MysqlConnection& destination, size_t batch_size,
                                                               ValueChangeLog* value_changes = nullptr);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_DELTA_APPLY_H_
