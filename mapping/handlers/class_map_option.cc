#include "mapping/handlers/class_map_option.h"

#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "mapping/config.h"

namespace migrate::mapping::handlers {

absl::StatusOr<std::shared_ptr<const ClassMap>> ClassMapOption(const HandlerArgs& args) {
  const Config* config = args.context().config;
  const std::string option = config == nullptr ? "" : config->options().class_map();
  if (option.empty()) return args.Error("Invalid map filename: (class_map option not set)");
  absl::StatusOr<std::string> path = ResolvePath(*config, option);
  if (!path.ok()) return args.Error(absl::StrCat("Invalid map filename: ", path.status().message()));

  static std::mutex mutex;
  static auto* read = new absl::flat_hash_map<std::string, std::shared_ptr<const ClassMap>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = read->find(*path);
  if (it != read->end()) return it->second;
  absl::StatusOr<ClassMap> map = ClassMap::Read(*path);
  if (!map.ok()) return map.status();
  auto shared = std::make_shared<const ClassMap>(*std::move(map));
  read->emplace(*path, shared);
  return shared;
}

std::optional<std::string> ConvertClassName(const ClassMap& map, absl::string_view name) {
  if (!map.Has(name)) return std::string(name);
  std::string converted = map.Convert(name);
  if (converted.empty()) return std::nullopt;
  return converted;
}

}  // namespace migrate::mapping::handlers
