// \Migration\Handler\SerializeToJson(migrateBrokenData = true, suppressWarning = false): rewrites a
// PHP-serialized value as JSON, json_encode(unserialize($value)) byte for byte (php_unserialize.h,
// php_json.h). NULL stays NULL; "" is unserialize's false, so "false".
// Data unserialize() rejects: with migrateBrokenData (any value but "true" turns it off, as in PHP's
// `== 'true'`) the field becomes NULL and, unless suppressWarning is "true", Magento's warning
// "Could not unserialize data of <document>.<field> with record id <id>" is given; without it the
// run stops with that message. Data json_encode() rejects (invalid UTF-8, INF/NAN, a value that
// contains itself) becomes "", what Magento writes for json_encode's false.
#include <string>

#include "mapping/handlers/broken_data_report.h"
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
  SerializeToJson(size_t field, bool migrate_broken_data, bool suppress_warning, const HandlerContext& context)
      : field_(field),
        migrate_broken_data_(migrate_broken_data),
        suppress_warning_(suppress_warning),
        broken_data_(context) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local php::Unserializer unserializer;
    thread_local php::JsonEncoder encoder;
    thread_local std::string json;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      if (!unserializer.Parse(target.Value(row, field_))) {
        if (!migrate_broken_data_) return broken_data_.Error(target, row);
        if (!suppress_warning_) broken_data_.Warn(target, row);
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
  const bool migrate_broken_data_;
  const bool suppress_warning_;
  const BrokenDataReport broken_data_;
};

}  // namespace

HandlerOrError MakeSerializeToJson(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<SerializeToJson>(*field,
                                           PhpTrueParam(args, "migrateBrokenData", true),
                                           PhpTrueParam(args, "suppressWarning", false),
                                           args.context());
}

}  // namespace migrate::mapping::handlers
