// Encodes the rows of one table into LOAD DATA text (generator/load_data_format.h) and hands them on in
// chunks of about `chunk_bytes`.
//
// Every row names its columns as it writes them, in the same order each time:
//   sink.Int("entity_id", 7).Text("sku", "ABC").Null("special_price").EndRow();
// The first row fixes the table's column list (columns()); a later row that names other columns,
// or another order, is a bug in the generator and turns status() into an error. Column names must
// be string literals (or otherwise outlive the sink).
#ifndef MIGRATE_SCRIPTS_GENERATOR_ROW_SINK_H_
#define MIGRATE_SCRIPTS_GENERATOR_ROW_SINK_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace migrate::generator {

class RowSink {
 public:
  using ChunkConsumer = std::function<void(std::string chunk)>;

  RowSink(std::string table, ChunkConsumer consumer, size_t chunk_bytes = 256 * 1024);

  RowSink(const RowSink&) = delete;
  RowSink& operator=(const RowSink&) = delete;

  RowSink& Int(const char* column, int64_t value);
  RowSink& Text(const char* column, absl::string_view value);
  RowSink& OptionalText(const char* column, const std::optional<std::string>& value);
  RowSink& Null(const char* column);
  // A DECIMAL(12,4) amount given in cents: 1234 -> "12.34".
  RowSink& Money(const char* column, int64_t cents);
  // A DECIMAL(12,4) value given in ten-thousandths: 12345 -> "1.2345".
  RowSink& Decimal4(const char* column, int64_t ten_thousandths);
  // A DATETIME or TIMESTAMP value, from seconds since 1970-01-01 00:00:00 UTC.
  RowSink& DateTime(const char* column, int64_t unix_seconds);
  // MySQL's zero date, which Magento 1 leaves in never-updated rows.
  RowSink& ZeroDateTime(const char* column);
  RowSink& EndRow();

  // Hands on the last partial chunk. Call once, after the last row.
  void Finish();

  const std::string& table() const { return table_; }
  // Fixed by the first row; empty until then.
  const std::vector<std::string>& columns() const { return columns_; }
  // Rows finished so far; safe to read from another thread.
  uint64_t rows() const { return rows_.load(std::memory_order_relaxed); }
  // The first column-order mistake, if any.
  const absl::Status& status() const { return status_; }

 private:
  // Starts a field: checks its column and writes the separator.
  void BeginField(const char* column);
  void AppendRaw(absl::string_view text);

  std::string table_;
  ChunkConsumer consumer_;
  size_t chunk_bytes_;
  std::string buffer_;
  std::vector<const char*> column_names_;
  std::vector<std::string> columns_;
  size_t field_ = 0;
  std::atomic<uint64_t> rows_{0};
  absl::Status status_;
};

// "YYYY-MM-DD HH:MM:SS" for seconds since 1970-01-01 00:00:00 UTC.
std::string FormatDateTime(int64_t unix_seconds);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_ROW_SINK_H_
