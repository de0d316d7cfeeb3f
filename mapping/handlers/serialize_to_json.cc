// \Migration\Handler\SerializeToJson(migrateBrokenData = true, suppressWarning = false): rewrites a
// PHP-serialized value as JSON, json_encode(unserialize($value)) byte for byte (php_unserialize.h,
// php_json.h). NULL stays NULL; "" is unserialize's false, so "false".
// Data unserialize() rejects: with migrateBrokenData (any value but "true" turns it off, as in PHP's
// `== 'true'`) the field becomes NULL and, unless suppressWarning is "true", Magento's warning
// "Could not unserialize data of <document>.<field> with record id <id>" is given; without it the
// run stops with that message. Data json_encode() rejects (invalid UTF-8, INF/NAN, a value that
// contains itself) becomes "", what Magento writes for json_encode's false.
#include <string>

#include "absl/strings/str_cat.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_json.h"
#include "mapping/handlers/php_unserialize.h"

namespace migrate::mapping::handlers {
namespace {

bool PhpTrueParam(const HandlerArgs& args, absl::string_view name, bool absent) {
  const HandlerParam* param = args.Optional(name);
  if (param == nullptr) return absent;
  return param->value == "true";
}

class SerializeToJson : public Handler {
 public:
  SerializeToJson(size_t field, std::optional<size_t> id_field, bool migrate_broken_data,
                  bool suppress_warning, const HandlerContext& context)
      : field_(field),
        id_field_(id_field),
        migrate_broken_data_(migrate_broken_data),
        suppress_warning_(suppress_warning),
        document_(context.document),
        field_name_(context.field),
        warn_(context.warn) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local php::Unserializer unserializer;
    thread_local php::JsonEncoder encoder;
    thread_local std::string json;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      if (!unserializer.Parse(target.Value(row, field_))) {
        const std::string message = absl::StrCat(
            "Could not unserialize data of ", document_, ".", field_name_, " with record id ",
            id_field_.has_value() ? target.Value(row, *id_field_) : absl::string_view());
        if (!migrate_broken_data_) return absl::DataLossError(message);
        if (!suppress_warning_ && warn_) warn_(message);
        target.SetNull(row, field_);
        continue;
      }
      if (!encoder.Encode(unserializer, json)) json.clear();
      target.Set(row, field_, json);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::optional<size_t> id_field_;
  const bool migrate_broken_data_;
  const bool suppress_warning_;
  const std::string document_;
  const std::string field_name_;
  const std::function<void(absl::string_view)> warn_;
};

}  // namespace

HandlerOrError MakeSerializeToJson(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  std::optional<size_t> id_field;
  if (!args.context().id_field.empty()) id_field = args.context().FieldIndex(args.context().id_field);
  return std::make_unique<SerializeToJson>(*field, id_field,
                                           PhpTrueParam(args, "migrateBrokenData", true),
                                           PhpTrueParam(args, "suppressWarning", false),
                                           args.context());
}

}  // namespace migrate::mapping::handlers
