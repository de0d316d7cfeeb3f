// \Migration\Handler\Settings\Template: a configured email template (core_config_data's value) that
// is not a template id, i.e. not a PHP numeric string, takes the other side's value of the same
// field when that one is truthy (Magento 2's default template name, say); numeric ids stay.
#include <string>

#include "absl/strings/ascii.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {
namespace {

// PHP 8's is_numeric() of a string: whitespace around, a sign, digits with at most one '.', at least
// one digit, an exponent with digits.
bool IsNumeric(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
  size_t digits = 0;
  while (pos < text.size() && absl::ascii_isdigit(text[pos])) ++pos, ++digits;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && absl::ascii_isdigit(text[pos])) ++pos, ++digits;
  }
  if (digits == 0) return false;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    size_t exponent = pos + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    size_t exponent_digits = 0;
    while (exponent < text.size() && absl::ascii_isdigit(text[exponent])) ++exponent, ++exponent_digits;
    if (exponent_digits == 0) return false;
    pos = exponent;
  }
  return pos == text.size();
}

class Template : public Handler {
 public:
  Template(size_t field, std::optional<size_t> opposite_field)
      : field_(field), opposite_field_(opposite_field) {}

  absl::Status Handle(FieldValues& target, const FieldValues& opposite) const override {
    if (!opposite_field_.has_value()) return absl::OkStatus();
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (!target.IsNull(row, field_) && IsNumeric(target.Value(row, field_))) continue;
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
