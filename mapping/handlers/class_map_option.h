// The class map of a run: the class-map.xml file that the config option class_map names (found as
// ResolvePath() finds files), read once per file and shared by every handler that needs it
// (ClassMap, Placeholder, Rule\SerializedData).
#ifndef MIGRATE_MAPPING_HANDLERS_CLASS_MAP_OPTION_H_
#define MIGRATE_MAPPING_HANDLERS_CLASS_MAP_OPTION_H_

#include <memory>

#include "absl/status/statusor.h"
#include "mapping/class_map.h"
#include "mapping/handler_registry.h"

namespace migrate::mapping::handlers {

// The class map of args.context().config; errors name the handler's map file and line, with
// Magento's "Invalid map filename: <file>" when the option names no file.
absl::StatusOr<std::shared_ptr<const ClassMap>> ClassMapOption(const HandlerArgs& args);

// Magento's ClassMap::convertClassName(): the Magento 2 class of a class the map names (nullopt when
// it has no counterpart), or `name` itself when the map does not name it.
std::optional<std::string> ConvertClassName(const ClassMap& map, absl::string_view name);

}  // namespace migrate::mapping::handlers

#endif  // MIGRATE_MAPPING_HANDLERS_CLASS_MAP_OPTION_H_
