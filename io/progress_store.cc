#include "io/progress_store.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

// utf8mb4_bin: names compare byte for byte. The key stays under InnoDB's 3072-byte limit.
constexpr absl::string_view kCreateTable = R"sql(CREATE TABLE IF NOT EXISTS %s (
  `step` VARCHAR(128) NOT NULL,
  `stage` VARCHAR(64) NOT NULL,
  `document` VARCHAR(128) NOT NULL,
  `chunk` INT UNSIGNED NOT NULL,
  `range_after` LONGBLOB NULL COMMENT 'EncodeKey of the exclusive lower bound; NULL: unbounded',
  `range_upto` LONGBLOB NULL COMMENT 'EncodeKey of the inclusive upper bound; NULL: unbounded',
  `last_key` LONGBLOB NULL COMMENT 'EncodeKey of the last committed row; NULL: none yet',
  `rows_done` BIGINT UNSIGNED NOT NULL DEFAULT 0,
  `finished` TINYINT(1) NOT NULL DEFAULT 0,
  `updated_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`step`, `stage`, `document`, `chunk`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='migrate: resume points of data copies')sql";

// One row per destination table whose secondary indexes a run took off (io/deferred_indexes.h).
constexpr absl::string_view kCreatePendingIndexesTable = R"sql(CREATE TABLE IF NOT EXISTS %s (
  `database_name` VARCHAR(64) NOT NULL,
  `table_name` VARCHAR(64) NOT NULL,
  `clauses` LONGTEXT NOT NULL COMMENT 'the ALTER TABLE clauses that add them back, one a line',
  `connection_id` BIGINT UNSIGNED NOT NULL COMMENT 'the connection that took them off',
  `created_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`database_name`, `table_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='migrate: secondary indexes to build after a load')sql";

absl::Status CreateTable(MysqlConnection& connection, absl::string_view create, absl::string_view table) {
  std::string sql(create);
  sql.replace(sql.find("%s"), 2, QuoteIdentifier(table));
  return WithContext(connection.Execute(sql), absl::StrCat("creating the progress table ", table));
}

std::optional<std::string> EncodedKey(const std::optional<Key>& key) {
  if (!key.has_value()) return std::nullopt;
  return EncodeKey(*key);
}

absl::StatusOr<std::optional<Key>> DecodeNullableKey(const std::optional<std::string>& encoded) {
  if (!encoded.has_value()) return std::nullopt;
  absl::StatusOr<Key> key = DecodeKey(*encoded);
  if (!key.ok()) return key.status();
  return std::optional<Key>(std::move(*key));
}

}  // namespace

KeyRange ChunkProgress::RemainingRange() const {
  return KeyRange{last_key.has_value() ? last_key : range.after, range.upto};
}

absl::StatusOr<ProgressStore> ProgressStore::Open(MysqlConnection& connection, absl::string_view table) {
  if (absl::Status status = CreateTable(connection, kCreateTable, table); !status.ok()) return status;
  if (absl::Status status = CreateTable(connection, kCreatePendingIndexesTable, kPendingIndexesTable); !status.ok()) {
    return status;
  }
  return ProgressStore{std::string(table)};
}

absl::StatusOr<std::vector<ChunkProgress>> ProgressStore::Load(MysqlConnection& connection, absl::string_view step,
                                                               absl::string_view stage) const {
  absl::StatusOr<ResultSet> result = QueryBound(
      connection,
      absl::StrCat("SELECT `document`, `chunk`, `range_after`, `range_upto`, `last_key`, `rows_done`, `finished`, "
                   "`updated_at` FROM ",
                   QuoteIdentifier(table_), " WHERE `step` = ? AND `stage` = ? ORDER BY `document`, `chunk`"),
      {std::string(step), std::string(stage)});
  if (!result.ok()) return WithContext(result.status(), absl::StrCat("reading ", table_));
  std::vector<ChunkProgress> chunks;
  for (const Row& row : result->rows()) {
    ChunkProgress progress;
    progress.id = ChunkId{std::string(step), std::string(stage), row[0].value_or(""), 0};
    absl::StatusOr<std::optional<Key>> after = DecodeNullableKey(row[2]);
    absl::StatusOr<std::optional<Key>> upto = DecodeNullableKey(row[3]);
    absl::StatusOr<std::optional<Key>> last = DecodeNullableKey(row[4]);
    int finished = 0;
    if (!absl::SimpleAtoi(row[1].value_or(""), &progress.id.chunk) || !after.ok() || !upto.ok() || !last.ok() ||
        !absl::SimpleAtoi(row[5].value_or(""), &progress.rows_done) ||
        !absl::SimpleAtoi(row[6].value_or(""), &finished)) {
      return absl::DataLossError(
          absl::StrCat("a malformed row in ", table_, " for document ", progress.id.document));
    }
    progress.range = KeyRange{std::move(*after), std::move(*upto)};
    progress.last_key = std::move(*last);
    progress.finished = finished != 0;
    progress.updated_at = row[7].value_or("");
    chunks.push_back(std::move(progress));
  }
  return chunks;
}

absl::Status ProgressStore::PlanChunks(MysqlConnection& connection, absl::string_view step, absl::string_view stage,
                                       absl::string_view document, const std::vector<KeyRange>& ranges) const {
  const BoundValues names = {std::string(step), std::string(stage), std::string(document)};
  absl::StatusOr<ResultSet> planned = QueryBound(
      connection,
      absl::StrCat("SELECT COUNT(*) FROM ", QuoteIdentifier(table_), " WHERE `step` = ? AND `stage` = ? AND `document` = ?"),
      names);
  if (!planned.ok()) return WithContext(planned.status(), absl::StrCat("reading ", table_));
  absl::StatusOr<std::string> count = planned->Scalar();
  if (!count.ok()) return WithContext(count.status(), absl::StrCat("reading ", table_));
  if (*count != "0" || ranges.empty()) return absl::OkStatus();
  // Chunks in statements of at most 1,000 rows, well under the 65,535 values a statement may bind.
  constexpr size_t kChunksPerStatement = 1000;
  for (size_t begin = 0; begin < ranges.size(); begin += kChunksPerStatement) {
    std::vector<std::string> rows;
    BoundValues values;
    for (size_t i = begin; i < ranges.size() && i < begin + kChunksPerStatement; ++i) {
      rows.push_back("(?, ?, ?, ?, ?, ?)");
      values.insert(values.end(), names.begin(), names.end());
      values.insert(values.end(), {absl::StrCat(i), EncodedKey(ranges[i].after), EncodedKey(ranges[i].upto)});
    }
    absl::StatusOr<uint64_t> inserted = ExecuteBound(
        connection,
        absl::StrCat("INSERT INTO ", QuoteIdentifier(table_),
                     " (`step`, `stage`, `document`, `chunk`, `range_after`, `range_upto`) VALUES ",
                     absl::StrJoin(rows, ", ")),
        values);
    if (!inserted.ok()) return WithContext(inserted.status(), absl::StrCat("planning ", document, " in ", table_));
  }
  return absl::OkStatus();
}

absl::Status ProgressStore::Record(MysqlConnection& connection, const ChunkId& chunk, const Key& last_key,
                                   uint64_t rows) const {
  absl::StatusOr<uint64_t> recorded = ExecuteBound(
      connection,
      absl::StrCat("INSERT INTO ", QuoteIdentifier(table_),
                   " (`step`, `stage`, `document`, `chunk`, `last_key`, `rows_done`) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON DUPLICATE KEY UPDATE `last_key` = VALUES(`last_key`), `rows_done` = `rows_done` + VALUES(`rows_done`)"),
      {chunk.step, chunk.stage, chunk.document, absl::StrCat(chunk.chunk), EncodeKey(last_key), absl::StrCat(rows)});
  return WithContext(recorded.status(), absl::StrCat("recording progress of ", chunk.document, " in ", table_));
}

absl::Status ProgressStore::MarkFinished(MysqlConnection& connection, const ChunkId& chunk) const {
  absl::StatusOr<uint64_t> marked = ExecuteBound(
      connection,
      absl::StrCat("INSERT INTO ", QuoteIdentifier(table_),
                   " (`step`, `stage`, `document`, `chunk`, `finished`) VALUES (?, ?, ?, ?, 1) "
                   "ON DUPLICATE KEY UPDATE `finished` = 1"),
      {chunk.step, chunk.stage, chunk.document, absl::StrCat(chunk.chunk)});
  return WithContext(marked.status(), absl::StrCat("marking ", chunk.document, " finished in ", table_));
}

absl::Status ProgressStore::RecordPendingIndexes(MysqlConnection& connection, const PendingIndexes& pending) const {
  absl::StatusOr<uint64_t> recorded = ExecuteBound(
      connection,
      absl::StrCat("REPLACE INTO ", QuoteIdentifier(kPendingIndexesTable),
                   " (`database_name`, `table_name`, `clauses`, `connection_id`) VALUES (?, ?, ?, ?)"),
      {pending.database, pending.table, absl::StrJoin(pending.clauses, "\n"), absl::StrCat(pending.connection_id)});
  return WithContext(recorded.status(),
                     absl::StrCat("recording the pending indexes of ", pending.table, " in ", kPendingIndexesTable));
}

absl::StatusOr<std::vector<PendingIndexes>> ProgressStore::LoadPendingIndexes(MysqlConnection& connection) const {
  absl::StatusOr<ResultSet> result =
      connection.Query(absl::StrCat("SELECT `database_name`, `table_name`, `clauses`, `connection_id` FROM ",
                                    QuoteIdentifier(kPendingIndexesTable), " ORDER BY `database_name`, `table_name`"));
  if (!result.ok()) return WithContext(result.status(), absl::StrCat("reading ", kPendingIndexesTable));
  std::vector<PendingIndexes> records;
  for (const Row& row : result->rows()) {
    PendingIndexes pending{row[0].value_or(""), row[1].value_or(""), {}, 0};
    pending.clauses = absl::StrSplit(row[2].value_or(""), '\n', absl::SkipEmpty());
    if (!absl::SimpleAtoi(row[3].value_or(""), &pending.connection_id)) {
      return absl::DataLossError(absl::StrCat("a malformed row in ", kPendingIndexesTable, " for table ", pending.table));
    }
    records.push_back(std::move(pending));
  }
  return records;
}

absl::Status ProgressStore::ClearPendingIndexes(MysqlConnection& connection, absl::string_view database,
                                                absl::string_view table) const {
  absl::StatusOr<uint64_t> cleared = ExecuteBound(
      connection,
      absl::StrCat("DELETE FROM ", QuoteIdentifier(kPendingIndexesTable),
                   " WHERE `database_name` = ? AND `table_name` = ?"),
      {std::string(database), std::string(table)});
  return WithContext(cleared.status(), absl::StrCat("clearing the pending indexes of ", table, " in ",
                                                    kPendingIndexesTable));
}

absl::Status ProgressStore::Reset(MysqlConnection& connection) const {
  return WithContext(connection.Execute(absl::StrCat("DELETE FROM ", QuoteIdentifier(table_))),
                     absl::StrCat("clearing ", table_));
}

absl::Status ProgressStore::ResetStep(MysqlConnection& connection, absl::string_view step) const {
  return WithContext(
      ExecuteBound(connection, absl::StrCat("DELETE FROM ", QuoteIdentifier(table_), " WHERE `step` = ?"),
                   {std::string(step)})
          .status(),
      absl::StrCat("clearing ", step, " in ", table_));
}

absl::Status ProgressStore::ForgetDocument(MysqlConnection& connection, absl::string_view step,
                                           absl::string_view stage, absl::string_view document) const {
  return WithContext(
      ExecuteBound(connection,
                   absl::StrCat("DELETE FROM ", QuoteIdentifier(table_),
                                " WHERE `step` = ? AND `stage` = ? AND `document` = ?"),
                   {std::string(step), std::string(stage), std::string(document)})
          .status(),
      absl::StrCat("clearing ", document, " in ", table_));
}

}  // namespace migrate::io
