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

std::string ChunkReader::PageQuery() const {
  std::vector<std::string> conditions;
  if (!last_key_.empty()) conditions.push_back(KeyAfterCondition(connection_, options_.key, last_key_));
  if (options_.range.upto.has_value()) {
    conditions.push_back(KeyUptoCondition(connection_, options_.key, *options_.range.upto));
  }
  if (!options_.filter.empty()) conditions.push_back(absl::StrCat("(", options_.filter, ")"));
  std::string sql = select_prefix_;
  if (!conditions.empty()) absl::StrAppend(&sql, " WHERE ", absl::StrJoin(conditions, " AND "));
  absl::StrAppend(&sql, " ORDER BY ", KeyOrder(options_.key), " LIMIT ", options_.batch_size);
  return sql;
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
  const std::string sql = PageQuery();
  MYSQL* mysql = connection_.handle();
  if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) return connection_.LastError();
  result_ = mysql_use_result(mysql);
  if (result_ == nullptr) return connection_.LastError();
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
    std::string sql = select_prefix_;
    if (!options_.filter.empty()) absl::StrAppend(&sql, " WHERE ", options_.filter);
    absl::Status status =
        connection_.Execute(absl::StrCat("SET SESSION net_write_timeout = ", kStreamWriteTimeoutSeconds));
    if (!status.ok()) return status;
    MYSQL* mysql = connection_.handle();
    if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) return connection_.LastError();
    result_ = mysql_use_result(mysql);
    if (result_ == nullptr) return connection_.LastError();
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
