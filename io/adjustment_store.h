// What steps other than the copy did to the row counts of destination tables, so that a volume
// check that compares source and destination counts can allow for it (Magento's progress entry
// PostProcessing -> changedDocumentRowsCount).
//
// A table in the destination database (created if missing) with one row per (step, document): the
// net number of rows the step has removed from that destination table (rows it deleted minus rows it
// added; negative when it added more). A volume check adds the sum over steps to the destination's
// count before comparing it with the source's.
//
// Like ProgressStore, every method runs on the connection it is given and never begins or commits a
// transaction itself, so a step records its change in the same transaction as the change:
//   BEGIN; DELETE ...; adjustments.Add(conn, step, table, conn.affected_rows()); COMMIT
// Killed at any point, the figure and the table agree: both committed or neither. Open() runs DDL,
// which commits implicitly: call it before BEGIN.
//
// A figure stays valid until the table is filled again from the source; whoever empties and
// refills it (the copy coordinator, for a document it starts afresh) calls ForgetDocument().
#ifndef MIGRATE_IO_ADJUSTMENT_STORE_H_
#define MIGRATE_IO_ADJUSTMENT_STORE_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"

namespace migrate::io {

class AdjustmentStore {
 public:
  static constexpr absl::string_view kDefaultTable = "migrate_volume_adjustments";

  // Creates the table in the connection's default database if it is missing.
  static absl::StatusOr<AdjustmentStore> Open(MysqlConnection& connection,
                                              absl::string_view table = kDefaultTable);

  // Adds `rows` (rows removed; negative for rows added) to the figure of `step` for `document`.
  absl::Status Add(MysqlConnection& connection, absl::string_view step, absl::string_view document,
                   int64_t rows) const;

  // Sets the figure of `step` for `document` to `rows`, for a step that counts what it changed as a
  // whole (ConfigurablePrices' rows without a Magento 1 row).
  absl::Status Set(MysqlConnection& connection, absl::string_view step, absl::string_view document,
                   int64_t rows) const;

  // The sum over every step of each document's figure; documents without one are absent.
  absl::StatusOr<std::map<std::string, int64_t>> LoadByDocument(MysqlConnection& connection) const;

  // Forgets every step's figure for `document`, or everything.
  absl::Status ForgetDocument(MysqlConnection& connection, absl::string_view document) const;
  absl::Status Reset(MysqlConnection& connection) const;

  const std::string& table() const { return table_; }

 private:
  explicit AdjustmentStore(std::string table) : table_(std::move(table)) {}

  std::string table_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_ADJUSTMENT_STORE_H_
