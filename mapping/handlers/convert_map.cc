#include "mapping/handlers/convert_map.h"

#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {

absl::StatusOr<ConvertMap> ParseConvertMap(const HandlerArgs& args, absl::string_view written) {
  while (absl::ConsumeSuffix(&written, "]")) {}
  while (absl::ConsumePrefix(&written, "[")) {}
  ConvertMap map;
  for (absl::string_view pair : absl::StrSplit(written, ';')) {
    std::vector<absl::string_view> parts = absl::StrSplit(php::Trim(pair), ':');
    if (parts.size() != 2) return args.Error("Invalid map provided to convert handler");
    map.insert_or_assign(std::string(parts[0]), std::string(parts[1]));
  }
  return map;
}

}  // namespace migrate::mapping::handlers
