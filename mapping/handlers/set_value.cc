// \Migration\Handler\SetValue(value): sets the field to the constant `value` in every row; the value
// "NULL" sets SQL NULL.
#include <string>
#include <utility>

#include "mapping/handlers/factories.h"

namespace migrate::mapping::handlers {
namespace {

class SetValue : public Handler {
 public:
  SetValue(size_t field, std::optional<std::string> value) : field_(field), value_(std::move(value)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (value_.has_value()) {
        target.Set(row, field_, *value_);
      } else {
        target.SetNull(row, field_);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::optional<std::string> value_;
};

}  // namespace

HandlerOrError MakeSetValue(const HandlerArgs& args) {
  absl::StatusOr<std::string> value = args.Required("value");
  if (!value.ok()) return value.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  std::optional<std::string> constant;
  if (!args.Optional("value")->IsNull()) constant = *std::move(value);
  return std::make_unique<SetValue>(*field, std::move(constant));
}

}  // namespace migrate::mapping::handlers
