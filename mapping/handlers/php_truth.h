// PHP's value semantics that handlers rely on, for cells read from the database (strings or NULL).
#ifndef MIGRATE_MAPPING_HANDLERS_PHP_TRUTH_H_
#define MIGRATE_MAPPING_HANDLERS_PHP_TRUTH_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "mapping/handler.h"

namespace migrate::mapping::php {

// if ($value): false for NULL, "" and "0".
inline bool Truthy(bool is_null, absl::string_view value) {
  return !is_null && !value.empty() && value != "0";
}

// Truthy() of a cell; PHP's empty() is its negation.
inline bool CellTruthy(const FieldValues& values, size_t row, size_t field) {
  return Truthy(values.IsNull(row, field), values.Value(row, field));
}

// PHP's trim() character set: " \t\n\r\0\x0B".
absl::string_view Trim(absl::string_view text);

// PHP 8's is_numeric() of a string: " \t\n\r\v\f" around, then
// [+-]? (digits ("." digits?)? | "." digits) ([eE] [+-]? digits)?.
bool IsNumeric(absl::string_view text);

// PHP 8's `$string == $integer` for a non-NULL string: numerically when the string is numeric
// (surrounding whitespace allowed, "2.0", "2e0"), else as strings.
bool LooseEqualsInt(absl::string_view value, int64_t number);

}  // namespace migrate::mapping::php

#endif  // MIGRATE_MAPPING_HANDLERS_PHP_TRUTH_H_
