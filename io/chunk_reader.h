// Reads the rows of one key range of one table, in key order, batch by batch.
//
// Keyed tables (a non-empty `key`, normally TableSchema::ResumeKey()) are read with keyset
// pagination, never OFFSET: each page is one query
//   SELECT columns FROM t WHERE <key > ?> [AND <key <= ?>] [AND (filter)] ORDER BY key LIMIT n
// where a composite comparison is spelled so MariaDB's range optimizer scans the key's index:
//   k1 >= ? AND (k1 > ? OR (k1 = ? AND k2 > ?) OR ...).
// The query is prepared once (io/prepared_query.h) and run for every page with the key bounds
// bound as values (numbers for numeric key columns), never spelled into SQL; its rows arrive in the
// text protocol, as a plain query's would. The page is streamed (mysql_use_result: the client
// library holds one row at a time, never the page) straight into the caller's recycled RowBatch. A
// batch ends at batch_size rows, or earlier when `admit_row` refuses a row: the rest of the page
// then fills the next batches. After each batch, last_key() is the key of its last row (text
// values, in key order), which the caller records with the batch; a new reader whose range starts
// after that key returns exactly the rows not yet returned.
//
// Tables without a usable key (an empty `key`): the whole table (or filter) is one streaming
// query without ORDER BY, read batch by batch; the connection stays busy until the stream ends or
// the reader is destroyed, and last_key() stays empty. Such a document cannot resume in the
// middle: the caller treats it as all-or-nothing, i.e. on resume it empties the destination rows
// of that document and copies it again from the start; only a finished document is skipped.
//
// Not thread-safe; the reader borrows the connection (which must outlive it) for its lifetime.
#ifndef MIGRATE_IO_CHUNK_READER_H_
#define MIGRATE_IO_CHUNK_READER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "io/prepared_query.h"
#include "io/row_batch.h"

struct st_mysql_res;

namespace migrate::io {

struct ChunkReaderOptions {
  // Empty means the connection's default database.
  std::string database;
  std::string table;
  // The columns each batch holds, in this order.
  std::vector<std::string> columns;
  // The resume key; need not be among `columns`. Empty: read as one stream (see above).
  std::vector<KeyColumn> key;
  // Keyed reads only: the rows after range.after up to and including range.upto.
  KeyRange range;
  // An extra SQL condition every row must meet, e.g. a delta's set of changed keys; may be empty.
  std::string filter;
  // The values of the filter's `?` placeholders, in order.
  BoundValues filter_values;
  // Rows per batch (and per page query).
  size_t batch_size = 10000;
  // Asked with the bytes of a row's values before the row joins a batch. False ends the batch
  // before that row, which stays fetched and opens the next batch; the first row of a batch is
  // taken whatever it answers. Null: every row is taken.
  std::function<bool(size_t value_bytes)> admit_row;
};

class ChunkReader {
 public:
  ChunkReader(MysqlConnection& connection, ChunkReaderOptions options);
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;
  ~ChunkReader();

  // Clears `batch`, sets its column count, reserves its cell table and fills it with up to
  // batch_size rows. Returns false (with an empty batch) once the range is exhausted.
  absl::StatusOr<bool> Next(RowBatch* batch);

  // The key of the last row returned so far; range.after (or empty) before the first batch.
  const Key& last_key() const { return last_key_; }
  uint64_t rows_read() const { return rows_read_; }
  bool keyed() const { return !options_.key.empty(); }

  // The statement the next keyed page runs and its values (for logs and EXPLAIN).
  BoundSql PageQuery() const;

 private:
  // Sends the next keyed page's query and opens its result.
  absl::Status OpenPage();
  absl::StatusOr<bool> NextKeyedPage(RowBatch* batch);
  absl::StatusOr<bool> NextStreamed(RowBatch* batch);
  // Moves up to batch_size rows of the open result into `batch`; true when the result is drained,
  // false when the batch is full or admit_row ended it.
  absl::StatusOr<bool> Drain(RowBatch* batch, bool track_key);
  // Sends `query`, preparing its text unless it is the one prepared last, and opens its result.
  absl::Status Open(const BoundSql& query);
  void CloseResult();

  MysqlConnection& connection_;
  ChunkReaderOptions options_;
  std::string select_prefix_;
  // Position in the select list of each key column.
  std::vector<size_t> key_positions_;
  Key last_key_;
  uint64_t rows_read_ = 0;
  bool exhausted_ = false;
  // The page query as prepared: the first page (without a lower bound) and the later ones differ.
  std::unique_ptr<PreparedQuery> prepared_;
  std::string prepared_sql_;
  st_mysql_res* result_ = nullptr;
  // Rows the open keyed page has given so far.
  size_t page_rows_ = 0;
  // A fetched row admit_row refused, still in the client library's buffer: the next batch's first.
  char** pending_row_ = nullptr;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_CHUNK_READER_H_
