#include "mapping/handlers/php_truth.h"

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"

namespace migrate::mapping::php {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// is_numeric_string's whitespace: " \t\n\r\v\f".
absl::string_view TrimNumericWhitespace(absl::string_view text) {
  constexpr absl::string_view kWhitespace(" \t\n\r\v\f");
  const size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == absl::string_view::npos) return {};
  const size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(begin, end - begin + 1);
}

// [+-]? (digits ("." digits?)? | "." digits) ([eE] [+-]? digits)?
bool IsNumericTrimmed(absl::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < text.size() && IsDigit(text[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == text.size();
}

}  // namespace

bool IsNumeric(absl::string_view text) { return IsNumericTrimmed(TrimNumericWhitespace(text)); }

absl::string_view Trim(absl::string_view text) {
  constexpr absl::string_view kTrimmed(" \t\n\r\0\x0B", 6);
  const size_t begin = text.find_first_not_of(kTrimmed);
  if (begin == absl::string_view::npos) return {};
  const size_t end = text.find_last_not_of(kTrimmed);
  return text.substr(begin, end - begin + 1);
}

bool LooseEqualsInt(absl::string_view value, int64_t number) {
  const absl::string_view numeric = TrimNumericWhitespace(value);
  if (!IsNumericTrimmed(numeric)) return value == absl::StrCat(number);
  const std::string terminated(numeric);
  return std::strtod(terminated.c_str(), nullptr) == static_cast<double>(number);
}

}  // namespace migrate::mapping::php
