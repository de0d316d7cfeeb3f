// \Migration\Handler\FieldCopy(fieldCopy): copies the value of the same record's field `fieldCopy`
// into the handled field when that value is truthy in PHP (not NULL, "" or "0"); else leaves it.
#include <string>

#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {
namespace {

class FieldCopy : public Handler {
 public:
  FieldCopy(size_t field, size_t copied) : field_(field), copied_(copied) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view value = target.Value(row, copied_);
      if (php::Truthy(target.IsNull(row, copied_), value)) target.Set(row, field_, value);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t copied_;
};

}  // namespace

HandlerOrError MakeFieldCopy(const HandlerArgs& args) {
  absl::StatusOr<std::string> copied_name = args.Required("fieldCopy");
  if (!copied_name.ok()) return copied_name.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> copied = args.Field(*copied_name);
  if (!copied.ok()) return copied.status();
  return std::make_unique<FieldCopy>(*field, *copied);
}

}  // namespace migrate::mapping::handlers
