// The value maps of Convert and ConvertEavValue, written "[from:to;from:to]" in map files.
#ifndef MIGRATE_MAPPING_HANDLERS_CONVERT_MAP_H_
#define MIGRATE_MAPPING_HANDLERS_CONVERT_MAP_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/handler_registry.h"

namespace migrate::mapping::handlers {

using ConvertMap = absl::flat_hash_map<std::string, std::string>;

// Magento's parsing of `written`: brackets trimmed from the ends, pairs split on ';', each pair
// trimmed of PHP's whitespace and split on ':', a later pair for the same key winning. A pair without
// exactly one ':' is `args`' error "Invalid map provided to convert handler".
absl::StatusOr<ConvertMap> ParseConvertMap(const HandlerArgs& args, absl::string_view written);

}  // namespace migrate::mapping::handlers

#endif  // MIGRATE_MAPPING_HANDLERS_CONVERT_MAP_H_
