#include "generator/row_sink.h"

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "generator/load_data_format.h"

namespace migrate::generator {
namespace {

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
void CivilFromDays(int64_t days, int& year, int& month, int& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;
  day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
}

void AppendDigits(std::string& out, int value, int width) {
  char digits[8];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, width);
}

void AppendDateTime(std::string& out, int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  int64_t seconds = unix_seconds % 86400;
  if (seconds < 0) {
    seconds += 86400;
    --days;
  }
  int year, month, day;
  CivilFromDays(days, year, month, day);
  AppendDigits(out, year, 4);
  out.push_back('-');
  AppendDigits(out, month, 2);
  out.push_back('-');
  AppendDigits(out, day, 2);
  out.push_back(' ');
  AppendDigits(out, static_cast<int>(seconds / 3600), 2);
  out.push_back(':');
  AppendDigits(out, static_cast<int>(seconds / 60 % 60), 2);
  out.push_back(':');
  AppendDigits(out, static_cast<int>(seconds % 60), 2);
}

// A non-negative fixed-point number with `decimals` digits after the point.
void AppendFixed(std::string& out, int64_t scaled, int64_t scale, int decimals) {
  if (scaled < 0) {
    out.push_back('-');
    scaled = -scaled;
  }
  absl::StrAppend(&out, scaled / scale);
  out.push_back('.');
  AppendDigits(out, static_cast<int>(scaled % scale), decimals);
}

}  // namespace

RowSink::RowSink(std::string table, ChunkConsumer consumer, size_t chunk_bytes)
    : table_(std::move(table)), consumer_(std::move(consumer)), chunk_bytes_(chunk_bytes) {
  buffer_.reserve(chunk_bytes_ + 64 * 1024);
}

void RowSink::BeginField(const char* column) {
  const uint64_t row = rows_.load(std::memory_order_relaxed);
  if (row == 0) {
    column_names_.push_back(column);
    columns_.emplace_back(column);
  } else if (field_ >= column_names_.size() ||
             (column_names_[field_] != column && std::strcmp(column_names_[field_], column) != 0)) {
    if (status_.ok()) {
      status_ = absl::InternalError(absl::StrCat("generator bug: row ", row + 1, " of ", table_, " writes column ",
                                                 column, " as field ", field_ + 1, ", which the first row did not"));
    }
  }
  if (field_ > 0) buffer_.push_back('\t');
  ++field_;
}

void RowSink::AppendRaw(absl::string_view text) { buffer_.append(text.data(), text.size()); }

RowSink& RowSink::Int(const char* column, int64_t value) {
  BeginField(column);
  absl::StrAppend(&buffer_, value);
  return *this;
}

RowSink& RowSink::Text(const char* column, absl::string_view value) {
  BeginField(column);
  AppendLoadDataEscaped(buffer_, value);
  return *this;
}

RowSink& RowSink::OptionalText(const char* column, const std::optional<std::string>& value) {
  return value.has_value() ? Text(column, *value) : Null(column);
}

RowSink& RowSink::Null(const char* column) {
  BeginField(column);
  AppendRaw(kLoadDataNull);
  return *this;
}

RowSink& RowSink::Money(const char* column, int64_t cents) {
  BeginField(column);
  AppendFixed(buffer_, cents, 100, 2);
  return *this;
}

RowSink& RowSink::Decimal4(const char* column, int64_t ten_thousandths) {
  BeginField(column);
  AppendFixed(buffer_, ten_thousandths, 10000, 4);
  return *this;
}

RowSink& RowSink::DateTime(const char* column, int64_t unix_seconds) {
  BeginField(column);
  AppendDateTime(buffer_, unix_seconds);
  return *this;
}

RowSink& RowSink::ZeroDateTime(const char* column) {
  BeginField(column);
  AppendRaw("0000-00-00 00:00:00");
  return *this;
}

RowSink& RowSink::EndRow() {
  if (field_ != column_names_.size() && status_.ok()) {
    status_ = absl::InternalError(absl::StrCat("generator bug: row ", rows() + 1, " of ", table_, " has ", field_,
                                               " fields, the first row had ", column_names_.size()));
  }
  buffer_.push_back('\n');
  field_ = 0;
  rows_.fetch_add(1, std::memory_order_relaxed);
  if (buffer_.size() >= chunk_bytes_) {
    std::string chunk;
    chunk.reserve(chunk_bytes_ + 64 * 1024);
    chunk.swap(buffer_);
    consumer_(std::move(chunk));
  }
  return *this;
}

void RowSink::Finish() {
  if (!buffer_.empty()) consumer_(std::move(buffer_));
  buffer_.clear();
}

std::string FormatDateTime(int64_t unix_seconds) {
  std::string out;
  AppendDateTime(out, unix_seconds);
  return out;
}

}  // namespace migrate::generator
