#include "mapping/handlers/set_constant.h"

#include <utility>

namespace migrate::mapping::handlers {
namespace {

class SetConstant : public Handler {
 public:
  SetConstant(size_t field, std::optional<std::string> value) : field_(field), value_(std::move(value)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) SetOrNull(target, row, field_, value_);
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::optional<std::string> value_;
};

}  // namespace

std::unique_ptr<const Handler> MakeSetConstant(size_t field, std::optional<std::string> value) {
  return std::make_unique<SetConstant>(field, std::move(value));
}

}  // namespace migrate::mapping::handlers
