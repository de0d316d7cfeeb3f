// \Migration\Handler\Settings\Template: a configured email template (core_config_data's value) that
// is not a template id, i.e. not a PHP numeric string, takes the other side's value of the same
// field when that one is truthy (Magento 2's default template name, say); numeric ids stay.
#include <string>

#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {
namespace {

class Template : public Handler {
 public:
  Template(size_t field, std::optional<size_t> opposite_field)
      : field_(field), opposite_field_(opposite_field) {}

  absl::Status Handle(FieldValues& target, const FieldValues& opposite) const override {
    if (!opposite_field_.has_value()) return absl::OkStatus();
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (!target.IsNull(row, field_) && php::IsNumeric(target.Value(row, field_))) continue;
      const absl::string_view other = opposite.Value(row, *opposite_field_);
      if (!php::Truthy(opposite.IsNull(row, *opposite_field_), other)) continue;
      target.Set(row, field_, other);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::optional<size_t> opposite_field_;
};

}  // namespace

HandlerOrError MakeSettingsTemplate(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<Template>(*field, args.context().OppositeFieldIndex(args.context().field));
}

}  // namespace migrate::mapping::handlers
