// Writing a constant, possibly NULL, to a field: the cell write that handlers setting a value or NULL
// share, and the handler setting one constant in every row (SetValue, SetDefaultWebsiteId).
#ifndef MIGRATE_MAPPING_HANDLERS_SET_CONSTANT_H_
#define MIGRATE_MAPPING_HANDLERS_SET_CONSTANT_H_

#include <memory>
#include <optional>
#include <string>

#include "mapping/handler.h"

namespace migrate::mapping::handlers {

// Sets the cell to `value`, or to NULL when `value` is nullopt.
inline void SetOrNull(FieldValues& values, size_t row, size_t field, const std::optional<std::string>& value) {
  if (value.has_value()) {
    values.Set(row, field, *value);
  } else {
    values.SetNull(row, field);
  }
}

// A handler setting `field` to `value` (nullopt: NULL) in every row.
std::unique_ptr<const Handler> MakeSetConstant(size_t field, std::optional<std::string> value);

}  // namespace migrate::mapping::handlers

#endif  // MIGRATE_MAPPING_HANDLERS_SET_CONSTANT_H_
