// Magento's date and IP address handlers. Dates are in UTC, the time zone Magento's tool runs in.
// - \Migration\Handler\ConvertTimestampToDate: on eav_attribute rows whose frontend_input is "date",
//   a truthy numeric value (PHP's is_numeric) is a Unix time and becomes "Y-m-d H:i:s".
// - \Migration\Handler\ConvertIp: a dotted IPv4 address becomes its unsigned 32-bit number
//   ("127.0.0.1" -> "2130706433"); a 4-byte binary address likewise; anything else (IPv6, NULL,
//   text) becomes 0, as PHP's (int) ip2long() gives.
// - \Migration\Handler\ConvertDateFormat: "<date_format>full|long|medium|short</date_format>" become
//   IntlDateFormatter's 0, 1, 2 and 3; NULL becomes "" as PHP's strtr() makes it.
// - \Migration\Handler\Timezone(offset): moves a date-time ("Y-m-d H:i:s") or an integer Unix time
//   by `offset` hours ("+3", "-5", "2"); falsy values and a falsy offset leave the field as it is.
//   An offset outside -14..+12 is Magento's error `Offset can have value between "-14" and "+12""`
//   (Magento's own check lets any negative offset through, a slip not copied here). Magento
//   decides by the column's type; the field's value decides here (digits: a Unix time), and a value
//   that is neither is Magento's `Provided datatype for field "<field>" is not supported`.
#include <arpa/inet.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {
namespace {

constexpr char kDateTimeFormat[] = "%Y-%m-%d %H:%M:%S";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string FormatUnixTime(int64_t seconds) {
  return absl::FormatTime(kDateTimeFormat, absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

class ConvertTimestampToDate : public Handler {
 public:
  ConvertTimestampToDate(size_t field, size_t frontend_input) : field_(field), frontend_input_(frontend_input) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view value = target.Value(row, field_);
      if (!php::Truthy(target.IsNull(row, field_), value) || !php::IsNumeric(value)) continue;
      if (target.IsNull(row, frontend_input_) || target.Value(row, frontend_input_) != "date") continue;
      const std::string number(value);
      // setTimestamp() takes an int: a fractional value is truncated.
      const int64_t seconds = static_cast<int64_t>(std::strtod(number.c_str(), nullptr));
      target.Set(row, field_, FormatUnixTime(seconds));
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t frontend_input_;
};

// A dotted-quad IPv4 address as PHP's filter_var(FILTER_VALIDATE_IP, FILTER_FLAG_IPV4) accepts it:
// four decimal parts 0-255 without leading zeros.
std::optional<uint32_t> ParseIpv4(absl::string_view text) {
  uint32_t address = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (text.empty() || text[0] != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    size_t length = 0;
    uint32_t number = 0;
    while (length < text.size() && length < 4 && IsDigit(text[length])) {
      number = number * 10 + static_cast<uint32_t>(text[length] - '0');
      ++length;
    }
    if (length == 0 || length > 3 || number > 255 || (length > 1 && text[0] == '0')) return std::nullopt;
    address = (address << 8) | number;
    text.remove_prefix(length);
  }
  if (!text.empty()) return std::nullopt;
  return address;
}

// A textual IPv6 address ("::12" is one, and four bytes long like a binary IPv4 address).
bool IsIpv6(absl::string_view text) {
  const std::string terminated(text);
  in6_addr address;
  return inet_pton(AF_INET6, terminated.c_str(), &address) == 1;
}

class ConvertIp : public Handler {
 public:
  explicit ConvertIp(size_t field) : field_(field) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view value = target.Value(row, field_);
      uint32_t address = 0;
      if (std::optional<uint32_t> dotted = ParseIpv4(value)) {
        address = *dotted;
      } else if (value.size() == 4 && !IsIpv6(value)) {
        for (char byte : value) address = (address << 8) | static_cast<unsigned char>(byte);
      }
      target.Set(row, field_, absl::StrCat(address));
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
};

class ConvertDateFormat : public Handler {
 public:
  explicit ConvertDateFormat(size_t field) : field_(field) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local std::string replaced;
    for (size_t row = 0; row < target.row_count(); ++row) {
      replaced = absl::StrReplaceAll(target.Value(row, field_),
                                     {{"<date_format>full</date_format>", "<date_format>0</date_format>"},
                                      {"<date_format>long</date_format>", "<date_format>1</date_format>"},
                                      {"<date_format>medium</date_format>", "<date_format>2</date_format>"},
                                      {"<date_format>short</date_format>", "<date_format>3</date_format>"}});
      target.Set(row, field_, replaced);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
};

class Timezone : public Handler {
 public:
  Timezone(size_t field, std::string field_name, int64_t offset_hours)
      : field_(field), field_name_(std::move(field_name)), offset_hours_(offset_hours) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    if (offset_hours_ == 0) return absl::OkStatus();
    const absl::Duration offset = absl::Hours(offset_hours_);
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view value = target.Value(row, field_);
      if (!php::Truthy(target.IsNull(row, field_), value)) continue;
      int64_t seconds = 0;
      if (absl::SimpleAtoi(value, &seconds)) {
        target.Set(row, field_, absl::StrCat(seconds + absl::ToInt64Seconds(offset)));
        continue;
      }
      absl::Time time;
      std::string error;
      if (!absl::ParseTime(kDateTimeFormat, value, absl::UTCTimeZone(), &time, &error)) {
        return absl::InvalidArgumentError(
            absl::StrCat("Provided datatype for field \"", field_name_, "\" is not supported"));
      }
      target.Set(row, field_, absl::FormatTime(kDateTimeFormat, time + offset, absl::UTCTimeZone()));
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::string field_name_;
  const int64_t offset_hours_;
};

}  // namespace

HandlerOrError MakeConvertTimestampToDate(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> frontend_input = args.Field("frontend_input");
  if (!frontend_input.ok()) return frontend_input.status();
  return std::make_unique<ConvertTimestampToDate>(*field, *frontend_input);
}

HandlerOrError MakeConvertIp(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<ConvertIp>(*field);
}

HandlerOrError MakeConvertDateFormat(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<ConvertDateFormat>(*field);
}

HandlerOrError MakeTimezone(const HandlerArgs& args) {
  absl::StatusOr<std::string> offset = args.Required("offset");
  if (!offset.ok()) return offset.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  int64_t hours = 0;
  if (php::Truthy(false, *offset)) {
    absl::string_view digits = *offset;
    const bool negative = absl::ConsumePrefix(&digits, "-");
    if (!negative) absl::ConsumePrefix(&digits, "+");
    if (!absl::SimpleAtoi(digits, &hours) || digits.empty() || digits[0] == '-' || digits[0] == '+' ||
        (!negative && hours > 12) || (negative && hours > 14)) {
      return args.Error("Offset can have value between \"-14\" and \"+12\"\"");
    }
    if (negative) hours = -hours;
  }
  return std::make_unique<Timezone>(*field, args.context().field, hours);
}

}  // namespace migrate::mapping::handlers
