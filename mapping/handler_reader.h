// Reads a <handler class="..."><param name="..." value="..."/>...</handler> element, as map.xsd and
// settings.xsd define it, into a HandlerRef that remembers its file and line.
#ifndef MIGRATE_MAPPING_HANDLER_READER_H_
#define MIGRATE_MAPPING_HANDLER_READER_H_

#include "absl/status/statusor.h"
#include "mapping/handler_ref.h"
#include "mapping/xml_document.h"

namespace migrate::mapping {

enum class HandlerSchema {
  // map.xsd: class matches [0-9a-zA-Z_\\]+ and param names are unique.
  kMap,
  // settings.xsd: class matches [0-9a-zA-Z\\]+; repeated param names are allowed.
  kSettings,
};

absl::StatusOr<HandlerRef> ReadHandler(const XmlDocument& document, const XmlNode& handler,
                                       HandlerSchema schema);

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_HANDLER_READER_H_
