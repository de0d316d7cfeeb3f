#include "io/chunk_reader.h"

#include <mysql.h>

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

// Long enough that a pipeline held back by backpressure (or a reader waiting for memory with a page
// half read) does not make the server drop the stream (the server's default is 60 s).
constexpr int kStreamWriteTimeoutSeconds = 24 * 3600;
// The most cells a batch's table is reserved for before its rows arrive (16 MiB of address space);
// a larger batch grows its table beyond.
constexpr size_t kReservedCells = size_t{1} << 20;

}  // namespace

ChunkReader::ChunkReader(MysqlConnection& connection, ChunkReaderOptions options)
    : connection_(connection), options_(std::move(options)) {
  std::vector<std::string> select_list;
  for (const std::string& column : options_.columns) select_list.push_back(QuoteIdentifier(column));
  for (const KeyColumn& key : options_.key) {
    auto found = std::find(options_.columns.begin(), options_.columns.end(), key.name);
    if (found != options_.columns.end()) {
      key_positions_.push_back(found - options_.columns.begin());
    } else {
      key_positions_.push_back(select_list.size());
      select_list.push_back(QuoteIdentifier(key.name));
    }
  }
  select_prefix_ = absl::StrCat("SELECT ", absl::StrJoin(select_list, ", "), " FROM ",
                                QualifiedName(options_.database, options_.table));
  if (options_.range.after.has_value()) last_key_ = *options_.range.after;
  if (options_.batch_size == 0) options_.batch_size = 1;
}

ChunkReader::~ChunkReader() { CloseResult(); }

void ChunkReader::CloseResult() {
  if (result_ != nullptr) mysql_free_result(result_);
  result_ = nullptr;
  pending_row_ = nullptr;
}

BoundSql ChunkReader::PageQuery() const {
  BoundSql query{select_prefix_, {}};
  const char* joiner = " WHERE ";
  if (!last_key_.empty()) {
    query.sql.append(joiner);
    query.Append(KeyAfterCondition(options_.key, last_key_));
    joiner = " AND ";
  }
  if (options_.range.upto.has_value()) {
    query.sql.append(joiner);
    query.Append(KeyUptoCondition(options_.key, *options_.range.upto));
    joiner = " AND ";
  }
  if (!options_.filter.empty()) {
    absl::StrAppend(&query.sql, joiner, "(", options_.filter, ")");
    query.values.insert(query.values.end(), options_.filter_values.begin(), options_.filter_values.end());
  }
  absl::StrAppend(&query.sql, " ORDER BY ", KeyOrder(options_.key), " LIMIT ", options_.batch_size);
  return query;
}

absl::Status ChunkReader::Open(const BoundSql& query) {
  if (prepared_ == nullptr || prepared_sql_ != query.sql) {
    prepared_.reset();
    absl::StatusOr<std::unique_ptr<PreparedQuery>> prepared = PreparedQuery::Prepare(connection_, query.sql);
    if (!prepared.ok()) return WithContext(prepared.status(), absl::StrCat("reading ", options_.table));
    prepared_ = std::move(*prepared);
    prepared_sql_ = query.sql;
  }
  if (absl::Status status = prepared_->Send(query.values); !status.ok()) {
    return WithContext(status, absl::StrCat("reading ", options_.table));
  }
  result_ = mysql_use_result(connection_.handle());
  if (result_ == nullptr) return connection_.LastError();
  return absl::OkStatus();
}

absl::StatusOr<bool> ChunkReader::Next(RowBatch* batch) {
  batch->Reset(options_.columns.size());
  if (exhausted_) return false;
  return keyed() ? NextKeyedPage(batch) : NextStreamed(batch);
}

absl::Status ChunkReader::OpenPage() {
  for (const std::optional<Key>& bound : {options_.range.after, options_.range.upto}) {
    if (bound.has_value() && bound->size() != options_.key.size()) {
      return absl::InvalidArgumentError(absl::StrCat("a key bound of ", options_.table, " has ", bound->size(),
                                                     " values for ", options_.key.size(), " key columns"));
    }
  }
  if (rows_read_ == 0 && options_.admit_row) {
    absl::Status status =
        connection_.Execute(absl::StrCat("SET SESSION net_write_timeout = ", kStreamWriteTimeoutSeconds));
    if (!status.ok()) return status;
  }
  if (absl::Status status = Open(PageQuery()); !status.ok()) return status;
  page_rows_ = 0;
  return absl::OkStatus();
}

absl::StatusOr<bool> ChunkReader::NextKeyedPage(RowBatch* batch) {
  while (true) {
    if (result_ == nullptr) {
      if (absl::Status opened = OpenPage(); !opened.ok()) return opened;
    }
    absl::StatusOr<bool> drained = Drain(batch, /*track_key=*/true);
    if (!drained.ok()) return drained.status();
    if (!*drained) {
      // Every row of the page is taken and only its end is left: the connection is free again.
      if (page_rows_ == options_.batch_size) CloseResult();
      return true;
    }
    CloseResult();
    // A short page is the range's last; a full one may have been taken by earlier batches.
    if (page_rows_ < options_.batch_size) exhausted_ = true;
    if (exhausted_ || !batch->empty()) return !batch->empty();
  }
}

absl::StatusOr<bool> ChunkReader::NextStreamed(RowBatch* batch) {
  if (result_ == nullptr) {
    BoundSql query{select_prefix_, options_.filter_values};
    if (!options_.filter.empty()) absl::StrAppend(&query.sql, " WHERE ", options_.filter);
    absl::Status status =
        connection_.Execute(absl::StrCat("SET SESSION net_write_timeout = ", kStreamWriteTimeoutSeconds));
    if (!status.ok()) return status;
    if (status = Open(query); !status.ok()) return status;
  }
  absl::StatusOr<bool> drained = Drain(batch, /*track_key=*/false);
  if (!drained.ok()) return drained.status();
  if (*drained) {
    CloseResult();
    exhausted_ = true;
  }
  return !batch->empty();
}

absl::StatusOr<bool> ChunkReader::Drain(RowBatch* batch, bool track_key) {
  const size_t column_count = options_.columns.size();
  MYSQL* mysql = connection_.handle();
  while (batch->row_count() < options_.batch_size) {
    MYSQL_ROW row = pending_row_;
    pending_row_ = nullptr;
    if (row == nullptr) row = mysql_fetch_row(result_);
    if (row == nullptr) {
      if (mysql_errno(mysql) != 0) {
        absl::Status error = connection_.LastError();
        CloseResult();
        return WithContext(error, absl::StrCat("reading ", options_.table));
      }
      return true;
    }
    const unsigned long* lengths = mysql_fetch_lengths(result_);
    if (options_.admit_row) {
      size_t value_bytes = 0;
      for (size_t i = 0; i < column_count; ++i) value_bytes += lengths[i];
      if (!options_.admit_row(value_bytes) && !batch->empty()) {
        pending_row_ = row;
        return false;
      }
    }
    // The cell table of a whole batch at once, after admit_row (which may give the batch's storage
    // back while it waits): grown row by row, it was copied and its fresh memory touched again at
    // every doubling. Only address space until rows fill it.
    if (batch->empty()) {
      batch->Reserve(std::min(options_.batch_size, kReservedCells / std::max<size_t>(1, column_count)));
    }
    for (size_t i = 0; i < column_count; ++i) {
      if (row[i] == nullptr) {
        batch->AddNull();
      } else {
        batch->AddValue(absl::string_view(row[i], lengths[i]));
      }
    }
    batch->FinishRow();
    if (track_key) {
      last_key_.resize(key_positions_.size());
      for (size_t k = 0; k < key_positions_.size(); ++k) {
        const size_t at = key_positions_[k];
        if (row[at] == nullptr) {
          CloseResult();
          return absl::FailedPreconditionError(
              absl::StrCat("key column ", options_.key[k].name, " of ", options_.table, " holds NULL"));
        }
        last_key_[k].assign(row[at], lengths[at]);
      }
    }
    ++rows_read_;
    ++page_rows_;
  }
  return false;
}

}  // namespace migrate::io
