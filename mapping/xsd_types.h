// The simple types of Magento's XSDs (config.xsd, map.xsd, groups.xsd, class-map.xsd,
// settings.xsd), each as a predicate on an element's or attribute's text. XSD patterns match the
// whole value.
#ifndef MIGRATE_MAPPING_XSD_TYPES_H_
#define MIGRATE_MAPPING_XSD_TYPES_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace migrate::mapping::xsd {

// notEmptyString: minLength 1.
bool IsNotEmptyString(absl::string_view value);

// config.xsd stageType: [a-zA-Z][a-zA-Z0-9_\\]+ (a step class such as Migration\Step\Map\Data).
bool IsStageClass(absl::string_view value);

// config.xsd xmlFile: [-/A-Za-z0-9\._]+\.(xml|dist).
bool IsXmlFile(absl::string_view value);

// xs:int, after XSD's whitespace collapsing: an optional sign and digits within 32 bits.
std::optional<int> ParseInt(absl::string_view value);

// map.xsd handler class: [0-9a-zA-Z_\\]+.
bool IsMapHandlerClass(absl::string_view value);

// settings.xsd handler class: [0-9a-zA-Z\\]+ (no underscore).
bool IsSettingsHandlerClass(absl::string_view value);

// map.xsd fieldFormatType: [^.]+\.[^.]+ ("document.field").
bool IsFieldFormat(absl::string_view value);

// settings.xsd configPathType: [0-9a-zA-Z_/\\]+.
bool IsConfigPath(absl::string_view value);

// settings.xsd configPathTypeWithWildcard: [0-9a-zA-Z_/\\*]+.
bool IsConfigPathWithWildcard(absl::string_view value);

}  // namespace migrate::mapping::xsd

#endif  // MIGRATE_MAPPING_XSD_TYPES_H_
