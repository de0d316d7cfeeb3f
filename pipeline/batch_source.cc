#include "pipeline/batch_source.h"

#include <utility>

#include "io/retry.h"

namespace migrate::pipeline {
namespace {

// The most a value's length prefix takes in a row packet of the client library's buffer.
constexpr size_t kPacketBytesPerValue = 9;

}  // namespace

absl::StatusOr<bool> ResumingBatchSource::Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission& admit) {
  int reconnects = 0;
  while (true) {
    if (!open_) {
      if (absl::Status opened = reader_.Open(read_after_); !opened.ok()) return opened;
      open_ = true;
    }
    absl::StatusOr<bool> more = reader_.Next(rows, last_key, admit);
    if (more.ok()) {
      if (*more && options_.keyed) read_after_ = *last_key;
      return more;
    }
    if (io::WhatRetryFixes(more.status()) != io::RetryKind::kReconnect || !options_.keyed ||
        reconnects >= options_.attempts) {
      return more;
    }
    ++reconnects;
    Close();
    if (absl::Status opened = reader_.Open(read_after_); !opened.ok()) return opened;
    open_ = true;
    options_.Reconnected("source", "reading", more.status());
  }
}

void ResumingBatchSource::Close() {
  if (open_) reader_.Close();
  open_ = false;
}

absl::Status ChunkSourceReader::Open(const std::optional<io::Key>& after) {
  Close();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections_.OpenSource();
  if (!connection.ok()) return connection.status();
  connection_ = std::move(*connection);
  io::ChunkReaderOptions options;
  options.database = plan_.source.database;
  options.table = plan_.source.name;
  options.columns = plan_.source_columns;
  options.key = plan_.key;
  options.range = io::KeyRange{after, range_.upto};
  options.filter = plan_.filter;
  options.batch_size = batch_size_;
  options.admit_row = [this](size_t value_bytes) { return AdmitRow(value_bytes); };
  reader_ = std::make_unique<io::ChunkReader>(*connection_, std::move(options));
  return absl::OkStatus();
}

void ChunkSourceReader::Close() {
  reader_.reset();
  connection_.reset();
  if (memory_ != nullptr) memory_->Release(connection_bytes_);
  connection_bytes_ = 0;
}

bool ChunkSourceReader::AdmitRow(size_t value_bytes) {
  if (memory_ != nullptr) {
    const size_t row_buffer = value_bytes + kPacketBytesPerValue * plan_.source_columns.size();
    if (row_buffer > connection_bytes_) {
      memory_->Charge(row_buffer - connection_bytes_);
      connection_bytes_ = row_buffer;
    }
  }
  return !*admit_ || (*admit_)(value_bytes, connection_bytes_);
}

absl::StatusOr<bool> ChunkSourceReader::Next(io::RowBatch* rows, io::Key* last_key, const RowAdmission& admit) {
  admit_ = &admit;
  absl::StatusOr<bool> more = reader_->Next(rows);
  admit_ = nullptr;
  if (more.ok() && *more) *last_key = reader_->last_key();
  return more;
}

}  // namespace migrate::pipeline
