// The value handlers of settings.xml (core_config_data's value field):
// - \Migration\Handler\Settings\UrlSuffix: a truthy value not starting with '.' gets a leading '.'
//   ("html" -> ".html"); NULL, "" and "0" stay.
// - \Migration\Handler\Settings\CategoryRootId: a value equal to Magento 1's default root category
//   id 2 (PHP 8's loose ==: "2", " 2", "2.0") becomes NULL.
#include <string>

#include "absl/strings/str_cat.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {
namespace {

class UrlSuffix : public Handler {
 public:
  explicit UrlSuffix(size_t field) : field_(field) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local std::string dotted;
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view value = target.Value(row, field_);
      if (!php::Truthy(target.IsNull(row, field_), value) || value[0] == '.') continue;
      dotted.clear();
      dotted.push_back('.');
      dotted.append(value.data(), value.size());
      target.Set(row, field_, dotted);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
};

class CategoryRootId : public Handler {
 public:
  static constexpr int64_t kSourceDefaultCategoryId = 2;

  explicit CategoryRootId(size_t field) : field_(field) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      if (php::LooseEqualsInt(target.Value(row, field_), kSourceDefaultCategoryId)) {
        target.SetNull(row, field_);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
};

}  // namespace

HandlerOrError MakeSettingsUrlSuffix(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<UrlSuffix>(*field);
}

HandlerOrError MakeSettingsCategoryRootId(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<CategoryRootId>(*field);
}

}  // namespace migrate::mapping::handlers
