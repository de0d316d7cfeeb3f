// Writes RowBatches into `table (columns)` over one connection, as fast as the server allows.
//
// On MariaDB servers with bulk support the writer prepares
//   INSERT INTO t (c1, ...) VALUES (?, ...) [ON DUPLICATE KEY UPDATE c1 = VALUES(c1), ...]
// once and executes it with array binding (STMT_ATTR_ARRAY_SIZE, column-wise MYSQL_BIND arrays of
// MYSQL_TYPE_STRING pointing into the batch's arena, STMT_INDICATOR_NULL for NULLs), which
// Connector/C sends as COM_STMT_BULK_EXECUTE. Elsewhere (the server lacks the capability, or the
// first bulk execution is refused as unsupported), or when forced, it sends multi-row INSERTs with
// bound values (io/multi_row_insert.h). Either way a batch goes out in as many statements as needed to keep each
// one under min(max_statement_bytes, the server's max_allowed_packet), and values arrive as the
// text protocol would deliver them, so both paths store identical rows.
//
// Values the server changes on the way in (the session is not strict: a value too long is cut, one
// out of range clipped, ...) raise warnings; after each statement that raised any, the writer reads
// them back into value_changes() (io/value_change.h), rows numbered as in the batch. A statement
// without warnings costs nothing more. Array binding refuses a NULL for a NOT NULL column where a
// multi-row INSERT stores the column's default with a warning: that batch's remaining rows go as
// multi-row INSERTs, so both paths store and report the same.
//
// Writing never commits: the caller owns the transaction, e.g.
//   BEGIN; writer.Write(batch); progress.Record(...); COMMIT
// on the writer's connection. Not thread-safe; the connection must outlive the writer. After a
// lost connection, make a new writer on the new connection.
#ifndef MIGRATE_IO_BULK_WRITER_H_
#define MIGRATE_IO_BULK_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/multi_row_insert.h"
#include "io/mysql_connection.h"
#include "io/row_batch.h"
#include "io/value_change.h"

struct st_mysql_stmt;
struct st_mysql_bind;

namespace migrate::io {

enum class WriteMode {
  kInsert,
  // INSERT ... ON DUPLICATE KEY UPDATE: rows whose key exists are updated (delta replays).
  kUpsert,
};

// Column-wise parameter arrays of a batch for array binding: entry column * rows + row, pointing
// into the batch's arena (valid while the batch is unchanged).
struct BindArrays {
  std::vector<char*> values;
  std::vector<unsigned long> lengths;
  std::vector<char> indicators;
};

// Fills `arrays` for every row of `batch` and sets `slice_starts` to the first row of each
// statement, so that each statement's values (with the protocol's per-value overhead) stay under
// `statement_limit` unless one row alone exceeds it. Pure: what BulkWriter sends, without a server.
void FillBindArrays(const RowBatch& batch, size_t statement_limit, BindArrays* arrays,
                    std::vector<size_t>* slice_starts);

struct BulkWriterOptions {
  // Empty means the connection's default database.
  std::string database;
  std::string table;
  // The destination columns, in the order of the batches' columns.
  std::vector<std::string> columns;
  WriteMode mode = WriteMode::kInsert;
  // kUpsert: the columns a duplicate key updates from the new row; empty means all `columns`.
  std::vector<std::string> update_columns;
  // Send multi-row INSERT text even when the server supports array binding.
  bool force_multi_row_insert = false;
  // Upper bound of one statement; the server's max_allowed_packet bounds it further. Measured with
  // tests/io/io_throughput: 1 MiB statements load about 3 times faster than 16 MiB ones through
  // multi-row INSERT and somewhat faster through array binding (the server digests smaller ones better).
  size_t max_statement_bytes = 1 << 20;
};

class BulkWriter {
 public:
  static absl::StatusOr<std::unique_ptr<BulkWriter>> Create(MysqlConnection& connection, BulkWriterOptions options);

  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;
  ~BulkWriter();

  // Writes every row of `batch`, whose column count must match the options' columns.
  absl::Status Write(const RowBatch& batch);

  // True while array binding is in use; false after a fallback or when forced.
  bool uses_array_binding() const { return stmt_ != nullptr; }

  // Rows the server reported changed by the last Write (an upserted existing row counts 2).
  uint64_t affected_rows() const { return affected_rows_; }

  const std::string& table() const { return options_.table; }
  // The destination columns written, in the batches' order.
  const std::vector<std::string>& columns() const { return options_.columns; }

  // The values the last Write made the server change, by row of its batch.
  const ValueChanges& value_changes() const { return value_changes_; }

 private:
  BulkWriter(MysqlConnection& connection, BulkWriterOptions options, size_t statement_limit);

  absl::Status PrepareArrayBinding();
  absl::Status WriteArrays(const RowBatch& batch);
  absl::Status ExecuteSlice(const RowBatch& batch, size_t first_row, size_t row_count);
  absl::Status WriteMultiRow(const RowBatch& batch, size_t first_row);
  absl::Status StatementError() const;
  void CloseStatement();

  MysqlConnection& connection_;
  BulkWriterOptions options_;
  size_t statement_limit_;
  std::string insert_head_;
  std::string upsert_tail_;
  MultiRowInsert multi_row_;
  st_mysql_stmt* stmt_ = nullptr;
  bool executed_once_ = false;
  BindArrays arrays_;
  std::vector<size_t> slice_starts_;
  std::vector<st_mysql_bind> binds_;
  uint64_t affected_rows_ = 0;
  ValueChanges value_changes_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_BULK_WRITER_H_
