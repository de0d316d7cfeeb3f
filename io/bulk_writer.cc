#include "io/bulk_writer.h"

#include <mysql.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/array_binding.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

// Room for the protocol's own bytes around a statement's text or parameters.
constexpr size_t kPacketHeadroom = 4096;
// Per value in a bulk request: an indicator byte and a length of up to 9 bytes.
constexpr size_t kBulkValueOverhead = 10;
// ER_BAD_NULL_ERROR: an error for array binding, a warning (and the default stored) for a multi-row
// INSERT.
constexpr unsigned int kBadNull = 1048;

std::string QuotedList(const std::vector<std::string>& names) {
  return absl::StrJoin(names, ", ", [](std::string* out, const std::string& name) {
    out->append(QuoteIdentifier(name));
  });
}

// " ON DUPLICATE KEY UPDATE `a` = VALUES(`a`), ..." for kUpsert, else "".
std::string UpsertClause(const BulkWriterOptions& options) {
  if (options.mode != WriteMode::kUpsert) return "";
  const std::vector<std::string>& updated = options.update_columns.empty() ? options.columns : options.update_columns;
  return absl::StrCat(" ON DUPLICATE KEY UPDATE ",
                      absl::StrJoin(updated, ", ", [](std::string* out, const std::string& name) {
                        const std::string quoted = QuoteIdentifier(name);
                        absl::StrAppend(out, quoted, " = VALUES(", quoted, ")");
                      }));
}

}  // namespace

absl::StatusOr<std::unique_ptr<BulkWriter>> BulkWriter::Create(MysqlConnection& connection,
                                                               BulkWriterOptions options) {
  if (options.columns.empty()) return absl::InvalidArgumentError(absl::StrCat("no columns to write to ", options.table));
  absl::StatusOr<std::string> packet = connection.QueryScalar("SELECT @@max_allowed_packet");
  if (!packet.ok()) return packet.status();
  size_t max_allowed_packet = 0;
  if (!absl::SimpleAtoi(*packet, &max_allowed_packet) || max_allowed_packet <= 2 * kPacketHeadroom) {
    return absl::InternalError(absl::StrCat("unexpected max_allowed_packet ", *packet));
  }
  const size_t limit = std::min(options.max_statement_bytes, max_allowed_packet - kPacketHeadroom);
  std::unique_ptr<BulkWriter> writer(new BulkWriter(connection, std::move(options), limit));
  if (!writer->options_.force_multi_row_insert) {
    if (absl::Status status = writer->PrepareArrayBinding(); !status.ok()) return status;
  }
  return writer;
}

BulkWriter::BulkWriter(MysqlConnection& connection, BulkWriterOptions options, size_t statement_limit)
    : connection_(connection),
      options_(std::move(options)),
      statement_limit_(statement_limit),
      insert_head_(absl::StrCat("INSERT INTO ", QualifiedName(options_.database, options_.table), " (",
                                QuotedList(options_.columns), ") VALUES ")),
      upsert_tail_(UpsertClause(options_)),
      multi_row_(connection, insert_head_, upsert_tail_, statement_limit) {}

BulkWriter::~BulkWriter() { CloseStatement(); }

void BulkWriter::CloseStatement() {
  if (stmt_ != nullptr) mysql_stmt_close(stmt_);
  stmt_ = nullptr;
}

absl::Status BulkWriter::StatementError() const {
  return WithContext(MysqlError(mysql_stmt_errno(stmt_), mysql_stmt_error(stmt_), connection_.options().Describe()),
                     absl::StrCat("writing ", options_.table));
}

absl::Status BulkWriter::PrepareArrayBinding() {
  if (!ServerSupportsArrayBinding(connection_)) return absl::OkStatus();
  stmt_ = mysql_stmt_init(connection_.handle());
  if (stmt_ == nullptr) return connection_.LastError();
  std::vector<std::string> placeholders(options_.columns.size(), "?");
  const std::string sql = absl::StrCat(insert_head_, "(", absl::StrJoin(placeholders, ", "), ")", upsert_tail_);
  if (mysql_stmt_prepare(stmt_, sql.data(), sql.size()) != 0) {
    absl::Status error = StatementError();
    CloseStatement();
    return error;
  }
  binds_.resize(options_.columns.size());
  return absl::OkStatus();
}

absl::Status BulkWriter::Write(const RowBatch& batch) {
  affected_rows_ = 0;
  value_changes_.Clear();
  if (batch.column_count() != options_.columns.size()) {
    return absl::InvalidArgumentError(absl::StrCat("a batch of ", batch.column_count(), " columns for ",
                                                   options_.columns.size(), " columns of ", options_.table));
  }
  if (batch.empty()) return absl::OkStatus();
  if (stmt_ == nullptr) return WriteMultiRow(batch, 0);
  absl::Status status = WriteArrays(batch);
  if (!status.ok() && !executed_once_ && IsUnsupportedCommand(MysqlErrorNumber(status))) {
    // The server announced bulk support but refuses it (e.g. a proxy): multi-row INSERTs from now
    // on. A failed statement changed nothing, so the batch is simply sent again.
    CloseStatement();
    affected_rows_ = 0;
    value_changes_.Clear();
    return WriteMultiRow(batch, 0);
  }
  return status;
}

void FillBindArrays(const RowBatch& batch, size_t statement_limit, BindArrays* arrays,
                    std::vector<size_t>* slice_starts) {
  const size_t rows = batch.row_count();
  const size_t columns = batch.column_count();
  arrays->values.resize(rows * columns);
  arrays->lengths.resize(rows * columns);
  arrays->indicators.resize(rows * columns);
  slice_starts->clear();
  if (rows == 0) return;
  slice_starts->push_back(0);
  size_t slice_bytes = 0;
  // A few rows at a time, column by column within them: the arrays are written in runs and the
  // rows' cells stay in cache while they are read.
  // Raw pointers: stores through the char array could alias the vectors themselves.
  char** const values = arrays->values.data();
  unsigned long* const lengths = arrays->lengths.data();
  char* const indicators = arrays->indicators.data();
  constexpr size_t kTileRows = 64;
  size_t row_bytes[kTileRows];
  for (size_t first = 0; first < rows; first += kTileRows) {
    const size_t end = std::min(rows, first + kTileRows);
    std::fill(row_bytes, row_bytes + (end - first), columns * kBulkValueOverhead);
    for (size_t column = 0; column < columns; ++column) {
      const size_t base = column * rows;
      for (size_t row = first; row < end; ++row) {
        const absl::string_view value = batch.Value(row, column);
        values[base + row] = const_cast<char*>(value.data());
        lengths[base + row] = value.size();
        indicators[base + row] = batch.IsNull(row, column) ? STMT_INDICATOR_NULL : STMT_INDICATOR_NONE;
        row_bytes[row - first] += value.size();
      }
    }
    for (size_t row = first; row < end; ++row) {
      if (row > slice_starts->back() && slice_bytes + row_bytes[row - first] > statement_limit) {
        slice_starts->push_back(row);
        slice_bytes = 0;
      }
      slice_bytes += row_bytes[row - first];
    }
  }
}

absl::Status BulkWriter::WriteArrays(const RowBatch& batch) {
  const size_t rows = batch.row_count();
  FillBindArrays(batch, statement_limit_, &arrays_, &slice_starts_);
  for (size_t slice = 0; slice < slice_starts_.size(); ++slice) {
    const size_t first = slice_starts_[slice];
    const size_t end = slice + 1 < slice_starts_.size() ? slice_starts_[slice + 1] : rows;
    absl::Status status = ExecuteSlice(batch, first, end - first);
    // The failed statement changed nothing: its rows and the rest go as multi-row INSERTs, which
    // store the default.
    if (MysqlErrorNumber(status) == kBadNull) return WriteMultiRow(batch, first);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status BulkWriter::ExecuteSlice(const RowBatch& batch, size_t first_row, size_t row_count) {
  const size_t batch_rows = batch.row_count();
  for (size_t column = 0; column < binds_.size(); ++column) {
    MYSQL_BIND& bind = binds_[column];
    std::memset(&bind, 0, sizeof(bind));
    const size_t at = column * batch_rows + first_row;
    bind.buffer_type = MYSQL_TYPE_STRING;
    bind.buffer = &arrays_.values[at];
    bind.length = &arrays_.lengths[at];
    bind.u.indicator = &arrays_.indicators[at];
  }
  unsigned int array_size = static_cast<unsigned int>(row_count);
  if (mysql_stmt_attr_set(stmt_, STMT_ATTR_ARRAY_SIZE, &array_size) != 0 ||
      mysql_stmt_bind_param(stmt_, binds_.data()) != 0 || mysql_stmt_execute(stmt_) != 0) {
    return StatementError();
  }
  executed_once_ = true;
  affected_rows_ += mysql_stmt_affected_rows(stmt_);
  const int warnings = mysql_stmt_warning_count(stmt_);
  if (warnings <= 0) return absl::OkStatus();
  return CollectValueChanges(connection_, static_cast<unsigned int>(warnings), batch, options_.columns, first_row,
                             row_count, &value_changes_);
}

absl::Status BulkWriter::WriteMultiRow(const RowBatch& batch, size_t first_row) {
  for (size_t row = first_row; row < batch.row_count();) {
    absl::StatusOr<size_t> written = multi_row_.Execute(batch, row);
    if (!written.ok()) return WithContext(written.status(), absl::StrCat("writing ", options_.table));
    const size_t next = *written;
    affected_rows_ += multi_row_.affected_rows();
    if (const unsigned int warnings = multi_row_.warning_count(); warnings > 0) {
      if (absl::Status status =
              CollectValueChanges(connection_, warnings, batch, options_.columns, row, next - row, &value_changes_);
          !status.ok()) {
        return status;
      }
    }
    row = next;
  }
  return absl::OkStatus();
}

}  // namespace migrate::io
