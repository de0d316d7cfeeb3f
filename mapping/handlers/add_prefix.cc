// \Migration\Handler\AddPrefix(prefix): prepends `prefix` to the field; NULL becomes the prefix alone.
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mapping/handlers/factories.h"

namespace migrate::mapping::handlers {
namespace {

class AddPrefix : public Handler {
 public:
  AddPrefix(size_t field, std::string prefix) : field_(field), prefix_(std::move(prefix)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local std::string prefixed;
    for (size_t row = 0; row < target.row_count(); ++row) {
      prefixed.assign(prefix_);
      const absl::string_view value = target.Value(row, field_);
      prefixed.append(value.data(), value.size());
      target.Set(row, field_, prefixed);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::string prefix_;
};

}  // namespace

HandlerOrError MakeAddPrefix(const HandlerArgs& args) {
  absl::StatusOr<std::string> prefix = args.Required("prefix");
  if (!prefix.ok()) return prefix.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<AddPrefix>(*field, *std::move(prefix));
}

}  // namespace migrate::mapping::handlers
