// \Migration\Handler\SetValue(value): sets the field to the constant `value` in every row; the value
// "NULL" sets SQL NULL.
#include <string>
#include <utility>

#include "mapping/handlers/factories.h"
#include "mapping/handlers/set_constant.h"

namespace migrate::mapping::handlers {

HandlerOrError MakeSetValue(const HandlerArgs& args) {
  absl::StatusOr<std::string> value = args.Required("value");
  if (!value.ok()) return value.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  std::optional<std::string> constant;
  if (!args.Optional("value")->IsNull()) constant = *std::move(value);
  return MakeSetConstant(*field, std::move(constant));
}

}  // namespace migrate::mapping::handlers
