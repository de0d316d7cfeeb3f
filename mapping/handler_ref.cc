#include "mapping/handler_ref.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace migrate::mapping {

absl::string_view HandlerRef::ClassKey() const {
  absl::string_view key = class_name;
  key.remove_prefix(std::min(key.find_first_not_of('\\'), key.size()));
  return key;
}

const HandlerParam* HandlerRef::Param(absl::string_view name) const {
  for (auto it = params.rbegin(); it != params.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

std::string HandlerRef::Location() const { return absl::StrCat(file, ":", line); }

}  // namespace migrate::mapping
