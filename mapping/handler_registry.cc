#include "mapping/handler_registry.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace migrate::mapping {

absl::StatusOr<std::string> HandlerArgs::Required(absl::string_view name) const {
  const HandlerParam* param = ref_.Param(name);
  if (param == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(ref_.Location(), ": handler ", ref_.class_name, " needs param ", name));
  }
  return param->value;
}

absl::StatusOr<size_t> HandlerArgs::HandledField() const { return Field(context_.field); }

absl::StatusOr<size_t> HandlerArgs::Field(absl::string_view name) const {
  std::optional<size_t> index = context_.FieldIndex(name);
  if (!index.has_value()) {
    return Error(absl::StrCat(name, " field not found in the record of ", context_.document));
  }
  return *index;
}

absl::Status HandlerArgs::Error(absl::string_view message) const {
  return absl::InvalidArgumentError(
      absl::StrCat(ref_.Location(), ": handler ", ref_.class_name, ": ", message));
}

const HandlerRegistry& HandlerRegistry::Default() {
  static const HandlerRegistry* registry = [] {
    auto* built = new HandlerRegistry;
    RegisterDefaultHandlers(*built);
    return built;
  }();
  return *registry;
}

void HandlerRegistry::Register(absl::string_view class_key, HandlerFactory factory) {
  factories_.insert_or_assign(std::string(class_key), std::move(factory));
}

absl::StatusOr<std::unique_ptr<const Handler>> HandlerRegistry::Create(
    const HandlerRef& ref, const HandlerContext& context) const {
  auto it = factories_.find(ref.ClassKey());
  if (it == factories_.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat(ref.Location(), ": unknown handler class ", ref.class_name));
  }
  return it->second(HandlerArgs(ref, context));
}

std::vector<std::string> HandlerRegistry::KnownClasses() const {
  std::vector<std::string> keys;
  keys.reserve(factories_.size());
  for (const auto& [key, factory] : factories_) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace migrate::mapping
