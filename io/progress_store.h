// Where a run records how far each copy has got, so a killed run resumes exactly.
//
// A table in the destination database (created if missing) with one row per (step, stage,
// document, chunk): the chunk's key range, the last committed key, the rows done, a finished
// flag and updated_at. Keys are stored with EncodeKey (io/key_range.h): binary-safe and
// unambiguous. Every method runs on the connection it is given and never commits or begins a
// transaction itself, so the caller writes a batch and its progress atomically on the writer's
// connection:
//   BEGIN; writer.Write(batch); progress.Record(conn, ..., reader.last_key(), batch.row_count());
//   COMMIT
// After a crash the last committed key and the destination rows agree; a new reader starts after
// that key (within the chunk's stored range, so boundaries do not move between runs).
//
// A second table, migrate_pending_indexes (created beside it, so a progress table of an older
// version works unchanged), holds the index definitions a run took off a destination table to
// build them after the load (io/deferred_indexes.h): one row per table until they are back.
#ifndef MIGRATE_IO_PROGRESS_STORE_H_
#define MIGRATE_IO_PROGRESS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"

namespace migrate::io {

// Names one chunk of one document in one stage of one step.
struct ChunkId {
  std::string step;
  std::string stage;
  std::string document;
  uint32_t chunk = 0;
};

struct ChunkProgress {
  ChunkId id;
  // The chunk's bounds as planned (see KeyRangeSplitter).
  KeyRange range;
  // The key of the last committed row; nullopt when nothing has been committed yet.
  std::optional<Key> last_key;
  uint64_t rows_done = 0;
  bool finished = false;
  // The server's time of the last change, "YYYY-MM-DD hh:mm:ss.ffffff" in the session time zone.
  std::string updated_at;

  // Where a reader resumes: after last_key when set, else the planned range.
  KeyRange RemainingRange() const;
};

// The secondary index definitions a run took off a destination table, to add back after its load.
struct PendingIndexes {
  std::string database;
  std::string table;
  // Clauses of one ALTER TABLE that adds them back, in order (e.g. "ADD KEY IF NOT EXISTS ...").
  std::vector<std::string> clauses;
  // The server's id of the connection that took them off: a killed run's ALTER TABLE may still be
  // running on it.
  uint64_t connection_id = 0;
};

class ProgressStore {
 public:
  static constexpr absl::string_view kDefaultTable = "migrate_progress";
  static constexpr absl::string_view kPendingIndexesTable = "migrate_pending_indexes";

  // Creates the table, and migrate_pending_indexes, in the connection's default database if missing.
  static absl::StatusOr<ProgressStore> Open(MysqlConnection& connection,
                                            absl::string_view table = kDefaultTable);

  // Every chunk recorded for `step` and `stage`, ordered by document and chunk.
  absl::StatusOr<std::vector<ChunkProgress>> Load(MysqlConnection& connection, absl::string_view step,
                                                  absl::string_view stage) const;

  // Stores the planned ranges of a document's chunks 0..n-1, unless the document already has a
  // plan (a resumed run keeps the first run's boundaries: Load them instead).
  absl::Status PlanChunks(MysqlConnection& connection, absl::string_view step, absl::string_view stage,
                          absl::string_view document, const std::vector<KeyRange>& ranges) const;

  // Sets the chunk's last key and adds `rows` to its rows done. Creates the row if needed.
  absl::Status Record(MysqlConnection& connection, const ChunkId& chunk, const Key& last_key, uint64_t rows) const;

  absl::Status MarkFinished(MysqlConnection& connection, const ChunkId& chunk) const;

  // Records `pending` (replacing an earlier record of its table); LoadPendingIndexes lists every
  // record, ordered by database and table; ClearPendingIndexes forgets one table's.
  absl::Status RecordPendingIndexes(MysqlConnection& connection, const PendingIndexes& pending) const;
  absl::StatusOr<std::vector<PendingIndexes>> LoadPendingIndexes(MysqlConnection& connection) const;
  absl::Status ClearPendingIndexes(MysqlConnection& connection, absl::string_view database,
                                   absl::string_view table) const;

  // Forgets every chunk, or every chunk of one step (pending indexes stay until they are back).
  absl::Status Reset(MysqlConnection& connection) const;
  absl::Status ResetStep(MysqlConnection& connection, absl::string_view step) const;
  // Forgets one document of one stage, e.g. to copy a document without a key again whole.
  absl::Status ForgetDocument(MysqlConnection& connection, absl::string_view step, absl::string_view stage,
                              absl::string_view document) const;

  const std::string& table() const { return table_; }

 private:
  explicit ProgressStore(std::string table) : table_(std::move(table)) {}

  std::string table_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_PROGRESS_STORE_H_
