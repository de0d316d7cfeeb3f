#include "mapping/handler.h"

#include <algorithm>

namespace migrate::mapping {
namespace {

std::optional<size_t> IndexOf(const std::vector<std::string>& names, absl::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<size_t>(it - names.begin());
}

}  // namespace

std::optional<size_t> HandlerContext::FieldIndex(absl::string_view name) const {
  return IndexOf(fields, name);
}

std::optional<size_t> HandlerContext::OppositeFieldIndex(absl::string_view name) const {
  return IndexOf(opposite_fields, name);
}

}  // namespace migrate::mapping
