// \Migration\Handler\Convert(map, defaultValue = null): replaces values found in `map`, written
// "[from:to;from:to]" (brackets trimmed from the ends, each pair trimmed of PHP's whitespace, a later
// pair for the same key winning); a value not in the map becomes `defaultValue` when that param is
// truthy, else stays as it is. A NULL value looks up the key "" as PHP's array lookup does.
// A pair without exactly one ':' is Magento's "Invalid map provided to convert handler".
#include <string>
#include <utility>

#include "mapping/handlers/convert_map.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {
namespace {

class Convert : public Handler {
 public:
  Convert(size_t field, ConvertMap map, std::optional<std::string> default_value)
      : field_(field), map_(std::move(map)), default_value_(std::move(default_value)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      auto it = map_.find(target.Value(row, field_));
      if (it != map_.end()) {
        target.Set(row, field_, it->second);
      } else if (default_value_.has_value()) {
        target.Set(row, field_, *default_value_);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const ConvertMap map_;
  const std::optional<std::string> default_value_;
};

}  // namespace

HandlerOrError MakeConvert(const HandlerArgs& args) {
  absl::StatusOr<std::string> written = args.Required("map");
  if (!written.ok()) return written.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<ConvertMap> map = ParseConvertMap(args, *written);
  if (!map.ok()) return map.status();
  std::optional<std::string> default_value;
  const HandlerParam* fallback = args.Optional("defaultValue");
  if (fallback != nullptr && !fallback->IsNull() && php::Truthy(false, fallback->value)) {
    default_value = fallback->value;
  }
  return std::make_unique<Convert>(*field, *std::move(map), std::move(default_value));
}

}  // namespace migrate::mapping::handlers
